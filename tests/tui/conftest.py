"""Fixtures for the shell's Pilot tests: one real vault per session, copied into each test's home."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from shell_helpers import PASSPHRASE

from signaleer.domain.content import Content
from signaleer.i18n import set_language
from signaleer.paths import Paths, resolve_paths
from signaleer.vault.keys import Identity, create_vault


@pytest.fixture(scope="session")
def vault_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Identity]:
    """A home folder with a real vault (one scrypt for the whole session) and its identity."""
    home = tmp_path_factory.mktemp("template")
    identity = create_vault(home / "data" / "kluis", PASSPHRASE)
    return home, identity


@pytest.fixture(scope="session")
def identity(vault_template: tuple[Path, Identity]) -> Identity:
    """The unlocked identity of the test vault, for tests that need not type the passphrase."""
    return vault_template[1]


@pytest.fixture
def home(vault_template: tuple[Path, Identity], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Paths:
    """A temporary SIGNALEER_HOME holding a copy of the test vault."""
    root = tmp_path / "home"
    shutil.copytree(vault_template[0], root)
    monkeypatch.setenv("SIGNALEER_HOME", str(root))
    return resolve_paths()


@pytest.fixture
def empty_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Paths:
    """A temporary SIGNALEER_HOME without a vault (first run)."""
    monkeypatch.setenv("SIGNALEER_HOME", str(tmp_path / "first"))
    return resolve_paths()


@pytest.fixture(scope="session")
def content() -> Content:
    """The real bundled content, loaded once."""
    from signaleer.content.loader import load_content_or_raise

    return load_content_or_raise()


@pytest.fixture(autouse=True)
def dutch() -> Iterator[None]:
    """Every test starts and ends in Dutch (the language is process-wide)."""
    set_language("nl")
    yield
    set_language("nl")
