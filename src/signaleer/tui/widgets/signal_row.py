"""One signal in a list: tick it, then write its own observation, date and source."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Input, Static

from signaleer.domain.base import Language
from signaleer.domain.case import ObservedSignal, SourceType
from signaleer.domain.signals import Signal
from signaleer.tui.i18n import t
from signaleer.tui.widgets.date_input import DateInput
from signaleer.tui.widgets.signal_line import SignalLine
from signaleer.tui.widgets.yes_no import YesNo

SOURCE_TYPES: tuple[SourceType, ...] = ("eigen_waarneming", "van_horen_zeggen")


class SignalRow(Vertical):
    """A signal with a ``[x]`` box; when ticked it shows fields for the observation."""

    DEFAULT_CSS = """
    SignalRow { height: auto; }
    SignalRow .observation { height: auto; padding: 0 0 1 4; border-left: thick $accent; margin-left: 2; }
    SignalRow .observation Horizontal { height: auto; }
    SignalRow .observation YesNo { width: auto; }
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
        return self.query_one(SignalLine).value

    @property
    def search_text(self) -> str:
        """What the search box matches: id, text in both languages and weight."""
        weight = t(f"walk.weight.{self.signal.weight}")
        return f"{self.signal.id} {self.signal.nl} {self.signal.en or ''} {weight}".casefold()

    def compose(self) -> ComposeResult:
        """The box with the signal text and weight, and the observation fields when ticked."""
        weight = t(f"walk.weight.{self.signal.weight}")
        acute = t("walk.signal.acute") if self.signal.acuut else ""
        text = f"{self.signal.id} {self.signal.text(self.language)} ({weight}{acute})"
        yield SignalLine(text, self.observed is not None)
        if self.observed is not None:
            yield self._observation(self.observed)

    def _observation(self, observed: ObservedSignal) -> Vertical:
        source = YesNo(
            observed.source_type == "eigen_waarneming",
            yes_label=t("walk.source.eigen_waarneming"),
            no_label=t("walk.source.van_horen_zeggen"),
            classes="source-type",
        )
        return Vertical(
            Static(t("walk.signal.ticked"), classes="ticked-label"),
            Input(observed.observation, placeholder=t("walk.signal.observation"), classes="observation-text"),
            Horizontal(
                DateInput(observed.date, classes="observation-date"),
                source,
                Input(observed.source_note, placeholder=t("walk.signal.source_note"), classes="source-note"),
            ),
            classes="observation",
        )

    async def set_ticked(self, ticked: bool) -> None:
        """Show ``ticked`` without telling the parent (used when the user cancels an untick)."""
        line = self.query_one(SignalLine)
        with line.prevent(SignalLine.Changed):
            line.value = ticked
        await self._show_fields(ticked)

    async def _show_fields(self, ticked: bool) -> None:
        existing = self.query(".observation")
        if ticked and not existing:
            self.observed = self.observed or ObservedSignal(signal_id=self.signal.id)
            await self.mount(self._observation(self.observed))
        elif not ticked:
            await existing.remove()

    @on(SignalLine.Changed)
    async def _line_changed(self, event: SignalLine.Changed) -> None:
        event.stop()
        if event.value:
            self.observed = ObservedSignal(signal_id=self.signal.id)
        await self._show_fields(event.value)
        self.post_message(self.Ticked(self, event.value))

    @on(Input.Changed)
    @on(YesNo.Changed)
    def _field_changed(self, event: Input.Changed | YesNo.Changed) -> None:
        event.stop()
        if not self.ticked or not self.query(".observation"):
            return
        date_input = self.query_one(".observation-date", DateInput)
        if not date_input.valid:
            return
        own = self.query_one(".source-type", YesNo).value is not False
        observed = ObservedSignal(
            signal_id=self.signal.id,
            observation=self.query_one(".observation-text", Input).value,
            date=date_input.date,
            source_type="eigen_waarneming" if own else "van_horen_zeggen",
            source_note=self.query_one(".source-note", Input).value,
        )
        if observed != self.observed:
            self.observed = observed
            self.post_message(self.Observed(self, observed))
