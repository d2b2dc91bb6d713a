"""FollowUpScreen: a case after the signal, in four tabs: timeline and follow-up, CoMensha, aftercare, export."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Static, TabbedContent, TabPane

from signaleer.domain.case import Case
from signaleer.i18n import t
from signaleer.tui.actions import ActionSpec, register
from signaleer.tui.followup.comensha_pane import ComenshaPane
from signaleer.tui.followup.common import CaseChanged
from signaleer.tui.followup.export_pane import ExportPane
from signaleer.tui.followup.nazorg_pane import NazorgPane
from signaleer.tui.followup.timeline_pane import TimelinePane
from signaleer.tui.footer import ShellFooter
from signaleer.tui.screens import shell


class FollowUpScreen(Screen[None]):
    """Follow one case from signal to registration and return; every change is saved (encrypted) at once."""

    ACTION_SCOPE: ClassVar[str] = "followup"
    BINDINGS: ClassVar = register(
        ActionSpec("followup.close", "close", "escape", "followup.action.close", "followup.action.close.help"),
    )
    DEFAULT_CSS = """
    FollowUpScreen TabbedContent { height: 1fr; }
    FollowUpScreen TabPane { padding: 0; }
    """

    def __init__(self, case: Case, tab: str = "vervolg") -> None:
        super().__init__()
        self.case = case
        """The case followed; changed only through ``domain.changes``."""
        self.initial_tab = tab
        """Tab shown first: vervolg, comensha, nazorg or export."""

    def compose(self) -> ComposeResult:
        """The title, the four tabs and the footer."""
        yield Static(t("followup.title", pseudonym=self.case.pseudonym), classes="screen-title")
        with TabbedContent(initial=self.initial_tab):
            with TabPane(t("followup.tab.timeline"), id="vervolg"):
                yield TimelinePane(self.case)
            with TabPane(t("followup.tab.comensha"), id="comensha"):
                yield ComenshaPane(self.case)
            with TabPane(t("followup.tab.nazorg"), id="nazorg"):
                yield NazorgPane(self.case)
            with TabPane(t("followup.tab.export"), id="export"):
                yield ExportPane(self.case)
        yield ShellFooter()

    @on(CaseChanged)
    def _changed(self, message: CaseChanged) -> None:
        """Save the case and show it anew in every pane."""
        shell(self).save_case(self.case)
        self.query_one(TimelinePane).refresh_case()
        self.query_one(ComenshaPane).refresh_case()
        self.query_one(NazorgPane).refresh_case()
        if message.notice:
            self.notify(message.notice)

    def action_close(self) -> None:
        """Back to where the professional came from."""
        self.dismiss(None)
