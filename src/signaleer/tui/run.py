"""Composition root: build the services (paths, settings, content, vault folder), then the App."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from signaleer.domain.content import Content
from signaleer.paths import Paths, resolve_paths
from signaleer.settings import Settings, load_settings


@dataclass
class Services:
    """Everything the App needs, built before it starts so tests can build the same with a temporary home."""

    paths: Paths
    """The folders signaleer uses."""
    settings: Settings
    """The user's settings as loaded at start."""
    content: Content
    """The validated checklists, step plan, afwegingskaders, routes and knowledge pages."""

    @property
    def vault_folder(self) -> Path:
        """Where the encrypted case files live."""
        return self.paths.vault


def build_services(paths: Paths | None = None) -> Services:
    """Load settings and content; raises ``SignaleerError`` (e.g. ``ContentInvalid``) with a hint."""
    from signaleer.content.loader import load_content_or_raise

    resolved = paths or resolve_paths()
    return Services(paths=resolved, settings=load_settings(resolved.settings_file), content=load_content_or_raise())


def run_app() -> None:
    """Start the wizard in the terminal's alternate screen; nothing about cases is printed on exit."""
    services = build_services()
    from signaleer.tui.app import SignaleerApp

    SignaleerApp(services).run()
