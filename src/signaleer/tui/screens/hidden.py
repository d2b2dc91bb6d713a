"""The neutral view shown by quick-hide and the idle lock: a plain, empty notes page with no case content."""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Static

from signaleer.i18n import t
from signaleer.tui.screens import shell


class NotesScreen(Screen[None]):
    """Looks like an empty notes page; Enter or a click leads to the unlock screen."""

    ACTION_SCOPE: ClassVar[str] = "hidden"
    BINDINGS: ClassVar[list[BindingType]] = []

    def compose(self) -> ComposeResult:
        """A title, an empty page and one quiet line at the bottom."""
        with Vertical(id="notes"):
            yield Static(t("hidden.title"), id="notes-title")
            yield Static("", id="notes-page")
            yield Static(t("hidden.continue"), id="notes-hint")

    def on_key(self, event: events.Key) -> None:
        """Enter continues to the unlock screen."""
        if event.key == "enter":
            event.stop()
            self._continue()

    def on_click(self, event: events.Click) -> None:
        """A click continues to the unlock screen."""
        self._continue()

    def _continue(self) -> None:
        shell(self).show_gate()
