"""The next step: where the case stands, what to do now, why, and whom to call. Pure; it never decides.

The advice holds no sentences: every text is a code with parameters (:class:`~signaleer.domain.message.Msg`) or
a text from the content; :mod:`signaleer.advice_text` words it for the screen, the CLI and the export.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from signaleer.domain import explain, followup, phase, progress, suggest
from signaleer.domain.afwegingskader import Afwegingskader, walk
from signaleer.domain.base import LocalText
from signaleer.domain.case import Case
from signaleer.domain.consent import ConsentRule, comensha_consent
from signaleer.domain.content import Content
from signaleer.domain.followup import DueAction
from signaleer.domain.message import Msg, Text, items, msg
from signaleer.domain.phase import Draft
from signaleer.domain.route import URGENCY_ORDER, Contact, ResolvedRoute
from signaleer.domain.suggest import Suggestion

__all__ = ["Advice", "ConsentRule", "Suggestion", "next_step"]

STALE_MONTHS = 12
ADULT_ROLES = ["zorgcoordinator", "fier", "politie", "comensha"]
EXPLOITATION_ROLES = ["zorgcoordinator", "politie", "comensha"]


@dataclass(frozen=True)
class Advice:
    """What the professional should do now, and why. The professional decides; the reason is recorded."""

    phase: str
    """'acuut', 'stap1'..'stap5', 'nazorg' or 'gesloten'."""
    phase_label: Text
    acute: bool
    """True when an acute question was answered yes."""
    outcome: str | None
    """The afwegingskader outcome reached, if any."""
    norm: int | None
    next_action: tuple[Text, ...]
    """The next step, in parts shown one after the other."""
    reasons: list[Text]
    contacts: list[Contact]
    """Acute and outcome roles first, then the other relevant contacts by urgency."""
    to_record: list[Text]
    consent: ConsentRule
    suggestions: dict[str, Suggestion]
    pending_question: str | None
    due: dt.date | None
    needs_review: list[str]
    warnings: list[Text]
    notes: list[Text] = field(default_factory=list)
    """Explanations that frame a judgement call (adult branch, parents, victim not offender)."""
    prompts: list[Text] = field(default_factory=list)
    """Prompts from the signal lists, e.g. the boys' prompt."""
    outcome_title: LocalText | None = None
    current_step: str | None = None
    """Step id of the step plan this advice is about, if any."""
    due_actions: list[DueAction] = field(default_factory=list)
    """Dated actions still open (evaluation, consent, planned contacts), earliest first."""


def _contacts(route: ResolvedRoute, d: Draft) -> tuple[list[Contact], list[str]]:
    """Acute contacts most urgent first (112 before the police's non-emergency line), the other primary roles in
    order, then the other relevant contacts by urgency; warnings for missing roles."""
    acute = sorted(route.for_roles(d.acute_roles), key=lambda c: URGENCY_ORDER[c.urgency])
    primary = acute + [c for c in route.for_roles(d.primary_roles) if c not in acute]
    rest = [c for c in route.for_roles(d.secondary_roles) if c not in primary]
    rest.sort(key=lambda c: URGENCY_ORDER[c.urgency])
    missing = [r for r in dict.fromkeys([*d.acute_roles, "veilig_thuis"]) if not route.by_role(r)]
    return primary + rest, missing


def next_step(case: Case, content: Content, today: dt.date | None = None) -> Advice:
    """Where the case stands, what to do now, why, and whom to call; it never answers an afweging."""
    today = today or dt.date.today()
    kader = content.kader_for(case.sector)
    known = {q.id for q in kader.questions}
    path = walk(kader, {qid: a.answer for qid, a in case.afwegingen.items() if qid in known})
    outcome = kader.outcome(path.outcome) if path.outcome else None
    hints = suggest.suggestions(case, content)
    d = Draft()
    reasons = explain.acute_reasons(case, content) + explain.signal_reasons(case, content)
    reasons += explain.conversation_reasons(case)
    walk_reasons, walk_warnings = explain.walk_reasons(case, kader, path, hints)
    reasons += walk_reasons
    d.warnings.extend(walk_warnings)

    if outcome is not None:
        phase.outcome_phase(case, kader, outcome, path, today, d)
    else:
        phase.plan_phase(case, content, kader, path, d)
    if outcome is not None and outcome.melden:
        d.secondary_roles.extend(EXPLOITATION_ROLES)

    triggered = phase.acute_fields(case, content)
    handled = case.acute_handled_at is not None
    acute_roles = [r for f in triggered if f.on_yes for r in f.on_yes.roles]
    d.primary_roles[:0] = acute_roles
    d.acute_roles = acute_roles
    unanswered = progress.acute_open(case, content)
    if triggered and not handled and not case.closed:
        d.phase, d.current_step = "acuut", _acute_step_id(content)
        actions: list[Text] = [f.on_yes.action for f in triggered if f.on_yes]
        d.next_action = [*dict.fromkeys(actions), msg("next.other_steps_later")]
        if any(f.on_yes and f.on_yes.melden for f in triggered) and not _decided_melden(case, kader):
            d.to_record.insert(0, msg("record.acute_report"))
        d.to_record.insert(0, msg("record.acute_done"))
    elif unanswered and not case.closed:
        check = msg("next.acute_check_first", labels=items((f.label for f in unanswered), "; "))
        if outcome is None and not path.trace:
            d.phase, d.current_step = "acuut", _acute_step_id(content)
            d.next_action = [check]
        else:
            d.warnings.insert(0, check)
        d.to_record.insert(0, msg("record.acute_answers"))

    review = [qid for qid, a in case.afwegingen.items() if a.needs_review]
    if review and d.phase != "acuut" and not case.closed:
        d.pending = review[0]
        numbers = items(kader.question(q).number if q in known else q for q in review)
        d.next_action = [msg("next.review", numbers=numbers)]
        d.warnings.append(msg("warning.rests_on_review"))
    if case.closed:
        d.phase = "gesloten"
        d.next_action = [msg("next.closed")]

    notes = explain.adult_notes(case) + explain.parents_notes(case)
    if not suggest.is_minor(case):
        d.secondary_roles.extend(ADULT_ROLES)
        if case.exploiter_relation is None:
            d.to_record.append(msg("record.exploiter_relation"))
    for note in (suggest.criminal_note(case, content), suggest.online_extortion_note(case, content)):
        if note:
            notes.append(note)
    dual = suggest.dual_role_warning(case, content)
    if dual:
        d.warnings.append(dual)
        d.secondary_roles.append("politie")
    d.secondary_roles.extend(suggest.form_roles(case, content))

    consent = comensha_consent(case)
    due = _after_the_signal(case, content, today, d, review)
    if outcome is not None and outcome.melden and case.comensha.consent_status == "niet_gevraagd" and consent.signer:
        who = msg("consent.who.parents" if consent.signer == "ouders_of_voogd" else "consent.who.young_person")
        d.to_record.append(msg("record.comensha_consent", who=who))

    route = content.route(case.gemeente)
    contacts, missing = _contacts(route, d)
    d.warnings.extend(_route_warnings(case, content, route, contacts, missing, today))
    unknown = [s.signal_id for s in case.signals if not content.has_signal(s.signal_id)]
    if unknown:
        d.warnings.append(msg("warning.unknown_signals", ids=items(unknown)))
    return Advice(
        phase=d.phase,
        phase_label=progress.phase_label(d.phase, content),
        acute=bool(triggered),
        outcome=outcome.id if outcome else None,
        norm=path.norm if outcome else None,
        next_action=tuple(d.next_action),
        reasons=reasons,
        contacts=contacts,
        to_record=list(dict.fromkeys(d.to_record)),
        consent=consent,
        suggestions=hints,
        pending_question=d.pending,
        due=d.due,
        needs_review=review,
        warnings=list(dict.fromkeys(d.warnings)),
        notes=notes,
        prompts=suggest.boys_prompts(case, content),
        outcome_title=outcome.title if outcome else None,
        current_step=d.current_step,
        due_actions=due,
    )


