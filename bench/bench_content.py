#!/usr/bin/env python3
"""Content loading: full load + validation vs. only parsing the same YAML with PyYAML's C loader.

Two trees, each timed in the same process against its own baseline (yaml.load with CSafeLoader over the
same YAML files, parsed first):
  bundled  — the shipped content as is (342 gemeenten in one table file, region layers, 8 gemeente files);
  +342     — the same plus 342 generated gemeente files (a heavy municipality setup).
(b) is signaleer's load_files: fast C-loader parse, pydantic validation, all cross-file checks, the
gemeente index; positions are computed only for a file that needs them (none here).
Also times `signaleer check` as a subprocess (wall clock, median) and resolving the route of every
gemeente. Targets: ratio ≤ 1.3×, check < 1 s. Usage: .venv/bin/python bench/bench_content.py [--rounds N]

Figures of 2026-12-01 (2 shared cores, ~6 other jobs; two runs, --rounds 15 and 11), CPU time:
  bundled:  baseline best 40.1 / 41.2 ms, load best 51.9 / 52.3 ms → 1.29× / 1.27× best/best
  +342:     baseline best 130.3 / 121.2 ms, load best 176.9 / 161.5 ms → 1.36× / 1.33× best/best
            (the second run after removing pathlib from the per-file paths)
  signaleer check: 0.39–0.41 s user CPU, 0.73–0.97 s wall (5 runs, /usr/bin/time)
The extra over the baseline is pydantic validation (~15 %), the cross-file checks and the index.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from pathlib import Path

import yaml

from signaleer.content.loader import collect_files, load_files
from signaleer.paths import bundled_content_root

MUNICIPALITIES = 342

TEMPLATE = """# yaml-language-server: $schema=../schemas/route_gemeente.schema.json
kind: route_gemeente
versie: "bench"
datum: 2026-11-29
gemeente: "Benchgemeente {n}"
cbs_code: "{code}"
zorg_en_veiligheidshuis: "Zorg- en Veiligheidshuis Regio {region}"
contacts:
  - role: lokaal_meldpunt
    name: "Meldpunt mensenhandel {n}"
    phone: "0{area}-{n:03d} 4567"
    email: "meldpunt{n}@example.org"
    web: "https://example.org/meldpunt/{n}"
    hours: "ma-vr 9-17"
    when_to_use: {{nl: "Advies en casusoverleg bij vermoedens van uitbuiting.", en: "Advice and case consultation."}}
    urgency: advies
    bron: "https://example.org/bron/{n}"
    overgenomen_op: 2026-11-01
  - role: wijkagent
    name: "Wijkagent {n}"
    phone: "0900-8844"
    when_to_use: {{nl: "Afspraken over veiligheid en terugkeer."}}
    urgency: snel
    bron: "https://example.org/bron/{n}"
    overgenomen_op: 2026-11-01
  - role: zorgcoordinator
    name: "Zorgcoördinator mensenhandel regio {region}"
    when_to_use: {{nl: "Advies over route en opvang."}}
    note: {{nl: "Telefoonnummer lokaal invullen."}}
    urgency: advies
    bron: "https://example.org/bron/{n}"
    overgenomen_op: 2026-11-01
