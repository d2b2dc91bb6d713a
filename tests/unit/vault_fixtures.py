"""Fixtures shared by the vault tests (re-exported by tests/unit/conftest.py): a vault made once and copied, a
throw-away home, a passphrase file.

A test module that needs something else defines a fixture of the same name, which wins over these.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_vault_support import PASSPHRASE, VaultTemplate, copy_vault, vault_template

from signaleer.vault.store import CaseStore


@pytest.fixture
def template(tmp_path_factory: pytest.TempPathFactory) -> VaultTemplate:
    """The session's vault (made once at the tests' low work factor), to copy."""
    return vault_template(tmp_path_factory)


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """SIGNALEER_HOME in the test's folder, and no passphrase file from the environment."""
    monkeypatch.setenv("SIGNALEER_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("SIGNALEER_PASSPHRASE_FILE", raising=False)
    return tmp_path / "home"


@pytest.fixture
def store(home: Path, template: VaultTemplate) -> CaseStore:
    """A copy of the template vault as the home's vault, unlocked."""
    return CaseStore(copy_vault(template, home / "data" / "kluis"), template.identity)


@pytest.fixture
def passfile(tmp_path: Path) -> Path:
    """The vault's passphrase in a 0600 file, for ``--wachtwoord-bestand``."""
    path = tmp_path / "wachtwoord"
    path.write_text(PASSPHRASE + "\n")
    path.chmod(0o600)
    return path
