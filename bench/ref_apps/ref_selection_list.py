"""Reference app (a) of ``bench/bench_tmux.py``: a bare ``SelectionList`` of the shipped signals with an ``Input`` filter.

The least a signal step could cost in Textual: every signal of ``checklists/signalen/*.yaml`` (the lists the signal
step shows, ``use: signalering``) in one list; typing in the filter rebuilds the list in place; Space ticks the
highlighted signal. Run: ``.venv/bin/python bench/ref_apps/ref_selection_list.py [--stack | --content]``
(``hold_the_stack``, ``hold_the_content``).
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


def hold_the_stack() -> object:
    """``--stack``: first load what signaleer holds before it draws a widget of its own, and keep it.

    That is its libraries (Textual, pydantic, pyrage for the vault, rich's Markdown for the guidance) with the
    bundled content validated into its pydantic models, the case model, and the App's own modules. The memory
    of this app is then the least any signal step built on that stack can cost; signaleer against it shows what
    its own screens cost (``bench_tmux.py``: an information row beside the budget's reference).
    """
    import pyrage  # noqa: F401
    import rich.markdown  # noqa: F401
    from textual.widgets import Markdown  # noqa: F401

    import signaleer.domain.case
    import signaleer.tui.app  # noqa: F401
    from signaleer.content.loader import load_content_or_raise

    return load_content_or_raise()


def hold_the_content() -> object:
    """``--content``: first validate the bundled content into signaleer's pydantic models, and keep it; nothing else.

    STYLE.md §7 asks for strict pydantic content models. This is what that choice alone adds to the bare list: the
    pydantic library, the model classes with their validators and serialisers, and the validated content.
    """
    from signaleer.content.loader import load_content_or_raise

    return load_content_or_raise()


if __name__ == "__main__":
    import sys

    held = (
        hold_the_stack() if "--stack" in sys.argv[1:] else hold_the_content() if "--content" in sys.argv[1:] else None
    )
    SignalList().run()
