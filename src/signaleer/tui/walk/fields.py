"""One widget per step-field type: the walk renders every step from the step plan through this table."""

from __future__ import annotations

from collections.abc import Callable

from textual.containers import Vertical
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

from signaleer.domain.advice import Advice
from signaleer.domain.base import Language
from signaleer.domain.case import Case
from signaleer.domain.content import Content as SignaleerContent
from signaleer.domain.stepplan import Step, StepField
from signaleer.tui.walk.afweging_panel import AfwegingPanel
from signaleer.tui.widgets.acute_question import AcuteQuestion
from signaleer.tui.widgets.consultation_list import ConsultationList
from signaleer.tui.widgets.conversation_form import ConversationForm
from signaleer.tui.widgets.field_input import SIMPLE_TYPES, FieldInput
from signaleer.tui.widgets.risk_factor_picker import RiskFactorPicker
from signaleer.tui.widgets.signal_picker import SignalPicker


def labelled(field: StepField, language: Language, body: Widget) -> Widget:
    """``body`` under the field's label and help text."""
    parts: list[Widget] = [Static(Content(field.label.get(language)), classes="field-label")]
    if field.help:
        parts.append(Static(Content(field.help.get(language)), classes="hint"))
    return Vertical(*parts, body, classes="field")


def field_widget(
    step: Step,
    field: StepField,
    case: Case,
    content: SignaleerContent,
    advice: Advice,
    language: Language,
    on_tick: Callable[[SignalPicker.Ticked], None] | None = None,
) -> Widget:
    """The widget for ``field`` of ``step``, filled from ``case``; ``on_tick`` handles a signal tick at once."""
    kind = field.type
    if kind == "acute_question":
        return AcuteQuestion(field, case.acute.get(field.id), language)
    if kind == "signals":
        picker = SignalPicker(content.lists_for("signalering"), case.signals, language, on_tick)
        return labelled(field, language, picker)
    if kind == "risk_factors":
        return RiskFactorPicker(content.risk_factors, case.risk_factors, language)
    if kind == "consultations":
        return labelled(field, language, ConsultationList(case.consultations))
    if kind == "conversation":
        with_ = field.with_ or "jongere"
        return labelled(field, language, ConversationForm(with_, case.conversations.get(with_)))
    if kind == "afwegingen":
        return AfwegingPanel(case, content, advice, language)
    if kind in SIMPLE_TYPES:
        return FieldInput(field, case.answers.get(step.id, {}).get(field.id, ""), language)
    return Static(Content(f"{field.label.get(language)} ({kind})"))
