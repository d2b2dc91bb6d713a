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
from signaleer.domain.followup import aftercare_checklist as _aftercare
from signaleer.domain.progress import step_label
from signaleer.domain.route import Contact
from signaleer.domain.snapshot import contact_snapshots, versions_used
from signaleer.domain.stepplan import Step, StepField
from signaleer.export.document import Block, Bullets, Document, Fields, Note, Para, Section, Table
from signaleer.i18n import t


def _d(value: dt.date | dt.datetime | None) -> str:
    """A date as people write it in the Netherlands, DD-MM-JJJJ (with the time for a moment)."""
    if value is None:
        return "—"
    if isinstance(value, dt.datetime):
        return value.strftime("%d-%m-%Y %H:%M")
    return value.strftime("%d-%m-%Y")


def _gemeente(case: Case, content: Content) -> str | None:
    """The municipality's name as its route file spells it ('Den Haag'), not the file key."""
    route = content.municipality(case.gemeente) if case.gemeente else None
    return route.gemeente if route else case.gemeente


def _yn(value: bool | None, lang: Language) -> str:
    if value is None:
        return t("dossier.not_answered", lang=lang)
    return t("dossier.yes", lang=lang) if value else t("dossier.no", lang=lang)


def _label(prefix: str, key: str | None, lang: Language) -> str:
    """The catalogue label ``prefix + key`` (the same key the screens use), or a dash when nothing is recorded."""
    return "—" if key is None else t(prefix + key, lang=lang)


def _or_dash(text: str) -> str:
    return text.strip() or "—"


def build_document(case: Case, content: Content, generated_at: dt.datetime, language: Language = "nl") -> Document:
    """The export of ``case`` as a document; ``generated_at`` is printed, so the export is dated."""
    lang = language
    advice = next_step(case, content, generated_at.date())
    doc = Document(
        title=t("dossier.title", lang=lang, pseudonym=case.pseudonym),
        warning=t("dossier.confidential_this_file_is", lang=lang),
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
        (t("dossier.generated_on", lang=lang), _d(generated_at)),
        (t("dossier.case_number", lang=lang), case.id),
        (t("dossier.case_name", lang=lang), case.pseudonym),
        (t("dossier.age", lang=lang), str(case.age) if case.age is not None else "—"),
        (t("dossier.gender", lang=lang), _label("dossier.gender.", case.gender, lang)),
        (t("dossier.municipality", lang=lang), _gemeente(case, content) or t("dossier.national", lang=lang)),
        (t("dossier.sector", lang=lang), _label("sector.", case.sector, lang)),
        (t("dossier.professional_s_role", lang=lang), _or_dash(case.role)),
        (
            t("dossier.relation_to_suspected_exploiter", lang=lang),
            _label("timeline.relation.", case.exploiter_relation, lang),
        ),
        (t("dossier.created", lang=lang), _d(case.created_at)),
        (t("dossier.last_changed", lang=lang), _d(case.updated_at)),
        (
            t("dossier.status", lang=lang),
            t("dossier.closed", lang=lang) if case.closed else t("dossier.open", lang=lang),
        ),
        (t("dossier.current_phase", lang=lang), phase),
        (t("dossier.next_step_signaleer_s", lang=lang), next_action),
    ]
    blocks: list[Block] = [Fields(rows)]
    blocks.append(Note(t("dossier.signaleer_supports_professional_judgement", lang=lang)))
    if content.step_plan.reconstructie:
        blocks.append(Note(content.step_plan.note.get(lang)))
    return Section(t("dossier.case", lang=lang), blocks)


