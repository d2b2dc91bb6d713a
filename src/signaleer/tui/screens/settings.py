"""Settings: default gemeente and sector, language, idle lock, organisation key and theme."""

from __future__ import annotations

import re
from typing import ClassVar

from pydantic import ValidationError
from textual import on
from textual.app import ComposeResult
from textual.containers import Grid, Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Input, Label, Select, Static

from signaleer.i18n import t
from signaleer.settings import Settings
from signaleer.tui.actions import ActionSpec, register
from signaleer.tui.footer import ShellFooter
from signaleer.tui.screens import shell
from signaleer.tui.screens.choices import NATIONAL, gemeente_options, gemeente_value, sector_options


class SettingsScreen(Screen[Settings | None]):
    """Edit a copy of the settings; returns the new settings, or None when cancelled."""

    ACTION_SCOPE: ClassVar[str] = "settings"
    BINDINGS: ClassVar = register(
        ActionSpec("settings.save", "save", "ctrl+s", "action.save", "action.save.help", priority=True),
        ActionSpec("settings.cancel", "cancel", "escape", "action.cancel", "action.cancel.help"),
    )

    def __init__(self, settings: Settings) -> None:
        super().__init__()
        self.original = settings
        """The settings when the screen opened."""

    def compose(self) -> ComposeResult:
        """One labelled field per setting, the buttons and the footer."""
        content = shell(self).content
        current = self.original
        yield Static(t("settings.title"), classes="screen-title")
        with VerticalScroll(classes="form"):
            with Grid(classes="form-grid"):
                yield Label(t("settings.gemeente"))
                yield Select(
                    gemeente_options(content),
                    value=gemeente_value(content, current.gemeente),
                    allow_blank=False,
                    id="gemeente",
                )
                yield Label(t("settings.sector"))
                yield Select(sector_options(), value=current.sector, allow_blank=False, id="sector")
                yield Label(t("settings.language"))
                yield Select(
                    [("Nederlands", "nl"), ("English", "en")], value=current.language, allow_blank=False, id="language"
                )
                yield Label(t("settings.idle"))
                yield Input(str(current.idle_lock_minutes), type="integer", max_length=3, id="idle")
                yield Label(t("settings.org"))
                yield Input(" ".join(current.org_recipients), placeholder="age1…", id="org")
                yield Label(t("settings.theme"))
                yield Select(
                    [(t("theme.standaard"), "standaard"), (t("theme.hoog_contrast"), "hoog_contrast")],
                    value=current.theme,
                    allow_blank=False,
                    id="theme",
                )
            yield Static(t("settings.org_hint"), classes="hint")
            yield Static("", id="error", classes="form-error")
            with Horizontal(classes="buttons"):
                yield Button(t("action.save"), id="save", variant="primary")
                yield Button(t("action.cancel"), id="cancel")
        yield ShellFooter()

    def on_mount(self) -> None:
        """Hide the error line; focus the first field."""
        self.query_one("#error", Static).display = False
        self.query_one("#gemeente", Select).focus()

    def collect(self) -> Settings | str:
        """The settings from the fields, or a plain message saying what is wrong."""
        idle = self.query_one("#idle", Input).value.strip()
        if not idle.isdigit() or not 1 <= int(idle) <= 120:
            return t("settings.bad_idle")
        org = [key for key in re.split(r"[\s,;]+", self.query_one("#org", Input).value.strip()) if key]
        gemeente = self.query_one("#gemeente", Select).value
        values = {
            "gemeente": gemeente if isinstance(gemeente, str) and gemeente != NATIONAL else None,
            "sector": self.query_one("#sector", Select).value,
            "language": self.query_one("#language", Select).value,
            "idle_lock_minutes": int(idle),
            "org_recipients": org,
            "theme": self.query_one("#theme", Select).value,
        }
        try:
            return self.original.model_copy(update=Settings.model_validate(values).model_dump(include=set(values)))
        except ValidationError as exc:
            fields = {str(error["loc"][0]) for error in exc.errors() if error["loc"]}
            return t("settings.bad_org") if "org_recipients" in fields else t("settings.invalid")

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        """Check the fields and return the new settings."""
        result = self.collect()
        if isinstance(result, str):
            error = self.query_one("#error", Static)
            error.update(result)
            error.display = True
            self.call_after_refresh(error.scroll_visible, animate=False)  # at 80×24 it is below the fold
            return
        self.dismiss(result)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Close without changing anything."""
        self.dismiss(None)
