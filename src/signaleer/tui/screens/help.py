"""The help screen: every registered key, grouped by where it works, from the action registry."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from signaleer.i18n import t
from signaleer.tui import actions
from signaleer.tui.actions import ActionSpec, format_keys, register
from signaleer.tui.footer import ShellFooter


def help_table() -> Table:
    """A table of every registered action: keys, title and what it does, grouped by scope."""
    actions.load_all()
    table = Table(expand=True, show_edge=False, box=None, pad_edge=False)
    table.add_column(t("help.keys"), no_wrap=True, style="bold")
    table.add_column(t("help.action"), no_wrap=True)
    table.add_column(t("help.what"), ratio=1)
    scope: str | None = None
    for spec in actions.registered():
        if spec.scope != scope:
            scope = spec.scope
            table.add_row("", "", "")
            table.add_row(f"[u]{t(f'scope.{scope}')}[/u]", "", "")
        table.add_row(format_keys(spec.keys), t(spec.title), t(spec.help))
    return table


class HelpScreen(Screen[None]):
    """Lists every key and what it does; also explains the mouse and the command palette."""

    ACTION_SCOPE: ClassVar[str] = "help"
    BINDINGS: ClassVar = register(
        ActionSpec("help.close", "close", "escape", "action.close", "action.close.help"),
    )

    def compose(self) -> ComposeResult:
        """The intro and the key table."""
        with VerticalScroll(id="help"):
            yield Static(t("help.title"), classes="screen-title")
            yield Static(t("help.intro"), classes="hint")
            yield Static(help_table(), id="help-table")
        yield ShellFooter()

    def action_close(self) -> None:
        """Close the help."""
        self.dismiss(None)
