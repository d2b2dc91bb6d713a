"""A conversation (with the young person or the parents): held with date, present and summary, or skipped."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Checkbox, Input, Static, TextArea

from signaleer.domain.case import Conversation
from signaleer.i18n import t
from signaleer.tui.widgets.date_input import DateInput
from signaleer.tui.widgets.tick_box import TickBox
from signaleer.tui.widgets.yes_no import YesNo


class ConversationForm(Vertical):
    """Posts ``Changed`` with a complete ``Conversation``; a skip is only posted once it has a reason."""

    DEFAULT_CSS = """
    ConversationForm { height: auto; }
    ConversationForm > Vertical { height: auto; }
    ConversationForm TextArea { height: 6; }
    ConversationForm .hint-line { color: $warning; }
    """

    class Changed(Message):
        """The conversation record changed."""

        def __init__(self, form: ConversationForm, with_: str, conversation: Conversation) -> None:
            super().__init__()
            self.form = form
            self.with_ = with_
            self.conversation = conversation

    def __init__(self, with_: str, conversation: Conversation | None) -> None:
        super().__init__(id=f"conversation-{with_}")
        self.with_ = with_
        """Conversation partner: jongere or ouders."""
        self.conversation = conversation or Conversation()
        """The conversation as the case holds it."""

    def compose(self) -> ComposeResult:
        """Held or skipped, then the fields for that choice."""
        c = self.conversation
        yield YesNo(c.held, yes_label=t("walk.conv.held"), no_label=t("walk.conv.skipped"), id="conv-held")
        with Vertical(classes="held"):
            yield DateInput(c.date, id="conv-date")
            yield Input(c.present, placeholder=t("walk.conv.present"), id="conv-present")
            yield Static(t("walk.conv.summary"))
            yield TextArea(c.summary, id="conv-summary")
        with Vertical(classes="skipped"):
            yield Static(t("walk.conv.skip_reason"))
            yield TextArea(c.skip_reason, id="conv-skip-reason")
            yield TickBox(t("walk.conv.endangers"), c.endangers, id="conv-endangers")
            yield Static(t("walk.conv.need_reason"), classes="hint-line", id="conv-need-reason")

    def on_mount(self) -> None:
        """Show the fields that fit the current choice."""
        self._show(self.conversation.held)

    def _show(self, held: bool | None) -> None:
        self.query_one(".held").display = held is True
        self.query_one(".skipped").display = held is False
        reason = self.query_one("#conv-skip-reason", TextArea).text.strip()
        self.query_one("#conv-need-reason").display = held is False and not reason

    def current(self) -> Conversation | None:
        """The conversation as typed; None when the date is wrong."""
        held = self.query_one("#conv-held", YesNo).value
        date_input = self.query_one("#conv-date", DateInput)
        if not date_input.valid:
            return None
        return Conversation(
            held=held,
            date=date_input.date if held else None,
            present=self.query_one("#conv-present", Input).value if held else "",
            summary=self.query_one("#conv-summary", TextArea).text if held else "",
            skip_reason=self.query_one("#conv-skip-reason", TextArea).text if held is False else "",
            endangers=self.query_one("#conv-endangers", TickBox).value if held is False else False,
        )

    @on(YesNo.Changed)
    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(Checkbox.Changed)
    def _changed(self, event: YesNo.Changed | Input.Changed | TextArea.Changed | Checkbox.Changed) -> None:
        event.stop()
        self._show(self.query_one("#conv-held", YesNo).value)
        conversation = self.current()
        if conversation is None or conversation == self.conversation:
            return
        if conversation.held is False and not conversation.skip_reason.strip():
            return
        self.conversation = conversation
        self.post_message(self.Changed(self, self.with_, conversation))
