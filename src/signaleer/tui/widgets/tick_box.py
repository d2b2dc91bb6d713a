"""A checkbox whose state is readable as text: ``[x]`` when ticked, ``[ ]`` when not, not only by colour."""

from __future__ import annotations

from textual.content import Content

from signaleer.tui.textual_compat import DrawnCheckbox


class TickBox(DrawnCheckbox):
    """A ``Checkbox`` drawn as ``[x]`` / ``[ ]`` so the state survives any colour scheme or screen reader."""

    DEFAULT_CSS = """
    TickBox { border: none; padding: 0; height: auto; background: transparent; }
    TickBox:focus { background: $boost; }
    TickBox:focus > .toggle--label { text-style: bold underline; }
    """

    def box(self) -> Content:
        """``[x]`` or ``[ ]``, bold when ticked."""
        if self.value:
            return Content.styled("[x]", "bold")
        return Content("[ ]")
