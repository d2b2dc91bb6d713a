"""The emergency panel: what to do now and whom to call, in large type; it never blocks going on."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Button, Input, Static

from signaleer.domain.base import Language
from signaleer.domain.route import Contact
from signaleer.i18n import t
from signaleer.tui.widgets.contact_card import ContactCard

BIG_CONTACTS = 3
"""How many numbers are shown in large digits; the rest as normal cards."""


class AcutePanel(Vertical):
    """``actions`` (the acute action texts) and ``contacts`` (most urgent first), and a line to record what was done."""

    DEFAULT_CSS = """
    AcutePanel { height: auto; border: heavy $error; padding: 0 1; margin-bottom: 1; }
    AcutePanel .acute-title { text-style: bold; color: $error; }
    AcutePanel .acute-action { text-style: bold; padding-bottom: 1; }
    AcutePanel .acute-done { color: $success; text-style: bold; }
    AcutePanel ContactCard.-big { border: none; border-left: thick $error; }
    """

    class Handled(Message):
        """The user recorded what was done at once."""

        def __init__(self, panel: AcutePanel, note: str) -> None:
            super().__init__()
            self.panel = panel
            self.note = note

    def __init__(self, actions: list[str], contacts: list[Contact], language: Language, handled_note: str = "") -> None:
        super().__init__(id="acute-panel")
        self.actions = actions
        """What to do now, one text per acute 'yes'."""
        self.contacts = contacts
        """Whom to call, most urgent first."""
        self.language = language
        """Language of the texts."""
        self.handled_note = handled_note
        """What the professional recorded as done, if anything."""

    def compose(self) -> ComposeResult:
        """The title, the actions, the contacts and the 'what did you do' line."""
        yield Static(t("walk.acute.title"), classes="acute-title")
        yield Static(Content("\n".join(self.actions)), classes="acute-action")
        for index, contact in enumerate(self.contacts):
            yield ContactCard(contact, self.language, big=index < BIG_CONTACTS)
        if self.handled_note:
            yield Static(Content(t("walk.acute.done", note=self.handled_note)), classes="acute-done")
        yield Static(t("walk.acute.record"))
        yield Input(placeholder=t("walk.acute.record_placeholder"), id="acute-note")
        yield Button(t("walk.acute.record_button"), id="acute-record")
        yield Static(t("walk.acute.continue"), classes="hint")

    @on(Button.Pressed, "#acute-record")
    @on(Input.Submitted, "#acute-note")
    def record(self, event: Button.Pressed | Input.Submitted | None = None) -> None:
        """Post the typed note."""
        if event is not None:
            event.stop()
        note = self.query_one("#acute-note", Input).value.strip()
        if note:
            self.post_message(self.Handled(self, note))
