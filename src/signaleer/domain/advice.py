"""The next step: where the case stands, what to do now, why, and whom to call. Pure; it never decides."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from signaleer.domain import explain, followup, phase, progress, suggest
from signaleer.domain.afwegingskader import Afwegingskader, walk
from signaleer.domain.base import Language
from signaleer.domain.case import Case, CaseSummary
from signaleer.domain.consent import ConsentRule, comensha_consent
from signaleer.domain.content import Content
from signaleer.domain.followup import DueAction
from signaleer.domain.phase import Draft
from signaleer.domain.route import URGENCY_ORDER, Contact, ResolvedRoute
from signaleer.domain.suggest import Suggestion

__all__ = ["Advice", "ConsentRule", "Suggestion", "next_step", "summarize"]

tr = explain.tr
STALE_MONTHS = 12
ADULT_ROLES = ["zorgcoordinator", "fier", "politie", "comensha"]
EXPLOITATION_ROLES = ["zorgcoordinator", "politie", "comensha"]


@dataclass(frozen=True)
class Advice:
    """What the professional should do now, and why. The professional decides; the reason is recorded."""

    phase: str
    """'acuut', 'stap1'..'stap5', 'nazorg' or 'gesloten'."""
    phase_label: str
    acute: bool
    """True when an acute question was answered yes."""
    outcome: str | None
    """The afwegingskader outcome reached, if any."""
    norm: int | None
    next_action: str
    reasons: list[str]
    contacts: list[Contact]
    """Acute and outcome roles first, then the other relevant contacts by urgency."""
    to_record: list[str]
    consent: ConsentRule
    suggestions: dict[str, Suggestion]
    pending_question: str | None
    due: dt.date | None
    needs_review: list[str]
    warnings: list[str]
    notes: list[str] = field(default_factory=list)
    """Explanations that frame a judgement call (adult branch, parents, victim not offender)."""
    prompts: list[str] = field(default_factory=list)
    """Prompts from the signal lists, e.g. the boys' prompt."""
    outcome_title: str | None = None
    current_step: str | None = None
    """Step id of the step plan this advice is about, if any."""
    due_actions: list[DueAction] = field(default_factory=list)
    """Dated actions still open (evaluation, consent, planned contacts), earliest first."""

    def to_json(self) -> dict[str, Any]:
        """The stable object printed by ``signaleer advies --json``."""
        return {
            "fase": self.phase,
            "fase_label": self.phase_label,
            "acuut": self.acute,
            "uitkomst": self.outcome,
            "uitkomst_titel": self.outcome_title,
            "norm": self.norm,
            "volgende_stap": self.next_action,
            "open_vraag": self.pending_question,
            "termijn": self.due.isoformat() if self.due else None,
            "redenen": list(self.reasons),
            "contacten": [
                {
                    "rol": c.role,
                    "naam": c.name,
                    "telefoon": c.phone,
                    "web": c.web,
                    "email": c.email,
                    "urgentie": c.urgency,
                }
                for c in self.contacts
            ],
            "vast_te_leggen": list(self.to_record),
            "toestemming_comensha": self.consent.signer,
            "toestemming": {
                "ondertekenaar": self.consent.signer,
                "uitleg": self.consent.text,
                "bij_weigering": self.consent.if_refused,
                "via_ouders_geblokkeerd": self.consent.parental_route_blocked,
            },
            "suggesties": {k: {"antwoord": v.answer, "redenen": list(v.reasons)} for k, v in self.suggestions.items()},
            "te_herzien": list(self.needs_review),
            "waarschuwingen": list(self.warnings),
            "toelichting": list(self.notes),
            "aandachtspunten": list(self.prompts),
            "vervolgacties": [
                {"soort": a.kind, "uiterlijk": a.due.isoformat(), "tekst": a.text} for a in self.due_actions
            ],
        }


