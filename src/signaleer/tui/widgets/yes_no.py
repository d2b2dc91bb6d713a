"""Two buttons for a yes/no answer; the chosen one reads ``[x] Ja``, so the state is visible as text."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Button

from signaleer.i18n import t

INERT_OPACITY = 0.5
"""Text opacity of an inert field (``YesNo.set_usable``, ``ObservationPane``)."""


class YesNo(Widget):
    """A yes/no choice with no default: ``value`` is None until the user picks."""

    DEFAULT_CSS = """
    YesNo { layout: horizontal; height: 3; width: 1fr; }
    YesNo Button { margin-right: 1; min-width: 12; width: auto; }
    YesNo Button.-chosen { text-style: bold reverse; }
    YesNo.-compact { height: 1; }
    """

    value: reactive[bool | None] = reactive(None, init=False)
    """True for yes, False for no, None while unanswered."""

    class Changed(Message):
        """The user chose yes or no."""

        def __init__(self, yes_no: YesNo, value: bool | None) -> None:
            super().__init__()
            self.yes_no = yes_no
            self.value = value

        @property
        def control(self) -> YesNo:
            """The widget that changed."""
            return self.yes_no

    def __init__(
        self,
        value: bool | None = None,
        *,
        yes_label: str | None = None,
        no_label: str | None = None,
        id: str | None = None,  # noqa: A002 - Textual's name for the widget id
        classes: str | None = None,
        compact: bool = False,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.compact = compact
        """True for one-row buttons without borders."""
        self.set_class(compact, "-compact")
        self.set_reactive(YesNo.value, value)
        self.yes_label = yes_label or t("walk.yes")
        """Text of the yes button."""
        self.no_label = no_label or t("walk.no")
        """Text of the no button."""

    def compose(self) -> ComposeResult:
        """The yes and no buttons."""
        for which, name in ((True, "yes"), (False, "no")):
            button = Button(self._label(which), classes=name, compact=self.compact)
            if not self.usable:
                button.can_focus = False
                button.styles.text_opacity = INERT_OPACITY
            yield button

    def _label(self, which: bool) -> Content:
        mark = "[x]" if self.value is which else "[ ]"
        return Content(f"{mark} {self.yes_label if which else self.no_label}")

    def watch_value(self, value: bool | None) -> None:
        """Show the choice and tell the parent."""
        for button in self.query(Button):
            which = button.has_class("yes")
            button.label = self._label(which)
            button.set_class(value is which, "-chosen")
        self.post_message(self.Changed(self, value))

    usable = True
    """False: inert (see ``set_usable``)."""

    def set_usable(self, usable: bool) -> None:
        """Usable, or inert: out of the focus chain, deaf to clicks, drawn faint.

        Unlike ``disabled`` this changes no pseudo-class, so nothing is restyled (the signal step's pane turns its
        fields usable and inert on every tick; a restyle cost ~25 ms there).
        """
        if usable == self.usable:
            return
        self.usable = usable
        for button in self.query(Button):
            button.can_focus = usable
            button.styles.text_opacity = 1.0 if usable else INERT_OPACITY

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if self.usable:
            self.value = event.button.has_class("yes")
