"""Home: the case list (overdue first), new signalering, knowledge pages and settings."""

from __future__ import annotations

import datetime as dt
import textwrap
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, Static

from signaleer.domain.case import Case, CaseSummary
from signaleer.errors import SignaleerError
from signaleer.i18n import t
from signaleer.tui.actions import ActionSpec, register
from signaleer.tui.footer import ShellFooter
from signaleer.tui.screens import shell
from signaleer.tui.widgets.case_table import CaseTable

if TYPE_CHECKING:
    from signaleer.tui.session import HandoverRequest
    from signaleer.vault.store import CaseListing


ROW_LINES = 2
"""Lines per case in the list: the phase ('Stap 5 – Afwegen en beslissen') fits whole at 80 columns."""


def lines(text: str, width: int, count: int = ROW_LINES) -> str:
    """``text`` wrapped to ``width`` in at most ``count`` lines, ending in '…' when it is longer."""
    wrapped = textwrap.wrap(" ".join(text.split()), width) or [""]
    if len(wrapped) > count:
        last = wrapped[count - 1]
        wrapped = [*wrapped[: count - 1], (last[: width - 1] if len(last) >= width else last) + "…"]
    return "\n".join(wrapped)


def walk_screen(case: Case) -> Screen[None]:
    """The walk for ``case`` (imported on first use, so the case list shows sooner)."""
    from signaleer.tui.walk import WalkScreen

    return WalkScreen(case)