def _contacts(route: ResolvedRoute, d: Draft) -> tuple[list[Contact], list[str]]:
    """Acute contacts most urgent first (112 before the police's non-emergency line), the other primary roles in
    order, then the other relevant contacts by urgency; warnings for missing roles."""
    acute = sorted(route.for_roles(d.acute_roles), key=lambda c: URGENCY_ORDER[c.urgency])
    primary = acute + [c for c in route.for_roles(d.primary_roles) if c not in acute]
    rest = [c for c in route.for_roles(d.secondary_roles) if c not in primary]
    rest.sort(key=lambda c: URGENCY_ORDER[c.urgency])
    missing = [r for r in dict.fromkeys([*d.acute_roles, "veilig_thuis"]) if not route.by_role(r)]
    return primary + rest, missing


def next_step(case: Case, content: Content, today: dt.date | None = None, language: Language = "nl") -> Advice:
    """Where the case stands, what to do now, why, and whom to call; it never answers an afweging."""
    today = today or dt.date.today()
    lang = language
    kader = content.kader_for(case.sector)
    known = {q.id for q in kader.questions}
    path = walk(kader, {qid: a.answer for qid, a in case.afwegingen.items() if qid in known})
    outcome = kader.outcome(path.outcome) if path.outcome else None
    hints = suggest.suggestions(case, content, lang)
    d = Draft()
    reasons = explain.acute_reasons(case, content, lang) + explain.signal_reasons(case, content, lang)
    reasons += explain.conversation_reasons(case, lang)
    walk_reasons, walk_warnings = explain.walk_reasons(case, kader, path, hints, lang)
    reasons += walk_reasons
    d.warnings.extend(walk_warnings)

    if outcome is not None:
        phase.outcome_phase(case, kader, outcome, path, today, d, lang)
    else:
        phase.plan_phase(case, content, kader, path, d, lang)
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
        actions = [f.on_yes.action.get(lang) for f in triggered if f.on_yes]
        d.next_action = " ".join(dict.fromkeys(actions))
        d.next_action += " " + tr(lang, "De andere stappen kunnen later.", "The other steps can wait.")
        if any(f.on_yes and f.on_yes.melden for f in triggered) and not _decided_melden(case, kader):
            d.to_record.insert(
                0,
                tr(
                    lang,
                    "De melding bij Veilig Thuis: datum, kanaal, referentienummer.",
                    "The report to Veilig Thuis: date, channel, reference number.",
                ),
            )
        d.to_record.insert(
            0,
            tr(
                lang,
                "Wat je direct hebt gedaan: wie is gebeld, door wie, hoe laat.",
                "What you did at once: who was called, by whom, at what time.",
            ),
        )
    elif unanswered and not case.closed:
        labels = "; ".join(f.label.get(lang) for f in unanswered)
        check = tr(lang, f"Doe eerst de acute check: {labels}", f"Do the acute check first: {labels}")
        if outcome is None and not path.trace:
            d.phase, d.current_step = "acuut", _acute_step_id(content)
            d.next_action = check
        else:
            d.warnings.insert(0, check)
        d.to_record.insert(0, tr(lang, "De antwoorden op de acute check.", "The answers to the acute check."))

    review = [qid for qid, a in case.afwegingen.items() if a.needs_review]
    if review and d.phase != "acuut" and not case.closed:
        d.pending = review[0]
        numbers = ", ".join(str(kader.question(q).number) if q in known else q for q in review)
        d.next_action = tr(
            lang,
            f"Bekijk opnieuw: afweging {numbers}. Een eerder antwoord is gewijzigd; bevestig of pas aan, met je reden.",
            f"Review afweging {numbers}: an earlier answer was changed; confirm or change, with your reason.",
        )
        d.warnings.append(
            tr(
                lang,
                "De uitkomst berust op antwoorden die opnieuw bekeken moeten worden.",
                "The outcome rests on answers that need review.",
            )
        )
    if case.closed:
        d.phase = "gesloten"
        d.next_action = tr(
            lang,
            "De casus is gesloten. Nieuwe signalen? Heropen de casus met een reden.",
            "The case is closed. New signals? Reopen the case with a reason.",
        )

    notes = explain.adult_notes(case, lang) + explain.parents_notes(case, lang)
    if not suggest.is_minor(case):
        d.secondary_roles.extend(ADULT_ROLES)
        if case.exploiter_relation is None:
            d.to_record.append(
                tr(
                    lang,
                    "Wie de vermoedelijke uitbuiter is (partner, familie, anders).",
                    "Who the suspected exploiter is (partner, family, other).",
                )
            )
    for note in (suggest.criminal_note(case, content, lang), suggest.online_extortion_note(case, content, lang)):
        if note:
            notes.append(note)
    dual = suggest.dual_role_warning(case, content, lang)
    if dual:
        d.warnings.append(dual)
        d.secondary_roles.append("politie")
    d.secondary_roles.extend(suggest.form_roles(case, content))

    consent = comensha_consent(case, lang)
    due = _after_the_signal(case, content, today, d, review, lang)
    if outcome is not None and outcome.melden and case.comensha.consent_status == "niet_gevraagd" and consent.signer:
        who = (
            tr(lang, "ouders of voogd", "parents or guardian")
            if consent.signer == "ouders_of_voogd"
            else tr(lang, "de jongere", "the young person")
        )
        d.to_record.append(
            tr(
                lang,
                f"CoMensha-registratie: schriftelijke toestemming van {who}.",
                f"CoMensha registration: written consent of {who}.",
            )
        )

    route = content.route(case.gemeente)
    contacts, missing = _contacts(route, d)
    d.warnings.extend(_route_warnings(case, content, route, contacts, missing, today, lang))
    unknown = [s.signal_id for s in case.signals if not content.has_signal(s.signal_id)]
    if unknown:
        d.warnings.append(
            tr(
                lang,
                f"Onbekende signalen (niet in de lijsten): {', '.join(unknown)}.",
                f"Unknown signals (not in the lists): {', '.join(unknown)}.",
            )
        )
    return Advice(
        phase=d.phase,
        phase_label=progress.phase_label(d.phase, content, lang),
        acute=bool(triggered),
        outcome=outcome.id if outcome else None,
        norm=path.norm if outcome else None,
        next_action=d.next_action.strip(),
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
        prompts=suggest.boys_prompts(case, content, lang),
        outcome_title=outcome.title.get(lang) if outcome else None,
        current_step=d.current_step,
        due_actions=due,
    )


