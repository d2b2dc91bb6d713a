"""A case: what the professional recorded, plus an append-only timeline. Pure data, no IO."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import secrets
import sys
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, TypeAdapter, field_validator
from pydantic.dataclasses import dataclass as pydantic_dataclass

from signaleer.domain.base import rule_error

SourceType = Literal["eigen_waarneming", "van_horen_zeggen"]
"""Own observation, or heard from someone else (be careful with second-hand signals)."""
Gender = Literal["meisje", "jongen", "anders", "onbekend"]
ConsentStatus = Literal["niet_gevraagd", "gevraagd", "gegeven", "geweigerd", "niet_mogelijk"]
ConsentSigner = Literal["ouders_of_voogd", "jongere"]
RegistrationRoute = Literal["veilig_thuis", "lokaal_meldpunt", "politie"]
ExploiterRelation = Literal["partner", "ex_partner", "familie", "anders", "onbekend"]
"""Who the suspected exploiter is to the young person; partner, ex-partner and family form the huiselijke kring."""
HOUSEHOLD_RELATIONS: frozenset[str] = frozenset({"partner", "ex_partner", "familie"})
"""Relations that make the exploitation huiselijk geweld (the Meldcode applies, also for adults)."""
FollowUpWith = Literal["jongere", "ouders", "netwerk", "zorgcoordinator", "politie", "veilig_thuis", "school", "anders"]

CASE_FORMAT_VERSION = 2
"""2: timeline entries are stored as a code with parameters (1: as a Dutch sentence, still read)."""


def new_case_id() -> str:
    """A random case id with no meaning: 16 hex characters."""
    return secrets.token_hex(8)


def now() -> dt.datetime:
    """The current local time, to the second, with its UTC offset."""
    return dt.datetime.now().astimezone().replace(microsecond=0)


class Record(BaseModel):
    """Base for case records: unknown fields are rejected so a damaged file is noticed."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True, use_attribute_docstrings=True)


class ObservedSignal(Record):
    """A signal the professional ticked, with its own factual observation."""

    signal_id: str
    """Id of the signal in the signal lists, e.g. GB01."""
    observation: str = ""
    """What was seen or heard, when and by whom: facts, not interpretation."""
    date: dt.date | None = None
    """When it was observed."""
    source_type: SourceType = "eigen_waarneming"
    """Own observation, or heard from someone else."""
    source_note: str = ""
    """Who told it, when heard from someone else (a role, not a name: 'moeder', 'mentor')."""


class RiskFactorNote(Record):
    """A risk factor the professional noted; it explains vulnerability, it proves nothing."""

    factor_id: str
    """Id of the risk factor, e.g. RF03."""
    note: str = ""
    """Optional short note."""


class Consultation(Record):
    """Who was consulted, when, and what they advised (Meldcode step 2)."""

    who: str
    """Role or organisation consulted, e.g. 'aandachtsfunctionaris', 'Veilig Thuis (anoniem)'."""
    date: dt.date | None = None
    """Date of the consultation."""
    advice: str = ""
    """The advice given."""
    anonymous: bool = False
    """True when the case was discussed without personal data."""


class Conversation(Record):
    """The conversation with the young person or with the parents: held, or skipped with a reason."""

    held: bool | None = None
    """True when held, False when skipped, None when not yet decided."""
    date: dt.date | None = None
    """Date of the conversation."""
    present: str = ""
    """Who were present (roles)."""
    summary: str = ""
    """What was discussed: facts presented, the reaction in their own words, agreements."""
    skip_reason: str = ""
    """Why the conversation was skipped (required when held is False)."""
    endangers: bool = False
    """True when talking would endanger the young person or others (e.g. a family member is involved)."""


class AfwegingAnswer(Record):
    """The professional's answer to one afweging, with the reason; the app never answers itself."""

    answer: bool
    """Yes or no."""
    reason: Annotated[str, StringConstraints(min_length=1)]
    """Why: the professional's own words."""
    date: dt.date
    """When the answer was given."""
    suggested: bool | None = None
    """What the app suggested at that moment (None when it made no suggestion)."""
    needs_review: bool = False
    """True when an earlier answer this one depended on was changed."""


class ContactSnapshot(Record):
    """A contact as the outcome screen showed it when a decision was recorded; the route file may change later."""

    role: str
    """Role id, e.g. veilig_thuis."""
    name: str
    """Name of the organisation or person."""
    name_en: str | None = None
    """Its English name, when the route gave one."""
    phone: str = ""
    """Phone number as shown; empty when the route gives none."""
    reach: str = ""
    """E-mail or web address as shown."""
    checked_on: dt.date | None = None
    """When the route's author last checked this contact."""


