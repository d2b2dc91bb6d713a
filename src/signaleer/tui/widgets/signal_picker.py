"""The signal lists: categories to open and close, a search box across all of them, a count per category."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Collapsible, Input, Static

from signaleer.domain.base import Language
from signaleer.domain.case import ObservedSignal
from signaleer.domain.signals import SignalList
from signaleer.tui.i18n import t
from signaleer.tui.widgets.signal_row import SignalRow


class SignalPicker(Vertical):
    """Every signal list of the step plan; rows post ``SignalRow.Ticked`` and ``SignalRow.Observed``."""

    DEFAULT_CSS = """
    SignalPicker { height: auto; }
    SignalPicker #signal-search { margin-bottom: 1; }
    SignalPicker .framing { color: $text-muted; padding: 0 1; }
    SignalPicker .prompt { color: $warning; text-style: bold; padding: 0 1; }
    SignalPicker .no-match { color: $warning; padding: 0 1; }
    SignalPicker Collapsible { padding: 0; }
    """

    def __init__(self, lists: list[SignalList], observed: list[ObservedSignal], language: Language) -> None:
        super().__init__(id="signal-picker")
        self.lists = lists
        """The categories, in wizard order."""
        self.observed = {s.signal_id: s for s in observed}
        """The case's ticked signals by id."""
        self.language = language
        """Language of the texts."""

    def compose(self) -> ComposeResult:
        """General framing, the search box, then one collapsible category per list."""
        if self.lists:
            yield Static(Content(self.lists[0].framing.get(self.language)), classes="framing")
        yield Input(placeholder=t("walk.signal.search"), id="signal-search")
        yield Static(t("walk.signal.no_match"), classes="no-match", id="no-match")
        for signals in self.lists:
            count = sum(1 for s in signals.signals if s.id in self.observed)
            with Collapsible(
                title=self._title(signals, count), collapsed=count == 0, id=f"category-{signals.category}"
            ):
                if signals.prompt:
                    yield Static(Content(signals.prompt.get(self.language)), classes="prompt")
                for signal in signals.signals:
                    yield SignalRow(signal, self.observed.get(signal.id), self.language)

    def on_mount(self) -> None:
        """Hide the no-match line."""
        self.query_one("#no-match").display = False

    def _title(self, signals: SignalList, count: int) -> str:
        return t("walk.signal.category", label=signals.label.get(self.language), count=count)

    def recount(self) -> None:
        """Show the number of ticked signals in each category's title."""
        for signals in self.lists:
            box = self.query_one(f"#category-{signals.category}", Collapsible)
            count = sum(1 for row in box.query(SignalRow) if row.ticked)
            box.title = self._title(signals, count)

    @on(SignalRow.Ticked)
    def _ticked(self) -> None:
        self.recount()

    @on(Input.Changed, "#signal-search")
    def search(self, event: Input.Changed) -> None:
        """Show only matching signals; open the categories that have a match."""
        event.stop()
        words = event.value.casefold().split()
        any_match = False
        for box in self.query(Collapsible):
            rows = list(box.query(SignalRow))
            matches = 0
            for row in rows:
                shown = all(word in row.search_text for word in words)
                row.display = shown
                matches += shown
            box.display = matches > 0
            any_match = any_match or matches > 0
            if words:
                box.collapsed = matches == 0
            else:
                box.collapsed = not any(row.ticked for row in rows)
        self.query_one("#no-match").display = not any_match
