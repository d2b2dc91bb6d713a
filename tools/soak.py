#!/usr/bin/env python3
"""Run the test suite several times in a row on an unchanged tree, optionally beside CPU hogs.

Proves the suite has no timing races (issue 11): every run must pass, also when two `yes > /dev/null`
processes compete for the two cores. Prints one line per run and a summary; exit 1 if any run failed.

Each run is the README's test command, verbatim (the second set-up block: make or reuse ``.venv``, install
``.[dev]``, then ``tools/check.py``: format, lint, types, layers, pytest on two workers), run with bash in
the checkout. ``--pytest-only`` runs just pytest on two workers with the given arguments instead.

Usage: python3 tools/soak.py [--runs 10] [--hog-runs 2,4,6,8,10] [--hogs 2] [--log-dir DIR]
       python3 tools/soak.py --pytest-only [--runs N] [-- pytest args]
The runs named by --hog-runs (1-based) get --hogs busy processes beside them.
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def readme_test_command() -> str:
    """The README's second set-up command (the one that runs the tests), exactly as written there."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Starten en testen", 1)[1].split("\n## ", 1)[0]
    blocks: list[str] = [block.strip() for block in re.findall(r"```sh\n(.*?)```", section, flags=re.S)]
    if len(blocks) != 2:
        raise SystemExit(f"README.md: expected two set-up commands, found {len(blocks)}")
    return blocks[1]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--hog-runs", default="2,4,6,8,10", help="runs (1-based, comma-separated) beside CPU hogs")
    parser.add_argument("--hogs", type=int, default=2)
    parser.add_argument("--log-dir", type=Path, default=None)
    parser.add_argument("--pytest-only", action="store_true", help="run only pytest (-n 2) with the given arguments")
    parser.add_argument("pytest_args", nargs="*")
    args = parser.parse_args(argv)
    log_dir = args.log_dir or Path(tempfile.mkdtemp(prefix="signaleer-soak-"))
    log_dir.mkdir(parents=True, exist_ok=True)
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    dirty = subprocess.run(["git", "status", "--porcelain"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    if args.pytest_only:
        command = [sys.executable, "-m", "pytest", "-n", "2", "--dist", "worksteal", "-q", *args.pytest_args]
    else:
        command = ["bash", "-c", readme_test_command()]
    print(f"tree {head.stdout.strip()}{' (with uncommitted changes)' if dirty else ''}; logs in {log_dir}", flush=True)
    print(f"each run: {' '.join(command) if args.pytest_only else command[2]}", flush=True)
    results: list[tuple[int, bool, float, int, str]] = []
    hog_runs = {int(part) for part in args.hog_runs.split(",") if part.strip()}
    for run in range(1, args.runs + 1):
        hogs = args.hogs if run in hog_runs else 0
        busy = [subprocess.Popen(["yes"], stdout=subprocess.DEVNULL) for _ in range(hogs)]
        log = log_dir / f"run{run:02d}.log"
        started = time.monotonic()
        try:
            with log.open("w") as out:
                code = subprocess.call(
                    command,
                    cwd=ROOT,
                    stdout=out,
                    stderr=subprocess.STDOUT,
                )
        finally:
            for hog in busy:
                hog.kill()
                hog.wait()
        took = time.monotonic() - started
        lines = log.read_text(errors="replace").strip().splitlines()
        counts = [line for line in lines if re.search(r"\d+ (passed|failed)", line)]
        summary = re.sub(r"=+", "", (counts or lines[-1:] or [""])[-1]).strip()
        results.append((run, code == 0, took, hogs, summary))
        print(f"run {run:2d}: {'ok  ' if code == 0 else 'FAIL'} {took:6.1f} s  hogs={hogs}  {summary}", flush=True)
    passed = sum(ok for _, ok, _, _, _ in results)
    for label, selected in (("quiet", [r for r in results if r[3] == 0]), ("hogs", [r for r in results if r[3]])):
        if selected:
            times = [r[2] for r in selected]
            print(f"{label}: {len(selected)} runs, median {statistics.median(times):.1f} s, max {max(times):.1f} s")
    print(f"{passed} passed, {len(results) - passed} failed")
    return 0 if passed == len(results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
