"""First run, unlock, wrong passphrase, and a responsive screen while the key work runs."""

# mypy: warn-unreachable=False
# (Pilot tests assert one screen type, act, then assert another; mypy keeps the first narrowing.)
from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from typing import Any

import pytest
from shell_helpers import PASSPHRASE, SIZE, make_app, screen_text, settle
from textual.pilot import Pilot
from textual.widgets import Button, Input, LoadingIndicator, Static

from signaleer.paths import Paths
from signaleer.tui.screens.home import HomeScreen
from signaleer.tui.screens.unlock import CreateVaultScreen, UnlockScreen
from signaleer.tui.textual_compat import all_screen_stacks
from signaleer.vault import keys
from signaleer.vault.keys import unlock, vault_exists


class Held:
    """A ``keys`` function that, once called, waits until the test releases it: the key work is "running"
    for exactly as long as the test needs, however fast or slow the machine is."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, name: str) -> None:
        self.entered, self.release = threading.Event(), threading.Event()
        real: Callable[..., Any] = getattr(keys, name)

        def held(*args: Any, **kwargs: Any) -> Any:
            self.entered.set()
            self.release.wait(60)
            return real(*args, **kwargs)

        monkeypatch.setattr(keys, name, held)

    async def wait_entered(self) -> None:
        assert await asyncio.to_thread(self.entered.wait, 60), "the key work never started"


async def until(pilot: Pilot[None], condition: Callable[[], bool], what: str) -> None:
    """Let the app handle its messages until ``condition`` holds (a state, never a duration)."""
    for _ in range(200):
        if condition():
            return
        await pilot.pause()
    raise AssertionError(f"never reached: {what}")


async def test_first_run_creates_a_vault_and_reaches_home(empty_home: Paths, monkeypatch: pytest.MonkeyPatch) -> None:
    creating = Held(monkeypatch, "create_vault")
    app = make_app(empty_home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, CreateVaultScreen)
        text = screen_text(app)
        assert "Welkom bij signaleer" in text
        assert "als je dit wachtwoord vergeet" in text
        app.screen.query_one("#first", Input).value = "kort"
        await until(pilot, lambda: "te kort" in screen_text(app), "the strength line says 'te kort'")
        app.screen.query_one("#first", Input).value = PASSPHRASE
        app.screen.query_one("#second", Input).value = PASSPHRASE
        await until(pilot, lambda: "sterk" in screen_text(app), "the strength line says 'sterk'")
        app.screen.query_one("#go", Button).press()
        await creating.wait_entered()
        assert app.screen.query_one(LoadingIndicator).display  # the vault is being made: the spinner shows
        creating.release.set()
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert app.session.identity is not None
        recipient = app.session.identity.recipient
        assert "Nog geen casussen" in screen_text(app)
        assert app.theme == "signaleer" and app.has_class("-theme-signaleer", "-dark-mode")
        assert list(all_screen_stacks(app)) == [app.current_mode]  # the first gate screen is gone, not kept below
    assert vault_exists(empty_home.vault)
    assert unlock(empty_home.vault, PASSPHRASE).recipient == recipient


async def test_first_run_refuses_a_weak_passphrase_with_the_core_rule_message(empty_home: Paths) -> None:
    from signaleer.vault.passphrase_rule import refusal

    app = make_app(empty_home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for field in ("#first", "#second"):
            app.screen.query_one(field, Input).value = "welkom welkom 123"
        app.screen.query_one("#go", Button).press()
        await until(pilot, lambda: bool(app.screen.query_one("#error", Static).content), "the error line")
        assert str(app.screen.query_one("#error", Static).content) == refusal("nl")
    assert not vault_exists(empty_home.vault)


async def test_first_run_refuses_different_passphrases(empty_home: Paths) -> None:
    app = make_app(empty_home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.screen.query_one("#first", Input).value = PASSPHRASE
        app.screen.query_one("#second", Input).value = PASSPHRASE + "x"
        app.screen.query_one("#go", Button).press()
        await settle(pilot)
        assert isinstance(app.screen, CreateVaultScreen)
        assert "niet gelijk" in screen_text(app)
    assert not vault_exists(empty_home.vault)


async def test_wrong_passphrase_says_so_and_allows_another_try(home: Paths) -> None:
    app = make_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, UnlockScreen)
        field = app.screen.query_one("#passphrase", Input)
        field.value = "dit is niet het wachtwoord"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, UnlockScreen)
        assert "klopt niet" in screen_text(app)
        assert not app.session.unlocked
        assert not field.disabled and field.value == ""
        field.value = PASSPHRASE
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert app.session.unlocked


async def test_the_screen_answers_keys_while_unlocking(home: Paths, monkeypatch: pytest.MonkeyPatch) -> None:
    unlocking = Held(monkeypatch, "unlock")
    app = make_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.screen.query_one("#passphrase", Input).value = PASSPHRASE
        await pilot.press("enter")
        await unlocking.wait_entered()
        try:
            await pilot.press("f1")
            await until(pilot, lambda: "alle toetsen" in screen_text(app), "the help screen")
            workers = [w for w in app.screen_stack[0].workers if w.group == "unlock"]
            assert workers and not workers[0].is_finished  # the help came while the key work still ran
        finally:
            unlocking.release.set()
        await settle(pilot)
        assert app.session.unlocked


async def test_invalid_content_waits_for_esc_and_clears_the_passphrase_field(home: Paths) -> None:
    """The load behind the first screen fails while the person types: nothing typed may leave the app."""
    from signaleer.tui.app import SignaleerApp
    from signaleer.tui.screens.unlock import StartErrorScreen
    from signaleer.tui.services import build_services

    override = home.config / "meldroutes" / "leiden.yaml"
    override.parent.mkdir(parents=True, exist_ok=True)
    override.write_text("gemeente: [niet afgesloten\n", encoding="utf-8")
    app = SignaleerApp(build_services(home, defer=True))
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, UnlockScreen)
        field = app.screen.query_one("#passphrase", Input)
        field.value = "half getypt"
        await until(pilot, lambda: isinstance(app.screen, StartErrorScreen), "the start error screen")
        assert field.value == "" and field.disabled
        await pilot.press(*"rest van de zin", "enter")
        await settle(pilot)
        assert app.is_running and isinstance(app.screen, StartErrorScreen)
        text = screen_text(app)
        assert "kan niet starten" in text and "leiden.yaml" in text and "Esc" in text
        assert "half" not in text and "rest van" not in text
        await pilot.press("escape")
        await settle(pilot)
    assert app.return_code == 1