def _after_the_signal(
    case: Case, content: Content, today: dt.date, d: Draft, review: list[str], lang: Language
) -> list[DueAction]:
    """Fold dated actions, CoMensha status, aftercare and revictimisation into the draft; the due actions."""
    due = followup.due_actions(case, content, lang)
    if due and (d.due is None or due[0].due < d.due):
        d.due = due[0].due
    overdue = [a for a in due if a.overdue(today) and a.kind not in ("evaluatie", "voorstel_contact")]
    if overdue and d.phase != "acuut" and not review:
        late = tr(lang, "Te laat", "Overdue")
        d.next_action = f"{late} ({overdue[0].due.isoformat()}): {overdue[0].text} {d.next_action}"
    reg = case.comensha
    if not case.closed and reg.registered_on is None:
        if reg.consent_status == "gevraagd":
            d.to_record.append(
                tr(
                    lang,
                    "Het antwoord op de vraag om toestemming voor CoMensha, met de datum.",
                    "The answer to the CoMensha consent request, with its date.",
                )
            )
        elif reg.consent_status == "gegeven":
            d.to_record.append(
                tr(
                    lang,
                    "De registratie bij CoMensha: via wie (Veilig Thuis, lokaal meldpunt, politie) en de datum.",
                    "The CoMensha registration: through whom (Veilig Thuis, local point, police) and the date.",
                )
            )
    if d.phase == "nazorg":
        done, total = followup.aftercare_progress(case, content)
        if total and done < total:
            d.to_record.append(
                tr(
                    lang,
                    f"Nazorg en terugkeer: {done} van {total} punten van de checklist gedaan.",
                    f"Aftercare and return: {done} of {total} checklist points done.",
                )
            )
    if case.revictimisation_signals and not case.closed:
        ids = ", ".join(s.signal_id for s in case.revictimisation_signals)
        d.warnings.append(
            tr(
                lang,
                f"Signalen van opnieuw uitbuiting ({ids}): doorloop de Meldcode opnieuw en overleg met de"
                " behandelaar en de zorgcoördinator.",
                f"Signs of renewed exploitation ({ids}): walk the Meldcode again and consult the treating"
                " professional and the care coordinator.",
            )
        )
        d.secondary_roles.append("zorgcoordinator")
    acute = followup.acute_revictimisation(case, content)
    if acute and not case.closed:
        d.warnings.insert(
            0,
            tr(
                lang,
                f"{', '.join(acute)} kan acuut gevaar betekenen: doe de acute check opnieuw en bel bij direct"
                " gevaar 112.",
                f"{', '.join(acute)} can mean acute danger: do the acute check again and call 112 in direct danger.",
            ),
        )
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
    lang: Language,
) -> list[str]:
    warnings = []
    if case.gemeente and content.municipality(case.gemeente) is None and content.gemeente(case.gemeente) is None:
        warnings.append(
            tr(
                lang,
                f"Gemeente '{case.gemeente}' is niet gevonden: alleen landelijke nummers.",
                f"Municipality '{case.gemeente}' was not found: national numbers only.",
            )
        )
    elif not case.gemeente:
        warnings.append(
            tr(
                lang,
                "Geen gemeente gekozen: alleen landelijke nummers.",
                "No municipality chosen: national numbers only.",
            )
        )
    for role in missing:
        name = explain.role_label(role, content, case.gemeente)
        warnings.append(
            tr(
                lang,
                f"De meldroute heeft geen contact voor '{name}'; vul dit lokaal aan.",
                f"The route has no contact for '{name}'; add it locally.",
            )
        )
    stale = [c for c in route.stale(today, STALE_MONTHS) if c in shown]
    unchecked = [c for c in stale if c.gecontroleerd_op is None]
    old = [c for c in stale if c.gecontroleerd_op is not None]
    if unchecked:
        copied = [c.overgenomen_op for c in unchecked if c.overgenomen_op]
        since = min(copied) if copied else None
        months = unchecked[0].age_months(today) if since is None else max(c.age_months(today) or 0 for c in unchecked)
        when_nl = f" (overgenomen vanaf {since.isoformat()}, {months} maand(en) geleden)" if since else ""
        when_en = f" (copied from {since.isoformat()}, {months} month(s) ago)" if since else ""
        warnings.append(
            tr(
                lang,
                f"Niet gecontroleerd, alleen overgenomen uit de bron{when_nl}: {len(unchecked)} contact(en). Controleer"
                " het nummer voor je belt.",
                f"Not checked, only copied from the source{when_en}: {len(unchecked)} contact(s). Verify the number"
                " before you call.",
            )
        )
    if old:
        names = ", ".join(c.name for c in old)
        warnings.append(
            tr(
                lang,
                f"Langer dan {STALE_MONTHS} maanden niet gecontroleerd: {names}. Controleer het nummer.",
                f"Not checked for over {STALE_MONTHS} months: {names}. Verify the number.",
            )
        )
    return warnings


def summarize(case: Case, content: Content, today: dt.date | None = None) -> CaseSummary:
    """The line the case list shows for ``case``."""
    advice = next_step(case, content, today)
    return CaseSummary(
        id=case.id,
        pseudonym=case.pseudonym,
        gemeente=case.gemeente,
        phase=advice.phase_label,
        next_action=advice.next_action,
        due=advice.due,
        updated_at=case.updated_at,
        closed=case.closed,
    )
