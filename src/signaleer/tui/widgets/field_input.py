"""A simple step field: text, longtext, date, yesno or choice; posts ``Answered`` with the stored text."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, Select, Static, TextArea

from signaleer.domain.base import Language
from signaleer.domain.stepplan import StepField
from signaleer.i18n import t
from signaleer.tui.widgets.date_input import DateInput, parse_date
from signaleer.tui.widgets.yes_no import YesNo

SIMPLE_TYPES = frozenset({"text", "longtext", "date", "yesno", "choice"})
"""The field types this widget handles."""


class FieldInput(Vertical):
    """Label, help and one input; the value is stored as text (dates YYYY-MM-DD, yes/no as ja/nee)."""

    DEFAULT_CSS = """
    FieldInput { height: auto; margin-bottom: 1; }
    FieldInput TextArea { height: 6; }
    """

    class Answered(Message):
        """The user changed the field's value."""

        def __init__(self, field_input: FieldInput, field_id: str, value: str) -> None:
            super().__init__()
            self.field_input = field_input
            self.field_id = field_id
            self.value = value

    def __init__(self, field: StepField, value: str, language: Language) -> None:
        super().__init__(id=f"field-{field.id}")
        self.field = field
        """The step field."""
        self.value = value
        """The stored value."""
        self.language = language
        """Language of label and help."""

    def compose(self) -> ComposeResult:
        """The label, the help text and the input that fits the type."""
        yield Static(Content(self.field.label.get(self.language)), classes="field-label")
        if self.field.help:
            yield Static(Content(self.field.help.get(self.language)), classes="hint")
        yield self._input()

    def _input(self) -> Widget:
        kind, value = self.field.type, self.value
        if kind == "longtext":
            return TextArea(value, classes="field-value")
        if kind == "date":
            try:
                date = parse_date(value)
            except ValueError:
                date = None
            return DateInput(date, classes="field-value")
        if kind == "yesno":
            return YesNo({"ja": True, "nee": False}.get(value), classes="field-value")
        if kind == "choice":
            options = [(c.label.get(self.language), c.id) for c in self.field.choices]
            known = any(c.id == value for c in self.field.choices)
            return Select(
                options, value=value if known else Select.NULL, prompt=t("walk.choice.none"), classes="field-value"
            )
        return Input(value, classes="field-value")

    def _emit(self, value: str) -> None:
        if value != self.value:
            self.value = value
            self.post_message(self.Answered(self, self.field.id, value))

    @on(Input.Changed, ".field-value")
    def _text(self, event: Input.Changed) -> None:
        event.stop()
        if isinstance(event.input, DateInput):
            if event.input.valid:
                date = event.input.date
                self._emit(date.isoformat() if date else "")
            return
        self._emit(event.value)

    @on(TextArea.Changed, ".field-value")
    def _long_text(self, event: TextArea.Changed) -> None:
        event.stop()
        self._emit(event.text_area.text)

    @on(YesNo.Changed, ".field-value")
    def _yes_no(self, event: YesNo.Changed) -> None:
        event.stop()
        self._emit({True: "ja", False: "nee", None: ""}[event.value])

    @on(Select.Changed, ".field-value")
    def _choice(self, event: Select.Changed) -> None:
        event.stop()
        self._emit(event.value if isinstance(event.value, str) else "")
