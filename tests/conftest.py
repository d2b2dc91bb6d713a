"""Suite-wide set-up: the programs the tests start import this checkout's ``src/`` too.

``pythonpath = ["src"]`` in pyproject.toml covers the test process itself; a subprocess (the CLI, the
unlock worker, the real program in tmux) only sees it through ``PYTHONPATH``. Without this, a venv with
another checkout installed in editable mode would run that checkout's code under this one's tests.
"""

from __future__ import annotations

import os
from pathlib import Path

SRC = str(Path(__file__).resolve().parent.parent / "src")
_existing = os.environ.get("PYTHONPATH", "")
if SRC not in _existing.split(os.pathsep):
    os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (SRC, _existing) if p)
