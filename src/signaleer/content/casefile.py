"""Training case files: plain YAML with Dutch keys, read into a ``Case`` with ``path:line`` errors.

Real cases live only in the encrypted vault; these files are for exercises and for testing routes.
The format is documented in docs/oefencasus.md; its JSON Schema is ``schemas/oefencasus.schema.json``
(from :class:`TrainingCaseFile` in ``casefile_form.py``).

Reading has two passes. pydantic checks the form (:class:`TrainingCaseFile`: Dutch keys, unknown keys refused,
types), and its errors get a line and a text from the catalogue through ``content/validation.py``, as content
files do. Then the values are checked against the content (known signals, steps, afwegingen, gemeente) and the
rules a form cannot express (a skipped conversation needs a reason).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import (
    ValidationError,
)

from signaleer.content.casefile_form import (
    ConversationEntry,
    TrainingCaseFile,
)
from signaleer.content.validation import validate
from signaleer.content.yaml_io import YamlDoc, load_yaml
from signaleer.domain.case import (
    AfwegingAnswer,
    Case,
    ComenshaRegistration,
    Consultation,
    Conversation,
    Decision,
    ObservedSignal,
    RiskFactorNote,
)
from signaleer.domain.content import Content
from signaleer.errors import CaseFileError
from signaleer.i18n import t

Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class TrainingCase:
    """A training case and the date its advice is computed for (``peildatum``, if given)."""

    case: Case
    today: dt.date | None


class _Checks:
    """The checks against the content, each error as ``path:line: message``."""

    def __init__(self, doc: YamlDoc, content: Content) -> None:
        self.doc = doc
        self.content = content
        self.errors: list[str] = []

    def err(self, loc: Loc, message: str) -> None:
        self.errors.append(f"{self.doc.path}:{self.doc.line_of(loc)}: {message}")


def read_case_file(path: Path, content: Content) -> TrainingCase:
    """Read a training case file; raise ``CaseFileError`` listing every problem as ``path:line: message``."""
    doc = load_yaml(path)
    if not doc.errors and doc.data is None:
        raise CaseFileError(f"{path}:1: {t('casefile.error.empty')}", t("casefile.error.hint"))
    form, errors = (None, doc.errors) if doc.errors else validate(TrainingCaseFile, doc)
    if form is None:
        lines = [f"{e.path}:{e.line}: {e.message}" + (f"\n    → {e.hint}" if e.hint else "") for e in errors]
        raise CaseFileError("\n".join(lines), t("casefile.error.hint"))
    assert isinstance(form, TrainingCaseFile)
    checks = _Checks(doc, content)
    fields = _case_fields(checks, form)
    case: Case | None = None
    if not checks.errors:
        try:
            case = Case(**fields)
        except ValidationError as exc:  # a rule of the case itself; the form has checked the types
            for problem in exc.errors():
                checks.err(_loc_for(problem["loc"]), t("casefile.error.invalid", detail=problem["msg"]))
    if checks.errors or case is None:
        raise CaseFileError("\n".join(checks.errors), t("casefile.error.hint"))
    return TrainingCase(case, form.peildatum)


def load_case_file(path: Path, content: Content) -> Case:
    """The case described by a training case file (see ``read_case_file``)."""
    return read_case_file(path, content).case


_FIELD_KEYS = {"pseudonym": "pseudoniem", "age": "leeftijd", "gender": "geslacht", "role": "rol"}


def _loc_for(loc: tuple[int | str, ...]) -> Loc:
    head = str(loc[0]) if loc else ""
    return (_FIELD_KEYS.get(head, head),)


def _case_fields(c: _Checks, form: TrainingCaseFile) -> dict[str, Any]:
    if not form.pseudoniem:
        c.err(("pseudoniem",), t("casefile.error.no_pseudonym"))
    _check_gemeente(c, form.gemeente)
    fields: dict[str, Any] = {
        "pseudonym": form.pseudoniem,
        "age": form.leeftijd,
        "gender": form.geslacht,
        "sector": form.sector or None,
        "role": form.rol,
        "gemeente": form.gemeente or None,
        "exploiter_relation": form.uitbuiter,
        "evaluation_date": form.evaluatiedatum,
        "closed": form.gesloten,
        "acute": _acute(c, form),
        "signals": _signals(c, form),
        "risk_factors": _risks(c, form),
        "consultations": _consultations(c, form),
        "conversations": _conversations(c, form),
        "afwegingen": _afwegingen(c, form),
        "decisions": [
            Decision(
                outcome_id=d.uitkomst,
                date=d.datum,
                reason=d.reden,
                melding_date=d.melding_datum,
                channel=d.kanaal,
                reference=d.referentie,
            )
            for d in form.besluiten
        ],
        "comensha": ComenshaRegistration(
            consent_status=form.comensha.toestemming,
            consent_date=form.comensha.datum,
            registered_on=form.comensha.geregistreerd_op,
            note=form.comensha.notitie,
        ),
    }
    fields["answers"], fields["skipped_steps"] = _answers(c, form)
    if form.acuut_gedaan:
        fields["acute_action_note"] = form.acuut_gedaan
        day = form.peildatum or dt.date.today()
        fields["acute_handled_at"] = dt.datetime.combine(day, dt.time(12, 0)).astimezone()
    return fields


def _check_gemeente(c: _Checks, gemeente: str) -> None:
    if not gemeente or c.content.municipality(gemeente) is not None or c.content.gemeente(gemeente) is not None:
        return
    options = c.content.find_gemeente(gemeente)
    if options:
        names = ", ".join(g.name for g in options)
        c.err(("gemeente",), t("casefile.error.gemeente_ambiguous", gemeente=gemeente, names=names))
        return
    if c.content.gemeenten:
        known = t("casefile.known.all_gemeenten")
    else:
        known = ", ".join(sorted(c.content.municipalities)) or t("casefile.known.none")
    c.err(("gemeente",), t("casefile.error.gemeente_unknown", gemeente=gemeente, known=known))


def _acute(c: _Checks, form: TrainingCaseFile) -> dict[str, bool]:
    known = [f.id for _, f in c.content.step_plan.fields_of_type("acute_question")]
    for key in form.acuut:
        if key not in known:
            c.err(("acuut", key), t("casefile.error.unknown_acute", key=key, known=", ".join(known)))
    return {key: answer for key, answer in form.acuut.items() if key in known}


def _signals(c: _Checks, form: TrainingCaseFile) -> list[ObservedSignal]:
    signals: list[ObservedSignal] = []
    for index, entry in enumerate(form.signalen):
        if not c.content.has_signal(entry.id):
            c.err(("signalen", index, "id"), t("casefile.error.unknown_signal", id=entry.id))
        elif any(s.signal_id == entry.id for s in signals):
            c.err(("signalen", index), t("casefile.error.signal_twice", id=entry.id))
        else:
            signals.append(
                ObservedSignal(
                    signal_id=entry.id,
                    observation=entry.observatie,
                    date=entry.datum,
                    source_type=entry.bron,
                    source_note=entry.van,
                )
            )
    return signals


def _risks(c: _Checks, form: TrainingCaseFile) -> list[RiskFactorNote]:
    notes = []
    for index, entry in enumerate(form.risicofactoren):
        if not c.content.has_risk_factor(entry.id):
            c.err(("risicofactoren", index), t("casefile.error.unknown_risk", id=entry.id))
        else:
            notes.append(RiskFactorNote(factor_id=entry.id, note=entry.notitie))
    return notes


def _consultations(c: _Checks, form: TrainingCaseFile) -> list[Consultation]:
    result = []
    for index, entry in enumerate(form.overleg):
        if not entry.met:
            c.err(("overleg", index), t("casefile.error.consultation_no_with"))
        else:
            result.append(Consultation(who=entry.met, date=entry.datum, advice=entry.advies, anonymous=entry.anoniem))
    return result


def _conversations(c: _Checks, form: TrainingCaseFile) -> dict[str, Conversation]:
    result = {}
    for partner in ("jongere", "ouders"):
        entry: ConversationEntry | None = getattr(form.gesprekken, partner)
        if entry is None:
            continue
        if entry.gehouden is False and not entry.reden:
            c.err(("gesprekken", partner), t("casefile.error.conversation_no_reason", partner=partner))
        result[partner] = Conversation(
            held=entry.gehouden,
            date=entry.datum,
            present=entry.aanwezig,
            summary=entry.samenvatting,
            skip_reason=entry.reden,
            endangers=entry.gevaar,
        )
    return result


def _answers(c: _Checks, form: TrainingCaseFile) -> tuple[dict[str, dict[str, str]], dict[str, str]]:
    plan = c.content.step_plan
    step_ids = [s.id for s in plan.steps]
    answers: dict[str, dict[str, str]] = {}
    for step_id, values in form.antwoorden.items():
        if step_id not in step_ids:
            c.err(
                ("antwoorden", step_id), t("casefile.error.unknown_step_known", step=step_id, known=", ".join(step_ids))
            )
            continue
        field_ids = [f.id for f in plan.step(step_id).fields]
        for field_id, value in values.items():
            if field_id not in field_ids:
                c.err(
                    ("antwoorden", step_id, field_id), t("casefile.error.unknown_field", field=field_id, step=step_id)
                )
            else:
                answers.setdefault(step_id, {})[field_id] = value
    skipped = {}
    for step_id, reason in form.overgeslagen.items():
        if step_id not in step_ids:
            c.err(("overgeslagen", step_id), t("casefile.error.unknown_step", step=step_id))
        elif not reason.strip():
            c.err(("overgeslagen", step_id), t("casefile.error.skip_no_reason", step=step_id))
        else:
            skipped[step_id] = reason
    return answers, skipped


def _afwegingen(c: _Checks, form: TrainingCaseFile) -> dict[str, AfwegingAnswer]:
    kader = c.content.kader_for(form.sector or None)
    known = [q.id for q in kader.questions]
    result = {}
    for question_id, entry in form.afwegingen.items():
        loc: Loc = ("afwegingen", question_id)
        if question_id not in known:
            c.err(loc, t("casefile.error.unknown_afweging", id=question_id, known=", ".join(known)))
        elif not entry.reden.strip():
            c.err(loc, t("casefile.error.afweging_no_reason", id=question_id))
        else:
            day = entry.datum or form.peildatum or dt.date.today()
            result[question_id] = AfwegingAnswer(answer=entry.antwoord, reason=entry.reden.strip(), date=day)
    return result
