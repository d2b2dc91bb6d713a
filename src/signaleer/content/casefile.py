"""Training case files: plain YAML with Dutch keys, read into a ``Case`` with ``path:line`` errors.

Real cases live only in the encrypted vault; these files are for exercises and for testing routes.
The format is documented in docs/oefencasus.md; its JSON Schema is ``schemas/oefencasus.schema.json``
(from :class:`TrainingCaseFile`).

Reading has two passes. pydantic checks the form (:class:`TrainingCaseFile`: Dutch keys, unknown keys refused,
types), and its errors get a line and a text from the catalogue through ``content/validation.py``, as content
files do. Then the values are checked against the content (known signals, steps, afwegingen, gemeente) and the
rules a form cannot express (a skipped conversation needs a reason).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    WithJsonSchema,
    model_validator,
)

from signaleer.content.validation import validate
from signaleer.content.yaml_io import YamlDoc, load_yaml
from signaleer.domain.base import rule_error
from signaleer.domain.case import (
    AfwegingAnswer,
    Case,
    ComenshaRegistration,
    ConsentStatus,
    Consultation,
    Conversation,
    Decision,
    ExploiterRelation,
    Gender,
    ObservedSignal,
    RiskFactorNote,
    SourceType,
)
from signaleer.domain.content import Content
from signaleer.errors import CaseFileError
from signaleer.i18n import t

Loc = tuple[str | int, ...]

_YES = {"ja", "yes", "true", "waar", "j"}
_NO = {"nee", "no", "false", "onwaar", "n"}


def _as_text(value: object) -> object:
    """A number becomes text (a time, a code: YAML 1.1 reads them as numbers); empty becomes ''."""
    if value is None:
        return ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return value


def _as_yes_no(value: object) -> object:
    """ja/nee (and yes/no, waar/onwaar, j/n) as a boolean; anything else is refused with that advice."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().casefold() in _YES | _NO:
        return value.strip().casefold() in _YES
    raise rule_error("yes_or_no", value=str(value))


def _as_day(value: object) -> object:
    """A date and time becomes its date; text is stripped (pydantic reads JJJJ-MM-DD)."""
    if isinstance(value, dt.datetime):
        return value.date()
    return value.strip() if isinstance(value, str) else value


def _as_answer(value: object) -> object:
    """An answer to a step field is text: ja/nee for a boolean, JJJJ-MM-DD for a date, numbers as written."""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, dt.date):
        return value.isoformat()
    return _as_text(value)


Text = Annotated[str, BeforeValidator(_as_text)]
YesNo = Annotated[
    bool,
    BeforeValidator(_as_yes_no),
    WithJsonSchema(
        {
            "anyOf": [{"type": "boolean"}, {"enum": sorted(_YES | _NO)}],
            "description": "yes or no: ja/nee, yes/no, waar/onwaar, j/n",
        }
    ),
]
Day = Annotated[dt.date, BeforeValidator(_as_day)]
Answer = Annotated[str, BeforeValidator(_as_answer)]


class _Part(BaseModel):
    """A block of a training case file: Dutch keys, nothing else allowed."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True, strict=False)


class _IdOrBlock(_Part):
    """A list item that is an id alone (``- GD01``) or a block with ``id:``."""

    @model_validator(mode="before")
    @classmethod
    def _bare_id(cls, data: Any) -> Any:
        return {"id": data} if isinstance(data, str | int) and not isinstance(data, bool) else data


class SignalEntry(_IdOrBlock):
    """An observed signal."""

    id: Text
    """The signal's id in the checklists (GD01)."""
    observatie: Text = ""
    """What was seen or heard, in facts."""
    datum: Day | None = None
    """When (JJJJ-MM-DD)."""
    bron: SourceType = "eigen_waarneming"
    """Own observation or heard from someone else."""
    van: Text = ""
    """From whom, when heard from someone else."""


class RiskEntry(_IdOrBlock):
    """A risk factor that applies."""

    id: Text
    """The risk factor's id."""
    notitie: Text = ""
    """A note."""


class ConsultationEntry(_Part):
    """A consultation (collegiaal overleg, the aandachtsfunctionaris, Veilig Thuis)."""

    met: Text = ""
    """With whom."""
    datum: Day | None = None
    """When."""
    advies: Text = ""
    """The advice given."""
    anoniem: YesNo = False
    """Whether the case was discussed anonymously."""


