#!/usr/bin/env python3
"""Run every check the project relies on, in order, and stop at the first failure.

format (ruff format --check) · lint (ruff) · types (mypy --strict) · layers (import-linter) · tests (pytest).
`.ci/run` calls this file; so does the README's test command. Usage: python3 tools/check.py [--fix] [pytest args]
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(title: str, command: list[str]) -> int:
    print(f"\n=== {title}: {' '.join(command)}", flush=True)
    started = time.monotonic()
    code = subprocess.call(command, cwd=ROOT)
    print(
        f"=== {title}: {'ok' if code == 0 else f'FAILED (exit {code})'} in {time.monotonic() - started:.1f}s",
        flush=True,
    )
    return code


def main(argv: list[str]) -> int:
    fix = "--fix" in argv
    pytest_args = [a for a in argv if a != "--fix"]
    py = sys.executable
    steps: list[tuple[str, list[str]]] = [
        ("format", [py, "-m", "ruff", "format", *([] if fix else ["--check"]), "src", "tests", "tools", "bench"]),
        ("lint", [py, "-m", "ruff", "check", *(["--fix"] if fix else []), "src", "tests", "tools", "bench"]),
        ("types", [py, "-m", "mypy"]),
        # The console script of the same interpreter, so a virtual environment needs no activation.
        ("layers", [shutil.which("lint-imports", path=str(Path(py).parent)) or "lint-imports"]),
        # Two workers (CI has two cores); worksteal keeps the slow Pilot flows from piling up on one worker.
        # The 20 slowest tests are printed with every run: the suite must stay under ~5 minutes on 2 cores.
        ("tests", [py, "-m", "pytest", "-n", "2", "--dist", "worksteal", "--durations=20", *pytest_args]),
    ]
    for title, command in steps:
        code = run(title, command)
        if title == "tests" and code == 5:
            print("pytest collected no tests: that is a failure, not a pass.", flush=True)
            return 1
        if code != 0:
            return code
    print("\nAll checks passed.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
