"""Nothing focusable is invisible, nothing visible is stale: every step of the bundled step plan, under every
state its conditions can take, draws each focusable widget where the focus would put it, and no container
leaves blank rows (a field shown or hidden after "Gesprek gehouden" used to leave ~27 empty rows, with the
next field, still taking keys, pushed out of sight).
"""

# mypy: warn-unreachable=False
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from shell_helpers import make_app, settle, start_unlocked
from textual.css.scalar import Unit
from textual.widget import Widget
from walk_driver import calm, walk_screen

from signaleer.domain import changes
from signaleer.domain.case import Case, Consultation, Conversation, ObservedSignal
from signaleer.domain.content import Content
from signaleer.domain.stepplan import Step
from signaleer.paths import Paths
from signaleer.tui.screens.home import HomeScreen
from signaleer.tui.walk import WalkScreen
from signaleer.tui.walk.acute_modal import AcuteModal
from signaleer.tui.widgets.signal_picker import SignalPicker
from signaleer.tui.widgets.yes_no import YesNo
from signaleer.vault.keys import Identity

SIZES = [(80, 24), (120, 40)]
STEP_IDS = [
    step["id"]
    for step in yaml.safe_load(
        (Path(__file__).resolve().parents[2] / "checklists" / "stappenplan.yaml").read_text(encoding="utf-8")
    )["steps"]
]
"""The bundled plan's steps, read at collection so each step is a test of its own."""


def variants(step: Step) -> Iterator[tuple[str, Case]]:
    """A case for every state the step's conditions can be in when the step is opened."""

    def base() -> Case:
        case = changes.new_case("Zicht-1", 15, "meisje", "leiden", "wijkteam")
        case.position = step.id
        return case

    yield "leeg", base()
    acute = [f.id for f in step.fields if f.type == "acute_question"]
    if acute:
        case = base()
        for field_id in acute:
            changes.set_acute(case, field_id, False)
        yield "alles nee", case
        for yes in acute:
            case = base()
            for field_id in acute:
                changes.set_acute(case, field_id, field_id == yes)
            yield f"{yes} ja", case
    for field in step.fields:
        if field.type == "conversation":
            with_ = field.with_ or "jongere"
            for held in (True, False):
                case = base()
                case.conversations[with_] = Conversation(held=held, skip_reason="" if held else "onveilig")
                yield f"{with_} held={held}", case
        if field.type == "signals":
            case = base()
            changes.add_signal(case, ObservedSignal(signal_id="GB01", observation="nieuwe telefoon"))
            yield "signaal aangevinkt", case
        if field.type == "consultations":
            case = base()
            changes.add_consultation(case, Consultation(who="aandachtsfunctionaris", advice="bellen"))
            yield "overleg", case
    if step.skippable:
        case = base()
        changes.skip_step(case, step.id, "test")
        yield "overgeslagen", case


def blank_rows(widget: Widget) -> list[str]:
    """Containers in ``widget`` that are taller than what they hold (rows of nothing)."""
    problems = []
    for node in widget.query("*"):
        if not node.display or not node.children or node.styles.height is None:
            continue
        if node.styles.height.unit == Unit.CELLS:
            continue  # a fixed height is a choice (a text box, a pane that must not grow)
        if node.has_class("page"):
            continue  # a page's scroller fills the body; the rows under a short page are the screen's, not a field's
        shown = [c for c in node.children if c.display and isinstance(c, Widget)]
        if not shown:
            continue
        heights = [c.outer_size.height + c.styles.margin.top + c.styles.margin.bottom for c in shown]
        held = max(heights) if node.styles.layout and node.styles.layout.name == "horizontal" else sum(heights)
        if node.size.height > held + 1:
            problems.append(f"{node!r}: {node.size.height} rows for {held} rows of content")
    return problems


def _drawn(screen: Any, widget: Widget) -> list[str]:
    region = widget.region
    if region.area == 0:
        return [f"{widget!r} has no region"]
    visible = region.intersection(screen.query_one("#walk-body").region)
    if visible.area == 0:
        return [f"{widget!r} is off screen at {region}"]
    x, y = visible.x + visible.width // 2, visible.y + visible.height // 2
    try:
        found, _ = screen.get_widget_at(x, y)
    except Exception:
        return [f"nothing drawn where {widget!r} is ({x},{y})"]
    if found is not widget and widget not in found.ancestors:
        return [f"{found!r} is drawn where {widget!r} is ({x},{y})"]
    return []


async def check(pilot: Any, what: str) -> list[str]:
    await calm(pilot)
    screen = walk_screen(pilot)
    problems = [f"{what}: {p}" for p in blank_rows(screen.query_one("#walk-body"))]
    for widget in list(screen.focus_chain):
        if screen.query_one("#walk-body") not in widget.ancestors_with_self:
            continue
        widget.scroll_visible(animate=False, immediate=True)
        await pilot.pause()
        problems.extend(f"{what}: {p}" for p in _drawn(screen, widget))
    return problems


async def close_modals(pilot: Any) -> None:
    """Close the emergency window a 'yes' opens, and cancel a reason dialog (an earlier answer changed)."""
    await settle(pilot)
    while not isinstance(pilot.app.screen, (WalkScreen, HomeScreen)):
        if isinstance(pilot.app.screen, AcuteModal):
            pilot.app.screen.action_close()
        else:
            pilot.app.screen.dismiss(None)
        await settle(pilot)


@pytest.mark.parametrize("step_id", STEP_IDS)
async def test_every_step_draws_every_focusable_field(
    step_id: str, home: Paths, content: Content, identity: Identity
) -> None:
    # One test per step (not one for the whole plan), so the two xdist workers share the work: it was the suite's
    # slowest test (51 s of a 6-minute run).
    assert [s.id for s in content.step_plan.steps] == STEP_IDS, "the plan changed: STEP_IDS reads the same file"
    step = content.step_plan.step(step_id)
    problems: list[str] = []
    for size in SIZES:
        app = make_app(home, content)
        async with app.run_test(size=size) as pilot:
            await start_unlocked(pilot, identity)
            for name, case in variants(step):
                if size != SIZES[0] and name != "leeg":
                    continue  # every state at 80×24; at 120×40 the states flipped on the screen
                app.screen._show_case(case)  # type: ignore[attr-defined]
                await settle(pilot)
                await close_modals(pilot)
                screen = walk_screen(pilot)
                assert screen.page == step.id
                what = f"{size} {step.id} [{name}]"
                problems += await check(pilot, what)
                # Conditions flipped on the screen, as the person does: held / skipped, tick / untick.
                for form_id in [f.id for f in screen.query("ConversationForm")]:
                    for held in (True, False, True):
                        screen.query_one(f"#{form_id} #conv-held", YesNo).value = held
                        await close_modals(pilot)
                        problems += await check(pilot, f"{what} -> held={held}")
                for picker in screen.query(SignalPicker):
                    for _ in range(2):
                        picker.tick_list.action_select()
                        await close_modals(pilot)  # an untick asks a reason: cancel it
                        problems += await check(pilot, f"{what} -> tick")
                screen.action_close()
                await settle(pilot)
                assert isinstance(app.screen, HomeScreen), app.screen_stack
    assert not problems, "\n".join(problems)
