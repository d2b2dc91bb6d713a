"""Risk factors, kept apart from signals with their own framing: they explain vulnerability, they prove nothing."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from signaleer.domain.base import Language
from signaleer.domain.case import RiskFactorNote
from signaleer.domain.signals import RiskFactorList
from signaleer.i18n import t
from signaleer.tui.widgets.tick_list import TickGroup, TickItem, TickList


class RiskFactorPicker(Vertical):
    """The risk factor groups in one ``TickList`` (headers with counts); posts ``Changed`` with the whole list."""

    DEFAULT_CSS = """
    RiskFactorPicker { height: auto; border: round $secondary; padding: 0 1; }
    RiskFactorPicker .framing { color: $warning; padding-bottom: 1; }
    RiskFactorPicker #risk-list { height: auto; max-height: 12; }
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
        """The framing, then every risk profile as a group of one list."""
        yield Static(t("walk.risk.title"), classes="field-label")
        if self.risks is None:
            return
        yield Static(Content(self.risks.framing.get(self.language)), classes="framing")
        groups = [
            TickGroup(
                group.id,
                group.label.get(self.language),
                [TickItem(f.id, f"{f.id} {f.text(self.language)}", search=f.nl) for f in group.factors],
            )
            for group in self.risks.groups
        ]
        label = t("walk.signal.category", label="{label}", count="{count}")
        yield TickList(groups, self.noted, count_label=label, id="risk-list")

    @property
    def tick_list(self) -> TickList:
        """The list of risk factors."""
        return self.query_one("#risk-list", TickList)

    def set_factors(self, noted: list[RiskFactorNote]) -> None:
        """Show ``noted`` ticked (a cancelled change puts the case's list back)."""
        self.noted = {n.factor_id: n for n in noted}
        for item_id in list(self.tick_list.ticked | set(self.noted)):
            self.tick_list.set_ticked(item_id, item_id in self.noted)

    @on(TickList.Toggled, "#risk-list")
    def _changed(self, event: TickList.Toggled) -> None:
        event.stop()
        ticked = self.tick_list.ticked
        order = [item.id for group in self.tick_list.groups for item in group.items]
        factors = [self.noted.get(i) or RiskFactorNote(factor_id=i) for i in order if i in ticked]
        self.noted = {f.factor_id: f for f in factors}
        self.post_message(self.Changed(self, factors))
