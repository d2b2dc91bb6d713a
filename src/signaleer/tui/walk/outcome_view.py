"""The outcome: the next Meldcode step in plain words, why, whom to call, the CoMensha consent rule, what to record."""

from __future__ import annotations

import datetime as dt

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Button, Input, Select, Static

from signaleer.advice_text import all_of, consent_text, next_action, render
from signaleer.domain.advice import Advice
from signaleer.domain.base import Language
from signaleer.domain.case import Case, Decision, ExploiterRelation
from signaleer.i18n import t
from signaleer.tui.screens import shell
from signaleer.tui.widgets.contact_card import ContactCard
from signaleer.tui.widgets.date_input import DateInput

RELATIONS: tuple[ExploiterRelation, ...] = ("partner", "ex_partner", "familie", "anders", "onbekend")


def _date(day: dt.date) -> str:
    return day.strftime("%d-%m-%Y")


def bullets(lines: list[str]) -> str:
    """Lines as a bulleted list."""
    return "\n".join(f"• {line}" for line in lines)


class OutcomeView(Vertical):
    """Shows ``advice`` for ``case``; posts ``DecisionRecorded`` and ``RelationChosen``."""

    DEFAULT_CSS = """
    OutcomeView { height: auto; }
    OutcomeView .next-action { border: heavy $accent; padding: 0 1; text-style: bold; height: auto; }
    OutcomeView .next-action.-acute { border: heavy $error; }
    OutcomeView .acute-line { color: $error; text-style: bold; }
    OutcomeView .section { text-style: bold underline; padding-top: 1; }
    OutcomeView .warning { color: $warning; text-style: bold; }
    OutcomeView Horizontal { height: auto; }
    OutcomeView Select { width: 40; }
    """

    class DecisionRecorded(Message):
        """The professional recorded acting on the outcome (e.g. the melding)."""

        def __init__(self, view: OutcomeView, decision: Decision) -> None:
            super().__init__()
            self.view = view
            self.decision = decision

    class FollowUpRequested(Message):
        """The professional wants the follow-up screen: contacts, CoMensha, aftercare or the dossier export."""

        def __init__(self, view: OutcomeView, tab: str) -> None:
            super().__init__()
            self.view = view
            self.tab = tab

    class RelationChosen(Message):
        """The professional said who the suspected exploiter is to the young person."""

        def __init__(self, view: OutcomeView, relation: ExploiterRelation | None) -> None:
            super().__init__()
            self.view = view
            self.relation = relation

    def __init__(self, case: Case, advice: Advice, language: Language) -> None:
        super().__init__(id="outcome")
        self.case = case
        """The case."""
        self.advice = advice
        """The engine's advice."""
        self.language = language
        """Language of the texts."""

    def compose(self) -> ComposeResult:
        """Next step, outcome, warnings, reasons, contacts, consent, what to record, the decision form."""
        advice = self.advice
        yield Static(t("walk.outcome.title"), classes="step-title")
        lang = self.language
        yield Static(Content(t("walk.outcome.phase", phase=render(advice.phase_label, lang))))
        if advice.acute:
            yield Static(t("walk.outcome.acute"), classes="acute-line")
        yield Static(
            Content(t("walk.outcome.next", action=next_action(advice, lang))),
            classes="next-action -acute" if advice.acute else "next-action",
            id="next-action",
        )
        if advice.outcome_title:
            norm = t("walk.outcome.norm", norm=advice.norm) if advice.norm else ""
            yield Static(Content(t("walk.outcome.reached", title=render(advice.outcome_title, lang)) + norm))
        for warning in all_of(advice.warnings, lang):
            yield Static(Content(f"⚠ {warning}"), classes="warning")
        for line in all_of([*advice.prompts, *advice.notes], lang):
            yield Static(Content(f"ℹ {line}"))
        yield Static(t("walk.outcome.why"), classes="section")
        yield Static(Content(bullets(all_of(advice.reasons, lang)) or t("walk.outcome.no_reasons")), id="reasons")
        yield Static(t("walk.outcome.contacts"), classes="section", id="contacts-title")
        for contact in advice.contacts:
            yield ContactCard(contact, self.language)
        yield Static(t("walk.outcome.consent"), classes="section", id="consent-title")
        yield Static(Content(consent_text(advice.consent, lang)), id="consent")
        refused = render(advice.consent.if_refused, lang)
        yield Static(Content(t("walk.outcome.if_refused", text=refused)), classes="hint")
        yield Static(t("walk.outcome.record"), classes="section")
        to_record = bullets(all_of(advice.to_record, lang))
        yield Static(Content(to_record or t("walk.outcome.nothing_to_record")), id="to-record")
        yield from self._relation()
        if advice.outcome and not any(d.outcome_id == advice.outcome for d in self.case.decisions):
            yield from self._decision_form()
        for decision in self.case.decisions:
            yield Static(
                Content(t("walk.outcome.decided", outcome=self._title(decision.outcome_id), date=_date(decision.date)))
            )
        yield Static(t("walk.outcome.followup"), classes="section")
        with Horizontal(id="followup-links"):
            yield Button(t("walk.outcome.followup_open"), id="followup-vervolg")
            yield Button(t("walk.outcome.comensha_open"), id="followup-comensha")
            yield Button(t("walk.outcome.export_open"), id="followup-export")

    def _title(self, outcome_id: str) -> str:
        """The outcome's title as the professional knows it, not its id."""
        kader = shell(self).content.kader_for(self.case.sector)
        known = {o.id: o for o in kader.outcomes}
        return known[outcome_id].title.get(self.language) if outcome_id in known else outcome_id

    @on(Button.Pressed, "#followup-vervolg, #followup-comensha, #followup-export")
    def _follow_up(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(self.FollowUpRequested(self, (event.button.id or "").removeprefix("followup-")))

    def _relation(self) -> ComposeResult:
        yield Static(t("walk.outcome.relation"), classes="section")
        options = [(t(f"walk.relation.{r}"), r) for r in RELATIONS]
        value = self.case.exploiter_relation or Select.NULL
        yield Select(options, value=value, prompt=t("walk.relation.none"), id="relation")

    def _decision_form(self) -> ComposeResult:
        yield Static(t("walk.outcome.decision"), classes="section")
        yield Static(t("walk.outcome.decision_hint"), classes="hint")
        with Horizontal():
            yield DateInput(id="melding-date")
            yield Input(placeholder=t("walk.outcome.channel"), id="channel")
        yield Input(placeholder=t("walk.outcome.reference"), id="reference")
        yield Input(placeholder=t("walk.outcome.reason"), id="decision-reason")
        yield Button(t("walk.outcome.decision_save"), id="decision-save")

    @on(Select.Changed, "#relation")
    def _relation_changed(self, event: Select.Changed) -> None:
        event.stop()
        value = next((r for r in RELATIONS if r == event.value), None)
        if value != self.case.exploiter_relation:
            self.post_message(self.RelationChosen(self, value))

    @on(Button.Pressed, "#decision-save")
    def record(self, event: Button.Pressed | None = None) -> None:
        """Post the decision for the outcome reached."""
        if event is not None:
            event.stop()
        if not self.advice.outcome:
            return
        melding = self.query_one("#melding-date", DateInput)
        if not melding.valid:
            return
        decision = Decision(
            outcome_id=self.advice.outcome,
            date=dt.date.today(),
            reason=self.query_one("#decision-reason", Input).value.strip(),
            melding_date=melding.date,
            channel=self.query_one("#channel", Input).value.strip(),
            reference=self.query_one("#reference", Input).value.strip(),
        )
        self.post_message(self.DecisionRecorded(self, decision))
