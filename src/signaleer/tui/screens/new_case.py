"""Nieuwe signalering: the short form that starts a case (pseudonym, age, gender, gemeente, sector)."""

from __future__ import annotations

from typing import ClassVar, cast

from textual import on
from textual.app import ComposeResult
from textual.containers import Grid, Horizontal, VerticalScroll
from textual.screen import Screen
from textual.suggester import SuggestFromList
from textual.widgets import Button, Input, Label, Select, Static

from signaleer.domain.case import Case, Gender
from signaleer.i18n import t
from signaleer.tui.actions import ActionSpec, register
from signaleer.tui.footer import ShellFooter
from signaleer.tui.screens import shell
from signaleer.tui.screens.choices import (
    NATIONAL,
    gemeente_suggestions,
    gemeente_value,
    gender_options,
    resolve_gemeente,
    sector_options,
)


class NewCaseScreen(Screen[Case | None]):
    """Ask the few facts needed to start; returns the new case, or None when cancelled."""

    ACTION_SCOPE: ClassVar[str] = "new_case"
    BINDINGS: ClassVar = register(
        ActionSpec("new_case.create", "create", "ctrl+s", "action.create", "action.create.help", priority=True),
        ActionSpec("new_case.cancel", "cancel", "escape", "action.cancel", "action.cancel.help"),
    )

    def compose(self) -> ComposeResult:
        """The form fields with their labels, the buttons and the footer."""
        app = shell(self)
        settings = app.settings
        yield Static(t("new_case.title"), classes="screen-title")
        with VerticalScroll(classes="form"):
            yield Static(t("new_case.pseudonym_hint"), classes="hint")
            with Grid(classes="form-grid"):
                yield Label(t("new_case.pseudonym"))
                yield Input(placeholder=t("new_case.pseudonym_placeholder"), id="pseudonym", max_length=80)
                yield Label(t("new_case.age"))
                yield Input(placeholder=t("new_case.age_placeholder"), id="age", type="integer", max_length=2)
                yield Label(t("new_case.gender"))
                yield Select(gender_options(), value="onbekend", allow_blank=False, id="gender")
                yield Label(t("new_case.gemeente"))
                yield Input(
                    value=gemeente_value(app.content, settings.gemeente),
                    placeholder=t("new_case.gemeente_placeholder"),
                    suggester=SuggestFromList(gemeente_suggestions(app.content), case_sensitive=False),
                    id="gemeente",
                    max_length=60,
                )
                yield Label(t("new_case.sector"))
                yield Select(sector_options(), value=settings.sector, allow_blank=False, id="sector")
            yield Static("", id="error", classes="form-error")
            with Horizontal(classes="buttons"):
                yield Button(t("new_case.start"), id="create", variant="primary")
                yield Button(t("action.cancel"), id="cancel")
        yield ShellFooter()

    def on_mount(self) -> None:
        """Begin with the pseudonym."""
        self.query_one("#error", Static).display = False
        self.query_one("#pseudonym", Input).focus()

    def _error(self, text: str, field: str) -> None:
        error = self.query_one("#error", Static)
        error.update(text)
        error.display = True
        self.query_one(f"#{field}").focus()
        self.call_after_refresh(error.scroll_visible, animate=False)  # at 80×24 it is below the fold

    @on(Button.Pressed, "#create")
    @on(Input.Submitted)
    def action_create(self) -> None:
        """Check the fields and return the new case."""
        from signaleer.domain.changes import new_case

        pseudonym = self.query_one("#pseudonym", Input).value.strip()
        if not pseudonym:
            self._error(t("new_case.need_pseudonym"), "pseudonym")
            return
        age_text = self.query_one("#age", Input).value.strip()
        age = int(age_text) if age_text.isdigit() else None
        if age_text and (age is None or not 0 <= age <= 40):
            self._error(t("new_case.bad_age"), "age")
            return
        gender = self.query_one("#gender", Select).value
        typed = self.query_one("#gemeente", Input).value
        gemeente, candidates = resolve_gemeente(shell(self).content, typed)
        if gemeente is None:
            if candidates:
                self._error(t("new_case.gemeente_which", names=", ".join(candidates)), "gemeente")
            else:
                self._error(t("new_case.gemeente_unknown", name=typed.strip()), "gemeente")
            return
        sector = self.query_one("#sector", Select).value
        case = new_case(
            pseudonym,
            age,
            cast(Gender, gender) if isinstance(gender, str) else None,
            gemeente if gemeente != NATIONAL else None,
            sector if isinstance(sector, str) else None,
        )
        self.dismiss(case)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Close without creating a case."""
        self.dismiss(None)
