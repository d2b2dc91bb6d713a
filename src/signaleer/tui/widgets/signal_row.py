"""One signal in a list: tick it, then write its own observation, date and source."""

from __future__ import annotations

from typing import cast

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Checkbox, Input, Select, Static

from signaleer.domain.base import Language
from signaleer.domain.case import ObservedSignal, SourceType
from signaleer.domain.signals import Signal
from signaleer.tui.i18n import t
from signaleer.tui.widgets.date_input import DateInput
from signaleer.tui.widgets.tick_box import TickBox

SOURCE_TYPES: tuple[SourceType, ...] = ("eigen_waarneming", "van_horen_zeggen")


class SignalText(Static):
    """The signal's text; a click ticks or unticks the row."""

    def on_click(self, event: events.Click) -> None:
        """Toggle the row's box."""
        event.stop()
        row = next(a for a in self.ancestors if isinstance(a, SignalRow))
        row.query_one(TickBox).toggle()


class SignalRow(Vertical):
    """A signal with a ``[x]`` box; when ticked it shows fields for the observation."""

    DEFAULT_CSS = """
    SignalRow { height: auto; }
    SignalRow > Horizontal { height: auto; }
    SignalRow SignalText { width: 1fr; padding-left: 1; }
    SignalRow .observation { height: auto; padding: 0 0 1 4; border-left: thick $accent; margin-left: 2; }
    SignalRow .observation Horizontal { height: auto; }
    SignalRow .observation Select { width: 30; }
    SignalRow .observation Input.source-note { width: 1fr; }
    SignalRow .ticked-label { color: $success; text-style: bold; }
    """

    class Ticked(Message):
        """The user ticked (True) or unticked (False) the signal."""

        def __init__(self, row: SignalRow, ticked: bool) -> None:
            super().__init__()
            self.row = row
            self.ticked = ticked

        @property
        def control(self) -> SignalRow:
            """The row."""
            return self.row

    class Observed(Message):
        """The observation, date or source of a ticked signal changed."""

        def __init__(self, row: SignalRow, observed: ObservedSignal) -> None:
            super().__init__()
            self.row = row
            self.observed = observed

    def __init__(self, signal: Signal, observed: ObservedSignal | None, language: Language) -> None:
        super().__init__(id=f"signal-{signal.id}")
        self.signal = signal
        """The signal from the list."""
        self.observed = observed
        """What the case holds for this signal; None when not ticked."""
        self.language = language
        """Language of the signal text."""

    @property
    def ticked(self) -> bool:
        """True when the box is ticked."""
        return self.query_one(TickBox).value

    @property
    def search_text(self) -> str:
        """What the search box matches: id, text in both languages and weight."""
        weight = t(f"walk.weight.{self.signal.weight}")
        return f"{self.signal.id} {self.signal.nl} {self.signal.en or ''} {weight}".casefold()

    def compose(self) -> ComposeResult:
        """The box with the signal text and weight, and the observation fields when ticked."""
        weight = t(f"walk.weight.{self.signal.weight}")
        acute = t("walk.signal.acute") if self.signal.acuut else ""
        with Horizontal():
            yield TickBox(Content(self.signal.id), self.observed is not None)
            yield SignalText(Content(f"{self.signal.text(self.language)} ({weight}{acute})"))
        if self.observed is not None:
            yield from self._observation(self.observed)

    def _observation(self, observed: ObservedSignal) -> ComposeResult:
        with Vertical(classes="observation"):
            yield Static(t("walk.signal.ticked"), classes="ticked-label")
            yield Input(observed.observation, placeholder=t("walk.signal.observation"), classes="observation-text")
            with Horizontal():
                yield DateInput(observed.date, classes="observation-date")
                yield Select(
                    [(t(f"walk.source.{kind}"), kind) for kind in SOURCE_TYPES],
                    value=observed.source_type,
                    allow_blank=False,
                    classes="source-type",
                )
                yield Input(observed.source_note, placeholder=t("walk.signal.source_note"), classes="source-note")

    async def set_ticked(self, ticked: bool) -> None:
        """Show ``ticked`` without telling the parent (used when the user cancels an untick)."""
        box = self.query_one(TickBox)
        with box.prevent(Checkbox.Changed):
            box.value = ticked
        await self._show_fields(ticked)

    async def _show_fields(self, ticked: bool) -> None:
        existing = self.query(".observation")
        if ticked and not existing:
            self.observed = self.observed or ObservedSignal(signal_id=self.signal.id)
            await self.mount_all(list(self._observation(self.observed)))
        elif not ticked:
            await existing.remove()

    @on(Checkbox.Changed)
    async def _box_changed(self, event: Checkbox.Changed) -> None:
        event.stop()
        if event.value:
            self.observed = ObservedSignal(signal_id=self.signal.id)
        await self._show_fields(event.value)
        self.post_message(self.Ticked(self, event.value))

    @on(Input.Changed)
    @on(Select.Changed)
    def _field_changed(self, event: Input.Changed | Select.Changed) -> None:
        event.stop()
        if not self.ticked or not self.query(".observation"):
            return
        date_input = self.query_one(".observation-date", DateInput)
        if not date_input.valid:
            return
        source = self.query_one(".source-type", Select).value
        observed = ObservedSignal(
            signal_id=self.signal.id,
            observation=self.query_one(".observation-text", Input).value,
            date=date_input.date,
            source_type=cast(SourceType, source) if source in SOURCE_TYPES else "eigen_waarneming",
            source_note=self.query_one(".source-note", Input).value,
        )
        if observed != self.observed:
            self.observed = observed
            self.post_message(self.Observed(self, observed))
