"""The form of a training case file (``oefencasus``): Dutch keys, types, nothing else allowed.

pydantic checks this form when a file is read (``content/casefile.py`` then checks the values against the content);
``schemas/oefencasus.schema.json`` is made from :class:`TrainingCaseFile`. Documented in docs/oefencasus.md.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    WithJsonSchema,
    model_validator,
)

from signaleer.domain.base import rule_error
from signaleer.domain.case import (
    ConsentStatus,
    ExploiterRelation,
    Gender,
    SourceType,
)

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
