"""Where the professional is in the walk: 'Stap n van m' in the plan's own numbers, and done/open/skipped per step."""

from __future__ import annotations

from dataclasses import dataclass

from textual.content import Content
from textual.widgets import Static

from signaleer.domain.progress import StepState
from signaleer.i18n import t

__all__ = ["MARKS", "ProgressItem", "StepState", "WalkProgress"]
MARKS: dict[str, str] = {"done": "✔", "open": "○", "skipped": "–"}


@dataclass(frozen=True)
class ProgressItem:
    """One step as the progress line shows it."""

    number: str
    """What the line shows for the step: its number in the step plan, or a short word (the outcome)."""
    title: str
    """The step's title."""
    state: StepState
    """Done, open or skipped."""


class WalkProgress(Static):
    """Two lines: 'Stap 1 van 5: title (open)' and a marker per step; the current step in brackets.

    The numbers are the step plan's own (the ones in the step titles and in the case list); a step without a
    number (the acute check, number 0, and the outcome) shows its title only.
    """

    DEFAULT_CSS = """
    WalkProgress { height: 2; padding: 0 1; background: $boost; }
    """

    shown = ""
    """The text shown now (updates that change nothing are skipped, so typing stays fast)."""

    def show(self, items: list[ProgressItem], current: int) -> None:
        """Show ``items`` with ``current`` highlighted."""
        item = items[current]
        numbers = [int(i.number) for i in items if i.number.isdigit()]
        state = t(f"walk.state.{item.state}")
        if item.number.isdigit() and int(item.number) > 0:
            head = t("walk.progress", n=int(item.number), m=max(numbers), title=item.title, state=state)
        else:
            head = t("walk.progress_plain", title=item.title, state=state)
        marks = []
        for index, other in enumerate(items):
            mark = f"{other.number}{MARKS[other.state]}"
            marks.append(f"[{mark}]" if index == current else f" {mark} ")
        text = f"{head}\n{''.join(marks)}  {t('walk.progress_legend')}"
        if text != self.shown:
            self.shown = text
            self.update(Content(text), layout=False)  # two rows high whatever it says: a repaint, no layout
