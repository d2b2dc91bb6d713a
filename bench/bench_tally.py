"""How long ``signaleer tellingen combineer`` takes for many laptop files (issue 16: 1,000 files ≤ 2 s).

Writes N generated count files (random but valid: 1–3 gemeenten each out of a pool, up to 12 cases per
gemeente) into a temporary folder, then times the real command as a user runs it (``python -m signaleer
tellingen combineer FILES... --formaat json``), against a baseline in the same run: the same interpreter
reading and ``json.loads``-ing the same files and nothing more (the part no program can skip). Rounds are
interleaved; the medians and their ratio are printed, with the time spent in ``suppress`` measured in
process on the same files.

Usage::

    .venv/bin/python bench/bench_tally.py                    # 1,000 files, 5 rounds
    .venv/bin/python bench/bench_tally.py --files 200 --rounds 3 --gemeenten 342
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from signaleer.domain.stats import FORMS  # noqa: E402
from signaleer.domain.tally import AGES, COMENSHA, TallyFile, combine, suppress  # noqa: E402

BASELINE = """
import json, sys
from pathlib import Path
for name in sys.argv[1:]:
    json.loads(Path(name).read_bytes())
"""


def write_files(folder: Path, count: int, pool_size: int, seed: int) -> list[Path]:
    """``count`` valid count files, each with 1–3 gemeenten drawn from a pool of ``pool_size`` CBS codes."""
    rng = random.Random(seed)
    pool = [f"GM{code:04d}" for code in rng.sample(range(1, 2000), pool_size)]
    paths = []
    for index in range(count):
        gemeenten = {}
        for gemeente in rng.sample(pool, rng.randint(1, min(3, pool_size))):
            n = rng.randint(0, 12)
            ages = dict.fromkeys(AGES, 0)
            status = dict.fromkeys(COMENSHA, 0)
            outcome = {"melden": 0, "hulp_bieden": 0, "nog_geen_uitkomst": 0}
            for _ in range(n):
                ages[rng.choice(AGES)] += 1
                status[rng.choice(COMENSHA)] += 1
                outcome[rng.choice(list(outcome))] += 1
            gemeenten[gemeente] = {
                "totaal": n,
                "vorm": {form: rng.randint(0, n) for form in FORMS},
                "leeftijd": ages,
                "uitkomst": outcome,
                "comensha": status,
            }
        document = {
            "soort": "signaleer-telling",
            "schemaversie": 1,
            "export_id": f"{index:032x}",
            "periode": {"van": "2026-01-01", "tot": "2026-06-30"},
            "inhoudsversie": "0123456789abcdef",
            "gemeenten": gemeenten,
        }
        path = folder / f"laptop-{index:04d}.json"
        path.write_text(json.dumps(document), encoding="utf-8")
        paths.append(path)
    return paths


def timed(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    result = subprocess.run(command, env=env, capture_output=True, check=False)
    took = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"failed: {' '.join(command[:6])} …\n{result.stderr.decode(errors='replace')}")
    return took


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--gemeenten", type=int, default=30, help="size of the pool of gemeenten the files draw from")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="signaleer-bench-tally-") as tmp:
        folder = Path(tmp)
        paths = write_files(folder, args.files, args.gemeenten, seed=20261201)
        env = {**os.environ, "SIGNALEER_HOME": str(folder / "home"), "PYTHONPATH": str(ROOT / "src")}
        names = [str(p) for p in paths]
        real = [sys.executable, "-m", "signaleer", "tellingen", "combineer", *names, "--formaat", "json"]
        base = [sys.executable, "-c", BASELINE, *names]
        results: dict[str, list[float]] = {"combineer": [], "baseline": []}
        for round_ in range(args.rounds + 1):  # round 0 warms the page cache and is left out
            order = [("combineer", real), ("baseline", base)]
            if round_ % 2:
                order.reverse()
            for label, command in order:
                took = timed(command, env)
                if round_:
                    results[label].append(took)
        tallies = [(p.name, TallyFile.model_validate_json(p.read_bytes())) for p in paths]
        started = time.perf_counter()
        combined = combine(tallies)
        combine_s = time.perf_counter() - started
        started = time.perf_counter()
        grids = suppress(combined, 5)
        suppress_s = time.perf_counter() - started
        hidden = sum(len(g.hidden) for g in grids.values())
        cells = sum(len(g.values) for g in grids.values())
    med = {label: statistics.median(times) for label, times in results.items()}
    print(
        f"{args.files} files, pool of {args.gemeenten} gemeenten ({len(combined.cases)} in the table), {args.rounds} rounds"
    )
    print(
        f"signaleer tellingen combineer: median {med['combineer']:.3f} s  (all: {', '.join(f'{t:.3f}' for t in results['combineer'])})"
    )
    print(f"baseline (read + json.loads):  median {med['baseline']:.3f} s")
    print(
        f"ratio {med['combineer'] / med['baseline']:.2f}×; budget: ≤ 2 s → {'met' if med['combineer'] <= 2 else 'MISSED'}"
    )
    print(
        f"in process: combine {combine_s * 1000:.0f} ms, suppress {suppress_s * 1000:.0f} ms ({hidden} of {cells} cells hidden)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