class HomeScreen(Screen[None]):
    """The start screen after unlocking."""

    ACTION_SCOPE: ClassVar[str] = "home"
    AUTO_FOCUS: ClassVar[str | None] = "#cases"
    """The case list has the focus, so Enter opens the selected case (not 'Nieuwe signalering')."""
    BINDINGS: ClassVar = register(
        ActionSpec("home.new_case", "new_case", "n", "action.new_case", "action.new_case.help"),
        ActionSpec("home.open_case", "open_case", "o", "action.open_case", "action.open_case.help", footer=False),
        ActionSpec("home.knowledge", "knowledge", "k", "action.knowledge", "action.knowledge.help", footer=False),
        ActionSpec("home.settings", "settings", "s", "action.settings", "action.settings.help", footer=False),
        ActionSpec("home.followup", "followup", "v", "action.followup", "action.followup.help", footer=False),
        ActionSpec("home.counts", "counts", "a", "action.counts", "action.counts.help", footer=False),
        ActionSpec("home.handover", "handover", "d", "action.handover", "action.handover.help", footer=False),
    )

    class Loaded(Message):
        """The case list was read from the vault."""

        def __init__(self, listing: CaseListing) -> None:
            super().__init__()
            self.listing = listing

    class Opened(Message):
        """A case was decrypted and can be shown."""

        def __init__(self, case: Case, followup: bool = False) -> None:
            super().__init__()
            self.case = case
            self.followup = followup

    class Failed(Message):
        """Reading the vault failed; ``text`` says why."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    def __init__(self) -> None:
        super().__init__()
        self.summaries: list[CaseSummary] = []
        """The cases shown, in list order."""
        self.problems: list[str] = []
        """One line per unreadable case file."""
        self.loaded = False
        """True once the list was read."""
        self._widths = {"pseudonym": 14, "gemeente": 10, "phase": 16, "next": 16, "due": 12}
        """Column widths; 'next' takes the room there is."""
        self._focus_list = True
        """Give the case list the focus when it arrives (on showing the screen, not on every reload)."""
        self._shown: object = None
        """What the table shows (widths, language, rows): a reload with the same rows leaves the table alone."""
        self._came_from: str | None = None
        """The case last opened from this list: coming back, the highlight goes to it (also to a new case)."""
        self._resumed_on: str | None = None
        """The case highlighted when the screen showed again: while it still is, the person has not moved."""
        self._shown_summaries: list[CaseSummary] = []
        """The cases the table draws, in its row order."""
        self._today = dt.date.today()
        """The day the shown rows were worded for (what is overdue)."""

    def compose(self) -> ComposeResult:
        """Title, the three main buttons, problem warnings, the case table and the footer."""
        with Horizontal(id="home-title"):
            yield Static(t("home.title"), classes="screen-title")
            yield Static(self._content_text(), id="content-line", classes="screen-title")
        with Horizontal(id="home-buttons"):
            yield Button(t("action.new_case"), id="new", variant="primary")
            yield Button(t("action.knowledge"), id="knowledge")
            yield Button(t("action.settings"), id="settings")
        yield Static("", id="problems", classes="warning-line")
        yield Static(t("home.loading"), id="empty")
        yield CaseTable(row_lines=ROW_LINES, id="cases")
        yield ShellFooter()

    def _content_text(self) -> str:
        """Which content is in use: the installed pack's version and date, or the bundled content.

        ``Services.pack``: the pack read when the content was loaded (one small JSON file, no crypto, no YAML)."""
        pack = shell(self).services.pack
        if pack is None:
            return t("home.content.bundled")
        day = dt.date.fromisoformat(pack.datum).strftime("%d-%m-%Y")
        return t("home.content.pack", version=pack.versie, date=day)

    def on_mount(self) -> None:
        """Set up the table; the list is read when the screen shows and after each save."""
        self._fill()

    def _cases_saved(self, _: None) -> None:
        # Only when this screen is on top: ``is_current`` is also true below the walk, whose every save
        # would then list the vault for a screen nobody sees. Coming back shows the saves (``on_screen_resume``).
        if self.app.screen is self:
            self.reload()

    def on_screen_resume(self) -> None:
        """Show the case list in the background, also when coming back from a case (cheap: ``VaultSession.listing``)."""
        saved = shell(self).cases_saved_signal
        saved.unsubscribe(self)  # never twice
        saved.subscribe(self, self._cases_saved)
        self._focus_list = True
        self._resumed_on = self._highlighted()
        ids = [summary.id for summary in self._shown_summaries] if self._came_from else []
        if self._came_from in ids:  # at once, so a key pressed before the list is read acts on this row
            table = self.query_one("#cases", CaseTable)
            table.cursor_row = ids.index(self._came_from)
            self._resumed_on = self._came_from
        self.reload()

    def _highlighted(self) -> str | None:
        """The id of the highlighted case, or None."""
        row = self.query_one("#cases", CaseTable).cursor_row
        return self._shown_summaries[row].id if 0 <= row < len(self._shown_summaries) else None

    def on_screen_suspend(self) -> None:
        """Covered by another screen: hear no saves until this screen shows again (``on_screen_resume`` reloads).

        A save heard here ran this screen's message loop under the walk; Textual composes the screen just below
        the top one (``App._background_screens``), and each time this one handled a message it repainted the
        whole terminal: one full repaint per save, that is per tick.
        """
        shell(self).cases_saved_signal.unsubscribe(self)

    async def recompose(self) -> None:
        """Rebuild in the new language and show the list again."""
        await super().recompose()
        self._shown = None  # a new, empty table
        self._fill()

    @work(thread=True, exclusive=True, exit_on_error=False, group="home")
    def reload(self) -> None:
        """Read the summaries (in a thread); only files changed by someone else are decrypted again."""
        session = shell(self).session
        if not session.unlocked:
            return
        try:
            self.post_message(self.Loaded(session.listing()))
        except SignaleerError as exc:
            self.post_message(self.Failed(exc.render()))

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        self.loaded = True
        self.summaries = list(message.listing.summaries)
        self.problems = [t("home.problem", name=p.name, message=p.message) for p in message.listing.problems]
        self._fill()
        table = self.query_one("#cases", CaseTable)
        if not self.summaries and self.focused is table:
            self.query_one("#new", Button).focus()  # nothing to open: Enter starts a new signalering
        elif self.summaries and (self._focus_list or self.focused is None):
            table.focus()  # back on the list (first time, or from a case): Enter opens the highlighted case
        self._focus_list = False

    def _fill(self) -> None:
        """Show ``summaries`` and ``problems`` in the widgets.

        The highlight stays on the case it was on: a reload lands a moment after the screen shows (and again
        after the walk's last save), and a person may have moved down the list by then; a table rebuilt with the
        cursor back on the first row made Enter open a case the person did not choose. Nothing is redrawn when
        the rows are the same as those shown. The table formats only the rows it draws (``_cells``).
        """
        table = self.query_one("#cases", CaseTable)
        self._widths["next"] = max(16, self.size.width - 64)
        today = dt.date.today()
        shown = (dict(self._widths), t("home.col.pseudonym"), today, self.summaries)
        if shown != self._shown:
            highlighted = self._highlighted()
            if self._came_from and highlighted == self._resumed_on:
                highlighted = self._came_from  # not moved since coming back: the case just worked on (maybe new)
            self._shown = shown
            self._shown_summaries = self.summaries
            self._today = today
            columns = [(t(f"home.col.{label}"), width) for label, width in self._widths.items()]
            ids = [summary.id for summary in self.summaries] if highlighted else []
            cursor = ids.index(highlighted) if highlighted in ids else 0
            table.show(columns, len(self.summaries), self._cells, cursor)
            self._resumed_on = self._highlighted() if highlighted == self._came_from else self._resumed_on
        overdue = sum(1 for summary in self.summaries if self._overdue(summary, today))
        lines = [t("home.overdue_count", count=overdue)] if overdue else []
        problems = self.query_one("#problems", Static)
        problems.update("\n".join([*lines, *self.problems]))
        problems.display = bool(lines or self.problems)
        empty = self.query_one("#empty", Static)
        empty.update(t("home.empty") if self.loaded else t("home.loading"))
        empty.display = not self.summaries

    def _cells(self, row: int) -> tuple[str, str, str, str, str]:
        return self._row(self._shown_summaries[row], self._today)

    def on_resize(self) -> None:
        """Give the 'next step' column the room there is."""
        self._fill()

    @staticmethod
    def _overdue(summary: CaseSummary, today: dt.date) -> bool:
        return summary.due is not None and summary.due < today and not summary.closed

    def _row(self, summary: CaseSummary, today: dt.date) -> tuple[str, str, str, str, str]:
        due = summary.due.strftime("%d-%m-%Y") if summary.due else ""
        if self._overdue(summary, today):
            due = f"! {due}"
        phase = t("home.closed") if summary.closed else summary.phase
        route = shell(self).content.municipality(summary.gemeente) if summary.gemeente else None
        gemeente = route.gemeente if route else summary.gemeente  # the name, not a file key like 'den_haag'
        return (
            lines(summary.pseudonym, self._widths["pseudonym"]),
            lines(gemeente or t("home.national"), self._widths["gemeente"]),
            lines(phase, self._widths["phase"]),
            lines(summary.next_action, self._widths["next"]),
            due,
        )

    @on(Failed)
    def _failed(self, message: Failed) -> None:
        self.notify(message.text, severity="error", timeout=10)

    @on(Button.Pressed, "#new")
    def action_new_case(self) -> None:
        """Start a new signalering with the short form."""
        from signaleer.tui.screens.new_case import NewCaseScreen

        self.app.push_screen(NewCaseScreen(), self._created)

    def _created(self, case: Case | None) -> None:
        if case is None:
            return
        shell(self).save_case(case)
        self._show_case(case)

    @on(CaseTable.Chosen, "#cases")
    def action_open_case(self) -> None:
        """Open the selected case."""
        table = self.query_one("#cases", CaseTable)
        if not self.summaries or table.cursor_row < 0:
            self.notify(t("home.nothing_selected"))
            return
        self._open(self.summaries[table.cursor_row].id)

    def action_followup(self) -> None:
        """Open the follow-up of the selected case: timeline, CoMensha, aftercare, export."""
        table = self.query_one("#cases", CaseTable)
        if not self.summaries or table.cursor_row < 0:
            self.notify(t("home.nothing_selected"))
            return
        self._open(self.summaries[table.cursor_row].id, followup=True)

    def action_handover(self) -> None:
        """Hand the selected case over to a colleague's vault (docs/overdracht.md)."""
        from signaleer.tui.screens.handover import HandoverScreen

        table = self.query_one("#cases", CaseTable)
        if not self.summaries or table.cursor_row < 0:
            self.notify(t("home.nothing_selected"))
            return
        summary = self.summaries[table.cursor_row]
        self.app.push_screen(HandoverScreen(summary), lambda request: self._hand_over(summary.id, request))

    def _hand_over(self, case_id: str, request: HandoverRequest | None) -> None:
        if request is not None:
            self.run_worker(shell(self).hand_over_case(case_id, request), group="handover", exit_on_error=False)

    def action_counts(self) -> None:
        """Show the anonymous counts for the municipality."""
        from signaleer.tui.followup import StatsScreen

        self.app.push_screen(StatsScreen())

    @work(thread=True, exclusive=True, exit_on_error=False, group="open")
    def _open(self, case_id: str, followup: bool = False) -> None:
        store = shell(self).store
        if store is None:
            return
        try:
            self.post_message(self.Opened(store.open(case_id), followup))
        except SignaleerError as exc:
            self.post_message(self.Failed(exc.render()))

    @on(Opened)
    def _opened(self, message: Opened) -> None:
        if message.followup:
            from signaleer.tui.followup import FollowUpScreen

            self.app.push_screen(FollowUpScreen(message.case))
            return
        self._show_case(message.case)

    def _show_case(self, case: Case) -> None:
        self._came_from = case.id
        self.app.push_screen(walk_screen(case))

    @on(Button.Pressed, "#knowledge")
    def action_knowledge(self) -> None:
        """Show the knowledge pages."""
        from signaleer.tui.screens.knowledge import KnowledgeScreen

        self.app.push_screen(KnowledgeScreen())

    @on(Button.Pressed, "#settings")
    def action_settings(self) -> None:
        """Show the settings."""
        from signaleer.tui.screens.settings import SettingsScreen

        self.app.push_screen(SettingsScreen(shell(self).settings), self._settings_chosen)

    def _settings_chosen(self, settings: object) -> None:
        from signaleer.settings import Settings

        if isinstance(settings, Settings):
            shell(self).apply_settings(settings)
            self.notify(t("settings.saved"))
