"""Reference app (a) of ``bench/bench_tmux.py``: a bare ``SelectionList`` of the shipped signals with an ``Input`` filter.

The least a signal step could cost in Textual: every signal of ``checklists/signalen/*.yaml`` (the lists the signal
step shows, ``use: signalering``) in one list; typing in the filter rebuilds the list in place; Space ticks the
highlighted signal. Run: ``.venv/bin/python bench/ref_apps/ref_selection_list.py``.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from textual.app import App, ComposeResult
from textual.widgets import Input, SelectionList

SIGNALS = Path(__file__).resolve().parents[2] / "checklists" / "signalen"


def shipped_signals() -> list[tuple[str, str]]:
    """(id, label) of every signal in the shipped signal lists, in file order."""
    signals: list[tuple[str, str]] = []
    for path in sorted(SIGNALS.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if data.get("use", "signalering") != "signalering":
            continue
        category = data["label"]["nl"]
        for signal in data["signals"]:
            signals.append((signal["id"], f"{signal['id']} {signal['nl']} ({category}, {signal['weight']})"))
    return signals


class SignalList(App[None]):
    """An ``Input`` above a ``SelectionList``; the filter keeps the ticks."""

    CSS = "SelectionList { height: 1fr; }"

    def __init__(self) -> None:
        super().__init__()
        self.signals = shipped_signals()
        self.ticked: set[str] = set()

    def compose(self) -> ComposeResult:
        yield Input(placeholder="Zoek een signaal…", id="filter")
        yield SelectionList[str](*self.options(""), id="signals")

    def options(self, query: str) -> list[tuple[str, str, bool]]:
        needle = query.casefold()
        return [(label, key, key in self.ticked) for key, label in self.signals if needle in label.casefold()]

    def on_input_changed(self, event: Input.Changed) -> None:
        signals = self.query_one(SelectionList)
        signals.clear_options()
        signals.add_options(self.options(event.value))
        signals.highlighted = 0 if signals.option_count else None

    def on_selection_list_selected_changed(self, event: SelectionList.SelectedChanged[str]) -> None:
        shown = {key for key, label in self.signals if self.query_one(Input).value.casefold() in label.casefold()}
        self.ticked = (self.ticked - shown) | set(event.selection_list.selected)


if __name__ == "__main__":
    SignalList().run()
