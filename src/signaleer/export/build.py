"""Build the dossier export of a case: a dated summary per step, the timeline and the content versions."""

from __future__ import annotations

import datetime as dt

from signaleer.advice_text import consent_text, event_text, next_action, render
from signaleer.domain.advice import next_step
from signaleer.domain.base import Language
from signaleer.domain.case import Case, ObservedSignal
from signaleer.domain.consent import comensha_consent
from signaleer.domain.content import Content
from signaleer.domain.explain import role_label
from signaleer.domain.followup import ROUTE_LABELS, STATUS_LABELS, WITH_LABELS, label, tr
from signaleer.domain.followup import aftercare_checklist as _aftercare
from signaleer.domain.route import Contact
from signaleer.domain.snapshot import contact_snapshots, versions_used
from signaleer.domain.stepplan import Step, StepField
from signaleer.export.document import Block, Bullets, Document, Fields, Note, Para, Section, Table

RELATION_LABELS = {
    "partner": ("partner", "partner"),
    "ex_partner": ("ex-partner", "ex-partner"),
    "familie": ("familie", "family"),
    "anders": ("iemand anders", "someone else"),
    "onbekend": ("onbekend", "unknown"),
}
GENDER_LABELS = {
    "meisje": ("meisje", "girl"),
    "jongen": ("jongen", "boy"),
    "anders": ("anders", "other"),
    "onbekend": ("onbekend", "unknown"),
}
SIGNER_LABELS = {
    "ouders_of_voogd": ("ouders of voogd", "parents or guardian"),
    "jongere": ("de jongere", "young person"),
}


def _d(value: dt.date | dt.datetime | None) -> str:
    if value is None:
        return "—"
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return value.isoformat()


def _gemeente(case: Case, content: Content) -> str | None:
    """The municipality's name as its route file spells it ('Den Haag'), not the file key."""
    route = content.municipality(case.gemeente) if case.gemeente else None
    return route.gemeente if route else case.gemeente


def _yn(value: bool | None, lang: Language) -> str:
    if value is None:
        return tr(lang, "niet beantwoord", "not answered")
    return tr(lang, "ja", "yes") if value else tr(lang, "nee", "no")


def _or_dash(text: str) -> str:
    return text.strip() or "—"


def build_document(case: Case, content: Content, generated_at: dt.datetime, language: Language = "nl") -> Document:
    """The export of ``case`` as a document; ``generated_at`` is printed, so the export is dated."""
    lang = language
    advice = next_step(case, content, generated_at.date())
    doc = Document(
        title=tr(lang, f"Dossierverslag signaleer — {case.pseudonym}", f"signaleer dossier report — {case.pseudonym}"),
        warning=tr(
            lang,
            "Vertrouwelijk: dit bestand is NIET versleuteld en bevat bijzondere persoonsgegevens. Neem het op in"
            " het dossier van je organisatie en verwijder dit bestand daarna.",
            "Confidential: this file is NOT encrypted and holds special personal data. Add it to your"
            " organisation's file and delete this file afterwards.",
        ),
        language=lang,
    )
    phase = render(advice.phase_label, lang)
    doc.sections.append(_header(case, content, phase, next_action(advice, lang), generated_at, lang))
    for step in content.step_plan.steps:
        doc.sections.append(_step_section(case, content, step, lang))
    title = render(advice.outcome_title, lang) if advice.outcome_title else None
    doc.sections.append(_outcome_section(case, content, title, advice.contacts, lang))
    doc.sections.append(_comensha_section(case, lang))
    doc.sections.append(_followup_section(case, lang))
    doc.sections.append(_aftercare_section(case, content, lang))
    doc.sections.append(_timeline_section(case, content, lang))
    doc.sections.append(_versions_section(case, content, lang))
    return doc


