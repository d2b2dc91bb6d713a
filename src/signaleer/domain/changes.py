"""The only ways to change a case: each change appends a timeline event and updates ``updated_at``.

Changing an earlier answer needs a reason; the afwegingen that rested on it are marked for review,
never silently kept or dropped. The timeline is append-only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from signaleer.domain.case import (
    AfwegingAnswer,
    Case,
    ComenshaRegistration,
    Consultation,
    Conversation,
    Decision,
    EventParam,
    ExploiterRelation,
    FollowUp,
    Gender,
    ObservedSignal,
    RiskFactorNote,
    TimelineEvent,
    now,
)
from signaleer.domain.followup import comensha_problems
from signaleer.domain.message import Msg, msg
from signaleer.errors import UsageError
from signaleer.i18n import t


class ChangeError(UsageError):
    """A change that cannot be made as asked: a code (catalogue keys ``change.<code>`` and ``change.<code>.hint``)
    worded in the current language when raised; ``code`` and ``values`` say which rule refused it."""

    def __init__(self, code: str, /, **values: object) -> None:
        super().__init__(t(f"change.{code}", lang=None, **values), t(f"change.{code}.hint", lang=None, **values))
        self.code = code
        self.values = values


class ReasonRequired(ChangeError):
    """An earlier answer was changed without a reason; ``what`` names it (``change.what.<code>``)."""

    def __init__(self, what: Msg) -> None:
        what_text = t(f"change.what.{what.code}", lang=None, **{name: str(value) for name, value in what.params})
        super().__init__("reason_required", what=what_text)
        self.what = what


ChangeKind = Literal[
    "acute",
    "signal_add",
    "signal_change",
    "signal_remove",
    "risk_factors",
    "conversation",
    "answer",
    "skip",
    "afweging",
    "evaluation_date",
]


@dataclass(frozen=True)
class Change:
    """A change the professional is about to make, so the TUI can show its consequences first."""

    kind: ChangeKind
    key: str = ""
    """What is changed: question, signal, partner, 'step/field' or step id."""


def what_depends_on(case: Case, change: Change) -> list[str]:
    """Ids of the answered afwegingen that would need review after ``change``.

    Afwegingen rest on everything recorded in the steps before them, and on the afwegingen answered
    before them; adding a signal or an acute 'yes' is new information, so it counts too.
    """
    if change.kind == "afweging":
        ids = list(case.afwegingen)
        if change.key not in ids:
            return []
        return ids[ids.index(change.key) + 1 :]
    if change.kind == "evaluation_date":
        return [qid for qid in case.afwegingen if qid == "resultaat"]
    return list(case.afwegingen)


def is_earlier_answer(case: Case, change: Change) -> bool:
    """True when ``change`` replaces something already answered, so a reason is required."""
    if change.kind == "acute":
        return change.key in case.acute
    if change.kind in ("signal_change", "signal_remove"):
        return any(s.signal_id == change.key for s in case.signals)
    if change.kind == "risk_factors":
        return bool(case.risk_factors)
    if change.kind == "conversation":
        existing = case.conversations.get(change.key)
        return existing is not None and existing.held is not None
    if change.kind == "answer":
        step_id, _, field_id = change.key.partition("/")
        return bool(case.answers.get(step_id, {}).get(field_id, ""))
    if change.kind == "afweging":
        return change.key in case.afwegingen
    if change.kind == "evaluation_date":
        return case.evaluation_date is not None
    return False


def _event(case: Case, kind: str, code: str, reason: str = "", **params: EventParam) -> None:
    """Append an entry: a code with parameters (``signaleer.advice_text`` words it when shown), never a sentence."""
    stamp = now()
    if case.timeline and stamp < case.timeline[-1].at:
        stamp = case.timeline[-1].at
    kept: dict[str, EventParam] = {name: value for name, value in params.items() if value not in (None, [], "")}
    case.timeline.append(TimelineEvent(at=stamp, kind=kind, code=code, params=kept, reason=reason.strip()))
    case.updated_at = max(stamp, case.updated_at)


def _require_reason(reason: str, what: Msg) -> str:
    if not reason.strip():
        raise ReasonRequired(what)
    return reason.strip()


def _mark_review(case: Case, change: Change) -> list[str]:
    marked = what_depends_on(case, change)
    for qid in marked:
        case.afwegingen[qid].needs_review = True
    return marked


def _changed(
    case: Case, change: Change, what: Msg, code: str, reason: str, kind: str = "answer_changed", **params: EventParam
) -> None:
    """Record a change of an earlier answer: reason required, dependants marked (``review``), event appended."""
    reason = _require_reason(reason, what)
    marked = _mark_review(case, change)
    _event(case, kind, code, reason, **params, review=marked)


def new_case(
    pseudonym: str,
    age: int | None,
    gender: Gender | None,
    gemeente: str | None,
    sector: str | None,
    role: str = "",
) -> Case:
    """A new case with a 'created' event."""
    case = Case(pseudonym=pseudonym, age=age, gender=gender, gemeente=gemeente, sector=sector, role=role)
    _event(case, "created", "created")
    return case


def set_acute(case: Case, question_id: str, answer: bool, reason: str = "") -> None:
    """Answer one acute question; a new 'yes' marks answered afwegingen for review."""
    change = Change("acute", question_id)
    old = case.acute.get(question_id)
    if old == answer:
        return
    if old is not None:
        _changed(case, change, msg("acute", id=question_id), "acute", reason, acute=question_id, answer=answer)
    else:
        marked = _mark_review(case, change) if answer else []
        _event(case, "acute", "acute", reason, acute=question_id, answer=answer, review=marked)
    case.acute[question_id] = answer
    if answer:
        case.acute_handled_at = None  # a new 'yes' needs its own acute action; the timeline keeps the old one
    if case.acute_checked_at is None:
        case.acute_checked_at = case.timeline[-1].at


def record_acute_action(case: Case, note: str) -> None:
    """Record what was done at once after a 'yes' in the acute check (who was called, by whom)."""
    note = _require_reason(note, msg("acute_action"))
    case.acute_action_note = note
    case.acute_handled_at = now()
    _event(case, "acute_handled", "acute_handled", note)


def set_exploiter_relation(case: Case, relation: ExploiterRelation | None, reason: str = "") -> None:
    """Record who the suspected exploiter is to the young person."""
    if relation == case.exploiter_relation:
        return
    shown = relation or "onbekend"
    if case.exploiter_relation is not None:
        change = Change("answer", "relatie/uitbuiter")
        _changed(case, change, msg("relation"), "relation", reason, relation=shown)
    else:
        _event(case, "answer", "relation", reason, relation=shown)
    case.exploiter_relation = relation


def _signal_index(case: Case, signal_id: str) -> int:
    for index, signal in enumerate(case.signals):
        if signal.signal_id == signal_id:
            return index
    raise ChangeError("signal_not_in_case", id=signal_id)


def add_signal(case: Case, signal: ObservedSignal) -> None:
    """Tick a signal; new facts mark answered afwegingen for review."""
    if any(s.signal_id == signal.signal_id for s in case.signals):
        raise ChangeError("signal_ticked", id=signal.signal_id)
    marked = _mark_review(case, Change("signal_add", signal.signal_id))
    case.signals.append(signal)
    _event(case, "signal_added", "signal_added", signal=signal.signal_id, review=marked)


def update_signal(case: Case, signal: ObservedSignal, reason: str = "") -> None:
    """Replace the observation of a ticked signal; a changed fact needs a reason."""
    index = _signal_index(case, signal.signal_id)
    old = case.signals[index]
    if old == signal:
        return
    if old.observation.strip() or old.date or old.source_note.strip():
        _changed(
            case,
            Change("signal_change", signal.signal_id),
            msg("signal", id=signal.signal_id),
            "signal_changed",
            reason,
            "signal_changed",
            signal=signal.signal_id,
        )
    else:
        _event(case, "signal_changed", "signal_completed", reason, signal=signal.signal_id)
    case.signals[index] = signal


def remove_signal(case: Case, signal_id: str, reason: str) -> None:
    """Untick a signal (reason required); answered afwegingen are marked for review."""
    index = _signal_index(case, signal_id)
    _changed(
        case,
        Change("signal_remove", signal_id),
        msg("signal_remove", id=signal_id),
        "signal_removed",
        reason,
        "signal_removed",
        signal=signal_id,
    )
    del case.signals[index]


def set_risk_factors(case: Case, factors: list[RiskFactorNote], reason: str = "") -> None:
    """Replace the noted risk factors; changing earlier ones needs a reason."""
    if factors == case.risk_factors:
        return
    ids = [f.factor_id for f in factors]
    code = "risk_factors" if ids else "risk_factors_none"
    if case.risk_factors:
        _changed(case, Change("risk_factors"), msg("risk_factors"), code + "_changed", reason, ids=ids)
    else:
        _event(case, "risk_factors", code, reason, ids=ids)
    case.risk_factors = list(factors)


def add_consultation(case: Case, consultation: Consultation) -> None:
    """Record a consultation (who, when, advice)."""
    case.consultations.append(consultation)
    _event(case, "consultation", "consultation", who=consultation.who)


def set_conversation(case: Case, with_: str, conversation: Conversation, reason: str = "") -> None:
    """Record the conversation with 'jongere' or 'ouders': held, or skipped with a reason."""
    if with_ not in ("jongere", "ouders"):
        raise ChangeError("unknown_partner", partner=with_)
    if conversation.held is False and not conversation.skip_reason.strip():
        raise ChangeError("skip_needs_reason")
    old = case.conversations.get(with_)
    if old == conversation:
        return
    state = {True: "held", False: "skipped", None: "open"}[conversation.held]
    if old is not None and old.held is not None:
        change, what = Change("conversation", with_), msg("conversation", partner=with_)
        _changed(case, change, what, "conversation", reason, "conversation_changed", partner=with_, state=state)
    else:
        _event(case, "conversation", "conversation", reason or conversation.skip_reason, partner=with_, state=state)
    case.conversations[with_] = conversation


def set_answer(case: Case, step_id: str, field_id: str, value: str, reason: str = "") -> None:
    """Record a simple step field (text; dates as YYYY-MM-DD; yes/no as ja/nee)."""
    old = case.answers.get(step_id, {}).get(field_id, "")
    if old == value:
        return
    key = f"{step_id}/{field_id}"
    if old:
        _changed(case, Change("answer", key), msg("answer", field=key), "answer", reason, field=key)
    else:
        _event(case, "answer", "answer", reason, field=key)
    case.answers.setdefault(step_id, {})[field_id] = value


def skip_step(case: Case, step_id: str, reason: str) -> None:
    """Skip a step; a reason is always required."""
    reason = _require_reason(reason, msg("skip_step", step=step_id))
    case.skipped_steps[step_id] = reason
    _event(case, "step_skipped", "step_skipped", reason, step=step_id)


def set_afweging(
    case: Case,
    question_id: str,
    answer: bool,
    reason: str,
    suggested: bool | None = None,
    today: dt.date | None = None,
) -> None:
    """Answer an afweging with the professional's reason; changing it marks later afwegingen for review."""
    reason = _require_reason(reason, msg("afweging", id=question_id))
    old = case.afwegingen.get(question_id)
    record = AfwegingAnswer(answer=answer, reason=reason, date=today or dt.date.today(), suggested=suggested)
    differs = suggested if suggested is not None and suggested != answer else None
    against = "_against_suggestion" if differs is not None else ""
    params: dict[str, EventParam] = {"afweging": question_id, "answer": answer, "suggested": differs}
    if old is not None and old.answer != answer:
        marked = _mark_review(case, Change("afweging", question_id))
        code = f"afweging_changed{against}"
        _event(case, "afweging_changed", code, reason, **params, earlier=old.answer, review=marked)
    else:
        _event(case, "afweging", f"afweging{against}", reason, **params)
    case.afwegingen[question_id] = record