class ConversationEntry(_Part):
    """The conversation with the young person or the parents."""

    gehouden: YesNo | None = None
    """Held (ja) or skipped (nee, with a reason)."""
    datum: Day | None = None
    """When."""
    aanwezig: Text = ""
    """Who was present."""
    samenvatting: Text = ""
    """What was discussed."""
    reden: Text = ""
    """Why it was skipped."""
    gevaar: YesNo = False
    """Whether talking would endanger the young person or someone else."""


class Conversations(_Part):
    """The conversations, by partner."""

    jongere: ConversationEntry | None = None
    """With the young person."""
    ouders: ConversationEntry | None = None
    """With the parents or carers."""


class AfwegingEntry(_Part):
    """The professional's answer to one afweging."""

    antwoord: YesNo
    """ja or nee."""
    reden: Text = ""
    """Why: the professional always explains."""
    datum: Day | None = None
    """When (default: the peildatum)."""


class DecisionEntry(_Part):
    """A decision taken."""

    uitkomst: Text
    """The outcome's id in the afwegingskader."""
    datum: Day
    """When."""
    reden: Text = ""
    """Why."""
    melding_datum: Day | None = None
    """When it was reported, if it was."""
    kanaal: Text = ""
    """How it was reported."""
    referentie: Text = ""
    """The reference of the report."""


class ComenshaEntry(_Part):
    """The CoMensha registration."""

    toestemming: ConsentStatus = "niet_gevraagd"
    """The consent status."""
    datum: Day | None = None
    """When consent was given or refused."""
    geregistreerd_op: Day | None = None
    """When the registration was made."""
    notitie: Text = ""
    """A note."""


class TrainingCaseFile(_Part):
    """A training case (oefencasus): the case a walk would record, written by hand in Dutch keys."""

    pseudoniem: Annotated[Text, StringConstraints(max_length=80)] = ""
    """A pseudonym or file number, never a full name."""
    leeftijd: Annotated[int, Field(ge=0, le=40, strict=True)] | None = None
    """Age in years."""
    geslacht: Gender | None = None
    """Gender."""
    gemeente: Text = ""
    """The municipality whose route applies."""
    sector: Text = ""
    """The sector, which picks the afwegingskader variant."""
    rol: Text = ""
    """The professional's role."""
    peildatum: Day | None = None
    """The date the advice is computed for (default: today)."""
    beschrijving: Text = ""
    """What the exercise is about (not read into the case)."""
    acuut: dict[str, YesNo] = Field(default_factory=dict)
    """The acute questions' answers, by id."""
    acuut_gedaan: Text = ""
    """What was done at once, when an acute question was answered yes."""
    uitbuiter: ExploiterRelation | None = None
    """Who the suspected exploiter is to the young person."""
    signalen: list[SignalEntry] = Field(default_factory=list)
    """The observed signals."""
    risicofactoren: list[RiskEntry] = Field(default_factory=list)
    """The risk factors that apply."""
    overleg: list[ConsultationEntry] = Field(default_factory=list)
    """Consultations."""
    gesprekken: Conversations = Field(default_factory=Conversations)
    """The conversations."""
    antwoorden: dict[str, dict[str, Answer]] = Field(default_factory=dict)
    """Answers to the step plan's fields: step id → field id → answer."""
    overgeslagen: dict[str, Text] = Field(default_factory=dict)
    """Skipped steps: step id → reason."""
    afwegingen: dict[str, AfwegingEntry] = Field(default_factory=dict)
    """The afwegingen: question id → answer and reason."""
    evaluatiedatum: Day | None = None
    """The date of the evaluation."""
    besluiten: list[DecisionEntry] = Field(default_factory=list)
    """Decisions taken."""
    comensha: ComenshaEntry = Field(default_factory=ComenshaEntry)
    """The CoMensha registration."""
    gesloten: YesNo = False
    """Whether the case is closed."""

    @model_validator(mode="before")
    @classmethod
    def _empty_blocks(cls, data: Any) -> Any:
        """An empty block (``acuut:`` with nothing under it) means none, as it reads."""
        if isinstance(data, dict):
            return {key: value for key, value in data.items() if value is not None}
        return data


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
