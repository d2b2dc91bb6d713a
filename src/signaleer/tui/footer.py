"""The footer every screen shows: Textual's footer with the quick-hide key always first, so 80 columns never hide it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

HIDE_ACTION = "hide"
"""The app action the footer pins to the left edge."""


class ShellFooter(Footer):
    """Use this instead of ``Footer`` on every screen of signaleer."""

    DEFAULT_CSS = """
    ShellFooter FooterKey.-hide {
        dock: left;
        text-style: bold;
        margin-right: 1;
    }
    """

    def compose(self) -> ComposeResult:
        """The standard footer keys; the hide key gets the class that docks it left."""
        for widget in super().compose():
            if isinstance(widget, FooterKey) and widget.action == HIDE_ACTION:
                widget.add_class("-hide")
            yield widget
