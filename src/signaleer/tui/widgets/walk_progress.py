"""Where the professional is in the walk: 'Stap n van m', the title, and done/open/skipped for every step."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from textual.content import Content
from textual.widgets import Static

from signaleer.tui.i18n import t

StepState = Literal["done", "open", "skipped"]
MARKS: dict[str, str] = {"done": "✔", "open": "○", "skipped": "–"}


@dataclass(frozen=True)
class ProgressItem:
    """One step as the progress line shows it."""

    number: str
    """What the line shows for the step: its number, or a short word."""
    title: str
    """The step's title."""
    state: StepState
    """Done, open or skipped."""


class WalkProgress(Static):
    """Two lines: 'Stap 2 van 7: title (open)' and a marker per step; the current step in brackets."""

    DEFAULT_CSS = """
    WalkProgress { height: 2; padding: 0 1; background: $boost; }
    """

    shown = ""
    """The text shown now (updates that change nothing are skipped, so typing stays fast)."""

    def show(self, items: list[ProgressItem], current: int) -> None:
        """Show ``items`` with ``current`` highlighted."""
        item = items[current]
        head = t(
            "walk.progress",
            n=current + 1,
            m=len(items),
            title=item.title,
            state=t(f"walk.state.{item.state}"),
        )
        marks = []
        for index, other in enumerate(items):
            mark = f"{other.number}{MARKS[other.state]}"
            marks.append(f"[{mark}]" if index == current else f" {mark} ")
        text = f"{head}\n{''.join(marks)}  {t('walk.progress_legend')}"
        if text != self.shown:
            self.shown = text
            self.update(Content(text))
