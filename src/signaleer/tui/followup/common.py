"""Shared parts of the follow-up screens: dates (as the walk reads them), the change message and a reason dialog."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from signaleer.tui.actions import ActionSpec, register
from signaleer.tui.i18n import t
from signaleer.tui.widgets.date_input import format_date
from signaleer.tui.widgets.date_input import parse_date as _parse_date

# One date syntax for the whole interface: the walk's date field defines it.
parse_date = _parse_date
show_date = format_date


class CaseChanged(Message):
    """A pane changed the case through ``domain.changes``; the screen saves it and refreshes the others."""

    def __init__(self, notice: str = "") -> None:
        super().__init__()
        self.notice = notice


class ReasonScreen(ModalScreen[str | None]):
    """Ask the reason for a change that needs one; None when cancelled."""

    ACTION_SCOPE: ClassVar[str] = "followup_reason"
    BINDINGS: ClassVar = register(
        ActionSpec("followup_reason.cancel", "cancel", "escape", "reason.cancel", "reason.needed"),
    )

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question
        """What is asked."""

    def compose(self) -> ComposeResult:
        """The question, a text field and two buttons."""
        with Vertical(classes="dialog"):
            yield Static(self.question)
            yield Input(placeholder=t("reason.label"), id="reason")
            yield Static("", id="reason-error", classes="form-error")
            with Horizontal(classes="buttons"):
                yield Button(t("reason.ok"), id="ok", variant="primary")
                yield Button(t("reason.cancel"), id="cancel")

    def on_mount(self) -> None:
        """Start typing the reason."""
        self.query_one("#reason", Input).focus()

    @on(Button.Pressed, "#ok")
    @on(Input.Submitted)
    def _ok(self) -> None:
        reason = self.query_one("#reason", Input).value.strip()
        if not reason:
            self.query_one("#reason-error", Static).update(t("reason.needed"))
            return
        self.dismiss(reason)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Close without a change."""
        self.dismiss(None)
