"""A checkbox whose state is readable as text: ``[x]`` when ticked, ``[ ]`` when not, not only by colour."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Checkbox


class TickBox(Checkbox):
    """A ``Checkbox`` drawn as ``[x]`` / ``[ ]`` so the state survives any colour scheme or screen reader."""

    DEFAULT_CSS = """
    TickBox { border: none; padding: 0; height: auto; background: transparent; }
    TickBox:focus { background: $boost; }
    TickBox:focus > .toggle--label { text-style: bold underline; }
    """

    @property
    def _button(self) -> Content:
        """``[x]`` or ``[ ]``, bold when ticked."""
        if self.value:
            return Content.styled("[x]", "bold")
        return Content("[ ]")