def _header(
    case: Case, content: Content, phase: str, next_action: str, generated_at: dt.datetime, lang: Language
) -> Section:
    rows = [
        (tr(lang, "Gemaakt op", "Generated on"), _d(generated_at)),
        (tr(lang, "Casusnummer", "Case number"), case.id),
        (tr(lang, "Casusnaam", "Case name"), case.pseudonym),
        (tr(lang, "Leeftijd", "Age"), str(case.age) if case.age is not None else "—"),
        (tr(lang, "Gender", "Gender"), label(GENDER_LABELS, case.gender, lang)),
        (tr(lang, "Gemeente", "Municipality"), _gemeente(case, content) or tr(lang, "landelijk", "national")),
        (tr(lang, "Sector", "Sector"), case.sector or "—"),
        (tr(lang, "Rol professional", "Professional's role"), _or_dash(case.role)),
        (
            tr(lang, "Relatie tot vermoedelijke uitbuiter", "Relation to suspected exploiter"),
            label(RELATION_LABELS, case.exploiter_relation, lang),
        ),
        (tr(lang, "Aangemaakt", "Created"), _d(case.created_at)),
        (tr(lang, "Laatst gewijzigd", "Last changed"), _d(case.updated_at)),
        (tr(lang, "Status", "Status"), tr(lang, "gesloten", "closed") if case.closed else tr(lang, "open", "open")),
        (tr(lang, "Huidige fase", "Current phase"), phase),
        (tr(lang, "Volgende stap (suggestie van signaleer)", "Next step (signaleer's suggestion)"), next_action),
    ]
    blocks: list[Block] = [Fields(rows)]
    blocks.append(
        Note(
            tr(
                lang,
                "signaleer ondersteunt de professionele afweging; de professional beslist. De suggesties hieronder"
                " zijn wat de app op dat moment liet zien.",
                "signaleer supports professional judgement; the professional decides. The suggestions below are"
                " what the app showed at the time.",
            )
        )
    )
    if content.step_plan.reconstructie:
        blocks.append(Note(content.step_plan.note.get(lang)))
    return Section(tr(lang, "Casus", "Case"), blocks)


def _step_section(case: Case, content: Content, step: Step, lang: Language) -> Section:
    prefix = "" if step.number == 0 else tr(lang, f"Stap {step.number} – ", f"Step {step.number} – ")
    section = Section(prefix + step.title.get(lang))
    if step.id in case.skipped_steps:
        section.blocks.append(
            Note(tr(lang, "Overgeslagen. Reden: ", "Skipped. Reason: ") + case.skipped_steps[step.id])
        )
    simple: list[tuple[str, str]] = []
    for fld in step.fields:
        if fld.type == "acute_question":
            simple.append((fld.label.get(lang), _yn(case.acute.get(fld.id), lang)))
        elif fld.type in ("text", "longtext", "date", "yesno", "choice"):
            simple.append((fld.label.get(lang), _simple_value(case, step, fld, lang)))
        else:
            if simple:
                section.blocks.append(Fields(simple))
                simple = []
            section.blocks.extend(_composite(case, content, fld, lang))
    if any(f.type == "acute_question" for f in step.fields):
        simple.append((tr(lang, "Acute check gedaan op", "Acute check done on"), _d(case.acute_checked_at)))
        if case.acute_handled_at or case.acute_action_note:
            simple.append((tr(lang, "Direct gedaan", "Done at once"), _or_dash(case.acute_action_note)))
            simple.append((tr(lang, "Vastgelegd op", "Recorded on"), _d(case.acute_handled_at)))
    if simple:
        section.blocks.append(Fields(simple))
    return section


def _simple_value(case: Case, step: Step, fld: StepField, lang: Language) -> str:
    value = case.answers.get(step.id, {}).get(fld.id, "")
    if fld.type == "choice":
        for choice in fld.choices:
            if choice.id == value:
                return choice.label.get(lang)
    if fld.type == "yesno" and value in ("ja", "nee"):
        return _yn(value == "ja", lang)
    return _or_dash(value)


def _composite(case: Case, content: Content, fld: StepField, lang: Language) -> list[Block]:
    title = Para(fld.label.get(lang))
    if fld.type == "signals":
        return [title, _signal_table(case.signals, content, lang)]
    if fld.type == "risk_factors":
        rows = [
            [
                f"{r.factor_id} "
                + (content.risk_factor(r.factor_id).text(lang) if content.has_risk_factor(r.factor_id) else ""),
                _or_dash(r.note),
            ]
            for r in case.risk_factors
        ]
        return [title, Table([tr(lang, "Risicofactor", "Risk factor"), tr(lang, "Notitie", "Note")], rows)]
    if fld.type == "consultations":
        rows = [[c.who, _d(c.date), _yn(c.anonymous, lang), _or_dash(c.advice)] for c in case.consultations]
        header = [tr(lang, "Met wie", "With"), tr(lang, "Datum", "Date"), tr(lang, "Anoniem", "Anonymous")]
        return [title, Table([*header, tr(lang, "Advies", "Advice")], rows)]
    if fld.type == "conversation":
        conv = case.conversations.get(fld.with_ or "")
        if conv is None:
            return [
                title,
                Fields([(tr(lang, "Gesprek", "Conversation"), tr(lang, "nog niet vastgelegd", "not recorded"))]),
            ]
        state = {True: tr(lang, "gehouden", "held"), False: tr(lang, "overgeslagen", "skipped"), None: "—"}[conv.held]
        conv_rows: list[tuple[str, str]] = [
            (tr(lang, "Gesprek", "Conversation"), state),
            (tr(lang, "Datum", "Date"), _d(conv.date)),
            (tr(lang, "Aanwezig", "Present"), _or_dash(conv.present)),
            (tr(lang, "Besproken en reactie", "Discussed and reaction"), _or_dash(conv.summary)),
        ]
        if conv.held is False:
            conv_rows.append((tr(lang, "Reden om over te slaan", "Reason to skip"), _or_dash(conv.skip_reason)))
            conv_rows.append((tr(lang, "Brengt iemand in gevaar", "Would endanger someone"), _yn(conv.endangers, lang)))
        return [title, Fields(conv_rows)]
    if fld.type == "afwegingen":
        return [title, *_afwegingen(case, content, lang)]
    return []


