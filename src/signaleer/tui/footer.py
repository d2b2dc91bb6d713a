"""The footer every screen shows: quick-hide always first, and every key readable at 80 columns.

Textual's footer is one line that scrolls sideways, so at 80 columns the last keys were cut off. This one lays
its keys out in as many columns as fit and wraps the rest onto a second (or third) line.
"""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
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

    def compose(self) -> ComposeResult:
        """The footer keys in columns that fit: the hide key first, the command palette last."""
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
