"""The services the App runs on: paths, settings, content (loaded lazily) and the vault folder."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from signaleer.early_settings import EarlySettings, peek_settings
from signaleer.paths import Paths, resolve_paths

if TYPE_CHECKING:
    from signaleer.domain.content import Content
    from signaleer.pack.state import InstalledPack
    from signaleer.settings import Settings


class Services:
    """Everything the App needs, built before it starts so tests can build the same with a temporary home.

    Settings and content can be loaded lazily: the first screen (create or unlock the vault) needs only
    the language and theme, so ``run_app`` shows it first and loads the rest in the background while the
    user types the passphrase.
    """

    def __init__(self, paths: Paths, settings: Settings | None = None, content: Content | None = None) -> None:
        self.paths = paths
        """The folders signaleer uses."""
        self._settings = settings
        self._content = content
        self._pack: tuple[InstalledPack | None] | None = None
        self._lock = threading.Lock()
        self.early = (
            peek_settings(paths.settings_file) if settings is None else EarlySettings(settings.language, settings.theme)
        )
        """Language and theme for the first screen, read without validation."""

    @property
    def settings(self) -> Settings:
        """The validated settings; loaded on first use (raises ``SignaleerError`` when the file is invalid)."""
        with self._lock:
            if self._settings is None:
                from signaleer.settings import load_settings

                self._settings = load_settings(self.paths.settings_file)
            return self._settings

    @settings.setter
    def settings(self, settings: Settings) -> None:
        with self._lock:
            self._settings = settings

    @property
    def loaded(self) -> bool:
        """True once settings and content are in memory."""
        return self._settings is not None and self._content is not None

    @property
    def vault_folder(self) -> Path:
        """Where the encrypted case files live."""
        return self.paths.vault

    def load(self) -> None:
        """Load settings and content now (safe to call from a worker thread)."""
        _ = self.settings, self.content

    @property
    def content(self) -> Content:
        """The validated content; loaded on first use (raises ``ContentInvalid`` with every error)."""
        with self._lock:
            if self._content is None:
                from signaleer.content.loader import load_content_or_raise

                self._content = load_content_or_raise()
                self._pack = (self._read_pack(),)  # the pack this content came from, read beside it
            return self._content

    def _read_pack(self) -> InstalledPack | None:
        from signaleer.pack.state import current_pack

        return current_pack(self.paths.config)

    @property
    def pack(self) -> InstalledPack | None:
        """The installed content pack the content was loaded with (None: the bundled content); for the home screen.

        Read once, when the content is loaded (or on first use when the content was given), so a pack installed
        while the app runs shows after a restart, together with its content."""
        with self._lock:
            if self._pack is None:
                self._pack = (self._read_pack(),)
            return self._pack[0]


def build_services(paths: Paths | None = None, *, defer: bool = False) -> Services:
    """Build the services; unless ``defer``, load settings and content now (raises ``SignaleerError``)."""
    services = Services(paths=paths or resolve_paths())
    if not defer:
        services.load()
    return services
