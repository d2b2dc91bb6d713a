"""Keys act in the order they were typed, also while a container is still busy (a person types ahead)."""

# mypy: warn-unreachable=False
# (Pilot tests assert one screen type, act, then assert another; mypy keeps the first narrowing.)

from __future__ import annotations

import asyncio

from shell_helpers import PASSPHRASE, SIZE, make_app, screen_text, settle, start_unlocked
from textual import events
from textual.pilot import Pilot
from textual.widgets import Input
from walk_driver import calm, go_to, open_walk

from signaleer.domain import changes
from signaleer.domain.case import Case
from signaleer.domain.content import Content
from signaleer.paths import Paths
from signaleer.tui.screens.hidden import NotesScreen
from signaleer.tui.screens.home import HomeScreen
from signaleer.tui.screens.new_case import NewCaseScreen
from signaleer.tui.screens.unlock import CreateVaultScreen, UnlockScreen
from signaleer.tui.walk import WalkScreen
from signaleer.tui.widgets.signal_picker import SignalPicker, matching
from signaleer.vault.keys import Identity, unlock
from signaleer.vault.store import CaseStore


def typed(text: str) -> list[events.Key]:
    """The key events a terminal sends for ``text``."""
    return [events.Key("space" if c == " " else c, c) for c in text]


async def signals_found(pilot: Pilot[None], identity: Identity, case: Case, query: str) -> WalkScreen:
    """Open ``case`` on the signal step and search ``query``."""
    await open_walk(pilot, identity, case)
    screen = await go_to(pilot, "signalen")
    screen.query_one("#signal-search", Input).value = query
    await calm(pilot)
    return screen


async def test_space_and_enter_tick_a_signal(home: Paths, content: Content, identity: Identity) -> None:
    case = changes.new_case("Toets-1", 15, "meisje", "leiden", "wijkteam")
    app = make_app(home, content)
    async with app.run_test(size=SIZE) as pilot:
        screen = await signals_found(pilot, identity, case, "dure")
        signals = screen.query_one(SignalPicker).tick_list
        signals.focus()
        signals.highlighted = signals.get_option_index("GB01")
        await pilot.press("space")
        await calm(pilot)
        assert "GB01" in signals.ticked and "✔ aangevinkt" in screen_text(app)
        signals.highlighted = signals.get_option_index("GB02")
        await pilot.press("enter")
        await calm(pilot)
        assert "GB02" in signals.ticked
        await app.wait_for_saves()
    stored = CaseStore(home.vault, identity).open(case.id)
    assert sorted(s.signal_id for s in stored.signals) == ["GB01", "GB02"]


async def test_tab_then_typing_lands_in_the_observation_while_the_picker_is_busy(
    home: Paths, content: Content, identity: Identity
) -> None:
    """Tab moves the focus before the next key is delivered, even when a container has not caught up yet.

    Textual resolves bindings only after a key has bubbled through every container; while the picker's queue is
    held (as after a real tick), the text typed after Tab must still go to the observation, not to the list
    (where its space would untick the signal).
    """
    case = changes.new_case("Toets-2", 15, "meisje", "leiden", "wijkteam")
    app = make_app(home, content)
    async with app.run_test(size=SIZE) as pilot:
        screen = await signals_found(pilot, identity, case, "dure spullen")
        picker = screen.query_one(SignalPicker)
        signals = picker.tick_list
        signals.focus()
        signals.highlighted = signals.get_option_index("GB01")
        await pilot.press("space")
        await calm(pilot)

        released = asyncio.Event()

        async def busy() -> None:
            await asyncio.sleep(0.3)
            released.set()

        picker.call_later(busy)  # the picker's queue is held
        for key in [events.Key("tab", "\t"), *typed("nieuwe tas")]:
            app.post_message(key)
        await asyncio.wait_for(released.wait(), 60)  # the hold is over (a state, not "0.5 s will do")
        observation = picker.pane.query_one(".observation-text", Input)
        for _ in range(200):  # every key handed on, one at a time
            if len(observation.value) >= len("nieuwe tas"):
                break
            await pilot.pause()
        await calm(pilot)
        assert observation.value == "nieuwe tas"
        assert "GB01" in signals.ticked  # the space in the text did not untick the signal


