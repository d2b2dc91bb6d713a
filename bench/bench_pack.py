#!/usr/bin/env python3
"""Installing a signed pack of all bundled content vs ``signaleer check`` on the same files (issue 16: ≤ 1.5×).

The pack holds every bundled file under checklists/ (knowledge pages included) and meldroutes/. Installing reads
the tar, verifies the minisign signature and every file's sha256, writes the files (fsync'd), runs the same
content check as ``signaleer check`` (bundled + the pack) and flips the state file. The baseline is that check
on the same files. Two measurements, each interleaved round by round, median of the rounds:

  in-process — ``install_pack`` into a fresh config folder vs ``load_files(collect_files([bundled, folder]))``,
               wall clock and CPU time of this process;
  programs   — ``signaleer pakket installeer PACK`` vs ``signaleer check FOLDER`` as subprocesses (wall clock,
               interpreter start included: what a person waits for).

The budget of issue 16 is for the commands (the first line with ✔/✘). In-process, what installing does beyond the
check is creating and fsync'ing ~60 files (kernel time counts as this process's CPU time); the fsyncs run in
threads while the check runs. The machine is shared, so read the ratios, not the milliseconds.
Usage: .venv/bin/python bench/bench_pack.py [--rounds N]

Figures of 2026-12-01 (2 shared cores, a soak and ~6 other jobs; 58 files, 420 KiB; three runs of --rounds 7/9):
  the commands:     1.17x / 1.18x / 1.20x   (check 0.7-1.0 s, installeer 0.9-1.3 s wall)
  in-process wall:  1.56x / 1.21x / 1.49x   (the fsyncs of ~60 new files, on a disk the soak keeps busy)
  in-process CPU:   1.55x / 1.34x / 1.22x
Before the fsyncs ran in threads beside the check: in-process wall 4.26x, CPU 2.45x, the commands 1.46x.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from signaleer.content.loader import collect_files, load_files
from signaleer.pack.install import build_pack, install_pack
from signaleer.pack.signing import new_key_pair, open_secret_key, public_key_line
from signaleer.paths import bundled_content_root

BUDGET = 1.5


def make_pack(work: Path) -> tuple[Path, Path, str]:
    """A folder with a copy of all bundled content, its signed pack, and the trusted public key line."""
    folder = work / "inhoud"
    for name in ("checklists", "meldroutes"):
        shutil.copytree(bundled_content_root() / name, folder / name)
    secret, public, _ = new_key_pair(None)
    with open_secret_key(secret, None) as key:
        data, manifest = build_pack(folder, key, "1.0", dt.date(2026, 12, 1), "bench")
    pack = work / "alles.tar"
    pack.write_bytes(data)
    print(f"pack: {len(manifest.bestanden)} files, {len(data) // 1024} KiB")
    return folder, pack, public_key_line(public.decode("ascii"))


def timed(action: Callable[[], object]) -> tuple[float, float]:
    """(wall seconds, CPU seconds of this process) of ``action``."""
    wall, cpu = time.perf_counter(), time.process_time()
    action()
    return time.perf_counter() - wall, time.process_time() - cpu


def in_process(folder: Path, pack: Path, key: str, work: Path, rounds: int) -> list[tuple[float, float, float, float]]:
    data = pack.read_bytes()
    roots = [bundled_content_root(), folder]

    def check() -> None:
        assert not load_files(collect_files(roots)).errors

    counter = iter(range(10_000))

    def install() -> None:
        config = work / f"config-{next(counter)}"
        install_pack(config, data, pack.name, [key])

    check()  # warm imports and caches
    install()
    rows = []
    for _ in range(rounds):
        cw, cc = timed(check)
        iw, ic = timed(install)
        rows.append((cw, cc, iw, ic))
    return rows


def programs(folder: Path, pack: Path, key: str, work: Path, rounds: int) -> list[tuple[float, float]]:
    rows = []
    for n in range(rounds):
        home = work / f"home-{n}"
        env = {**os.environ, "SIGNALEER_HOME": str(home)}
        env.pop("SIGNALEER_CONTENT", None)
        run = [sys.executable, "-m", "signaleer"]
        subprocess.run([*run, "pakket", "vertrouw", key], env=env, check=True, capture_output=True)
        started = time.perf_counter()
        subprocess.run([*run, "check", str(folder)], env=env, check=True, capture_output=True)
        check = time.perf_counter() - started
        started = time.perf_counter()
        subprocess.run([*run, "pakket", "installeer", str(pack)], env=env, check=True, capture_output=True)
        rows.append((check, time.perf_counter() - started))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=7)
    rounds = max(5, parser.parse_args().rounds)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        folder, pack, key = make_pack(work)
        rows = in_process(folder, pack, key, work, rounds)
        subs = programs(folder, pack, key, work, rounds)
    med = statistics.median
    cw, cc, iw, ic = (med(r[i] for r in rows) for i in range(4))
    wall_ratio = med(r[2] / r[0] for r in rows)
    cpu_ratio = med(r[3] / r[1] for r in rows)
    sub_ratio = med(i / c for c, i in subs)
    print(f"rounds: {rounds} (interleaved), medians")
    print(
        f"  in-process  check {cw * 1000:.0f} ms wall / {cc * 1000:.0f} ms CPU;  install {iw * 1000:.0f} ms wall / {ic * 1000:.0f} ms CPU"
    )
    print(f"              ratio install/check: wall {wall_ratio:.2f}x, CPU {cpu_ratio:.2f}x (budget <= {BUDGET}x)")
    c, i = med(s[0] for s in subs), med(s[1] for s in subs)
    print(f"  programs    'signaleer check DIR' {c * 1000:.0f} ms;  'signaleer pakket installeer' {i * 1000:.0f} ms")
    print(f"              ratio {sub_ratio:.2f}x (budget <= {BUDGET}x)")
    for label, ratio in (("the commands", sub_ratio), ("in-process wall", wall_ratio), ("in-process CPU", cpu_ratio)):
        print(("✔" if ratio <= BUDGET else "✘") + f" {label}: {ratio:.2f}x")


if __name__ == "__main__":
    main()
