"""Suite-wide set-up.

- The programs the tests start import this checkout's ``src/`` too. ``pythonpath = ["src"]`` in
  pyproject.toml covers the test process itself; a subprocess (the CLI, the unlock worker, the real program
  in tmux) only sees it through ``PYTHONPATH``. Without this, a venv with another checkout installed in
  editable mode would run that checkout's code under this one's tests.
- Vaults made in tests use a low scrypt work factor, except where the real one is checked.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from signaleer.vault import keys

SRC = str(Path(__file__).resolve().parent.parent / "src")
_existing = os.environ.get("PYTHONPATH", "")
if SRC not in _existing.split(os.pathsep):
    os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (SRC, _existing) if p)

TEST_WORK_FACTOR = 10
"""scrypt logN for vaults the tests make (1 ms instead of about a second at the real 18)."""
REAL_WORK_FACTOR = keys.WORK_FACTOR


@pytest.fixture(scope="session", autouse=True)
def low_work_factor() -> Iterator[None]:
    """Every vault made in this test session (templates, first-run screens, ``vault init``) uses logN 10.

    ``keys.WORK_FACTOR`` is the documented default of ``create_vault`` and ``change_passphrase``. Programs
    the tests start in tmux (tests/e2e) are not affected: they create their vault at the real factor.
    """
    assert REAL_WORK_FACTOR == 18, "the production work factor must stay age's default"
    keys.WORK_FACTOR = TEST_WORK_FACTOR
    yield
    keys.WORK_FACTOR = REAL_WORK_FACTOR


@pytest.fixture
def real_work_factor(monkeypatch: pytest.MonkeyPatch) -> int:
    """For tests that check the production factor: ``create_vault``/``change_passphrase`` use 18 again."""
    monkeypatch.setattr(keys, "WORK_FACTOR", REAL_WORK_FACTOR)
    return REAL_WORK_FACTOR
