"""After the signal: what is due when (evaluation, consent, planned contacts) and checks on the CoMensha record.

Pure: it reads a case and the content, and never changes anything; changes go through ``changes``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from signaleer.domain.case import Case, ComenshaRegistration
from signaleer.domain.consent import comensha_consent, parents_endanger
from signaleer.domain.content import Content
from signaleer.domain.message import Msg, msg
from signaleer.domain.signals import Checklist, Signal

DueKind = Literal["evaluatie", "toestemming", "registratie", "contact", "voorstel_contact"]

PROPOSED_CONTACT_DAYS = 7
"""✎ App default: propose a contact moment within a week of the first signal (no source sets a term). The NJi
page on the approach of wijkteams asks to keep contact with the victim and the family between signalling and
the start of help, in consultation with the zorgcoördinator."""

CONSENT_ANSWER_DAYS = 14
"""✎ App default: ask after the answer on a consent request two weeks after asking (no source sets a term)."""
REGISTER_DAYS = 7
"""✎ App default: register with CoMensha within a week after written consent was given."""
AFTERCARE_CHECKLIST = "terugkeer"
"""Id of the aftercare checklist (checklists/nazorg/terugkeer.yaml)."""
REVICTIMISATION_USE = "revictimisatie"
"""The ``use`` of the signal lists for revictimisation."""


@dataclass(frozen=True)
class DueAction:
    """Something to do by a date: the afweging 5 evaluation, a consent follow-up, or a planned contact."""

    kind: DueKind
    due: dt.date
    text: Msg
    """What to do (a code with parameters; :mod:`signaleer.advice_text` words it)."""
    followup_index: int | None = None
    """Index in ``case.followups`` for a planned contact."""

    def overdue(self, today: dt.date) -> bool:
        """True when the date has passed."""
        return self.due < today


def evaluation_pending(case: Case, content: Content) -> bool:
    """True when an evaluation date is set and the evaluation afweging (5) is not answered yet."""
    if case.evaluation_date is None:
        return False
    kader = content.kader_for(case.sector)
    at_evaluation = [q.id for q in kader.questions if q.at_evaluation]
    return not any(qid in case.afwegingen and not case.afwegingen[qid].needs_review for qid in at_evaluation)


def due_actions(case: Case, content: Content) -> list[DueAction]:
    """Every dated action of ``case`` that is still open, earliest (so overdue) first; none when closed."""
    if case.closed:
        return []
    actions: list[DueAction] = []
    if evaluation_pending(case, content) and case.evaluation_date is not None:
        actions.append(DueAction("evaluatie", case.evaluation_date, msg("due.evaluation", date=case.evaluation_date)))
    reg = case.comensha
    if reg.registered_on is None and reg.consent_date is not None:
        asked = reg.consent_date
        if reg.consent_status == "gevraagd":
            due = asked + dt.timedelta(days=CONSENT_ANSWER_DAYS)
            actions.append(DueAction("toestemming", due, msg("due.consent_answer", date=asked)))
        elif reg.consent_status == "gegeven":
            via = msg("due.via", route=msg(f"via.{reg.route}")) if reg.route else ""
            due = asked + dt.timedelta(days=REGISTER_DAYS)
            actions.append(DueAction("registratie", due, msg("due.register", via=via, date=asked)))
    for index, followup in enumerate(case.followups):
        if followup.done or followup.due is None:
            continue
        note = " ".join(followup.note.split())
        if len(note) > 60:
            note = note[:59] + "…"
        who = msg(f"with.{followup.with_whom}")
        text = msg("due.contact_note", who=who, note=note) if note else msg("due.contact", who=who)
        actions.append(DueAction("contact", followup.due, text, index))
    actions += proposed_contacts(case)
    return sorted(actions, key=lambda action: (action.due, action.kind))


def help_started(case: Case) -> bool:
    """True once an outcome was decided or an evaluation date agreed: help (or the melding) has started."""
    return bool(case.decisions) or case.evaluation_date is not None


def first_signal_date(case: Case) -> dt.date:
    """The earliest observation date of a ticked signal, or the day the case was made."""
    dates = [s.date for s in case.signals if s.date is not None]
    return min(dates) if dates else case.created_at.date()


def proposed_contacts(case: Case) -> list[DueAction]:
    """Contact moments the engine proposes between the signal and the start of help (the professional agrees
    them with the zorgcoördinator): with the young person, and with the family when that is safe and fits the age.

    None once help has started, when the case is closed or has no signals, or when such a contact is already
    planned or held. Never the parents when a family member is the suspected exploiter or the conversation with
    the parents was skipped as dangerous; not the parents of an adult; from 16 only if the young person agrees."""
    if case.closed or not case.signals or help_started(case):
        return []
    due = first_signal_date(case) + dt.timedelta(days=PROPOSED_CONTACT_DAYS)
    planned = {f.with_whom for f in case.followups}
    proposals: list[DueAction] = []
    if "jongere" not in planned:
        proposals.append(DueAction("voorstel_contact", due, msg("due.propose_young_person")))
    adult = case.age is not None and case.age >= 18
    family_out = case.exploiter_relation == "familie" or parents_endanger(case)
    if "ouders" not in planned and not adult and not family_out:
        sixteen = case.age is not None and case.age >= 16
        code = "due.propose_family_if_agreed" if sixteen else "due.propose_family"
        proposals.append(DueAction("voorstel_contact", due, msg(code)))
    return proposals


def comensha_problems(case: Case, registration: ComenshaRegistration) -> list[str]:
    """Codes of the reasons ``registration`` cannot be recorded as it is (``change.<code>``); empty when it can."""
    problems = []
    if registration.consent_status != "niet_gevraagd" and registration.consent_date is None:
        problems.append("comensha.no_consent_date")
    if registration.registered_on is not None:
        if registration.route is None:
            problems.append("comensha.no_route")
        if registration.consent_status != "gegeven" and registration.route != "politie":
            problems.append("comensha.police_only")
    if registration.consent_status in ("gevraagd", "gegeven", "geweigerd") and registration.signer is None:
        problems.append("comensha.no_signer")
    return problems


def comensha_warnings(case: Case, registration: ComenshaRegistration) -> list[tuple[Msg, ...]]:
    """Points to double-check (the professional decides): an unexpected signer, dates out of order."""
    warnings: list[tuple[Msg, ...]] = []
    rule = comensha_consent(case)
    if registration.signer is not None and rule.signer is not None and registration.signer != rule.signer:
        warnings.append((msg("consent.warning.other_signer"), *rule.text))
    if registration.signer == "ouders_of_voogd" and rule.parental_route_blocked:
        warnings.append(rule.text)
    if (
        registration.registered_on
        and registration.consent_date
        and registration.registered_on < registration.consent_date
    ):
        warnings.append((msg("consent.warning.dates"),))
    return warnings


def aftercare_checklist(content: Content) -> Checklist | None:
    """The aftercare checklist (preparing the return), when the content has it."""
    return content.checklists.get(AFTERCARE_CHECKLIST)


def revictimisation_signals(content: Content) -> list[Signal]:
    """The signals of renewed exploitation, in list order."""
    return [s for lst in content.lists_for(REVICTIMISATION_USE) for s in lst.signals]


def aftercare_progress(case: Case, content: Content) -> tuple[int, int]:
    """(points done, points on the list) of the aftercare checklist."""
    checklist = aftercare_checklist(content)
    if checklist is None:
        return 0, 0
    ids = {item.id for item in checklist.items}
    return len(ids & set(case.nazorg_checked)), len(ids)


def acute_revictimisation(case: Case, content: Content) -> list[str]:
    """Ids of ticked revictimisation signals that call for the acute check on their own."""
    return [
        s.signal_id
        for s in case.revictimisation_signals
        if content.has_signal(s.signal_id) and content.signal(s.signal_id).acuut
    ]
