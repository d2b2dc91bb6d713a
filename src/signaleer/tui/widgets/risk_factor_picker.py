"""Risk factors, kept apart from signals with their own framing: they explain vulnerability, they prove nothing."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Collapsible, Static

from signaleer.domain.base import Language
from signaleer.domain.case import RiskFactorNote
from signaleer.domain.signals import RiskFactorList
from signaleer.tui.i18n import t
from signaleer.tui.widgets.signal_line import SignalLine


class RiskFactorPicker(Vertical):
    """The risk factor groups as collapsible lists of ``[x]`` boxes; posts ``Changed`` with the whole list."""

    DEFAULT_CSS = """
    RiskFactorPicker { height: auto; border: round $secondary; padding: 0 1; }
    RiskFactorPicker .framing { color: $warning; padding-bottom: 1; }
    """

    class Changed(Message):
        """The ticked risk factors changed."""

        def __init__(self, picker: RiskFactorPicker, factors: list[RiskFactorNote]) -> None:
            super().__init__()
            self.picker = picker
            self.factors = factors

    def __init__(self, risks: RiskFactorList | None, noted: list[RiskFactorNote], language: Language) -> None:
        super().__init__(id="risk-factors")
        self.risks = risks
        """The risk factor file."""
        self.noted = {n.factor_id: n for n in noted}
        """Risk factors the case holds, by id."""
        self.language = language
        """Language of the texts."""

    def compose(self) -> ComposeResult:
        """The framing, then one collapsible group per risk profile."""
        yield Static(t("walk.risk.title"), classes="field-label")
        if self.risks is None:
            return
        yield Static(Content(self.risks.framing.get(self.language)), classes="framing")
        for group in self.risks.groups:
            count = sum(1 for f in group.factors if f.id in self.noted)
            title = t("walk.signal.category", label=group.label.get(self.language), count=count)
            boxes = [
                SignalLine(f"{f.id} {f.text(self.language)}", f.id in self.noted, id=f"risk-{f.id}")
                for f in group.factors
            ]
            yield Collapsible(*boxes, title=title, collapsed=count == 0)

    @on(SignalLine.Changed)
    def _changed(self, event: SignalLine.Changed) -> None:
        event.stop()
        factors = []
        for box in self.query(SignalLine):
            factor_id = (box.id or "").removeprefix("risk-")
            if box.value:
                factors.append(self.noted.get(factor_id) or RiskFactorNote(factor_id=factor_id))
        self.post_message(self.Changed(self, factors))
