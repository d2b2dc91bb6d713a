"""The timeline and the follow-up contacts of a case: what is due, what was agreed, and a form to add one."""

from __future__ import annotations

import datetime as dt
from typing import cast

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Grid, Horizontal, VerticalScroll
from textual.widgets import Button, DataTable, Input, Label, Select, Static

from signaleer.advice_text import due_text, event_text
from signaleer.domain import changes
from signaleer.domain.case import Case, FollowUp, FollowUpWith
from signaleer.domain.followup import due_actions
from signaleer.errors import SignaleerError
from signaleer.i18n import current_language, t
from signaleer.tui.followup.common import CaseChanged, parse_date, show_date
from signaleer.tui.screens import shell
from signaleer.tui.walk.reason_modal import ReasonModal

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
        self.editing: int | None = None
        """Index of the contact the form is changing; None while it adds a new one."""

    def compose(self) -> ComposeResult:
        """Due list, contacts table, the new-contact form and the timeline table."""
        yield Static(t("followup.due.title"), classes="section")
        yield Static("", id="due")
        yield Static(t("followup.contacts.title"), classes="section")
        yield DataTable(id="followups", cursor_type="row")
        with Horizontal(classes="buttons"):
            yield Button(t("followup.done"), id="mark-done")
            yield Button(t("followup.edit"), id="edit")
        yield Static(t("followup.new.title"), classes="section", id="form-title")
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
            yield Button(t("action.cancel"), id="cancel-edit")
        yield Static(t("followup.timeline.title"), classes="section")
        yield DataTable(id="timeline", cursor_type="row")

    def on_mount(self) -> None:
        """Fill the lists; the form starts as a form for a new contact."""
        self.refresh_case()
        self._show_form(None)

    def refresh_case(self) -> None:
        """Show the case as it is now."""
        today = dt.date.today()
        lines = []
        for action in due_actions(self.case, shell(self).content):
            late = f" {t('followup.due.late')}" if action.overdue(today) else ""
            lines.append(f"{show_date(action.due)}{late}  {due_text(action, current_language())}")
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
        app = shell(self)
        for event in reversed(self.case.timeline):
            summary = event_text(event, self.case, app.content, app.language)
            timeline.add_row(event.at.strftime("%d-%m-%Y %H:%M"), summary, event.reason)

    def _error(self, text: str) -> None:
        self.query_one("#followup-error", Static).update(text)

    def _show_form(self, index: int | None) -> None:
        """Turn the form into 'new contact' (None) or 'change contact ``index``', filled with what it holds."""
        self.editing = index
        editing = index is not None
        self.query_one("#form-title", Static).update(t("followup.edit.title" if editing else "followup.new.title"))
        self.query_one("#add", Button).label = t("followup.edit.save" if editing else "followup.new.add")
        self.query_one("#cancel-edit", Button).display = editing
        item = self.case.followups[index] if index is not None else None
        self.query_one("#with", Select).value = item.with_whom if item else "jongere"
        self.query_one("#date", Input).value = show_date(item.date) if item else ""
        self.query_one("#due-date", Input).value = show_date(item.due) if item else ""
        self.query_one("#note", Input).value = item.note if item else ""
        self._error("")

    def _form(self) -> FollowUp | None:
        """The contact the form describes, or None after showing what is wrong."""
        values = {}
        for field in ("date", "due-date"):
            raw = self.query_one(f"#{field}", Input).value
            try:
                values[field] = parse_date(raw)
            except ValueError:
                self._error(t("followup.bad_date", value=raw.strip()))
                return None
        if values["date"] is None and values["due-date"] is None:
            self._error(t("followup.new.need_date"))
            return None
        with_whom = cast(FollowUpWith, self.query_one("#with", Select).value)
        note = self.query_one("#note", Input).value.strip()
        done = self.case.followups[self.editing].done if self.editing is not None else False
        return FollowUp(with_whom=with_whom, date=values["date"], due=values["due-date"], note=note, done=done)

    @on(Button.Pressed, "#add")
    def add(self) -> None:
        """Record the new contact or agreement, or the change to the chosen one."""
        item = self._form()
        if item is None:
            return
        if self.editing is not None:
            self._change(self.editing, item)
            return
        try:
            changes.add_followup(self.case, item)
        except SignaleerError as exc:
            self._error(exc.render())
            return
        self._show_form(None)
        self.post_message(CaseChanged(t("followup.saved")))

    @work(exclusive=True, group="followup-reason")
    async def _change(self, index: int, item: FollowUp) -> None:
        if item == self.case.followups[index]:
            self._show_form(None)
            return
        question = t("followup.edit.reason", with_whom=t(f"with.{self.case.followups[index].with_whom}").lower())
        reason = await self.app.push_screen_wait(ReasonModal(question, t("followup.reason.intro"), []))
        if reason is None:
            return  # the form keeps what was typed
        try:
            changes.update_followup(self.case, index, item, reason)
        except SignaleerError as exc:
            self._error(exc.render())
            return
        self._show_form(None)
        self.post_message(CaseChanged(t("followup.saved")))

    @on(Button.Pressed, "#edit")
    def edit(self) -> None:
        """Load the chosen contact into the form, to correct or reschedule it."""
        index = self._selected(t("followup.edit.nothing_selected"))
        if index is not None:
            self._show_form(index)
            self.query_one("#with", Select).focus()

    @on(Button.Pressed, "#cancel-edit")
    def cancel_edit(self) -> None:
        """Back to a form for a new contact, without changing anything."""
        self._show_form(None)

    @on(Button.Pressed, "#mark-done")
    def mark_done(self) -> None:
        """Mark the chosen planned contact as done today."""
        index = self._selected(t("followup.nothing_selected"))
        if index is not None:
            changes.complete_followup(self.case, index, on=dt.date.today())
            self.post_message(CaseChanged(t("followup.saved")))

    def _selected(self, nothing: str) -> int | None:
        """Index of the contact under the list's cursor; None (after saying ``nothing``) when there is none."""
        table = self.query_one("#followups", DataTable)
        if not self.case.followups or table.cursor_row < 0:
            self.notify(nothing)
            return None
        return table.cursor_row
