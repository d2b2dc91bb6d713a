"""Aftercare and return: the checklist from YAML, and the revictimisation signals that reopen the Meldcode."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Input, Static

from signaleer.domain import changes
from signaleer.domain.case import Case, ObservedSignal
from signaleer.domain.changes import Change
from signaleer.domain.followup import aftercare_checklist, aftercare_progress, revictimisation_signals
from signaleer.errors import SignaleerError
from signaleer.i18n import current_language, t
from signaleer.tui.followup.common import CaseChanged
from signaleer.tui.screens import shell
from signaleer.tui.walk.reason_modal import ReasonModal
from signaleer.tui.widgets.tick_list import TickGroup, TickItem, TickList


class NazorgPane(VerticalScroll):
    """Tick the aftercare points; tick a revictimisation signal (with a reason) to weigh again.

    Both lists are ``TickList``s: a tick changes a mark, never the rows, so what the screen shows is what was
    saved. The observation of the highlighted revictimisation signal sits in a pane of a fixed height below it:
    typed before the tick, shown as saved after it.
    """

    DEFAULT_CSS = """
    NazorgPane { padding: 0 1; }
    NazorgPane .section { text-style: bold; padding-top: 1; }
    NazorgPane TickList { height: auto; max-height: 16; }
    NazorgPane #rv-pane { height: 4; border-left: thick $accent; padding: 0 0 0 1; }
    NazorgPane #rv-title { height: 1; text-style: bold; text-overflow: ellipsis; text-wrap: nowrap; }
    NazorgPane #rv-saved { height: 2; color: $success; }
    NazorgPane #rv-saved.-open { color: $text-muted; }
    """

    def __init__(self, case: Case) -> None:
        super().__init__(id="nazorg-pane")
        self.case = case
        """The case shown; changed only through ``domain.changes``."""
        self._typed_for: str | None = None
        """The signal the observation box was typed for (it is the observation of that signal's tick)."""

    def compose(self) -> ComposeResult:
        """The checklist with its intro, then the revictimisation list with its framing and observation pane."""
        content = shell(self).content
        lang = current_language()
        checklist = aftercare_checklist(content)
        if checklist is not None:
            yield Static(checklist.title.get(lang), classes="section")
            yield Static(checklist.intro.get(lang), classes="hint")
            yield Static("", id="progress")
            items = [TickItem(item.id, item.text.get(lang)) for item in checklist.items]
            group = TickGroup("nazorg", checklist.title.get(lang), items)
            yield TickList([group], self.case.nazorg_checked, count_label="{label} ({count})", id="nazorg-list")
        lists = content.lists_for("revictimisatie")
        yield Static(lists[0].label.get(lang) if lists else t("nazorg.revictimisation"), classes="section")
        for lst in lists:
            yield Static(lst.framing.get(lang), classes="hint")
        signals = [TickItem(s.id, f"{s.id} {s.text(lang)}") for s in revictimisation_signals(content)]
        label = lists[0].label.get(lang) if lists else t("nazorg.revictimisation")
        ticked = [s.signal_id for s in self.case.revictimisation_signals]
        yield TickList([TickGroup("rv", label, signals)], ticked, count_label="{label} ({count})", id="rv-list")
        with Vertical(id="rv-pane"):
            yield Static("", id="rv-title")
            yield Input(placeholder=t("nazorg.observation"), id="observation", max_length=2000, compact=True)
            yield Static("", id="rv-saved")

    def on_mount(self) -> None:
        """Show the progress line and the highlighted signal's observation."""
        self.refresh_case()
        self._show_signal()

    def refresh_case(self) -> None:
        """Show how far the checklist is."""
        done, total = aftercare_progress(self.case, shell(self).content)
        for progress in self.query("#progress").results(Static):
            progress.update(t("nazorg.progress", done=done, total=total))

    @property
    def rv_list(self) -> TickList:
        """The list of revictimisation signals."""
        return self.query_one("#rv-list", TickList)

    def _show_signal(self) -> None:
        """Fill the pane for the highlighted signal: the saved observation once ticked, else the box to type it."""
        signal_id = self.rv_list.highlighted_id
        saved = next((s for s in self.case.revictimisation_signals if s.signal_id == signal_id), None)
        self.query_one("#rv-title", Static).update(Content(self.rv_list.item(signal_id).text if signal_id else ""))
        observation = self.query_one("#observation", Input)
        status = self.query_one("#rv-saved", Static)
        observation.disabled = saved is not None
        status.set_class(saved is None, "-open")
        if saved is not None:
            with observation.prevent(Input.Changed):
                observation.value = saved.observation
            status.update(Content(t("walk.rv.saved") if saved.observation else t("walk.rv.saved_empty")))
        else:
            if observation.value and self._typed_for != signal_id:
                with observation.prevent(Input.Changed):
                    observation.value = ""
            status.update(t("walk.rv.open"))
        self._typed_for = signal_id

    @on(TickList.Moved, "#rv-list")
    def _moved(self, event: TickList.Moved) -> None:
        event.stop()
        self._show_signal()

    @on(TickList.Toggled)
    def _toggled(self, event: TickList.Toggled) -> None:
        event.stop()
        if event.tick_list.id == "nazorg-list":
            self._nazorg(event.tick_list, event.item_id, event.ticked)
        elif event.tick_list.id == "rv-list":
            self._revictimisation(event.tick_list, event.item_id, event.ticked)

    @work(exclusive=True, group="nazorg-reason")
    async def _nazorg(self, box: TickList, item_id: str, done: bool) -> None:
        reason = ""
        if not done:
            question = t("nazorg.reason.untick", item=box.item(item_id).text)
            answer = await self.app.push_screen_wait(ReasonModal(question, t("followup.reason.intro"), []))
            if answer is None:
                box.set_ticked(item_id, True)
                return
            reason = answer
        changes.set_nazorg_point(self.case, item_id, done, reason)
        self.refresh_case()
        self.post_message(CaseChanged(t("followup.saved")))

    @work(exclusive=True, group="nazorg-reason")
    async def _revictimisation(self, box: TickList, signal_id: str, ticked: bool) -> None:
        key = "nazorg.reason.signal" if ticked else "nazorg.reason.remove"
        review = self._review(Change("signal_add", signal_id)) if ticked else []
        reason = await self.app.push_screen_wait(
            ReasonModal(t(key, signal=signal_id), t("followup.reason.intro"), review)
        )
        if reason is None:
            box.set_ticked(signal_id, not ticked)
            return
        try:
            if ticked:
                observation = self.query_one("#observation", Input)
                text = observation.value.strip() if self._typed_for == signal_id else ""
                signal = ObservedSignal(signal_id=signal_id, observation=text)
                changes.add_revictimisation_signal(self.case, signal, reason)
                notice = t("nazorg.reopened")
            else:
                changes.remove_revictimisation_signal(self.case, signal_id, reason)
                notice = t("followup.saved")
        except SignaleerError as exc:
            box.set_ticked(signal_id, not ticked)
            self.notify(exc.render(), severity="error")
            return
        if not ticked:
            with self.query_one("#observation", Input).prevent(Input.Changed):
                self.query_one("#observation", Input).value = ""
        self._show_signal()
        self.post_message(CaseChanged(notice))

    def _review(self, change: Change) -> list[str]:
        """The afwegingen that will need review after ``change``, as their questions."""
        app = shell(self)
        kader = app.content.kader_for(self.case.sector)
        return [kader.question(qid).text.get(app.language) for qid in changes.what_depends_on(self.case, change)]
