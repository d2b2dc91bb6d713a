"""Shown at once after an acute 'yes': what to do now and the numbers in large type. Closing it continues."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from signaleer.domain.base import Language
from signaleer.domain.route import Contact
from signaleer.i18n import t
from signaleer.tui.actions import ActionSpec, register
from signaleer.tui.widgets.contact_card import ContactCard

BIG_CONTACTS = 2


class AcuteModal(ModalScreen[None]):
    """The emergency numbers; Enter, Escape or the button closes it and the walk goes on."""

    ACTION_SCOPE: ClassVar[str] = "acute"
    BINDINGS: ClassVar = register(
        ActionSpec("acute.close", "close", "escape", "walk.acute.close", "walk.acute.close.help"),
    )
    DEFAULT_CSS = """
    AcuteModal { align: center middle; }
    AcuteModal > VerticalScroll {
        width: 76; max-width: 100%; height: auto; max-height: 100%;
        background: $surface; border: heavy $error; padding: 0 1;
    }
    AcuteModal .acute-title { text-style: bold; color: $error; }
    AcuteModal .acute-action { text-style: bold; }
    """

    def __init__(self, actions: list[str], contacts: list[Contact], language: Language) -> None:
        super().__init__()
        self.actions = actions
        """What to do now."""
        self.contacts = contacts
        """Whom to call, most urgent first."""
        self.language = language
        """Language of the texts."""

    def compose(self) -> ComposeResult:
        """Actions, then contact cards (the first ones in large digits), then the close button."""
        with VerticalScroll():
            yield Static(t("walk.acute.title"), classes="acute-title")
            yield Static(Content("\n".join(self.actions)), classes="acute-action")
            yield Button(t("walk.acute.close"), id="close", variant="error")
            for index, contact in enumerate(self.contacts):
                yield ContactCard(contact, self.language, big=index < BIG_CONTACTS)

    def on_mount(self) -> None:
        """Focus the close button so Enter continues."""
        self.query_one("#close", Button).focus()

    @on(Button.Pressed, "#close")
    def action_close(self) -> None:
        """Close and continue the walk."""
        self.dismiss(None)
