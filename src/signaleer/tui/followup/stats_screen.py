"""StatsScreen: anonymous counts of signalling cases for the municipality, by period."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Grid, Horizontal, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, Input, Label, Markdown, Static

from signaleer.domain.stats import DEFAULT_THRESHOLD, StatsReport, count_cases, to_markdown
from signaleer.errors import SignaleerError
from signaleer.i18n import current_language, t
from signaleer.tui.actions import ActionSpec, register
from signaleer.tui.followup.common import parse_date, show_date
from signaleer.tui.footer import ShellFooter
from signaleer.tui.screens import shell


class StatsScreen(Screen[None]):
    """Choose a period and threshold; the counts are made from the decrypted cases in a thread."""

    ACTION_SCOPE: ClassVar[str] = "stats"
    BINDINGS: ClassVar = register(
        ActionSpec("stats.close", "close", "escape", "followup.action.close", "followup.action.close.help"),
    )
    DEFAULT_CSS = """
    StatsScreen #stats-body { height: 1fr; padding: 0 1; }
    StatsScreen #stats-result { height: auto; }
    """

    class Counted(Message):
        """The counts are ready."""

        def __init__(self, report: StatsReport, unreadable: int) -> None:
            super().__init__()
            self.report = report
            self.unreadable = unreadable

    def __init__(self) -> None:
        super().__init__()
        self.report: StatsReport | None = None
        """The last counts shown."""

    def compose(self) -> ComposeResult:
        """Period, threshold, the button and the result."""
        today = dt.date.today()
        yield Static(t("stats.title"), classes="screen-title")
        with VerticalScroll(id="stats-body"):
            yield Static(t("stats.intro"), classes="hint")
            with Grid(classes="form-grid"):
                yield Label(t("stats.from"))
                yield Input(show_date(dt.date(today.year, 1, 1)), id="from")
                yield Label(t("stats.to"))
                yield Input(show_date(today), id="to")
                yield Label(t("stats.threshold"))
                yield Input(str(DEFAULT_THRESHOLD), id="threshold", type="integer")
            yield Static("", id="stats-error", classes="form-error")
            with Horizontal(classes="buttons"):
                yield Button(t("stats.count"), id="count", variant="primary")
            yield Markdown("", id="stats-result")
        yield ShellFooter()

    @on(Button.Pressed, "#count")
    def count(self) -> None:
        """Check the fields and count in the background."""
        error = self.query_one("#stats-error", Static)
        days = []
        for field in ("from", "to"):
            raw = self.query_one(f"#{field}", Input).value
            try:
                day = parse_date(raw)
            except ValueError:
                day = None
            if day is None:
                error.update(t("followup.bad_date", value=raw.strip()))
                return
            days.append(day)
        if days[0] > days[1]:
            error.update(t("stats.bad_period"))
            return
        threshold_text = self.query_one("#threshold", Input).value.strip()
        if not threshold_text.isdigit() or int(threshold_text) < 2:
            error.update(t("stats.bad_threshold"))
            return
        error.update(t("stats.working"))
        self._count(days[0], days[1], int(threshold_text))

    @work(thread=True, exclusive=True, group="stats", exit_on_error=False)
    def _count(self, start: dt.date, end: dt.date, threshold: int) -> None:
        """Decrypt every case and count (a thread); unreadable files count as a number only."""
        app = shell(self)
        store = app.store
        if store is None:
            return
        listing = store.listing()
        cases, unreadable = [], len(listing.problems)
        for summary in listing.summaries:
            try:
                cases.append(store.open(summary.id))
            except SignaleerError:
                unreadable += 1
        report = count_cases(cases, app.content, start, end, threshold, current_language())
        self.post_message(self.Counted(report, unreadable))

    @on(Counted)
    async def _counted(self, message: Counted) -> None:
        self.report = message.report
        note = t("stats.unreadable", count=message.unreadable) if message.unreadable else ""
        self.query_one("#stats-error", Static).update(note)
        await self.query_one("#stats-result", Markdown).update(to_markdown(message.report))

    def action_close(self) -> None:
        """Back to the case list."""
        self.dismiss(None)