class ContentVersion(Record):
    """Version and date of one content file (or afwegingskader) in use when a decision was recorded."""

    path: str
    """File, e.g. meldroutes/leiden.yaml, or "afwegingskader <id>"."""
    versie: str
    """Version as the file states it."""
    datum: str
    """Date as the file states it."""


class Decision(Record):
    """A decision taken: the outcome reached, how it was acted on, and why."""

    outcome_id: str
    """The afwegingskader outcome, e.g. melden."""
    date: dt.date
    """Date of the decision."""
    reason: str = ""
    """Reasoning in the professional's words."""
    melding_date: dt.date | None = None
    """Date of the melding at Veilig Thuis, if made."""
    channel: str = ""
    """How: phone, form, together with the young person."""
    reference: str = ""
    """Reference number given by Veilig Thuis or police."""
    contacts: list[ContactSnapshot] = Field(default_factory=list)
    """The contacts shown for this outcome when the decision was recorded (empty in cases from before 0.2)."""
    versions: list[ContentVersion] = Field(default_factory=list)
    """The content versions in use when the decision was recorded (empty in cases from before 0.2)."""


class ComenshaRegistration(Record):
    """Registration of a (presumed) victim with CoMensha, which needs written consent."""

    consent_status: ConsentStatus = "niet_gevraagd"
    """Where consent stands."""
    signer: ConsentSigner | None = None
    """Who signs: the parents or guardian (under 16) or the young person (16 and older)."""
    consent_date: dt.date | None = None
    """Date consent was asked, given or refused."""
    route: RegistrationRoute | None = None
    """Through whom the registration goes."""
    registered_on: dt.date | None = None
    """Date the registration was made."""
    note: str = ""
    """Remark, e.g. what was agreed after a refusal."""


class FollowUp(Record):
    """A contact or agreement after the signal, with an optional due date."""

    with_whom: FollowUpWith
    """With whom the contact was or is planned."""
    date: dt.date | None = None
    """Date of the contact (None when only planned)."""
    due: dt.date | None = None
    """Date by which the next action is due."""
    note: str = ""
    """What happened or what was agreed."""
    done: bool = False
    """True when the planned action is done."""


EventParam = str | int | bool | list[str] | None
"""A timeline parameter: an id, a number, an answer, an ISO date, or a list of ids."""


class TimelineEvent(Record):
    """One entry in the append-only timeline of a case."""

    at: dt.datetime
    """When it happened."""
    kind: str
    """What kind of event, e.g. created, signal_added, answer_changed, afweging, decision."""
    code: str | None = None
    """What happened, as a code (catalogue key ``timeline.<code>``) worded when shown, in the language of the
    screen or export; None in entries written before case format 2."""
    params: dict[str, EventParam] = Field(default_factory=dict)
    """The code's parameters: ids, answers, ISO dates; never a sentence."""
    summary: str = ""
    """The entry as it was written before case format 2 (a Dutch sentence), shown when there is no code."""
    reason: str = ""
    """The professional's reason, required when an earlier answer was changed."""


PendingKind = Literal["signal_change", "answer", "conversation"]
"""Kinds of typed answers whose change can wait for its reason."""


class PendingEdit(Record):
    """A typed change of an earlier answer that waits for its reason.

    Kept in the (encrypted) case so no keystroke is lost when the professional hides the app, is locked out or
    quits before giving the reason. It is not an answer of the case: the answer changes, with a timeline entry,
    only once the reason is given (a changed answer needs a reason).
    """

    kind: PendingKind
    """What changes: a signal's observation, a step field, or a conversation."""
    key: str
    """Which one: the signal id, ``step/field``, or the conversation partner."""
    value: str
    """The new value: the answer text, or the new record as JSON."""
    what: str = ""
    """How the reason dialog names it, e.g. 'observatie bij signaal GB01'."""


