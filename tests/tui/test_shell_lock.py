"""Quick-hide and the idle lock: the neutral screen at once, work saved, keys dropped, back via the passphrase."""

# mypy: warn-unreachable=False
# (Pilot tests assert one screen type, act, then assert another; mypy keeps the first narrowing.)
from __future__ import annotations

import pytest
from shell_helpers import PASSPHRASE, SIZE, make_app, screen_text, settle, start_unlocked
from textual.widgets import Input

from signaleer.domain.changes import new_case
from signaleer.domain.content import Content
from signaleer.paths import Paths
from signaleer.tui.screens.hidden import NotesScreen
from signaleer.tui.screens.home import HomeScreen
from signaleer.tui.screens.unlock import UnlockScreen
from signaleer.tui.textual_compat import all_screen_stacks
from signaleer.vault.keys import Identity
from signaleer.vault.store import CaseStore


@pytest.mark.parametrize("key", ["f12", "ctrl+g"])
async def test_quick_hide_hides_and_locks(key: str, home: Paths, content: Content, identity: Identity) -> None:
    case = new_case("Roos-hide", 15, "meisje", None, "wijkteam")
    app = make_app(home, content)
    async with app.run_test(size=SIZE) as pilot:
        await start_unlocked(pilot, identity)
        app.save_case(case)
        await settle(pilot)
        assert "Roos-hide" in screen_text(app)
        app.notify("Roos-hide opgeslagen")
        await pilot.press(key)
        assert isinstance(app.screen, NotesScreen)
        await settle(pilot)
        text = screen_text(app)
        assert "Roos-hide" not in text
        assert "Notities" in text
        assert "Verbergen" not in text and "signaleer" not in text
        assert app.session.identity is None and app.store is None
        assert not any(isinstance(s, HomeScreen) for stack in all_screen_stacks(app).values() for s in stack)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, UnlockScreen)
        app.screen.query_one("#passphrase", Input).value = PASSPHRASE
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert "Roos-hide" in screen_text(app)
    assert CaseStore(home.vault, identity).open(case.id).pseudonym == "Roos-hide"


async def test_hide_saves_pending_work_before_dropping_the_key(
    home: Paths, content: Content, identity: Identity
) -> None:
    case = new_case("Lina-pending", 14, "meisje", None, "wijkteam")
    app = make_app(home, content)
    async with app.run_test(size=SIZE) as pilot:
        await start_unlocked(pilot, identity)
        app.save_case(case)
        case.role = "wijkcoach"
        app.save_case(case)
        await pilot.press("f12")
        await settle(pilot)
        assert app.session.identity is None
        assert not app.session.saver.has_unsaved
    assert CaseStore(home.vault, identity).open(case.id).role == "wijkcoach"


async def test_idle_lock_after_the_idle_time(home: Paths, content: Content, identity: Identity) -> None:
    now = [1000.0]
    app = make_app(home, content, idle_seconds=60, clock=lambda: now[0])
    async with app.run_test(size=SIZE) as pilot:
        await start_unlocked(pilot, identity)
        now[0] += 59
        app.check_idle_lock()
        await settle(pilot)
        assert app.session.unlocked and isinstance(app.screen, HomeScreen)
        await pilot.press("down")
        now[0] += 59
        app.check_idle_lock()
        await settle(pilot)
        assert app.session.unlocked, "a key press resets the idle time"
        now[0] += 1
        app.check_idle_lock()
        await settle(pilot)
        assert not app.session.unlocked
        assert isinstance(app.screen, NotesScreen)


async def test_idle_time_comes_from_the_settings(home: Paths, content: Content) -> None:
    app = make_app(home, content)
    assert app.idle_seconds == app.settings.idle_lock_minutes * 60
