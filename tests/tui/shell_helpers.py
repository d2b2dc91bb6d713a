"""Helpers shared by the shell tests: build the app, wait for work, read the screen as text."""

from __future__ import annotations

import contextlib
import io
from typing import Any

from rich.console import Console
from textual.pilot import Pilot
from textual.worker import WorkerCancelled

from signaleer.domain.content import Content
from signaleer.paths import Paths
from signaleer.tui.app import SignaleerApp
from signaleer.tui.screens.home import HomeScreen
from signaleer.tui.services import Services, build_services
from signaleer.tui.textual_compat import render_screen

PASSPHRASE = "paard fiets boom regen"
"""The passphrase of the session's test vault."""

SIZE = (80, 24)
"""The smallest terminal the shell must be readable in."""


def make_app(paths: Paths, content: Content | None = None, **kwargs: Any) -> SignaleerApp:
    """The real App from ``build_services``; ``content`` reuses the session's loaded content."""
    services = build_services(paths) if content is None else Services(paths, build_services_settings(paths), content)
    return SignaleerApp(services, **kwargs)


def build_services_settings(paths: Paths) -> Any:
    """The settings as ``build_services`` would load them."""
    from signaleer.settings import load_settings

    return load_settings(paths.settings_file)


async def settle(pilot: Pilot[None]) -> None:
    """Wait until every worker is done and every message handled."""
    app = pilot.app
    for _ in range(20):
        await pilot.pause()
        running = [w for w in app.workers if not w.is_finished]
        for screen in app.screen_stack:
            running += [w for w in screen.workers if not w.is_finished] if hasattr(screen, "workers") else []
        if not running:
            await pilot.pause()
            return
        for worker in running:
            with contextlib.suppress(WorkerCancelled):  # an exclusive worker replaced by a newer one: it is done
                await worker.wait()


def screen_text(app: SignaleerApp) -> str:
    """The visible text of the whole screen, line by line, as the user sees it (same render as a screenshot)."""
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), record=True, legacy_windows=False)
    console.print(render_screen(app))
    return console.export_text()


async def start_unlocked(pilot: Pilot[None], identity: Any) -> None:
    """Skip typing the passphrase: open the vault with the session's identity and wait for home."""
    await settle(pilot)
    pilot.app.open_vault(identity)  # type: ignore[attr-defined]
    await settle(pilot)


async def unlocked_home(pilot: Pilot[None], identity: Any) -> HomeScreen:
    """``start_unlocked``, then the case list it shows."""
    await start_unlocked(pilot, identity)
    screen = pilot.app.screen
    assert isinstance(screen, HomeScreen)
    return screen
