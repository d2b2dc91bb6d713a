"""A yes/no question in a small dialog."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from signaleer.i18n import t
from signaleer.tui.actions import ActionSpec, register


class ConfirmScreen(ModalScreen[bool]):
    """Ask ``question``; True when the user chooses ``yes_label``."""

    ACTION_SCOPE: ClassVar[str] = "confirm"
    BINDINGS: ClassVar = register(
        ActionSpec("confirm.no", "no", "escape", "action.no", "action.no.help"),
    )

    def __init__(self, question: str, yes_label: str) -> None:
        super().__init__()
        self.question = question
        """The question shown."""
        self.yes_label = yes_label
        """Text on the button that confirms."""

    def compose(self) -> ComposeResult:
        """The question and two buttons; 'no' has the focus."""
        with Vertical(classes="dialog"):
            yield Static(self.question)
            with Horizontal(classes="buttons"):
                yield Button(t("action.no"), id="no", variant="primary")
                yield Button(self.yes_label, id="yes", variant="error")

    def on_mount(self) -> None:
        """Focus the safe answer."""
        self.query_one("#no", Button).focus()

    @on(Button.Pressed, "#yes")
    def _yes(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#no")
    def action_no(self) -> None:
        """Answer no."""
        self.dismiss(False)