class Case(Record):
    """Everything recorded about one young person's situation. Identify by pseudonym, never by full name."""

    format_version: int = CASE_FORMAT_VERSION
    """Version of this record's layout; an older case is read as it is and saved in the current layout."""
    id: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{16}$")] = Field(default_factory=new_case_id)
    """Random id; also the file name in the vault."""
    created_at: dt.datetime = Field(default_factory=now)
    """When the case was started."""
    updated_at: dt.datetime = Field(default_factory=now)
    """When the case was last changed."""
    pseudonym: Annotated[str, StringConstraints(min_length=1, max_length=80)]
    """A pseudonym or file reference; never needs to be a full name."""
    age: Annotated[int, Field(ge=0, le=40)] | None = None
    """Age in years."""
    gender: Gender | None = None
    """Gender, optional."""
    gemeente: str | None = None
    """Municipality whose route applies."""
    sector: str | None = None
    """Sector of the professional (wijkteam, wmo, jeugdhulp, ...); picks the afwegingskader variant."""
    role: str = ""
    """Role of the professional, e.g. 'wijkcoach'."""
    acute: dict[str, bool] = Field(default_factory=dict)
    """Answers to the acute check, by question id."""
    acute_checked_at: dt.datetime | None = None
    """When the acute check was done."""
    acute_handled_at: dt.datetime | None = None
    """When the professional recorded acting on a 'yes' in the acute check (who was called)."""
    acute_action_note: str = ""
    """What was done at once: which number was called, by whom, what was agreed."""
    exploiter_relation: ExploiterRelation | None = None
    """Who the suspected exploiter is to the young person (decides the adult branch of the Meldcode)."""
    signals: list[ObservedSignal] = Field(default_factory=list)
    """Signals ticked, each with its observation."""
    risk_factors: list[RiskFactorNote] = Field(default_factory=list)
    """Risk factors noted (kept apart from signals)."""
    consultations: list[Consultation] = Field(default_factory=list)
    """Consultations held."""
    conversations: dict[str, Conversation] = Field(default_factory=dict)
    """Conversations by partner: 'jongere' and 'ouders'."""
    answers: dict[str, dict[str, str]] = Field(default_factory=dict)
    """Other step fields: step id → field id → value (text; dates as YYYY-MM-DD; yes/no as ja/nee)."""
    skipped_steps: dict[str, str] = Field(default_factory=dict)
    """Steps skipped, with the reason."""
    afwegingen: dict[str, AfwegingAnswer] = Field(default_factory=dict)
    """Answers to the afwegingen, by question id."""
    evaluation_date: dt.date | None = None
    """Agreed date to evaluate the help (afweging 5)."""
    decisions: list[Decision] = Field(default_factory=list)
    """Decisions taken, in order."""
    comensha: ComenshaRegistration = Field(default_factory=ComenshaRegistration)
    """CoMensha registration and consent."""
    followups: list[FollowUp] = Field(default_factory=list)
    """Contacts and agreements after the signal."""
    nazorg_checked: list[str] = Field(default_factory=list)
    """Ids of aftercare checklist points done."""
    revictimisation_signals: list[ObservedSignal] = Field(default_factory=list)
    """Signals of revictimisation seen during aftercare."""
    position: str | None = None
    """Step id where the professional was, so the wizard resumes there."""
    closed: bool = False
    """True when the case is closed."""
    pending_edits: list[PendingEdit] = Field(default_factory=list)
    """Typed changes of earlier answers still waiting for their reason (see ``PendingEdit``)."""
    timeline: list[TimelineEvent] = Field(default_factory=list)
    """Append-only history of the case."""

    @field_validator("format_version")
    @classmethod
    def _migrate(cls, version: int) -> int:
        """Cases from before the current layout open as they are (old timeline entries keep their text)."""
        if version > CASE_FORMAT_VERSION:
            raise rule_error("case_from_newer_version")
        return CASE_FORMAT_VERSION


Shared = Annotated[str, AfterValidator(sys.intern)]
"""A text many cases have in common (a municipality, a phase, a next step): one copy in memory for all of them."""


@pydantic_dataclass(
    frozen=True, slots=True, kw_only=True, config=ConfigDict(extra="forbid", use_attribute_docstrings=True)
)
class CaseSummary:
    """What the case list shows; stored inside the encrypted file next to the case.

    A slotted dataclass, not a ``BaseModel``: the list holds one per case and a model costs ~1.3 KB each (its
    ``__dict__`` and fields-set), so 10,000 cases took 12 MiB. Validated like the records all the same (unknown
    fields rejected); ``summary_json`` and ``read_summary`` are its ``model_dump`` and ``model_validate``.
    """

    id: str
    """Case id."""
    pseudonym: str
    """Pseudonym or file reference."""
    gemeente: Shared | None = None
    """Municipality."""
    phase: Shared = ""
    """Current phase in plain words."""
    next_action: Shared = ""
    """The next action in plain words."""
    due: dt.date | None = None
    """When the next action is due, if dated."""
    updated_at: dt.datetime
    """Last change."""
    closed: bool = False
    """True when the case is closed."""


SUMMARY_FIELDS: frozenset[str] = frozenset(field.name for field in dataclasses.fields(CaseSummary))
"""The names of a summary's fields (for reporting which one is invalid)."""


def summary_json(summary: CaseSummary) -> dict[str, object]:
    """The summary as JSON-ready values (what ``model_dump(mode="json")`` gives for a model)."""
    dumped: dict[str, object] = _summary_adapter().dump_python(summary, mode="json")
    return dumped


def read_summary(data: object) -> CaseSummary:
    """A summary from parsed JSON or a dict; raises pydantic's ``ValidationError`` when it is not one."""
    return _summary_adapter().validate_python(data)


@functools.cache
def _summary_adapter() -> TypeAdapter[CaseSummary]:
    return TypeAdapter(CaseSummary)
