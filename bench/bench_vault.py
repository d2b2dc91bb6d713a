"""Vault speed: (a) unlock plus listing 1,000 cases as a ratio to the bare key derivation alone,
(b) median time to save a 100 KB case, fsync included.

Targets: (a) at most 1.5x, (b) at most 50 ms. The vault is built in a temporary folder on the
same disk as the current directory (or ``--map``), since a RAM disk would hide the fsync cost.
Usage: ``.venv/bin/python bench/bench_vault.py [--runs N] [--map FOLDER]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import tempfile
import time
from pathlib import Path

from signaleer.domain.case import Case, CaseSummary, ObservedSignal
from signaleer.vault import _age_scrypt
from signaleer.vault.keys import IDENTITY_FILE, create_vault, unlock
from signaleer.vault.store import CaseStore

PASSPHRASE = "bench wachtwoordzin lang genoeg"
CASES = 1000


def make_case(index: int, observation_bytes: int) -> tuple[Case, CaseSummary]:
    """A case with one observation of about ``observation_bytes`` characters, and its summary."""
    case = Case(pseudonym=f"Casus {index}", gemeente="utrecht")
    case.signals.append(ObservedSignal(signal_id="GB01", observation="x" * observation_bytes))
    due = dt.date.today() + dt.timedelta(days=index % 40 - 20)
    summary = CaseSummary(id=case.id, pseudonym=case.pseudonym, due=due, updated_at=case.updated_at, phase="Stap 2")
    return case, summary


def bench_unlock_and_list(folder: Path, runs: int) -> tuple[float, float, int]:
    """Median seconds of the bare scrypt derivation and of unlock + list; also the number listed."""
    wrapped = (folder / IDENTITY_FILE).read_bytes()
    bare, full, listed = [], [], 0
    for _ in range(runs):
        started = time.perf_counter()
        _age_scrypt.decrypt(wrapped, PASSPHRASE.encode("utf-8"))
        bare.append(time.perf_counter() - started)
        started = time.perf_counter()
        listed = len(CaseStore(folder, unlock(folder, PASSPHRASE)).listing().summaries)
        full.append(time.perf_counter() - started)
    return statistics.median(bare), statistics.median(full), listed


def bench_save(store: CaseStore, runs: int) -> float:
    """Median seconds to save one 100 KB case (encrypt, write, fsync file and folder)."""
    case, summary = make_case(0, 100_000)
    times = []
    for index in range(runs):
        case.pseudonym = f"Casus {index}"
        started = time.perf_counter()
        store.save(case, summary)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3, help="repetitions of (a); (b) uses 20x as many saves")
    parser.add_argument("--map", type=Path, default=Path.cwd(), help="folder to build the vault in")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix=".bench-vault-", dir=args.map) as tmp:
        folder = Path(tmp) / "kluis"
        identity = create_vault(folder, PASSPHRASE)
        store = CaseStore(folder, identity)
        for index in range(CASES):
            store.save(*make_case(index, 1500))
        bare, full, listed = bench_unlock_and_list(folder, args.runs)
        assert listed == CASES, listed
        save = bench_save(store, args.runs * 20)
    ratio = full / bare
    print(
        f"(a) bare key derivation {bare:.2f} s; unlock + list {CASES} cases {full:.2f} s; ratio {ratio:.2f}x (target <= 1.5x)"
    )
    print(f"(b) save a 100 KB case, fsync included: median {save * 1000:.1f} ms (target <= 50 ms)")


if __name__ == "__main__":
    main()
