"""The step plan: which screens the wizard shows, in which order, and what each one records."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from signaleer.domain.base import Identifier, LocalText, Strict, Versioned, rule_error

FieldType = Literal[
    "acute_question",
    "signals",
    "risk_factors",
    "consultations",
    "conversation",
    "afwegingen",
    "text",
    "longtext",
    "date",
    "yesno",
    "choice",
]
"""What a field asks. The composite types (signals, risk_factors, consultations, conversation,
afwegingen) each have their own widget; the simple ones are a single input."""

ConversationWith = Literal["jongere", "ouders"]


class AcuteRoute(Strict):
    """What to do at once when an acute question is answered yes."""

    roles: Annotated[list[Identifier], Field(min_length=1)]
    """Contact roles to show at once, most urgent first (e.g. alarm, csg)."""
    action: LocalText
    """What to do now, in one or two sentences."""
    melden: bool = False
    """True when this answer means melden at Veilig Thuis now (e.g. a disclosure)."""


class Choice(Strict):
    """One option of a choice field."""

    id: Identifier
    """Stored value of this option."""
    label: LocalText
    """Text of this option."""


class StepField(Strict):
    """One thing a step asks and records."""

    id: Identifier
    """Stable id; the case stores the answer under this id."""
    type: FieldType
    """What kind of input this is."""
    label: LocalText
    """Question or label shown to the professional."""
    help: LocalText | None = None
    """Extra explanation shown under the label."""
    required: bool = False
    """True when the step cannot be completed without an answer."""
    choices: list[Choice] = Field(default_factory=list)
    """Options of a choice field."""
    on_yes: AcuteRoute | None = None
    """For an acute question: what to do at once when the answer is yes."""
    with_: ConversationWith | None = Field(default=None, alias="with")
    """For a conversation: with whom (jongere or ouders)."""

    @model_validator(mode="after")
    def _check_type_specific(self) -> StepField:
        if self.type == "choice" and not self.choices:
            raise rule_error("choice_needs_choices")
        if self.type == "acute_question" and self.on_yes is None:
            raise rule_error("acute_needs_on_yes")
        if self.type == "conversation" and self.with_ is None:
            raise rule_error("conversation_needs_with")
        return self


class Step(Strict):
    """One step of the plan; the wizard shows it as one or more screens."""

    id: Identifier
    """Stable id of the step, e.g. acuut or signalen."""
    number: Annotated[int, Field(ge=0, le=9)]
    """Step number as shown to the professional (0 for the acute check)."""
    meldcode_step: Annotated[int, Field(ge=1, le=5)] | None = None
    """The Meldcode step (1-5) this step belongs to, if any."""
    title: LocalText
    """Short title of the step."""
    purpose: LocalText
    """Why this step exists, in one or two sentences."""
    guidance: LocalText
    """Guidance in Markdown: conversation tips, what to record, pitfalls."""
    fields: list[StepField] = Field(default_factory=list)
    """What this step records."""
    skippable: bool = False
    """True when the step may be skipped; a reason is then always required."""
    skip_when: LocalText | None = None
    """When skipping is allowed; shown when the professional chooses to skip."""

    @model_validator(mode="after")
    def _check_skip(self) -> Step:
        if self.skippable and self.skip_when is None:
            raise rule_error("skippable_needs_skip_when")
        ids = [f.id for f in self.fields]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise rule_error("duplicate_field_ids", ids=", ".join(dupes))
        return self


class StepPlan(Versioned):
    """The whole step plan file."""

    kind: Literal["stappenplan"]
    """Marks this file as the step plan."""
    title: LocalText
    """Title of the step plan."""
    reconstructie: bool
    """True when the steps are a reconstruction, not the text of the official handreiking."""
    note: LocalText
    """Note shown with the plan: its status and how an organisation aligns it with its own copy."""
    steps: Annotated[list[Step], Field(min_length=1)]
    """The steps, in order."""

    @model_validator(mode="after")
    def _check_steps(self) -> StepPlan:
        ids = [s.id for s in self.steps]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise rule_error("duplicate_step_ids", ids=", ".join(dupes))
        return self

    def step(self, step_id: str) -> Step:
        """The step with ``step_id``."""
        for step in self.steps:
            if step.id == step_id:
                return step
        raise KeyError(step_id)

    def fields_of_type(self, field_type: FieldType) -> list[tuple[Step, StepField]]:
        """Every (step, field) pair whose field has ``field_type``, in plan order."""
        return [(s, f) for s in self.steps for f in s.fields if f.type == field_type]
