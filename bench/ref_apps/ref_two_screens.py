"""Reference app (b) of ``bench/bench_tmux.py``: a bare app switching between two full screens.

Ctrl+N shows screen B, Ctrl+B screen A (the walk's own keys for next and back). Each screen fills the terminal with
a title, 40 lines of text and a footer, so a switch repaints all of it. Run: ``.venv/bin/python bench/ref_apps/ref_two_screens.py``.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static


class Page(Screen[None]):
    """A screen of text lines."""

    def __init__(self, name: str) -> None:
        super().__init__(name=name)

    def compose(self) -> ComposeResult:
        yield Static(f"Scherm {self.name}", classes="title")
        with VerticalScroll():
            for line in range(40):
                yield Static(f"Scherm {self.name}, regel {line}: een tekst van gewone lengte om het scherm te vullen.")
        yield Footer()


class TwoScreens(App[None]):
    """Switches between screen A and B."""

    BINDINGS: ClassVar = [
        Binding("ctrl+n", "show('B')", "Volgende", priority=True),
        Binding("ctrl+b", "show('A')", "Vorige", priority=True),
    ]
    SCREENS: ClassVar = {"A": lambda: Page("A"), "B": lambda: Page("B")}

    def on_mount(self) -> None:
        self.push_screen("A")

    def action_show(self, name: str) -> None:
        self.switch_screen(name)


if __name__ == "__main__":
    TwoScreens().run()
