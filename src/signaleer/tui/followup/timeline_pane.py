"""The timeline and the follow-up contacts of a case: what is due, what was agreed, and a form to add one."""

from __future__ import annotations

import datetime as dt
from typing import cast

from textual import on
from textual.app import ComposeResult
from textual.containers import Grid, Horizontal, VerticalScroll
from textual.widgets import Button, DataTable, Input, Label, Select, Static

from signaleer.domain import changes
from signaleer.domain.case import Case, FollowUp, FollowUpWith
from signaleer.domain.followup import due_actions
from signaleer.errors import SignaleerError
from signaleer.tui.followup.common import CaseChanged, parse_date, show_date
from signaleer.tui.i18n import current_language, t
from signaleer.tui.screens import shell

WITH_CHOICES = ("jongere", "ouders", "netwerk", "zorgcoordinator", "politie", "veilig_thuis", "school", "anders")


class TimelinePane(VerticalScroll):
    """Due actions, the follow-up contacts, a form for a new one, and the case's timeline."""

    DEFAULT_CSS = """
    TimelinePane { padding: 0 1; }
    TimelinePane DataTable { height: auto; max-height: 12; margin-bottom: 1; }
    TimelinePane .section { text-style: bold; padding-top: 1; }
    """

    def __init__(self, case: Case) -> None:
        super().__init__(id="timeline-pane")
        self.case = case
        """The case shown; changed only through ``domain.changes``."""

    def compose(self) -> ComposeResult:
        """Due list, contacts table, the new-contact form and the timeline table."""
        yield Static(t("followup.due.title"), classes="section")
        yield Static("", id="due")
        yield Static(t("followup.contacts.title"), classes="section")
        yield DataTable(id="followups", cursor_type="row")
        yield Button(t("followup.done"), id="mark-done")
        yield Static(t("followup.new.title"), classes="section")
        with Grid(classes="form-grid"):
            yield Label(t("followup.new.with"))
            options = [(t(f"with.{key}"), key) for key in WITH_CHOICES]
            yield Select(options, value="jongere", allow_blank=False, id="with")
            yield Label(t("followup.new.date"))
            yield Input(placeholder=t("followup.new.date_placeholder"), id="date")
            yield Label(t("followup.new.due"))
            yield Input(placeholder=t("followup.new.date_placeholder"), id="due-date")
            yield Label(t("followup.new.note"))
            yield Input(id="note", max_length=2000)
        yield Static("", id="followup-error", classes="form-error")
        with Horizontal(classes="buttons"):
            yield Button(t("followup.new.add"), id="add", variant="primary")
        yield Static(t("followup.timeline.title"), classes="section")
        yield DataTable(id="timeline", cursor_type="row")

    def on_mount(self) -> None:
        """Fill the lists."""
        self.refresh_case()

    def refresh_case(self) -> None:
        """Show the case as it is now."""
        today = dt.date.today()
        lines = []
        for action in due_actions(self.case, shell(self).content, current_language()):
            late = f" {t('followup.due.late')}" if action.overdue(today) else ""
            lines.append(f"{show_date(action.due)}{late}  {action.text}")
        self.query_one("#due", Static).update("\n".join(lines) or t("followup.due.none"))
        table = self.query_one("#followups", DataTable)
        table.clear(columns=True)
        for key in ("with", "date", "due", "state", "note"):
            table.add_column(t(f"followup.col.{key}"), key=key)
        for index, item in enumerate(self.case.followups):
            state = t("followup.state.done") if item.done else t("followup.state.open")
            row = (t(f"with.{item.with_whom}"), show_date(item.date), show_date(item.due), state, item.note)
            table.add_row(*row, key=str(index))
        timeline = self.query_one("#timeline", DataTable)
        timeline.clear(columns=True)
        for key in ("when", "event", "reason"):
            timeline.add_column(t(f"followup.col.{key}"), key=key)
        for event in reversed(self.case.timeline):
            timeline.add_row(event.at.strftime("%d-%m-%Y %H:%M"), event.summary, event.reason)

    def _error(self, text: str) -> None:
        self.query_one("#followup-error", Static).update(text)

    @on(Button.Pressed, "#add")
    def add(self) -> None:
        """Record the new contact or agreement."""
        values = {}
        for field in ("date", "due-date"):
            raw = self.query_one(f"#{field}", Input).value
            try:
                values[field] = parse_date(raw)
            except ValueError:
                self._error(t("followup.bad_date", value=raw.strip()))
                return
        if values["date"] is None and values["due-date"] is None:
            self._error(t("followup.new.need_date"))
            return
        with_whom = cast(FollowUpWith, self.query_one("#with", Select).value)
        note = self.query_one("#note", Input).value.strip()
        item = FollowUp(with_whom=with_whom, date=values["date"], due=values["due-date"], note=note)
        try:
            changes.add_followup(self.case, item)
        except SignaleerError as exc:
            self._error(exc.render())
            return
        self._error("")
        for field in ("date", "due-date", "note"):
            self.query_one(f"#{field}", Input).value = ""
        self.post_message(CaseChanged(t("followup.saved")))

    @on(Button.Pressed, "#mark-done")
    def mark_done(self) -> None:
        """Mark the chosen planned contact as done today."""
        table = self.query_one("#followups", DataTable)
        if not self.case.followups or table.cursor_row < 0:
            self.notify(t("followup.nothing_selected"))
            return
        changes.complete_followup(self.case, table.cursor_row, on=dt.date.today())
        self.post_message(CaseChanged(t("followup.saved")))