def _signal_table(signals: list[ObservedSignal], content: Content, lang: Language) -> Table:
    rows = []
    for s in signals:
        text = content.signal(s.signal_id).text(lang) if content.has_signal(s.signal_id) else ""
        if s.source_type == "eigen_waarneming":
            source = tr(lang, "eigen waarneming", "own observation")
        else:
            source = tr(lang, "van horen zeggen", "heard from others")
            if s.source_note.strip():
                source += f" ({s.source_note.strip()})"
        rows.append([f"{s.signal_id} {text}".strip(), _or_dash(s.observation), _d(s.date), source])
    header = [tr(lang, "Signaal", "Signal"), tr(lang, "Observatie", "Observation"), tr(lang, "Datum", "Date")]
    return Table([*header, tr(lang, "Bron", "Source")], rows)


def _afwegingen(case: Case, content: Content, lang: Language) -> list[Block]:
    kader = content.kader_for(case.sector)
    rows = []
    for question in kader.questions:
        answer = case.afwegingen.get(question.id)
        if answer is None:
            continue
        suggestion = tr(lang, "geen", "none") if answer.suggested is None else _yn(answer.suggested, lang)
        shown = _yn(answer.answer, lang) + (
            tr(lang, " (opnieuw bekijken)", " (to review)") if answer.needs_review else ""
        )
        rows.append(
            [f"{question.number}. {question.text.get(lang)}", shown, answer.reason, _d(answer.date), suggestion]
        )
    header = [tr(lang, "Afweging", "Afweging"), tr(lang, "Antwoord", "Answer"), tr(lang, "Reden", "Reason")]
    header += [tr(lang, "Datum", "Date"), tr(lang, "Suggestie van de app", "App's suggestion")]
    blocks: list[Block] = [Table(header, rows)]
    blocks.append(
        Fields([(tr(lang, "Evaluatiedatum (afweging 5)", "Evaluation date (afweging 5)"), _d(case.evaluation_date))])
    )
    return blocks


def _outcome_section(
    case: Case, content: Content, outcome: str | None, contacts: list[Contact], lang: Language
) -> Section:
    kader = content.kader_for(case.sector)
    titles = {o.id: o.title.get(lang) for o in kader.outcomes}
    section = Section(tr(lang, "Besluiten en contacten", "Decisions and contacts"))
    section.blocks.append(
        Fields([(tr(lang, "Uitkomst afwegingskader", "Outcome of the afwegingskader"), outcome or "—")])
    )
    rows = [
        [
            _d(d.date),
            titles.get(d.outcome_id, d.outcome_id),
            _or_dash(d.reason),
            _d(d.melding_date),
            _or_dash(d.channel),
            _or_dash(d.reference),
        ]
        for d in case.decisions
    ]
    header = [tr(lang, "Datum", "Date"), tr(lang, "Besluit", "Decision"), tr(lang, "Reden", "Reason")]
    header += [tr(lang, "Melding", "Report"), tr(lang, "Kanaal", "Channel"), tr(lang, "Referentie", "Reference")]
    section.blocks.append(Table(header, rows))
    route = content.route(case.gemeente)
    where = route.gemeente or tr(lang, "landelijk", "national")
    last = case.decisions[-1] if case.decisions else None
    shown = last.contacts if last is not None and last.contacts else contact_snapshots(contacts)
    if last is not None and last.contacts:
        intro = tr(
            lang,
            f"Contacten zoals getoond bij het besluit van {_d(last.date)} ({where}):",
            f"Contacts as shown at the decision of {_d(last.date)} ({where}):",
        )
    elif last is not None:
        intro = tr(
            lang,
            f"Contacten uit de huidige meldroute ({where}); bij dit besluit is niet bewaard welke contacten"
            " toen getoond werden:",
            f"Contacts from the current route ({where}); which contacts were shown at this decision was not kept:",
        )
    else:
        intro = tr(lang, f"Contacten uit de meldroute ({where}):", f"Contacts from the route ({where}):")
    section.blocks.append(Para(intro))
    contact_rows = [
        [role_label(c.role, content, case.gemeente), c.name, c.phone or "—", c.reach or "—", _d(c.checked_on)]
        for c in shown
    ]
    header = [tr(lang, "Rol", "Role"), tr(lang, "Naam", "Name"), tr(lang, "Telefoon", "Phone")]
    header += [tr(lang, "E-mail / web", "E-mail / web"), tr(lang, "Gecontroleerd op", "Checked on")]
    section.blocks.append(Table(header, contact_rows))
    return section


