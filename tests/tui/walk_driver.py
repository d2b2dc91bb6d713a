"""Drives the walk like a person would: sets widget values and calls the screens' actions, then waits."""

from __future__ import annotations

from typing import Any

from shell_helpers import settle, start_unlocked
from textual.pilot import Pilot
from textual.widgets import Input, Select, TextArea

from signaleer.domain import changes
from signaleer.domain.case import Case, Conversation
from signaleer.tui.walk import WalkScreen
from signaleer.tui.walk.acute_modal import AcuteModal
from signaleer.tui.walk.afweging_panel import AfwegingPanel
from signaleer.tui.walk.reason_modal import ReasonModal
from signaleer.tui.widgets.consultation_list import ConsultationList
from signaleer.tui.widgets.date_input import DateInput, format_date
from signaleer.tui.widgets.field_input import FieldInput
from signaleer.tui.widgets.risk_factor_picker import RiskFactorPicker
from signaleer.tui.widgets.signal_picker import SignalPicker
from signaleer.tui.widgets.tick_box import TickBox
from signaleer.tui.widgets.yes_no import YesNo


async def calm(pilot: Pilot[Any]) -> None:
    """Let every posted message be handled (saves keep running in the background)."""
    await pilot.pause()
    await pilot.pause()


async def open_walk(pilot: Pilot[Any], identity: Any, case: Case | str) -> WalkScreen:
    """Unlock with the session's ``identity`` and open ``case`` in the walk (a pseudonym: a new case of 15)."""
    await start_unlocked(pilot, identity)
    if isinstance(case, str):
        case = changes.new_case(case, 15, "meisje", "leiden", "wijkteam")
    pilot.app.screen._show_case(case)  # type: ignore[attr-defined]
    await settle(pilot)
    return walk_screen(pilot)


def walk_screen(pilot: Pilot[Any]) -> WalkScreen:
    """The walk screen on top of the stack (under any modal)."""
    for screen in reversed(pilot.app.screen_stack):
        if isinstance(screen, WalkScreen):
            return screen
    raise AssertionError("no walk screen")


async def go_to(pilot: Pilot[Any], page: str) -> WalkScreen:
    """Press 'next' or 'back' until ``page`` is shown."""
    screen = walk_screen(pilot)
    target = screen.pages.index(page)
    while screen.index != target:
        if screen.index < target:
            await screen.action_next()
        else:
            await screen.action_back()
        await calm(pilot)
    return screen


async def kept_signal_step(pilot: Pilot[Any], identity: Any, pseudonym: str) -> WalkScreen:
    """Open a new case at the signal step, go to the next step and back: from here on both views are kept."""
    screen = await open_walk(pilot, identity, pseudonym)
    await go_to(pilot, "signalen")
    await screen.action_next()
    await calm(pilot)
    await screen.action_back()
    await calm(pilot)
    return screen


async def answer_acute(pilot: Pilot[Any], answers: dict[str, bool], note: str = "") -> None:
    """Answer the acute check; close the emergency window that a 'yes' opens; record what was done."""
    screen = await go_to(pilot, "acuut")
    for field_id, value in answers.items():
        screen.query_one(f"#acute-{field_id}").query_one(YesNo).value = value
        await calm(pilot)
        if isinstance(pilot.app.screen, AcuteModal):
            pilot.app.screen.action_close()
            await calm(pilot)
    if note:
        screen.query_one("#acute-note", Input).value = note
        screen.query_one("#acute-record").press()  # type: ignore[attr-defined]
        await calm(pilot)


async def highlight_signal(pilot: Pilot[Any], signal_id: str) -> SignalPicker:
    """Move the signal list's highlight to ``signal_id`` (the person clicks or arrows to it)."""
    picker = walk_screen(pilot).query_one(SignalPicker)
    if not picker.tick_list.is_shown(signal_id):
        picker.query_one("#signal-search", Input).value = signal_id
        await calm(pilot)
    picker.tick_list.highlighted = picker.tick_list.get_option_index(signal_id)
    await calm(pilot)
    return picker


