"""The signal lists: categories to open and close, a search box across all of them, a count per category."""

from __future__ import annotations

import asyncio

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


class SignalCategory(Collapsible):
    """One category; its rows are built the first time it opens, so the step shows quickly."""

    def __init__(
        self, signals: SignalList, observed: dict[str, ObservedSignal], title: str, language: Language
    ) -> None:
        count = sum(1 for s in signals.signals if s.id in observed)
        super().__init__(title=title, collapsed=count == 0, id=f"category-{signals.category}")
        self.signals = signals
        """The category's list."""
        self.observed = observed
        """The case's ticked signals by id (shared with the picker)."""
        self.language = language
        """Language of the texts."""
        self.built = False
        """True once the rows exist."""

    def matches(self, words: list[str]) -> set[str]:
        """Ids of the signals whose id, text or weight contain every word."""
        found = set()
        for signal in self.signals.signals:
            text = f"{signal.id} {signal.nl} {signal.en or ''} {t(f'walk.weight.{signal.weight}')}".casefold()
            if all(word in text for word in words):
                found.add(signal.id)
        return found

    async def build(self) -> None:
        """Create the prompt and rows (once)."""
        if self.built:
            return
        self.built = True
        rows: list[Static | SignalRow] = []
        if self.signals.prompt:
            rows.append(Static(Content(self.signals.prompt.get(self.language)), classes="prompt"))
        rows.extend(SignalRow(s, self.observed.get(s.id), self.language) for s in self.signals.signals)
        await self.query_one(Collapsible.Contents).mount_all(rows)

    async def on_mount(self) -> None:
        """Build the rows of a category that starts open (it holds ticked signals)."""
        if not self.collapsed:
            await self.build()

    @on(Collapsible.Expanded)
    async def _expanded(self) -> None:
        await self.build()

    def ticked_count(self) -> int:
        """Number of ticked signals in this category."""
        if not self.built:
            return sum(1 for s in self.signals.signals if s.id in self.observed)
        return sum(1 for row in self.query(SignalRow) if row.ticked)


class SignalPicker(Vertical):
    """Every signal list of the step plan; rows post ``SignalRow.Ticked`` and ``SignalRow.Observed``."""

    DEFAULT_CSS = """
    SignalPicker { height: auto; }
    SignalPicker #signal-search { margin-bottom: 1; }
    SignalPicker .framing { color: $text-muted; padding: 0 1; }
    SignalPicker .prompt { color: $warning; text-style: bold; padding: 0 1; }
    SignalPicker #search-status { color: $text-muted; padding: 0 1; }
    SignalPicker #search-status.-none { color: $warning; }
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
        yield Static("", id="search-status")
        for signals in self.lists:
            count = sum(1 for s in signals.signals if s.id in self.observed)
            yield SignalCategory(signals, self.observed, self._title(signals, count), self.language)

    def on_mount(self) -> None:
        """Hide the search status until something is searched."""
        self.query_one("#search-status").display = False

    def _title(self, signals: SignalList, count: int) -> str:
        return t("walk.signal.category", label=signals.label.get(self.language), count=count)

    def recount(self) -> None:
        """Show the number of ticked signals in each category's title."""
        for box in self.query(SignalCategory):
            title = self._title(box.signals, box.ticked_count())
            if box.title != title:
                box.title = title

    @on(SignalRow.Ticked)
    def _ticked(self) -> None:
        self.recount()

    @on(Input.Changed, "#signal-search")
    async def search(self, event: Input.Changed) -> None:
        """Show only matching signals; open the categories that have a match."""
        event.stop()
        if event.value != event.input.value:
            return  # a newer keystroke is queued: search once, for what the box holds now
        words = event.value.casefold().split()
        boxes = list(self.query(SignalCategory))
        found_by_box = {box: box.matches(words) for box in boxes}
        # Build every category that needs its rows at once: one layout pass instead of one per category.
        await asyncio.gather(*(box.build() for box in boxes if words and found_by_box[box]))
        shown = 0
        for box in boxes:
            found = found_by_box[box]
            for row in box.query(SignalRow):
                row.display = row.signal.id in found
            box.display = bool(found)
            shown += len(found)
            box.collapsed = not found if words else box.ticked_count() == 0
        self._show_status(event.value.strip(), shown if words else None)
        self.query_one("#signal-search").scroll_visible(top=True, animate=False)

    def _show_status(self, query: str, found: int | None) -> None:
        """Say how many signals match, so it is clear the list below is filtered (and when it is done)."""
        status = self.query_one("#search-status", Static)
        status.display = found is not None
        if found is None:
            return
        status.set_class(found == 0, "-none")
        if found == 0:
            status.update(t("walk.signal.no_match"))
        else:
            key = "walk.signal.found_one" if found == 1 else "walk.signal.found"
            status.update(Content(t(key, n=found, query=query)))