def _step_section(case: Case, content: Content, step: Step, lang: Language) -> Section:
    section = Section(render(step_label(step), lang))
    if step.id in case.skipped_steps:
        section.blocks.append(Note(t("dossier.skipped_reason", lang=lang) + case.skipped_steps[step.id]))
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
        simple.append((t("dossier.acute_check_done_on", lang=lang), _d(case.acute_checked_at)))
        if case.acute_handled_at or case.acute_action_note:
            simple.append((t("dossier.done_at_once", lang=lang), _or_dash(case.acute_action_note)))
            simple.append((t("dossier.recorded_on", lang=lang), _d(case.acute_handled_at)))
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
        return [title, Table([t("dossier.risk_factor", lang=lang), t("dossier.note", lang=lang)], rows)]
    if fld.type == "consultations":
        rows = [[c.who, _d(c.date), _yn(c.anonymous, lang), _or_dash(c.advice)] for c in case.consultations]
        header = [t("dossier.with_2", lang=lang), t("dossier.date", lang=lang), t("dossier.anonymous", lang=lang)]
        return [title, Table([*header, t("dossier.advice", lang=lang)], rows)]
    if fld.type == "conversation":
        conv = case.conversations.get(fld.with_ or "")
        if conv is None:
            return [
                title,
                Fields([(t("dossier.conversation", lang=lang), t("dossier.not_recorded", lang=lang))]),
            ]
        state = {True: t("dossier.held", lang=lang), False: t("dossier.skipped", lang=lang), None: "—"}[conv.held]
        conv_rows: list[tuple[str, str]] = [
            (t("dossier.conversation", lang=lang), state),
            (t("dossier.date", lang=lang), _d(conv.date)),
            (t("dossier.present", lang=lang), _or_dash(conv.present)),
            (t("dossier.discussed_and_reaction", lang=lang), _or_dash(conv.summary)),
        ]
        if conv.held is False:
            conv_rows.append((t("dossier.reason_to_skip", lang=lang), _or_dash(conv.skip_reason)))
            conv_rows.append((t("dossier.would_endanger_someone", lang=lang), _yn(conv.endangers, lang)))
        return [title, Fields(conv_rows)]
    if fld.type == "afwegingen":
        return [title, *_afwegingen(case, content, lang)]
    return []


def _signal_table(signals: list[ObservedSignal], content: Content, lang: Language) -> Table:
    rows = []
    for s in signals:
        text = content.signal(s.signal_id).text(lang) if content.has_signal(s.signal_id) else ""
        if s.source_type == "eigen_waarneming":
            source = t("dossier.own_observation", lang=lang)
        else:
            source = t("dossier.heard_from_others", lang=lang)
            if s.source_note.strip():
                source += f" ({s.source_note.strip()})"
        rows.append([f"{s.signal_id} {text}".strip(), _or_dash(s.observation), _d(s.date), source])
    header = [t("dossier.signal", lang=lang), t("dossier.observation", lang=lang), t("dossier.date", lang=lang)]
    return Table([*header, t("dossier.source", lang=lang)], rows)


def _afwegingen(case: Case, content: Content, lang: Language) -> list[Block]:
    kader = content.kader_for(case.sector)
    rows = []
    for question in kader.questions:
        answer = case.afwegingen.get(question.id)
        if answer is None:
            continue
        suggestion = t("dossier.none", lang=lang) if answer.suggested is None else _yn(answer.suggested, lang)
        shown = _yn(answer.answer, lang) + (t("dossier.to_review", lang=lang) if answer.needs_review else "")
        rows.append(
            [f"{question.number}. {question.text.get(lang)}", shown, answer.reason, _d(answer.date), suggestion]
        )
    header = [t("dossier.afweging", lang=lang), t("dossier.answer", lang=lang), t("dossier.reason", lang=lang)]
    header += [t("dossier.date", lang=lang), t("dossier.app_s_suggestion", lang=lang)]
    blocks: list[Block] = [Table(header, rows)]
    blocks.append(Fields([(t("dossier.evaluation_date_afweging_5", lang=lang), _d(case.evaluation_date))]))
    return blocks


def _outcome_section(
    case: Case, content: Content, outcome: str | None, contacts: list[Contact], lang: Language
) -> Section:
    kader = content.kader_for(case.sector)
    titles = {o.id: o.title.get(lang) for o in kader.outcomes}
    section = Section(t("dossier.decisions_and_contacts", lang=lang))
    section.blocks.append(Fields([(t("dossier.outcome_of_the_afwegingskader", lang=lang), outcome or "—")]))
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
    header = [t("dossier.date", lang=lang), t("dossier.decision", lang=lang), t("dossier.reason", lang=lang)]
    header += [t("dossier.report", lang=lang), t("dossier.channel", lang=lang), t("dossier.reference", lang=lang)]
    section.blocks.append(Table(header, rows))
    route = content.route(case.gemeente)
    where = route.gemeente or t("dossier.national", lang=lang)
    last = case.decisions[-1] if case.decisions else None
    shown = last.contacts if last is not None and last.contacts else contact_snapshots(contacts)
    if last is not None and last.contacts:
        intro = t("dossier.contacts_at_decision", lang=lang, date=_d(last.date), where=where)
    elif last is not None:
        intro = t("dossier.contacts_current_route", lang=lang, where=where)
    else:
        intro = t("dossier.contacts_route", lang=lang, where=where)
    section.blocks.append(Para(intro))
    contact_rows = [
        [
            role_label(c.role, content, case.gemeente).get(lang),
            (c.name_en if lang == "en" and c.name_en else c.name),
            c.phone or "—",
            c.reach or "—",
            _d(c.checked_on),
        ]
        for c in shown
    ]
    header = [t("dossier.role", lang=lang), t("dossier.name", lang=lang), t("dossier.phone", lang=lang)]
    header += [t("dossier.e_mail_web", lang=lang), t("dossier.checked_on", lang=lang)]
    section.blocks.append(Table(header, contact_rows))
    return section