def set_evaluation_date(case: Case, date: dt.date | None, reason: str = "") -> None:
    """Set the agreed date to evaluate the help (afweging 5); moving it needs a reason."""
    if date == case.evaluation_date:
        return
    code, when = ("evaluation_date", date.isoformat()) if date else ("evaluation_date_none", None)
    if case.evaluation_date is not None:
        _changed(case, Change("evaluation_date"), msg("evaluation_date"), code, reason, date=when)
    else:
        _event(case, "evaluation_date", code, reason, date=when)
    case.evaluation_date = date


def record_decision(case: Case, decision: Decision) -> None:
    """Record a decision (outcome, how it was acted on, why)."""
    case.decisions.append(decision)
    if decision.melding_date:
        melding = decision.melding_date.isoformat()
        _event(case, "decision", "decision_reported", decision.reason, outcome=decision.outcome_id, date=melding)
    else:
        _event(case, "decision", "decision", decision.reason, outcome=decision.outcome_id)


def set_comensha(case: Case, registration: ComenshaRegistration, reason: str = "") -> None:
    """Record where the CoMensha consent and registration stand."""
    if registration == case.comensha:
        return
    problems = comensha_problems(case, registration)
    if problems:
        rest = " ".join(t(f"change.{problem}") for problem in problems[1:])
        raise ChangeError(problems[0], rest=rest or t("change.try_again"))
    case.comensha = registration
    status, why = registration.consent_status, reason or registration.note
    if registration.registered_on:
        on, route = registration.registered_on.isoformat(), registration.route
        _event(case, "comensha", "comensha_registered", why, status=status, date=on, route=route)
    else:
        _event(case, "comensha", "comensha", why, status=status)