async def test_the_search_says_how_many_signals_it_found(home: Paths, content: Content, identity: Identity) -> None:
    case = changes.new_case("Toets-3", 15, "meisje", "leiden", "wijkteam")
    app = make_app(home, content)
    async with app.run_test(size=SIZE) as pilot:
        await open_walk(pilot, identity, case)
        screen = await go_to(pilot, "signalen")
        picker = screen.query_one(SignalPicker)
        search = screen.query_one("#signal-search", Input)
        everything = len(picker.tick_list.shown_ids())
        for partial_query in ("d", "du", "dure", "dure spullen"):  # typed quickly: only the last one is searched
            search.value = partial_query
        await calm(pilot)
        expected = matching(picker.groups, "dure spullen")
        assert expected and "GB01" in expected
        assert set(picker.tick_list.shown_ids()) == expected
        found = "1 signaal gevonden" if len(expected) == 1 else f"{len(expected)} signalen gevonden"
        assert f"{found} voor ‘dure spullen’" in screen_text(app)
        search.value = "xqzw"
        await calm(pilot)
        assert "Geen signaal gevonden" in screen_text(app)
        assert picker.tick_list.option_count == 0
        search.value = ""
        await calm(pilot)
        assert len(picker.tick_list.shown_ids()) == everything
        assert "Geen signaal gevonden" not in screen_text(app)


async def test_a_burst_of_keys_with_backspace_and_tab_lands_as_typed(
    home: Paths, content: Content, identity: Identity
) -> None:
    """Keys sent in one go (a password manager's auto-type, a fast typist on a slow laptop) act in order."""
    app = make_app(home, content)
    async with app.run_test(size=SIZE) as pilot:
        await start_unlocked(pilot, identity)
        await pilot.press("n")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, NewCaseScreen)
        form.query_one("#pseudonym", Input).focus()
        await calm(pilot)
        burst = [*typed("Noa"), events.Key("backspace", None), *typed("x"), events.Key("tab", "\t"), *typed("15")]
        for key in burst:
            app.post_message(key)
        await settle(pilot)
        assert form.query_one("#pseudonym", Input).value == "Nox"
        assert form.query_one("#age", Input).value == "15"


async def test_an_auto_typed_passphrase_pair_creates_the_vault(empty_home: Paths) -> None:
    """Passphrase, Enter, passphrase, Enter in one go: Enter's move to the second field happens before the rest."""
    app = make_app(empty_home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, CreateVaultScreen)
        app.screen.query_one("#first", Input).focus()
        await calm(pilot)
        enter = events.Key("enter", "\r")
        for key in [*typed(PASSPHRASE), enter, *typed(PASSPHRASE), enter]:
            app.post_message(key)
        await settle(pilot)
        await settle(pilot)
        assert "niet gelijk" not in screen_text(app)
        assert isinstance(app.screen, HomeScreen)
    assert unlock(empty_home.vault, PASSPHRASE) is not None


async def test_a_key_the_screen_itself_takes_lets_the_next_keys_go(
    home: Paths, content: Content, identity: Identity
) -> None:
    """Enter on the neutral screen is taken by the screen, never reaching the app: the keys after it must not
    wait for the stuck-key fallback (``STUCK_AFTER``), they go to the unlock field at once."""
    app = make_app(home, content)
    async with app.run_test(size=SIZE) as pilot:
        await start_unlocked(pilot, identity)
        await pilot.press("f12")
        await settle(pilot)
        assert isinstance(app.screen, NotesScreen)
        for key in [events.Key("enter", "\r"), *typed("abc")]:
            app.post_message(key)
        await calm(pilot)
        await calm(pilot)
        assert app.key_order.in_flight is None and not app.key_order.waiting
        assert isinstance(app.screen, UnlockScreen)
        assert app.screen.query_one("#passphrase", Input).value == "abc"


async def test_a_typed_word_searches_once_it_settles_not_once_per_key(
    home: Paths, content: Content, identity: Identity
) -> None:
    """Keys typed in one go into the search box are all inserted, in order, and the list is filtered for the
    word, not once per queued key (``KeyOrder`` lets a character typed into a text field go on at once)."""
    case = changes.new_case("Toets-4", 15, "meisje", "leiden", "wijkteam")
    app = make_app(home, content)
    async with app.run_test(size=SIZE) as pilot:
        await open_walk(pilot, identity, case)
        screen = await go_to(pilot, "signalen")
        picker = screen.query_one(SignalPicker)
        search = screen.query_one("#signal-search", Input)
        search.focus()
        await calm(pilot)
        before = picker.searches
        word = "dure spullen"
        for key in typed(word):
            app.post_message(key)
        await settle(pilot)
        await calm(pilot)
        assert search.value == word
        assert set(picker.tick_list.shown_ids()) == matching(picker.groups, word)
        assert picker.searches - before < len(word) // 2, picker.searches - before
