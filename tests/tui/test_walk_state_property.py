"""Screen state = stored state: random sequences of what a person does on the signal step (tick, untick, type an
observation, move a page and back, quick-hide, reopen the case; a reason dialog answered or put off with
Escape) leave the screen showing exactly the case read back from the vault.

A modest number of examples by default; ``SIGNALEER_LONG_TESTS=1`` runs many more.
"""

from __future__ import annotations

import asyncio
import os
from typing import Any

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from shell_helpers import SIZE, make_app, settle
from textual.widgets import Input
from walk_driver import calm, go_to

from signaleer.domain import changes
from signaleer.domain.case import Case
from signaleer.domain.content import Content
from signaleer.paths import Paths
from signaleer.tui.screens.home import HomeScreen
from signaleer.tui.walk import WalkScreen, pending
from signaleer.tui.walk.acute_modal import AcuteModal
from signaleer.tui.walk.reason_modal import ReasonModal
from signaleer.tui.widgets.signal_picker import SignalPicker
from signaleer.vault.keys import Identity
from signaleer.vault.store import CaseStore

VAULT: list[Any] = []
"""The vault folder of the example running (set by the test)."""
LONG = os.environ.get("SIGNALEER_LONG_TESTS") == "1"
SIGNALS = ["GB01", "GB02", "SD04"]
"""The signals the actions pick from (few, so ticks, unticks and edits meet the same signals)."""

ACTIONS = st.one_of(
    st.tuples(st.just("tick"), st.sampled_from(SIGNALS), st.booleans()),
    st.tuples(st.just("tick"), st.sampled_from(SIGNALS), st.booleans()),
    st.tuples(st.just("type"), st.sampled_from(SIGNALS), st.sampled_from(["", "tas", "nieuwe telefoon", "x" * 300])),
    st.tuples(st.just("move"), st.just(""), st.booleans()),
    st.tuples(st.just("hide"), st.just(""), st.booleans()),
    st.tuples(st.just("reopen"), st.just(""), st.booleans()),
)


def walk(app: Any) -> WalkScreen:
    return next(s for s in reversed(app.screen_stack) if isinstance(s, WalkScreen))


async def answer_dialogs(pilot: Any, give: bool) -> None:
    """A reason dialog gets a reason (``give``) or is put off with Escape; other windows are closed."""
    await settle(pilot)
    for _ in range(6):
        top = pilot.app.screen
        if isinstance(top, ReasonModal):
            if give:
                top.query_one("#reason", Input).value = "reden"
                top.action_confirm()
            else:
                top.dismiss(None)
        elif isinstance(top, AcuteModal):
            top.action_close()
        else:
            return
        await settle(pilot)


async def open_case(pilot: Any, identity: Identity, case_id: str, give: bool) -> SignalPicker:
    """From wherever the app is (home, or back in the walk after unlocking): the case's signal step."""
    app = pilot.app
    if app.store is None:
        app.open_vault(identity)
        await settle(pilot)
    await answer_dialogs(pilot, give)
    if not any(isinstance(s, WalkScreen) for s in app.screen_stack):
        assert isinstance(app.screen, HomeScreen), app.screen_stack
        app.screen._show_case(CaseStore(VAULT[0], identity).open(case_id))
        await settle(pilot)
        await answer_dialogs(pilot, give)
    await go_to(pilot, "signalen")
    await answer_dialogs(pilot, give)
    return walk(app).query_one(SignalPicker)


async def highlight(pilot: Any, picker: SignalPicker, signal_id: str) -> None:
    search = picker.query_one("#signal-search", Input)
    if not picker.tick_list.is_shown(signal_id):
        search.value = ""
        await settle(pilot)
    picker.tick_list.highlighted = picker.tick_list.get_option_index(signal_id)
    await calm(pilot)


def shown_state(picker: SignalPicker) -> dict[str, str]:
    """Ticked signal → observation, as the screen shows it (the pane shows each signal's observation in turn)."""
    return {sid: (picker.observed[sid].observation) for sid in sorted(picker.tick_list.ticked)}


async def run(app: Any, identity: Identity, actions: list[tuple[str, str, Any]]) -> None:
    case = changes.new_case("Eigenschap-1", 15, "meisje", "leiden", "wijkteam")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.open_vault(identity)
        await settle(pilot)
        app.screen._show_case(case)
        await settle(pilot)
        picker = await open_case(pilot, identity, case.id, True)
        for kind, signal_id, flag in actions:
            if kind == "tick":
                await highlight(pilot, picker, signal_id)
                picker.tick_list.action_select()
                await answer_dialogs(pilot, flag)
            elif kind == "type":
                await highlight(pilot, picker, signal_id)
                field = picker.pane.query_one(".observation-text", Input)
                if field.focusable:  # an unticked signal's fields are inert
                    field.focus()
                    await calm(pilot)
                    field.value = flag
                    await calm(pilot)
                    picker.tick_list.focus()  # done with it
                    await answer_dialogs(pilot, len(flag) % 2 == 0)
            elif kind == "move":
                await walk(app).action_next()
                await answer_dialogs(pilot, flag)
                await go_to(pilot, "signalen")
                await answer_dialogs(pilot, flag)
            elif kind == "hide":
                await app.action_hide()
                await settle(pilot)
            elif kind == "reopen":
                walk(app).action_close()
                await answer_dialogs(pilot, flag)
                await settle(pilot)
            picker = await open_case(pilot, identity, case.id, flag)
            await app.wait_for_saves()
            walk(app).save_now()
            await app.wait_for_saves()
            stored = pending.shown(CaseStore(VAULT[0], identity).open(case.id))
            assert shown_state(picker) == {s.signal_id: s.observation for s in stored.signals}, (kind, signal_id)
            for signal in stored.signals:  # what the pane shows for each ticked signal
                await highlight(pilot, picker, signal.signal_id)
                assert picker.pane.current() == signal, signal.signal_id
            assert_case_consistent(stored)


def assert_case_consistent(case: Case) -> None:
    ids = [s.signal_id for s in case.signals]
    assert len(ids) == len(set(ids))


@settings(
    max_examples=200 if LONG else 3,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=not LONG,
)
@given(actions=st.lists(ACTIONS, min_size=1, max_size=8))
@example(actions=[("tick", "GB01", True), ("tick", "GB01", False), ("tick", "GB01", True)])  # untick: kept, then not
@example(actions=[("tick", "GB02", True), ("type", "GB02", "tas"), ("move", "", True), ("type", "GB02", "x")])
@example(actions=[("tick", "SD04", True), ("type", "SD04", "tas"), ("reopen", "", True), ("type", "SD04", "xy")])
@example(actions=[("tick", "SD04", True), ("type", "SD04", "tas"), ("hide", "", False), ("type", "SD04", "xyz")])
def test_the_screen_shows_what_the_vault_holds(
    actions: list[tuple[str, str, Any]], home: Paths, content: Content, identity: Identity
) -> None:
    VAULT[:] = [home.vault]
    asyncio.run(run(make_app(home, content), identity, actions))