def add_followup(case: Case, followup: FollowUp) -> None:
    """Record a contact or agreement after the signal; it needs a date, a due date, or both."""
    if followup.date is None and followup.due is None:
        raise ChangeError("followup_needs_date")
    case.followups.append(followup)
    if followup.due and not followup.done:
        _event(case, "followup", "followup_planned", with_whom=followup.with_whom, date=followup.due.isoformat())
    else:
        _event(case, "followup", "followup", with_whom=followup.with_whom)


def update_followup(case: Case, index: int, followup: FollowUp, reason: str) -> None:
    """Correct or reschedule a recorded contact; like every change to what was recorded, it needs a reason."""
    if not 0 <= index < len(case.followups):
        raise ChangeError("no_such_followup")
    if followup.date is None and followup.due is None:
        raise ChangeError("followup_needs_date")
    old = case.followups[index]
    if followup == old:
        return
    reason = _require_reason(reason, msg("followup", with_whom=old.with_whom))
    fields = ("with_whom", "date", "due", "note", "done")
    changed = [field for field in fields if getattr(old, field) != getattr(followup, field)]
    case.followups[index] = followup
    _event(case, "followup_changed", "followup_changed", reason, with_whom=old.with_whom, fields=changed)


def complete_followup(case: Case, index: int, note: str = "", on: dt.date | None = None) -> None:
    """Mark a planned contact done, with the date it happened and an optional note."""
    if not 0 <= index < len(case.followups):
        raise ChangeError("no_such_followup")
    old = case.followups[index]
    if old.done:
        return
    text = "\n".join(part for part in (old.note.strip(), note.strip()) if part)
    case.followups[index] = old.model_copy(
        update={"done": True, "date": on or old.date or dt.date.today(), "note": text}
    )
    _event(case, "followup_done", "followup_done", note, with_whom=old.with_whom)


