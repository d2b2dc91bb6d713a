"""Aftercare and return: the checklist from YAML, and the revictimisation signals that reopen the Meldcode."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Checkbox, Input, Static

from signaleer.domain import changes
from signaleer.domain.case import Case, ObservedSignal
from signaleer.domain.changes import Change
from signaleer.domain.followup import aftercare_checklist, aftercare_progress, revictimisation_signals
from signaleer.errors import SignaleerError
from signaleer.tui.followup.common import CaseChanged
from signaleer.tui.i18n import current_language, t
from signaleer.tui.screens import shell
from signaleer.tui.walk.reason_modal import ReasonModal


class NazorgPane(VerticalScroll):
    """Tick the aftercare points; tick a revictimisation signal (with a reason) to weigh again."""

    DEFAULT_CSS = """
    NazorgPane { padding: 0 1; }
    NazorgPane .section { text-style: bold; padding-top: 1; }
    NazorgPane Checkbox { border: none; padding: 0; height: auto; width: 1fr; }
    """

    def __init__(self, case: Case) -> None:
        super().__init__(id="nazorg-pane")
        self.case = case
        """The case shown; changed only through ``domain.changes``."""

    def compose(self) -> ComposeResult:
        """The checklist with its intro, then the revictimisation list with its framing."""
        content = shell(self).content
        lang = current_language()
        checklist = aftercare_checklist(content)
        if checklist is not None:
            yield Static(checklist.title.get(lang), classes="section")
            yield Static(checklist.intro.get(lang), classes="hint")
            yield Static("", id="progress")
            for item in checklist.items:
                yield Checkbox(item.text.get(lang), item.id in self.case.nazorg_checked, id=f"nazorg-{item.id}")
        lists = content.lists_for("revictimisatie")
        yield Static(lists[0].label.get(lang) if lists else t("nazorg.revictimisation"), classes="section")
        for lst in lists:
            yield Static(lst.framing.get(lang), classes="hint")
        yield Input(placeholder=t("nazorg.observation"), id="observation", max_length=2000)
        ticked = {s.signal_id for s in self.case.revictimisation_signals}
        for signal in revictimisation_signals(content):
            yield Checkbox(f"{signal.id} {signal.text(lang)}", signal.id in ticked, id=f"rv-{signal.id}")

    def on_mount(self) -> None:
        """Show the progress line."""
        self.refresh_case()

    def refresh_case(self) -> None:
        """Show how far the checklist is."""
        done, total = aftercare_progress(self.case, shell(self).content)
        for progress in self.query("#progress").results(Static):
            progress.update(t("nazorg.progress", done=done, total=total))

    def _set_box(self, box: Checkbox, value: bool) -> None:
        with box.prevent(Checkbox.Changed):
            box.value = value

    @on(Checkbox.Changed)
    def _toggled(self, event: Checkbox.Changed) -> None:
        box = event.checkbox
        if box.id and box.id.startswith("nazorg-"):
            self._nazorg(box, box.id.removeprefix("nazorg-"), event.value)
        elif box.id and box.id.startswith("rv-"):
            self._revictimisation(box, box.id.removeprefix("rv-"), event.value)

    @work(exclusive=True, group="nazorg-reason")
    async def _nazorg(self, box: Checkbox, item_id: str, done: bool) -> None:
        reason = ""
        if not done:
            question = t("nazorg.reason.untick", item=str(box.label))
            answer = await self.app.push_screen_wait(ReasonModal(question, t("followup.reason.intro"), []))
            if answer is None:
                self._set_box(box, True)
                return
            reason = answer
        changes.set_nazorg_point(self.case, item_id, done, reason)
        self.post_message(CaseChanged(t("followup.saved")))

    @work(exclusive=True, group="nazorg-reason")
    async def _revictimisation(self, box: Checkbox, signal_id: str, ticked: bool) -> None:
        key = "nazorg.reason.signal" if ticked else "nazorg.reason.remove"
        review = self._review(Change("signal_add", signal_id)) if ticked else []
        reason = await self.app.push_screen_wait(
            ReasonModal(t(key, signal=signal_id), t("followup.reason.intro"), review)
        )
        if reason is None:
            self._set_box(box, not ticked)
            return
        try:
            if ticked:
                observation = self.query_one("#observation", Input)
                signal = ObservedSignal(signal_id=signal_id, observation=observation.value.strip())
                changes.add_revictimisation_signal(self.case, signal, reason)
                observation.value = ""
                notice = t("nazorg.reopened")
            else:
                changes.remove_revictimisation_signal(self.case, signal_id, reason)
                notice = t("followup.saved")
        except SignaleerError as exc:
            self._set_box(box, not ticked)
            self.notify(exc.render(), severity="error")
            return
        self.post_message(CaseChanged(notice))

    def _review(self, change: Change) -> list[str]:
        """The afwegingen that will need review after ``change``, as their questions."""
        app = shell(self)
        kader = app.content.kader_for(self.case.sector)
        return [kader.question(qid).text.get(app.language) for qid in changes.what_depends_on(self.case, change)]