def _comensha_section(case: Case, lang: Language) -> Section:
    reg = case.comensha
    rule = comensha_consent(case)
    rows = [
        (tr(lang, "Toestemming", "Consent"), label(STATUS_LABELS, reg.consent_status, lang)),
        (tr(lang, "Tekent", "Signs"), label(SIGNER_LABELS, reg.signer, lang)),
        (tr(lang, "Datum toestemming", "Consent date"), _d(reg.consent_date)),
        (tr(lang, "Route", "Route"), label(ROUTE_LABELS, reg.route, lang)),
        (tr(lang, "Geregistreerd op", "Registered on"), _d(reg.registered_on)),
        (tr(lang, "Opmerking", "Remark"), _or_dash(reg.note)),
    ]
    return Section(
        tr(lang, "Registratie bij CoMensha", "Registration with CoMensha"),
        [Fields(rows), Note(consent_text(rule, lang))],
    )


def _followup_section(case: Case, lang: Language) -> Section:
    rows = [
        [
            label(WITH_LABELS, f.with_whom, lang),
            _d(f.date),
            _d(f.due),
            tr(lang, "gedaan", "done") if f.done else tr(lang, "open", "open"),
            _or_dash(f.note),
        ]
        for f in case.followups
    ]
    header = [tr(lang, "Met", "With"), tr(lang, "Datum", "Date"), tr(lang, "Uiterlijk", "Due")]
    header += [tr(lang, "Stand", "State"), tr(lang, "Afspraken en notities", "Agreements and notes")]
    return Section(
        tr(lang, "Vervolgcontacten en afspraken", "Follow-up contacts and agreements"), [Table(header, rows)]
    )


def _aftercare_section(case: Case, content: Content, lang: Language) -> Section:
    section = Section(tr(lang, "Nazorg en terugkeer", "Aftercare and return"))
    checklist = _aftercare(content)
    if checklist is not None:
        items: list[tuple[bool | None, str]] = [
            (i.id in case.nazorg_checked, i.text.get(lang)) for i in checklist.items
        ]
        section.blocks += [Para(checklist.title.get(lang)), Bullets(items)]
    section.blocks.append(Para(tr(lang, "Signalen van opnieuw uitbuiting:", "Signs of renewed exploitation:")))
    section.blocks.append(_signal_table(case.revictimisation_signals, content, lang))
    return section


def _timeline_section(case: Case, content: Content, lang: Language) -> Section:
    rows = [[_d(e.at), event_text(e, case, content, lang), _or_dash(e.reason)] for e in case.timeline]
    header = [tr(lang, "Moment", "When"), tr(lang, "Gebeurtenis", "Event"), tr(lang, "Reden", "Reason")]
    return Section(tr(lang, "Tijdlijn", "Timeline"), [Table(header, rows)])


def _versions_section(case: Case, content: Content, lang: Language) -> Section:
    """Versions and dates of the step plan, signal lists, afwegingskader and route: now, and at the decision."""
    current = versions_used(case, content)
    last = case.decisions[-1] if case.decisions else None
    title = tr(lang, "Gebruikte versies van de inhoud", "Versions of the content used")
    header = [tr(lang, "Inhoud", "Content"), tr(lang, "Versie", "Version"), tr(lang, "Datum", "Date")]
    if last is None or not last.versions:
        return Section(title, [Table(header, [[v.path, v.versie, v.datum] for v in current])])
    at_decision = {v.path: v for v in last.versions}
    header.append(tr(lang, f"Bij besluit van {_d(last.date)}", f"At the decision of {_d(last.date)}"))
    now = {v.path: v for v in current}
    paths = [*now, *(path for path in at_decision if path not in now)]
    rows = []
    for path in paths:
        then, today = at_decision.get(path), now.get(path)
        then_text = "—" if then is None else f"{then.versie} ({then.datum})"
        if then is not None and today is not None and (then.versie, then.datum) == (today.versie, today.datum):
            then_text = tr(lang, "gelijk", "same")
        rows.append([path, today.versie if today else "—", today.datum if today else "—", then_text])
    return Section(title, [Table(header, rows)])
