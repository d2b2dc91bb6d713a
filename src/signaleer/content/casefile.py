"""Training case files: plain YAML with Dutch keys, read into a ``Case`` with ``path:line`` errors.

Real cases live only in the encrypted vault; these files are for exercises and for testing routes.
The format is documented in docs/oefencasus.md.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar, get_args

from pydantic import ValidationError

from signaleer.content.yaml_io import YamlDoc, load_yaml
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
T = TypeVar("T")

TOP_KEYS = {
    "pseudoniem",
    "leeftijd",
    "geslacht",
    "gemeente",
    "sector",
    "rol",
    "peildatum",
    "beschrijving",
    "acuut",
    "acuut_gedaan",
    "uitbuiter",
    "signalen",
    "risicofactoren",
    "overleg",
    "gesprekken",
    "antwoorden",
    "overgeslagen",
    "afwegingen",
    "evaluatiedatum",
    "besluiten",
    "comensha",
    "gesloten",
}
_YES = {"ja", "yes", "true", "waar", "j"}
_NO = {"nee", "no", "false", "onwaar", "n"}


@dataclass(frozen=True)
class TrainingCase:
    """A training case and the date its advice is computed for (``peildatum``, if given)."""

    case: Case
    today: dt.date | None


class _Reader:
    """Walks the parsed YAML, converting values and collecting ``path:line: message`` errors."""

    def __init__(self, doc: YamlDoc, content: Content) -> None:
        self.doc = doc
        self.content = content
        self.errors: list[str] = []

    def err(self, loc: Loc, message: str) -> None:
        self.errors.append(f"{self.doc.path}:{self.doc.line_of(loc)}: {message}")

    def mapping(self, loc: Loc, value: Any) -> dict[str, Any]:
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.err(loc, t("casefile.error.mapping", name=_name(loc)))
            return {}
        return value

    def seq(self, loc: Loc, value: Any) -> list[Any]:
        if value is None:
            return []
        if not isinstance(value, list):
            self.err(loc, t("casefile.error.list", name=_name(loc)))
            return []
        return value

    def text(self, loc: Loc, value: Any, default: str = "") -> str:
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self.err(loc, t("casefile.error.text", name=_name(loc)))
            return default
        return str(value)

    def boolean(self, loc: Loc, value: Any) -> bool | None:
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().casefold() in _YES | _NO:
            return value.strip().casefold() in _YES
        self.err(loc, t("casefile.error.bool", name=_name(loc), value=value))
        return None

    def date(self, loc: Loc, value: Any) -> dt.date | None:
        if value is None:
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value.strip())
            except ValueError:
                pass
        self.err(loc, t("casefile.error.date", name=_name(loc), value=value))
        return None

    def integer(self, loc: Loc, value: Any) -> int | None:
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.err(loc, t("casefile.error.int", name=_name(loc), value=value))
            return None
        return value

    def choice(self, loc: Loc, value: Any, allowed: tuple[str, ...]) -> str | None:
        if value is None:
            return None
        if not isinstance(value, str) or value not in allowed:
            self.err(loc, t("casefile.error.choice", name=_name(loc), allowed=", ".join(allowed), value=value))
            return None
        return value

    def keys(self, loc: Loc, data: dict[str, Any], allowed: set[str]) -> None:
        for key in data:
            if key not in allowed:
                self.err((*loc, key), t("casefile.error.unknown_key", key=key, allowed=", ".join(sorted(allowed))))

    def items(self, loc: Loc, value: Any, build: Callable[[Loc, dict[str, Any]], T | None]) -> list[T]:
        result = []
        for index, item in enumerate(self.seq(loc, value)):
            built = build((*loc, index), self.mapping((*loc, index), item))
            if built is not None:
                result.append(built)
        return result


def _name(loc: Loc) -> str:
    names = [str(p) for p in loc if isinstance(p, str)]
    return names[-1] if names else t("content.error.whole_file")


def read_case_file(path: Path, content: Content) -> TrainingCase:
    """Read a training case file; raise ``CaseFileError`` listing every problem as ``path:line: message``."""
    doc = load_yaml(path)
    if doc.errors:
        lines = [f"{e.path}:{e.line}: {e.message}" for e in doc.errors]
        raise CaseFileError("\n".join(lines), t("casefile.error.hint"))
    reader = _Reader(doc, content)
    data = reader.mapping((), doc.data)
    if doc.data is None:
        reader.err((), t("casefile.error.empty"))
    reader.keys((), data, TOP_KEYS)
    fields = _read_fields(reader, data)
    today = reader.date(("peildatum",), data.get("peildatum"))
    case: Case | None = None
    if not reader.errors:
        try:
            case = Case(**fields)
        except ValidationError as exc:
            for problem in exc.errors():
                reader.err(_loc_for(problem["loc"]), t("casefile.error.invalid", detail=problem["msg"]))
    if reader.errors or case is None:
        raise CaseFileError("\n".join(reader.errors), t("casefile.error.hint"))
    return TrainingCase(case, today)


def load_case_file(path: Path, content: Content) -> Case:
    """The case described by a training case file (see ``read_case_file``)."""
    return read_case_file(path, content).case


_FIELD_KEYS = {"pseudonym": "pseudoniem", "age": "leeftijd", "gender": "geslacht", "role": "rol"}


def _loc_for(loc: tuple[int | str, ...]) -> Loc:
    head = str(loc[0]) if loc else ""
    return (_FIELD_KEYS.get(head, head),)


def _read_fields(r: _Reader, data: dict[str, Any]) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "pseudonym": r.text(("pseudoniem",), data.get("pseudoniem")),
        "age": r.integer(("leeftijd",), data.get("leeftijd")),
        "gender": r.choice(("geslacht",), data.get("geslacht"), get_args(Gender)),
        "sector": r.text(("sector",), data.get("sector")) or None,
        "role": r.text(("rol",), data.get("rol")),
        "exploiter_relation": r.choice(("uitbuiter",), data.get("uitbuiter"), get_args(ExploiterRelation)),
        "evaluation_date": r.date(("evaluatiedatum",), data.get("evaluatiedatum")),
        "closed": bool(r.boolean(("gesloten",), data["gesloten"])) if "gesloten" in data else False,
    }
    if not fields["pseudonym"]:
        r.err(("pseudoniem",), t("casefile.error.no_pseudonym"))
    gemeente = r.text(("gemeente",), data.get("gemeente")) or None
    if gemeente and r.content.municipality(gemeente) is None and r.content.gemeente(gemeente) is None:
        options = r.content.find_gemeente(gemeente)
        if options:
            names = ", ".join(g.name for g in options)
            r.err(("gemeente",), t("casefile.error.gemeente_ambiguous", gemeente=gemeente, names=names))
        else:
            if r.content.gemeenten:
                known = t("casefile.known.all_gemeenten")
            else:
                known = ", ".join(sorted(r.content.municipalities)) or t("casefile.known.none")
            r.err(("gemeente",), t("casefile.error.gemeente_unknown", gemeente=gemeente, known=known))
    fields["gemeente"] = gemeente
    fields["acute"] = _read_acute(r, data)
    note = r.text(("acuut_gedaan",), data.get("acuut_gedaan"))
    if note:
        fields["acute_action_note"] = note
        day = r.date(("peildatum",), data.get("peildatum")) or dt.date.today()
        fields["acute_handled_at"] = dt.datetime.combine(day, dt.time(12, 0)).astimezone()
    fields["signals"] = _read_signals(r, data)
    fields["risk_factors"] = _read_risks(r, data)
    fields["consultations"] = r.items(("overleg",), data.get("overleg"), lambda loc, m: _consultation(r, loc, m))
    fields["conversations"] = _read_conversations(r, data)
    fields["answers"], fields["skipped_steps"] = _read_answers(r, data)
    fields["afwegingen"] = _read_afwegingen(r, data)
    fields["decisions"] = r.items(("besluiten",), data.get("besluiten"), lambda loc, m: _decision(r, loc, m))
    fields["comensha"] = _read_comensha(r, data)
    return fields


def _read_acute(r: _Reader, data: dict[str, Any]) -> dict[str, bool]:
    known = [f.id for _, f in r.content.step_plan.fields_of_type("acute_question")]
    acute: dict[str, bool] = {}
    for key, value in r.mapping(("acuut",), data.get("acuut")).items():
        if key not in known:
            r.err(("acuut", key), t("casefile.error.unknown_acute", key=key, known=", ".join(known)))
            continue
        answer = r.boolean(("acuut", key), value)
        if answer is not None:
            acute[key] = answer
    return acute


def _read_signals(r: _Reader, data: dict[str, Any]) -> list[ObservedSignal]:
    signals: list[ObservedSignal] = []
    for index, item in enumerate(r.seq(("signalen",), data.get("signalen"))):
        loc: Loc = ("signalen", index)
        signal = _signal_from(r, loc, item if isinstance(item, dict) else {"id": item})
        if signal is None:
            continue
        if any(s.signal_id == signal.signal_id for s in signals):
            r.err(loc, t("casefile.error.signal_twice", id=signal.signal_id))
            continue
        signals.append(signal)
    return signals


def _signal_from(r: _Reader, loc: Loc, m: dict[str, Any]) -> ObservedSignal | None:
    r.keys(loc, m, {"id", "observatie", "datum", "bron", "van"})
    signal_id = r.text((*loc, "id"), m.get("id"))
    if not signal_id:
        r.err(loc, t("casefile.error.signal_no_id"))
        return None
    if not r.content.has_signal(signal_id):
        r.err((*loc, "id"), t("casefile.error.unknown_signal", id=signal_id))
        return None
    source = r.choice((*loc, "bron"), m.get("bron"), get_args(SourceType)) or "eigen_waarneming"
    return ObservedSignal(
        signal_id=signal_id,
        observation=r.text((*loc, "observatie"), m.get("observatie")),
        date=r.date((*loc, "datum"), m.get("datum")),
        source_type=source,  # type: ignore[arg-type]
        source_note=r.text((*loc, "van"), m.get("van")),
    )


def _read_risks(r: _Reader, data: dict[str, Any]) -> list[RiskFactorNote]:
    notes = []
    for index, item in enumerate(r.seq(("risicofactoren",), data.get("risicofactoren"))):
        loc: Loc = ("risicofactoren", index)
        m = item if isinstance(item, dict) else {"id": item}
        factor_id = r.text((*loc, "id"), m.get("id"))
        if not r.content.has_risk_factor(factor_id):
            r.err(loc, t("casefile.error.unknown_risk", id=factor_id))
            continue
        notes.append(RiskFactorNote(factor_id=factor_id, note=r.text((*loc, "notitie"), m.get("notitie"))))
    return notes


def _consultation(r: _Reader, loc: Loc, m: dict[str, Any]) -> Consultation | None:
    r.keys(loc, m, {"met", "datum", "advies", "anoniem"})
    who = r.text((*loc, "met"), m.get("met"))
    if not who:
        r.err(loc, t("casefile.error.consultation_no_with"))
        return None
    anonymous = r.boolean((*loc, "anoniem"), m["anoniem"]) if "anoniem" in m else False
    return Consultation(
        who=who,
        date=r.date((*loc, "datum"), m.get("datum")),
        advice=r.text((*loc, "advies"), m.get("advies")),
        anonymous=bool(anonymous),
    )


def _read_conversations(r: _Reader, data: dict[str, Any]) -> dict[str, Conversation]:
    result = {}
    for partner, raw in r.mapping(("gesprekken",), data.get("gesprekken")).items():
        loc: Loc = ("gesprekken", partner)
        if partner not in ("jongere", "ouders"):
            r.err(loc, t("casefile.error.unknown_partner", partner=partner))
            continue
        m = r.mapping(loc, raw)
        r.keys(loc, m, {"gehouden", "datum", "aanwezig", "samenvatting", "reden", "gevaar"})
        held = r.boolean((*loc, "gehouden"), m["gehouden"]) if "gehouden" in m else None
        reason = r.text((*loc, "reden"), m.get("reden"))
        if held is False and not reason:
            r.err(loc, t("casefile.error.conversation_no_reason", partner=partner))
        result[partner] = Conversation(
            held=held,
            date=r.date((*loc, "datum"), m.get("datum")),
            present=r.text((*loc, "aanwezig"), m.get("aanwezig")),
            summary=r.text((*loc, "samenvatting"), m.get("samenvatting")),
            skip_reason=reason,
            endangers=bool(r.boolean((*loc, "gevaar"), m["gevaar"])) if "gevaar" in m else False,
        )
    return result


def _read_answers(r: _Reader, data: dict[str, Any]) -> tuple[dict[str, dict[str, str]], dict[str, str]]:
    plan = r.content.step_plan
    step_ids = [s.id for s in plan.steps]
    answers: dict[str, dict[str, str]] = {}
    for step_id, raw in r.mapping(("antwoorden",), data.get("antwoorden")).items():
        if step_id not in step_ids:
            r.err(
                ("antwoorden", step_id), t("casefile.error.unknown_step_known", step=step_id, known=", ".join(step_ids))
            )
            continue
        field_ids = [f.id for f in plan.step(step_id).fields]
        for field_id, value in r.mapping(("antwoorden", step_id), raw).items():
            loc: Loc = ("antwoorden", step_id, field_id)
            if field_id not in field_ids:
                r.err(loc, t("casefile.error.unknown_field", field=field_id, step=step_id))
                continue
            if isinstance(value, bool):
                value = "ja" if value else "nee"
            elif isinstance(value, dt.date):
                value = value.isoformat()
            answers.setdefault(step_id, {})[field_id] = r.text(loc, value)
    skipped = {}
    for step_id, reason in r.mapping(("overgeslagen",), data.get("overgeslagen")).items():
        if step_id not in step_ids:
            r.err(("overgeslagen", step_id), t("casefile.error.unknown_step", step=step_id))
        elif not r.text(("overgeslagen", step_id), reason):
            r.err(("overgeslagen", step_id), t("casefile.error.skip_no_reason", step=step_id))
        else:
            skipped[step_id] = r.text(("overgeslagen", step_id), reason)
    return answers, skipped


def _read_afwegingen(r: _Reader, data: dict[str, Any]) -> dict[str, AfwegingAnswer]:
    kader = r.content.kader_for(r.text(("sector",), data.get("sector")) or None)
    known = [q.id for q in kader.questions]
    result = {}
    for question_id, raw in r.mapping(("afwegingen",), data.get("afwegingen")).items():
        loc: Loc = ("afwegingen", question_id)
        if question_id not in known:
            r.err(loc, t("casefile.error.unknown_afweging", id=question_id, known=", ".join(known)))
            continue
        m = r.mapping(loc, raw)
        r.keys(loc, m, {"antwoord", "reden", "datum"})
        answer = r.boolean((*loc, "antwoord"), m.get("antwoord"))
        reason = r.text((*loc, "reden"), m.get("reden")).strip()
        if not reason:
            r.err(loc, t("casefile.error.afweging_no_reason", id=question_id))
        day = r.date((*loc, "datum"), m.get("datum")) or r.date(("peildatum",), data.get("peildatum"))
        if answer is not None and reason:
            result[question_id] = AfwegingAnswer(answer=answer, reason=reason, date=day or dt.date.today())
    return result


def _decision(r: _Reader, loc: Loc, m: dict[str, Any]) -> Decision | None:
    r.keys(loc, m, {"uitkomst", "datum", "reden", "melding_datum", "kanaal", "referentie"})
    outcome = r.text((*loc, "uitkomst"), m.get("uitkomst"))
    day = r.date((*loc, "datum"), m.get("datum"))
    if not outcome or day is None:
        r.err(loc, t("casefile.error.decision_incomplete"))
        return None
    return Decision(
        outcome_id=outcome,
        date=day,
        reason=r.text((*loc, "reden"), m.get("reden")),
        melding_date=r.date((*loc, "melding_datum"), m.get("melding_datum")),
        channel=r.text((*loc, "kanaal"), m.get("kanaal")),
        reference=r.text((*loc, "referentie"), m.get("referentie")),
    )


def _read_comensha(r: _Reader, data: dict[str, Any]) -> ComenshaRegistration:
    loc: Loc = ("comensha",)
    m = r.mapping(loc, data.get("comensha"))
    r.keys(loc, m, {"toestemming", "datum", "geregistreerd_op", "notitie"})
    status = r.choice((*loc, "toestemming"), m.get("toestemming"), get_args(ConsentStatus)) or "niet_gevraagd"
    return ComenshaRegistration(
        consent_status=status,  # type: ignore[arg-type]
        consent_date=r.date((*loc, "datum"), m.get("datum")),
        registered_on=r.date((*loc, "geregistreerd_op"), m.get("geregistreerd_op")),
        note=r.text((*loc, "notitie"), m.get("notitie")),
    )
