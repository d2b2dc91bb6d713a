"""Composition root: build the services (paths, settings, content, vault folder), then the App."""

from __future__ import annotations

from signaleer.tui.services import build_services


def run_app() -> None:
    """Start the app in the terminal's alternate screen; nothing about cases is printed on exit."""
    from signaleer.vault.hardening import disable_core_dumps

    disable_core_dumps()
    services = build_services(defer=True)
    from signaleer.tui.app import SignaleerApp

    app = SignaleerApp(services)
    app.run()
    if app.return_code:
        raise SystemExit(app.return_code)
