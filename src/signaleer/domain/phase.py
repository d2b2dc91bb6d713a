"""The phase of a case: the open step of the plan, the pending afweging, or acting on an outcome."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from signaleer.domain import explain, progress
from signaleer.domain.afwegingskader import Afwegingskader, Outcome, Walk, meld_open_case
from signaleer.domain.base import Language
from signaleer.domain.case import Case
from signaleer.domain.consent import parents_endanger
from signaleer.domain.content import Content
from signaleer.domain.stepplan import StepField

tr = explain.tr
CONSULT_ROLES = ["aandachtsfunctionaris", "veilig_thuis", "zorgcoordinator", "lokaal_meldpunt", "politie"]
"""Whom to consult while collecting and weighing (Meldcode step 2; Veilig Thuis and police can be anonymous)."""


@dataclass
class Draft:
    """Mutable working state while the advice is assembled."""

    phase: str = "acuut"
    next_action: str = ""
    current_step: str | None = None
    pending: str | None = None
    due: dt.date | None = None
    primary_roles: list[str] = field(default_factory=list)
    acute_roles: list[str] = field(default_factory=list)
    secondary_roles: list[str] = field(default_factory=list)
    to_record: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def acute_fields(case: Case, content: Content) -> list[StepField]:
    """Acute questions answered yes, in plan order."""
    return [f for _, f in content.step_plan.fields_of_type("acute_question") if case.acute.get(f.id)]


def decided(case: Case, outcome_id: str) -> bool:
    """True when a decision for ``outcome_id`` is recorded."""
    return any(d.outcome_id == outcome_id for d in case.decisions)


def outcome_text(outcome: Outcome, language: Language, case: Case | None = None) -> str:
    """The outcome title with its actions (the 'meld open' wording chosen for ``case``), as one next-action text."""
    variant = meld_open_case(case.age, case.exploiter_relation == "familie", parents_endanger(case)) if case else None
    actions = " ".join(a.get(language) for a in outcome.actions_for(variant))
    return f"{outcome.title.get(language)}: {actions or outcome.explanation.get(language)}"


def question_text(kader: Afwegingskader, question_id: str, language: Language) -> str:
    """'Answer afweging N: question'."""
    question = kader.question(question_id)
    return tr(
        language,
        f"Beantwoord afweging {question.number}: {question.text.get(language)}",
        f"Answer afweging {question.number}: {question.text.get(language)}",
    )


def plan_phase(case: Case, content: Content, kader: Afwegingskader, path: Walk, d: Draft, lang: Language) -> None:
    """No outcome yet: the first open step, or the pending afweging once weighing has started."""
    opened = progress.open_steps(case, content)
    weigh = progress.afwegen_step(content)
    weighing = bool(path.trace) or not opened or (weigh is not None and case.position == weigh.id)
    if weighing and path.pending:
        d.phase = progress.phase_of(weigh) if weigh else "stap5"
        d.current_step = weigh.id if weigh else None
        d.pending = path.pending
        d.next_action = question_text(kader, path.pending, lang)
        d.secondary_roles.extend(CONSULT_ROLES)  # in doubt: consult Veilig Thuis (Meldcode step 4)
        d.to_record.append(tr(lang, "Je antwoord op de afweging, met je reden.", "Your answer, with your reason."))
        for step, missing in opened:
            labels = ", ".join(f.label.get(lang) for f in missing)
            d.warnings.append(
                tr(
                    lang,
                    f"Nog niet vastgelegd in stap {step.number} ({step.title.get(lang)}): {labels}.",
                    f"Not yet recorded in step {step.number} ({step.title.get(lang)}): {labels}.",
                )
            )
        return
    if not opened:
        d.phase = "stap5"
        d.next_action = tr(
            lang,
            "De afwegingen geven geen volgende vraag; overleg met Veilig Thuis.",
            "The afwegingen give no next question; consult Veilig Thuis.",
        )
        return
    step, missing = opened[0]
    d.phase = progress.phase_of(step)
    d.current_step = step.id
    labels = "; ".join(f.label.get(lang) for f in missing)
    d.next_action = f"{step.title.get(lang)}: {labels}."
    d.to_record.extend(f.label.get(lang) for f in missing)
    d.secondary_roles.extend(CONSULT_ROLES)


def outcome_phase(
    case: Case, kader: Afwegingskader, outcome: Outcome, path: Walk, today: dt.date, d: Draft, lang: Language
) -> None:
    """An outcome was reached: act on it, wait for the evaluation date, or follow up."""
    d.primary_roles.extend(outcome.contact_roles)
    d.phase = "stap5"
    text = outcome_text(outcome, lang, case)
    if outcome.closes:
        d.phase = "gesloten"
        if not decided(case, outcome.id):
            d.to_record.append(
                tr(
                    lang,
                    "Het besluit en de reden (vastleggen in het dossier).",
                    "The decision and its reason (record in the file).",
                )
            )
        d.next_action = text
        return
    if outcome.melden:
        melding = [x for x in case.decisions if x.outcome_id == outcome.id]
        if melding:
            d.phase = "nazorg"
            when = melding[-1].melding_date or melding[-1].date
            d.next_action = tr(
                lang,
                f"Melding gedaan ({when.isoformat()}). Maak met Veilig Thuis afspraken over afweging 3–5, blijf in"
                " contact met de jongere en let op signalen van hernieuwd slachtofferschap.",
                f"Report made ({when.isoformat()}). Agree afweging 3–5 with Veilig Thuis, stay in contact with the"
                " young person and watch for signals of revictimisation.",
            )
            open_due = sorted(f.due for f in case.followups if f.due and not f.done)
            d.due = open_due[0] if open_due else None
            return
        d.next_action = text
        d.to_record.append(
            tr(
                lang,
                "De melding: datum, kanaal (telefoon/formulier), referentienummer.",
                "The report: date, channel (phone/form), reference number.",
            )
        )
        return
    d.next_action = text
    if outcome.next and path.pending:
        if case.evaluation_date is None:
            if outcome.needs_date:
                d.next_action += " " + tr(
                    lang, "Spreek een evaluatiedatum af en leg die vast.", "Agree on an evaluation date and record it."
                )
                d.to_record.append(tr(lang, "De evaluatiedatum (afweging 5).", "The evaluation date (afweging 5)."))
            return
        d.due = case.evaluation_date
        if today < case.evaluation_date:
            d.next_action += " " + tr(
                lang,
                f"Volg de veiligheid tot de evaluatie op {case.evaluation_date.isoformat()}; beantwoord dan afweging"
                " 5. Nieuwe signalen eerder? Weeg dan opnieuw.",
                f"Monitor safety until the evaluation on {case.evaluation_date.isoformat()}; then answer afweging 5."
                " New signals sooner? Weigh again.",
            )
        else:
            d.pending = path.pending
            d.next_action = tr(
                lang,
                f"Evaluatiedatum {case.evaluation_date.isoformat()} is bereikt. ",
                f"Evaluation date {case.evaluation_date.isoformat()} reached. ",
            )
            d.next_action += question_text(kader, path.pending, lang)
