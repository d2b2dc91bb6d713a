"""CoMensha registration: the age rule, consent status with date, the route used and the registration date."""

from __future__ import annotations

from typing import Any, cast

from textual import on
from textual.app import ComposeResult
from textual.containers import Grid, Horizontal, VerticalScroll
from textual.widgets import Button, Input, Label, Select, Static

from signaleer.advice_text import consent_text, paragraph, render
from signaleer.domain import changes
from signaleer.domain.case import Case, ComenshaRegistration, ConsentSigner, ConsentStatus, RegistrationRoute
from signaleer.domain.consent import comensha_consent, signer_check
from signaleer.domain.followup import comensha_warnings
from signaleer.errors import SignaleerError
from signaleer.i18n import current_language, t
from signaleer.tui.followup.common import CaseChanged, parse_date, show_date
from signaleer.tui.screens.confirm import ConfirmScreen

STATUSES = ("niet_gevraagd", "gevraagd", "gegeven", "geweigerd", "niet_mogelijk")
SIGNERS = ("ouders_of_voogd", "jongere")
ROUTES = ("veilig_thuis", "lokaal_meldpunt", "politie")


class ComenshaPane(VerticalScroll):
    """The consent rule for this case and a form for where consent and registration stand."""

    DEFAULT_CSS = """
    ComenshaPane { padding: 0 1; }
    ComenshaPane .section { text-style: bold; padding-top: 1; }
    """

    def __init__(self, case: Case) -> None:
        super().__init__(id="comensha-pane")
        self.case = case
        """The case shown; changed only through ``domain.changes``."""

    def compose(self) -> ComposeResult:
        """The rule, the form and its messages."""
        reg = self.case.comensha
        yield Static(t("comensha.intro"), classes="hint")
        yield Static(t("comensha.rule"), classes="section")
        yield Static("", id="rule")
        yield Static(t("comensha.if_refused"), classes="section")
        yield Static("", id="if-refused")
        with Grid(classes="form-grid"):
            yield Label(t("comensha.status"))
            yield Select(
                [(t(f"status.{s}"), s) for s in STATUSES], value=reg.consent_status, allow_blank=False, id="status"
            )
            yield Label(t("comensha.signer"))
            yield Select([(t(f"signer.{s}"), s) for s in SIGNERS], prompt=t("comensha.none"), id="signer")
            yield Label(t("comensha.consent_date"))
            yield Input(show_date(reg.consent_date), placeholder=t("followup.new.date_placeholder"), id="consent-date")
            yield Label(t("comensha.route"))
            yield Select([(t(f"route.{r}"), r) for r in ROUTES], prompt=t("comensha.none"), id="route")
            yield Label(t("comensha.registered_on"))
            yield Input(show_date(reg.registered_on), placeholder=t("followup.new.date_placeholder"), id="registered")
            yield Label(t("comensha.note"))
            yield Input(reg.note, id="comensha-note", max_length=2000)
        yield Static("", id="comensha-error", classes="form-error")
        yield Static("", id="comensha-warning", classes="warning-line")
        with Horizontal(classes="buttons"):
            yield Button(t("comensha.save"), id="save-comensha", variant="primary")

    def on_mount(self) -> None:
        """Show the stored choices and the rule."""
        reg = self.case.comensha
        if reg.signer:
            self.query_one("#signer", Select).value = reg.signer
        if reg.route:
            self.query_one("#route", Select).value = reg.route
        self.refresh_case()

    def refresh_case(self) -> None:
        """Show the age rule with the recorded status."""
        rule, lang = comensha_consent(self.case), current_language()
        self.query_one("#rule", Static).update(consent_text(rule, lang))
        self.query_one("#if-refused", Static).update(render(rule.if_refused, lang))

    @staticmethod
    def _chosen(select: Select[Any]) -> str | None:
        value = select.value
        return value if isinstance(value, str) else None

    @on(Button.Pressed, "#save-comensha")
    def save(self) -> None:
        """Check the form and record it; problems block, a signer against the rule first asks, saying why."""
        error = self.query_one("#comensha-error", Static)
        dates = {}
        for field in ("consent-date", "registered"):
            raw = self.query_one(f"#{field}", Input).value
            try:
                dates[field] = parse_date(raw)
            except ValueError:
                error.update(t("followup.bad_date", value=raw.strip()))
                return
        registration = ComenshaRegistration(
            consent_status=cast(ConsentStatus, self.query_one("#status", Select).value),
            signer=cast("ConsentSigner | None", self._chosen(self.query_one("#signer", Select))),
            consent_date=dates["consent-date"],
            route=cast("RegistrationRoute | None", self._chosen(self.query_one("#route", Select))),
            registered_on=dates["registered"],
            note=self.query_one("#comensha-note", Input).value.strip(),
        )
        check = signer_check(self.case, registration.signer)
        reason = paragraph(check.reason, current_language()) if check is not None else ""
        if check is not None and check.blocking:
            error.update(t("comensha.signer_blocked", reason=reason))
            return
        if check is not None:
            error.update("")

            def confirmed(sure: bool | None) -> None:
                if sure:
                    self._record(registration)
                else:
                    error.update(t("comensha.signer_not_saved", reason=reason))

            self.app.push_screen(ConfirmScreen(reason, t("comensha.signer_anyway")), confirmed)
            return
        self._record(registration)

    def _record(self, registration: ComenshaRegistration) -> None:
        """Record ``registration``; the warnings that remain (dates out of order) inform."""
        error = self.query_one("#comensha-error", Static)
        warnings = [paragraph(w, current_language()) for w in comensha_warnings(self.case, registration)]
        try:
            changes.set_comensha(self.case, registration)
        except SignaleerError as exc:
            error.update(exc.render())
            return
        error.update("")
        self.query_one("#comensha-warning", Static).update("\n".join(warnings))
        self.post_message(CaseChanged(t("followup.saved")))
