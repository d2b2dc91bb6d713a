"""The footer every screen shows: quick-hide always first, and every key readable at 80 columns.

Textual's footer is one line that scrolls sideways, so at 80 columns the last keys were cut off. This one lays
its keys out in as many columns as fit and wraps the rest onto a second (or third) line.
"""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer

from signaleer.tui.textual_compat import FooterKey

HIDE_ACTION = "hide"
"""The app action the footer pins to the left edge."""
MAX_ROWS = 3
"""Lines the footer may take before it scrolls."""


def key_width(key: FooterKey) -> int:
    """Cells a compact footer key takes: 'key description' and one cell of margin."""
    return len(key.key_display) + (len(key.description) + 1 if key.description else 0) + 1


def columns_that_fit(widths: list[int], room: int) -> list[int]:
    """Widths of the most grid columns for keys of ``widths`` (in order, row by row) that fit in ``room``."""
    for columns in range(len(widths), 0, -1):
        rows = [widths[i : i + columns] for i in range(0, len(widths), columns)]
        spans = [max(row[c] for row in rows if c < len(row)) for c in range(columns)]
        if sum(spans) <= room or columns == 1:
            return spans
    return [room]


def _shown(signature: tuple[object, ...]) -> tuple[tuple[str, str, str, bool, str], ...]:
    shown = signature[2]
    assert isinstance(shown, tuple)
    return shown


def _without_enabled(signature: tuple[object, ...]) -> tuple[object, ...]:
    """The signature with each key's enabled flag left out: what decides whether new widgets are needed."""
    return (*signature[:2], tuple((k, a, d, t) for k, a, d, _, t in _shown(signature)))


class ShellFooter(Footer):
    """Use this instead of ``Footer`` on every screen of signaleer."""

    DEFAULT_CSS = """
    ShellFooter {
        layout: grid;
        grid-gutter: 0 0;
        grid-rows: 1;
        height: auto;
        max-height: 3;
    }
    ShellFooter FooterKey.-hide { text-style: bold; }
    ShellFooter FooterKey.-command-palette { dock: none; border-left: none; padding-right: 0; }
    """

    def __init__(self) -> None:
        super().__init__(compact=True)

    _laid_out_for = 0
    """The width the columns were computed for."""
    _composed: tuple[object, ...] | None = None
    """What the keys shown were composed from (``_signature``)."""
    _recompose_due = False
    """True while a check for changed bindings waits for the next refresh."""

    def _signature(self) -> tuple[object, ...]:
        """Everything the keys are composed from: key, action, text, enabled and tooltip of each shown binding."""
        shown = tuple(
            (binding.key, binding.action, binding.description, enabled, tooltip)
            for key, (_, binding, enabled, tooltip) in self.screen.active_bindings.items()
            if binding.show or key == self.app.COMMAND_PALETTE_BINDING
        )
        return (self.size.width or self.app.size.width, self.app.ansi_color, shown)

    def bindings_changed(self, screen: Screen[object]) -> None:
        """Compose the keys again once per refresh, and only when they changed.

        Textual's footer recomposes (a dozen widgets, each styled) on every focus change, several times per page
        move of the walk, although the keys are mostly the same: that was most of the cost of a page move.
        """
        self._bindings_ready = True
        if not screen.app.app_focus or not self.is_attached or screen is not self.screen or self._recompose_due:
            return
        self._recompose_due = True
        self.call_after_refresh(self._recompose_if_changed)

    async def _recompose_if_changed(self) -> None:
        self._recompose_due = False
        if not self.is_attached:
            return
        signature = self._signature()
        if signature == self._composed:
            return
        if self._composed is not None and _without_enabled(signature) == _without_enabled(self._composed):
            self._enable_in_place(signature)  # the same keys, one now usable or not: no new widgets, no layout
            return
        await self.recompose()

    def _enable_in_place(self, signature: tuple[object, ...]) -> None:
        """Dim or undim the shown keys whose binding was enabled or disabled (public ``Widget.disabled``)."""
        enabled = {(key, action): on for key, action, _, on, _ in _shown(signature)}
        for widget in self.query(FooterKey):
            state = enabled.get((widget.key, widget.action))
            if state is not None and widget.disabled == state:
                widget.disabled = not state
        self._composed = signature

    def compose(self) -> ComposeResult:
        """The footer keys in columns that fit: the hide key first, the command palette last."""
        self._composed = self._signature() if self._bindings_ready else None  # not ready: Textual composes nothing
        keys: list[FooterKey] = []
        first: list[FooterKey] = []
        last: list[FooterKey] = []
        others: list[Widget] = []
        for widget in super().compose():
            if isinstance(widget, FooterKey) and widget.action == HIDE_ACTION:
                widget.add_class("-hide")
                first.append(widget)
            elif isinstance(widget, FooterKey) and widget.has_class("-command-palette"):
                last.append(widget)
            elif isinstance(widget, FooterKey):
                keys.append(widget)
            else:
                others.append(widget)
        keys = [*first, *keys, *last]
        width = self.size.width or self.app.size.width
        self._laid_out_for = width
        spans = columns_that_fit([key_width(k) for k in keys], width)
        self.styles.grid_size_columns = len(spans)
        self.styles.grid_columns = " ".join(str(span) for span in spans)
        yield from keys
        yield from others

    def on_resize(self, event: events.Resize) -> None:
        """Lay the keys out again for the new width."""
        if event.size.width != self._laid_out_for:
            self.call_after_refresh(self.recompose)
