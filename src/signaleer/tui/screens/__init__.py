"""The shell's screens: unlock, home, new case, settings, knowledge, help, the neutral view."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.dom import DOMNode

if TYPE_CHECKING:
    from signaleer.tui.app import SignaleerApp


def shell(node: DOMNode) -> SignaleerApp:
    """The running ``SignaleerApp`` of ``node``, typed."""
    return cast("SignaleerApp", node.app)
