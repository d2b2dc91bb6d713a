"""The walk through one case: the step plan's steps, the afwegingen and the outcome."""

from __future__ import annotations

from signaleer.tui.walk.screen import WalkScreen

__all__ = ["WalkScreen"]
