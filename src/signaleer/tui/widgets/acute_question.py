"""One acute question: the question, its help, and yes/no."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from signaleer.domain.base import Language
from signaleer.domain.stepplan import StepField
from signaleer.tui.widgets.yes_no import YesNo


class AcuteQuestion(Vertical):
    """Posts ``Answered`` when the user picks yes or no."""

    DEFAULT_CSS = """
    AcuteQuestion { height: auto; margin-bottom: 1; }
    AcuteQuestion .field-label { text-style: bold; }
    """

    class Answered(Message):
        """The acute question was answered."""

        def __init__(self, question: AcuteQuestion, field_id: str, answer: bool) -> None:
            super().__init__()
            self.question = question
            self.field_id = field_id
            self.answer = answer

    def __init__(self, field: StepField, answer: bool | None, language: Language) -> None:
        super().__init__(id=f"acute-{field.id}")
        self.field = field
        """The acute question from the step plan."""
        self.answer = answer
        """The stored answer, None when not answered."""
        self.language = language
        """Language of the texts."""

    def compose(self) -> ComposeResult:
        """The question, the help and the yes/no buttons."""
        yield Static(Content(self.field.label.get(self.language)), classes="field-label")
        if self.field.help:
            yield Static(Content(self.field.help.get(self.language)), classes="hint")
        yield YesNo(self.answer)

    @on(YesNo.Changed)
    def _changed(self, event: YesNo.Changed) -> None:
        event.stop()
        if event.value is not None and event.value != self.answer:
            self.answer = event.value
            self.post_message(self.Answered(self, self.field.id, event.value))

    def show(self, answer: bool | None) -> None:
        """Show ``answer`` without telling the parent (used when the user cancels a change)."""
        self.answer = answer
        yes_no = self.query_one(YesNo)
        with yes_no.prevent(YesNo.Changed):
            yes_no.value = answer