def _after_the_signal(case: Case, content: Content, today: dt.date, d: Draft, review: list[str]) -> list[DueAction]:
    """Fold dated actions, CoMensha status, aftercare and revictimisation into the draft; the due actions."""
    due = followup.due_actions(case, content)
    if due and (d.due is None or due[0].due < d.due):
        d.due = due[0].due
    overdue = [a for a in due if a.overdue(today) and a.kind not in ("evaluatie", "voorstel_contact")]
    if overdue and d.phase != "acuut" and not review:
        d.next_action.insert(0, msg("next.overdue", date=overdue[0].due, action=overdue[0].text))
    reg = case.comensha
    if not case.closed and reg.registered_on is None:
        if reg.consent_status == "gevraagd":
            d.to_record.append(msg("record.consent_answer"))
        elif reg.consent_status == "gegeven":
            d.to_record.append(msg("record.comensha_registration"))
    if d.phase == "nazorg":
        done, total = followup.aftercare_progress(case, content)
        if total and done < total:
            d.to_record.append(msg("record.aftercare", done=done, total=total))
    if case.revictimisation_signals and not case.closed:
        ids = items(s.signal_id for s in case.revictimisation_signals)
        d.warnings.append(msg("warning.revictimisation", ids=ids))
        d.secondary_roles.append("zorgcoordinator")
    acute = followup.acute_revictimisation(case, content)
    if acute and not case.closed:
        d.warnings.insert(0, msg("warning.acute_revictimisation", ids=items(acute)))
    return due


def _acute_step_id(content: Content) -> str | None:
    step = progress.acute_step(content)
    return step.id if step else None


def _decided_melden(case: Case, kader: Afwegingskader) -> bool:
    melden = {o.id for o in kader.outcomes if o.melden}
    return any(d.outcome_id in melden for d in case.decisions)


def _route_warnings(
    case: Case,
    content: Content,
    route: ResolvedRoute,
    shown: list[Contact],
    missing: list[str],
    today: dt.date,
) -> list[Text]:
    warnings: list[Text] = []
    if case.gemeente and content.municipality(case.gemeente) is None and content.gemeente(case.gemeente) is None:
        warnings.append(msg("warning.unknown_gemeente", gemeente=case.gemeente))
    elif not case.gemeente:
        warnings.append(msg("warning.no_gemeente"))
    for role in missing:
        warnings.append(msg("warning.role_missing", role=role, name=explain.role_label(role, content, case.gemeente)))
    stale = [c for c in route.stale(today, STALE_MONTHS) if c in shown]
    unchecked = [c for c in stale if c.gecontroleerd_op is None]
    old = [c for c in stale if c.gecontroleerd_op is not None]
    if unchecked:
        copied = [c.overgenomen_op for c in unchecked if c.overgenomen_op]
        since = min(copied) if copied else None
        months = unchecked[0].age_months(today) if since is None else max(c.age_months(today) or 0 for c in unchecked)
        ago = msg("months_ago", count=months or 0)
        when: Msg | str = msg("warning.copied_since", date=since, ago=ago) if since else ""
        warnings.append(msg("warning.unchecked_contacts", when=when, count=len(unchecked)))
    if old:
        warnings.append(
            msg(
                "warning.stale_contacts",
                months=STALE_MONTHS,
                names=items(LocalText(nl=c.name, en=c.name_en) for c in old),
            )
        )
    return warnings
