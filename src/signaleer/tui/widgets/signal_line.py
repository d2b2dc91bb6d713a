"""A signal or risk factor as one wrapped line: ``[x] GB01 text (sterk)``; Space, Enter or a click ticks it."""

from __future__ import annotations

from textual import events
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Static


class SignalLine(Static, can_focus=True):
    """A light checkbox for long texts: one widget per signal keeps long lists fast."""

    DEFAULT_CSS = """
    SignalLine { width: 1fr; height: auto; padding: 0 1; }
    SignalLine:focus { background: $boost; text-style: bold; }
    SignalLine.-on { color: $text; }
    """

    value: reactive[bool] = reactive(False, init=False)
    """True when ticked."""

    class Changed(Message):
        """The signal was ticked or unticked."""

        def __init__(self, line: SignalLine, value: bool) -> None:
            super().__init__()
            self.line = line
            self.value = value

        @property
        def control(self) -> SignalLine:
            """The line."""
            return self.line

    def __init__(self, text: str, value: bool, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self.text = text
        """The signal's id, text and weight."""
        self.set_reactive(SignalLine.value, value)
        self.set_class(value, "-on")

    def render(self) -> Content:
        """``[x]`` or ``[ ]`` and the text."""
        mark = Content.styled("[x]", "bold") if self.value else Content("[ ]")
        return Content.assemble(mark, " ", self.text)

    def watch_value(self, value: bool) -> None:
        """Redraw and tell the row."""
        self.set_class(value, "-on")
        self.refresh()
        self.post_message(self.Changed(self, value))

    def action_tick(self) -> None:
        """Tick or untick."""
        self.value = not self.value

    def on_key(self, event: events.Key) -> None:
        """Enter or Space ticks, handled here rather than as a binding.

        A binding is resolved only after the key has bubbled through every container, against whatever has the
        focus by then; after a quick Tab that was the next field, and the tick was lost.
        """
        if event.key in ("enter", "space"):
            event.stop()
            event.prevent_default()
            self.action_tick()

    def on_click(self, event: events.Click) -> None:
        """A click ticks or unticks."""
        event.stop()
        self.action_tick()