def set_nazorg_point(case: Case, item_id: str, done: bool, reason: str = "") -> None:
    """Tick or untick a point of the aftercare checklist; unticking needs a reason."""
    if (item_id in case.nazorg_checked) == done:
        return
    if done:
        case.nazorg_checked.append(item_id)
        _event(case, "nazorg", "nazorg_done", reason, item=item_id)
        return
    reason = _require_reason(reason, msg("nazorg", item=item_id))
    case.nazorg_checked.remove(item_id)
    _event(case, "nazorg", "nazorg_open", reason, item=item_id)


def add_revictimisation_signal(case: Case, signal: ObservedSignal, reason: str) -> list[str]:
    """Tick a signal of renewed exploitation: the Meldcode walk reopens (reason required).

    A closed case is reopened, and every answered afweging is marked for review; returns their ids.
    """
    reason = _require_reason(reason, msg("revictimisation", id=signal.signal_id))
    if any(s.signal_id == signal.signal_id for s in case.revictimisation_signals):
        raise ChangeError("signal_ticked", id=signal.signal_id)
    case.revictimisation_signals.append(signal)
    if case.closed:
        case.closed = False
        _event(case, "reopened", "reopened_revictimisation", reason)
    marked = _mark_review(case, Change("signal_add", signal.signal_id))
    _event(case, "revictimisation", "revictimisation", reason, signal=signal.signal_id, review=marked)
    return marked


def remove_revictimisation_signal(case: Case, signal_id: str, reason: str) -> None:
    """Untick a signal of renewed exploitation (reason required); answers stay marked for review."""
    reason = _require_reason(reason, msg("signal_remove", id=signal_id))
    kept = [s for s in case.revictimisation_signals if s.signal_id != signal_id]
    if len(kept) == len(case.revictimisation_signals):
        raise ChangeError("signal_not_in_case", id=signal_id)
    case.revictimisation_signals = kept
    _event(case, "revictimisation_removed", "revictimisation_removed", reason, signal=signal_id)


def close_case(case: Case, reason: str) -> None:
    """Close the case (reason required)."""
    reason = _require_reason(reason, msg("close"))
    case.closed = True
    _event(case, "closed", "closed", reason)


def reopen_case(case: Case, reason: str) -> None:
    """Reopen a closed case (reason required)."""
    reason = _require_reason(reason, msg("reopen"))
    case.closed = False
    _event(case, "reopened", "reopened", reason)


def set_position(case: Case, step_id: str | None) -> None:
    """Remember where the professional is in the wizard (no timeline event)."""
    case.position = step_id


def record_handover(case: Case, to_label: str, to_recipient: str) -> dt.datetime:
    """Record that the case is handed over to ``to_label`` (their public key); returns the moment recorded.

    Called before the hand-over file is made, so the file carries this entry too.
    """
    _event(case, "handed_over", "handed_over", to=to_label, recipient=to_recipient)
    entry = case.timeline[-1]
    entry.params = {**entry.params, "moment": entry.at.isoformat()}
    return entry.at


def record_received(case: Case, from_label: str, from_recipient: str, handed_over_at: dt.datetime) -> None:
    """Record that the case came in a hand-over from ``from_label`` (their public key), made at ``handed_over_at``."""
    moment = handed_over_at.isoformat()
    _event(case, "received", "received", sender=from_label, recipient=from_recipient, moment=moment)