"""


def build_tree(target: Path, generated: bool) -> None:
    source = bundled_content_root()
    for folder in ("checklists", "meldroutes", "schemas"):
        if (source / folder).is_dir():
            shutil.copytree(source / folder, target / folder)
    if not generated:
        return
    import yaml as _yaml

    table = _yaml.load(
        (source / "meldroutes/regio/gemeenten.yaml").read_text(encoding="utf-8"), Loader=yaml.CSafeLoader
    )
    taken = {p.stem for p in (source / "meldroutes").glob("*.yaml")}
    codes = [code for code, name, _vr in table["gemeenten"]]
    own = {
        _yaml.load(p.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)["cbs_code"].removeprefix("GM")
        for p in (source / "meldroutes").glob("[!_]*.yaml")
    }
    free = [c for c in codes if c.removeprefix("GM") not in own]
    for n, code in enumerate(free[:MUNICIPALITIES]):
        text = TEMPLATE.format(n=n, code=code, region=n % 25, area=10 + n % 80)
        name = f"bench_{n:03d}"
        assert name not in taken
        (target / "meldroutes" / f"{name}.yaml").write_text(text, encoding="utf-8")


CLOCK = time.process_time
"""CPU time of this process: the machine is shared, so wall-clock rounds are disturbed by other work."""


def baseline(paths: list[Path]) -> float:
    """yaml.load with CSafeLoader over every YAML file and the YAML front matter of every knowledge page."""
    started = CLOCK()
    for path in paths:
        if path.suffix == ".md":
            text = path.read_text(encoding="utf-8")
            yaml.load(text.split("\n---", 1)[0].removeprefix("---\n"), Loader=yaml.CSafeLoader)
            continue
        with path.open(encoding="utf-8") as handle:
            yaml.load(handle, Loader=yaml.CSafeLoader)
    return CLOCK() - started


def signaleer_load(root: Path) -> float:
    started = CLOCK()
    result = load_files(collect_files([root]))
    elapsed = CLOCK() - started
    if result.errors:
        raise SystemExit("bench content is invalid:\n" + "\n".join(map(str, result.errors[:10])))
    return elapsed


def routes_for_all(root: Path) -> float:
    content = load_files(collect_files([root])).content
    assert content is not None and content.gemeenten is not None
    started = time.perf_counter()
    for code in content.gemeenten.gemeenten:
        assert content.route(code).by_role("veilig_thuis")[0].phone == "0800-2000"
    return time.perf_counter() - started


def check_subprocess(root: Path) -> float:
    import os
    import subprocess
    import sys

    env = {**os.environ, "SIGNALEER_CONTENT": str(root)}
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "signaleer", "check", "--zonder-gebruiker"], env=env, check=True, capture_output=True
    )
    return time.perf_counter() - started


def measure(label: str, generated: bool, rounds: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        build_tree(root, generated)
        yaml_files = sorted(
            p for p in root.rglob("*") if p.suffix in {".yaml", ".yml", ".md"} and "schemas" not in p.parts
        )
        baseline(yaml_files), signaleer_load(root)  # warm caches and imports
        pairs = [(baseline(yaml_files), signaleer_load(root)) for _ in range(rounds)]  # interleaved
        base = [b for b, _ in pairs]
        ours = [o for _, o in pairs]
        routes = statistics.median(routes_for_all(root) for _ in range(3))
        check = statistics.median(check_subprocess(root) for _ in range(3))
    b, o = statistics.median(base), statistics.median(ours)
    ratios = sorted(o_ / b_ for b_, o_ in pairs)
    best = min(ours) / min(base)
    pages = sum(1 for p in yaml_files if p.suffix == ".md")
    print(f"[{label}] files: {len(yaml_files) - pages} YAML + {pages} pages' front matter, rounds: {rounds}")
    print(f"  baseline yaml.load(CSafeLoader), CPU: median {b * 1000:.1f} ms, best {min(base) * 1000:.1f} ms")
    print(
        f"  signaleer load_files (parse + validation + checks + index), CPU: median {o * 1000:.1f} ms, best {min(ours) * 1000:.1f} ms"
    )
    print(
        f"  ratio: best/best {best:.2f}x, median/median {o / b:.2f}x, per-round median {statistics.median(ratios):.2f}x (target <= 1.3x)"
    )
    print(f"  route of all 342 gemeenten: median {routes * 1000:.1f} ms")
    print(f"  'signaleer check' subprocess (wall clock, incl. interpreter start): median {check * 1000:.0f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=7)
    rounds = parser.parse_args().rounds
    measure("bundled", False, rounds)
    measure(f"+{MUNICIPALITIES} gemeente files", True, rounds)


if __name__ == "__main__":
    main()
