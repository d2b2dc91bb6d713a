"""The phase of a case: the open step of the plan, the pending afweging, or acting on an outcome."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from signaleer.domain import progress
from signaleer.domain.afwegingskader import Afwegingskader, Outcome, Walk, meld_open_case
from signaleer.domain.case import Case
from signaleer.domain.consent import parents_endanger
from signaleer.domain.content import Content
from signaleer.domain.message import Msg, Param, Text, items, msg
from signaleer.domain.stepplan import StepField

CONSULT_ROLES = ["aandachtsfunctionaris", "veilig_thuis", "zorgcoordinator", "lokaal_meldpunt", "politie"]
"""Whom to consult while collecting and weighing (Meldcode step 2; Veilig Thuis and police can be anonymous)."""


@dataclass
class Draft:
    """Mutable working state while the advice is assembled."""

    phase: str = "acuut"
    next_action: list[Text] = field(default_factory=list)
    """The next step, in parts shown one after the other."""
    current_step: str | None = None
    pending: str | None = None
    due: dt.date | None = None
    primary_roles: list[str] = field(default_factory=list)
    acute_roles: list[str] = field(default_factory=list)
    secondary_roles: list[str] = field(default_factory=list)
    to_record: list[Text] = field(default_factory=list)
    warnings: list[Text] = field(default_factory=list)


def acute_fields(case: Case, content: Content) -> list[StepField]:
    """Acute questions answered yes, in plan order."""
    return [f for _, f in content.step_plan.fields_of_type("acute_question") if case.acute.get(f.id)]


def decided(case: Case, outcome_id: str) -> bool:
    """True when a decision for ``outcome_id`` is recorded."""
    return any(d.outcome_id == outcome_id for d in case.decisions)


def outcome_text(outcome: Outcome, case: Case | None = None) -> Msg:
    """The outcome title with its actions (the 'meld open' wording chosen for ``case``), as one next-action text."""
    variant = meld_open_case(case.age, case.exploiter_relation == "familie", parents_endanger(case)) if case else None
    actions = outcome.actions_for(variant)
    what: Param = items(actions, " ") if actions else outcome.explanation
    return msg("next.outcome", title=outcome.title, actions=what)


def question_text(kader: Afwegingskader, question_id: str) -> Msg:
    """'Answer afweging N: question'."""
    question = kader.question(question_id)
    return msg("next.answer_afweging", n=question.number, text=question.text)


def plan_phase(case: Case, content: Content, kader: Afwegingskader, path: Walk, d: Draft) -> None:
    """No outcome yet: the first open step, or the pending afweging once weighing has started."""
    opened = progress.open_steps(case, content)
    weigh = progress.afwegen_step(content)
    weighing = bool(path.trace) or not opened or (weigh is not None and case.position == weigh.id)
    if weighing and path.pending:
        d.phase = progress.phase_of(weigh) if weigh else "stap5"
        d.current_step = weigh.id if weigh else None
        d.pending = path.pending
        d.next_action = [question_text(kader, path.pending)]
        d.secondary_roles.extend(CONSULT_ROLES)  # in doubt: consult Veilig Thuis (Meldcode step 4)
        d.to_record.append(msg("record.afweging_answer"))
        for step, missing in opened:
            labels = items((f.label for f in missing), ", ")
            d.warnings.append(msg("warning.step_not_recorded", n=step.number, title=step.title, labels=labels))
        return
    if not opened:
        d.phase = "stap5"
        d.next_action = [msg("next.no_next_question")]
        return
    step, missing = opened[0]
    d.phase = progress.phase_of(step)
    d.current_step = step.id
    d.next_action = [msg("next.open_step", title=step.title, labels=items((f.label for f in missing), "; "))]
    d.to_record.extend(f.label for f in missing)
    d.secondary_roles.extend(CONSULT_ROLES)


def outcome_phase(case: Case, kader: Afwegingskader, outcome: Outcome, path: Walk, today: dt.date, d: Draft) -> None:
    """An outcome was reached: act on it, wait for the evaluation date, or follow up."""
    d.primary_roles.extend(outcome.contact_roles)
    d.phase = "stap5"
    text = outcome_text(outcome, case)
    if outcome.closes:
        d.phase = "gesloten"
        if not decided(case, outcome.id):
            d.to_record.append(msg("record.decision"))
        d.next_action = [text]
        return
    if outcome.melden:
        melding = [x for x in case.decisions if x.outcome_id == outcome.id]
        if melding:
            d.phase = "nazorg"
            when = melding[-1].melding_date or melding[-1].date
            d.next_action = [msg("next.report_made", date=when)]
            open_due = sorted(f.due for f in case.followups if f.due and not f.done)
            d.due = open_due[0] if open_due else None
            return
        d.next_action = [text]
        d.to_record.append(msg("record.report"))
        return
    d.next_action = [text]
    if outcome.next and path.pending:
        if case.evaluation_date is None:
            if outcome.needs_date:
                d.next_action.append(msg("next.agree_evaluation_date"))
                d.to_record.append(msg("record.evaluation_date"))
            return
        d.due = case.evaluation_date
        if today < case.evaluation_date:
            d.next_action.append(msg("next.monitor_until_evaluation", date=case.evaluation_date))
        else:
            d.pending = path.pending
            d.next_action = [
                msg("next.evaluation_reached", date=case.evaluation_date),
                question_text(kader, path.pending),
            ]