def _comensha_section(case: Case, lang: Language) -> Section:
    reg = case.comensha
    rule = comensha_consent(case)
    rows = [
        (t("dossier.consent", lang=lang), _label("status.", reg.consent_status, lang)),
        (t("dossier.signs", lang=lang), _label("dossier.signer.", reg.signer, lang)),
        (t("dossier.consent_date", lang=lang), _d(reg.consent_date)),
        (t("dossier.route", lang=lang), _label("route.", reg.route, lang)),
        (t("dossier.registered_on", lang=lang), _d(reg.registered_on)),
        (t("dossier.remark", lang=lang), _or_dash(reg.note)),
    ]
    return Section(
        t("dossier.registration_with_comensha", lang=lang),
        [Fields(rows), Note(consent_text(rule, lang))],
    )


def _followup_section(case: Case, lang: Language) -> Section:
    rows = [
        [
            _label("with.", f.with_whom, lang),
            _d(f.date),
            _d(f.due),
            t("dossier.done", lang=lang) if f.done else t("dossier.open", lang=lang),
            _or_dash(f.note),
        ]
        for f in case.followups
    ]
    header = [t("dossier.with", lang=lang), t("dossier.date", lang=lang), t("dossier.due", lang=lang)]
    header += [t("dossier.state", lang=lang), t("dossier.agreements_and_notes", lang=lang)]
    return Section(t("dossier.follow_up_contacts_and", lang=lang), [Table(header, rows)])


def _aftercare_section(case: Case, content: Content, lang: Language) -> Section:
    section = Section(t("dossier.aftercare_and_return", lang=lang))
    checklist = _aftercare(content)
    if checklist is not None:
        items: list[tuple[bool | None, str]] = [
            (i.id in case.nazorg_checked, i.text.get(lang)) for i in checklist.items
        ]
        section.blocks += [Para(checklist.title.get(lang)), Bullets(items)]
    section.blocks.append(Para(t("dossier.signs_of_renewed_exploitation", lang=lang)))
    section.blocks.append(_signal_table(case.revictimisation_signals, content, lang))
    return section


def _timeline_section(case: Case, content: Content, lang: Language) -> Section:
    rows = [[_d(e.at), event_text(e, case, content, lang), _or_dash(e.reason)] for e in case.timeline]
    header = [t("dossier.when", lang=lang), t("dossier.event", lang=lang), t("dossier.reason", lang=lang)]
    return Section(t("dossier.timeline", lang=lang), [Table(header, rows)])


def _versions_section(case: Case, content: Content, lang: Language) -> Section:
    """Versions and dates of the step plan, signal lists, afwegingskader and route: now, and at the decision."""
    current = versions_used(case, content)
    last = case.decisions[-1] if case.decisions else None
    title = t("dossier.versions_of_the_content", lang=lang)
    header = [t("dossier.content", lang=lang), t("dossier.version", lang=lang), t("dossier.date", lang=lang)]
    if last is None or not last.versions:
        return Section(title, [Table(header, [[v.path, v.versie, v.datum] for v in current])])
    at_decision = {v.path: v for v in last.versions}
    header.append(t("dossier.at_decision", lang=lang, date=_d(last.date)))
    now = {v.path: v for v in current}
    paths = [*now, *(path for path in at_decision if path not in now)]
    rows = []
    for path in paths:
        then, today = at_decision.get(path), now.get(path)
        then_text = "—" if then is None else f"{then.versie} ({then.datum})"
        if then is not None and today is not None and (then.versie, then.datum) == (today.versie, today.datum):
            then_text = t("dossier.same", lang=lang)
        rows.append([path, today.versie if today else "—", today.datum if today else "—", then_text])
    return Section(title, [Table(header, rows)])