async def tick_signals(pilot: Pilot[Any], case: Case) -> None:
    """Tick each signal of ``case`` and type its observation, date and source in the observation pane."""
    await go_to(pilot, "signalen")
    for observed in case.signals:
        picker = await highlight_signal(pilot, observed.signal_id)
        picker.tick_list.action_select()
        await calm(pilot)
        pane = picker.pane
        assert pane.signal_id == observed.signal_id and pane.observed is not None
        pane.query_one(".observation-text", Input).value = observed.observation
        if observed.date:
            pane.query_one(".observation-date", DateInput).value = format_date(observed.date)
        if observed.source_type != "eigen_waarneming":
            pane.query_one(".source-type", YesNo).value = False
        if observed.source_note:
            pane.query_one(".source-note", Input).value = observed.source_note
        await calm(pilot)
    if case.risk_factors:
        risks = walk_screen(pilot).query_one(RiskFactorPicker).tick_list
        for factor in case.risk_factors:
            risks.toggle(factor.factor_id)
            await pilot.pause()


async def add_consultations(pilot: Pilot[Any], case: Case) -> None:
    """Add each consultation of ``case`` with the form."""
    screen = await go_to(pilot, "overleg")
    form = screen.query_one(ConsultationList)
    for consultation in case.consultations:
        form.query_one("#consult-who", Input).value = consultation.who
        form.query_one("#consult-date", DateInput).value = format_date(consultation.date)
        form.query_one("#consult-advice", Input).value = consultation.advice
        form.query_one("#consult-anonymous", TickBox).value = consultation.anonymous
        form.add()
        await pilot.pause()


async def fill_conversation(pilot: Pilot[Any], page: str, with_: str, conversation: Conversation) -> None:
    """Record a conversation: held with date, present and summary, or skipped with a reason."""
    screen = await go_to(pilot, page)
    form = screen.query_one(f"#conversation-{with_}")
    form.query_one("#conv-held", YesNo).value = conversation.held
    await calm(pilot)
    if conversation.held:
        form.query_one("#conv-date", DateInput).value = format_date(conversation.date)
        form.query_one("#conv-present", Input).value = conversation.present
        form.query_one("#conv-summary", TextArea).text = conversation.summary
    else:
        form.query_one("#conv-endangers", TickBox).value = conversation.endangers
        form.query_one("#conv-skip-reason", TextArea).text = conversation.skip_reason
    await calm(pilot)


async def fill_answers(pilot: Pilot[Any], page: str, answers: dict[str, str]) -> None:
    """Type simple field answers on ``page``."""
    screen = await go_to(pilot, page)
    for field_id, value in answers.items():
        field = screen.query_one(f"#field-{field_id}", FieldInput)
        widget = field.query_one(".field-value")
        if isinstance(widget, TextArea):
            widget.text = value
        elif isinstance(widget, (Input, Select)):
            widget.value = value
        await pilot.pause()


async def answer_afweging(pilot: Pilot[Any], question_id: str, answer: bool, reason: str) -> AfwegingPanel:
    """Answer the afweging the panel shows (it must be ``question_id``)."""
    screen = await go_to(pilot, "afwegen")
    panel = screen.query_one(AfwegingPanel)
    assert panel.question_id == question_id, f"panel asks {panel.question_id}, expected {question_id}"
    panel.query_one("#afweging-answer", YesNo).value = answer
    panel.query_one("#afweging-reason", TextArea).text = reason
    panel.save()
    await calm(pilot)
    return panel


async def give_reason(pilot: Pilot[Any], reason: str) -> None:
    """Type ``reason`` in the open reason dialog and confirm."""
    modal = pilot.app.screen
    assert isinstance(modal, ReasonModal), f"expected the reason dialog, got {modal!r}"
    modal.query_one("#reason", Input).value = reason
    modal.action_confirm()
    await calm(pilot)
