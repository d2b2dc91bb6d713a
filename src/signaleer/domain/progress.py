"""Where the case stands in the step plan: which steps still miss what, and how phases are named."""

from __future__ import annotations

from typing import Literal

from signaleer.domain.afwegingskader import walk
from signaleer.domain.case import Case
from signaleer.domain.content import Content
from signaleer.domain.message import Text, msg
from signaleer.domain.stepplan import Step, StepField
from signaleer.domain.suggest import is_minor

CORE_TYPES = frozenset({"signals", "consultations", "conversation"})
"""Composite fields the Meldcode always asks for, marked required in YAML or not."""
PHASES = ("acuut", "stap1", "stap2", "stap3", "stap4", "stap5", "nazorg", "gesloten")

StepState = Literal["done", "open", "skipped"]
"""How far a step of the plan is: complete, still open, or skipped with a reason."""


def phase_of(step: Step) -> str:
    """The phase id of a step: 'acuut' for step 0, 'stap1'..'stap5' otherwise."""
    if step.number == 0:
        return "acuut"
    return f"stap{min(step.number, 5)}"


def phase_label(phase: str, content: Content) -> Text:
    """A readable label for ``phase``, using the step titles of the plan."""
    if phase in ("nazorg", "gesloten"):
        return msg(f"phase.{phase}")
    for step in content.step_plan.steps:
        if phase_of(step) == phase:
            return step_label(step)
    return msg("phase.other", phase=phase)


def step_label(step: Step) -> Text:
    """'Stap 3 – In gesprek met de jongere' with the plan's own number; the title alone for step 0 (acute)."""
    if step.number == 0:
        return step.title
    return msg("step_label", n=step.number, title=step.title)


def last_number(content: Content) -> int:
    """The highest step number of the plan (the 'van 5' in 'Stap 3 van 5')."""
    return max((s.number for s in content.step_plan.steps), default=0)


def weighing_done(case: Case, content: Content) -> bool:
    """True when the afwegingen reached an outcome and no answer waits for review."""
    kader = content.kader_for(case.sector)
    known = {q.id for q in kader.questions}
    path = walk(kader, {qid: a.answer for qid, a in case.afwegingen.items() if qid in known})
    return path.outcome is not None and not any(a.needs_review for a in case.afwegingen.values())


def step_state(case: Case, content: Content, step: Step) -> StepState:
    """Done only when the step is complete: every acute question answered, the afwegingen at an outcome,
    every required field of another step filled in; skipped when skipped with a reason."""
    if step.id in case.skipped_steps:
        return "skipped"
    types = {f.type for f in step.fields}
    if "acute_question" in types and acute_open(case, content):
        return "open"
    if "afwegingen" in types and not weighing_done(case, content):
        return "open"
    return "open" if open_fields(case, step) else "done"


def acute_step(content: Content) -> Step | None:
    """The step that holds the acute questions."""
    pairs = content.step_plan.fields_of_type("acute_question")
    return pairs[0][0] if pairs else None


def afwegen_step(content: Content) -> Step | None:
    """The step that holds the afwegingen."""
    pairs = content.step_plan.fields_of_type("afwegingen")
    return pairs[0][0] if pairs else None


def acute_open(case: Case, content: Content) -> list[StepField]:
    """Acute questions not yet answered."""
    return [f for _, f in content.step_plan.fields_of_type("acute_question") if f.id not in case.acute]


def field_done(case: Case, step: Step, field: StepField) -> bool:
    """True when ``field`` of ``step`` is answered (or not applicable to this case)."""
    if field.type == "signals":
        return bool(case.signals)
    if field.type == "risk_factors":
        return bool(case.risk_factors)
    if field.type == "consultations":
        return bool(case.consultations)
    if field.type == "conversation":
        if field.with_ == "ouders" and not is_minor(case):
            return True
        conversation = case.conversations.get(field.with_ or "")
        return conversation is not None and conversation.held is not None
    if field.type == "acute_question":
        return field.id in case.acute
    if field.type == "afwegingen":
        return bool(case.afwegingen)
    return bool(case.answers.get(step.id, {}).get(field.id, "").strip())


def open_fields(case: Case, step: Step) -> list[StepField]:
    """Fields of ``step`` that are required (or core) and not answered; none when the step is skipped."""
    if step.id in case.skipped_steps:
        return []
    return [
        f
        for f in step.fields
        if (f.required or f.type in CORE_TYPES)
        and f.type not in ("acute_question", "afwegingen")
        and not field_done(case, step, f)
    ]


def open_steps(case: Case, content: Content) -> list[tuple[Step, list[StepField]]]:
    """The steps between the acute check and the afwegingen that still miss something, in plan order."""
    result = []
    for step in content.step_plan.steps:
        if any(f.type in ("acute_question", "afwegingen") for f in step.fields):
            continue
        missing = open_fields(case, step)
        if missing:
            result.append((step, missing))
    return result
