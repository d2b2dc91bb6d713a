#!/usr/bin/env python3
"""Content loading: full load + validation vs. only parsing the same YAML with PyYAML's C loader.

Generates 342 municipality files (one per Dutch municipality, roughly) next to the bundled content in a
temporary folder, then times, in the same process, (a) the baseline — yaml.load with CSafeLoader over
every YAML file — and (b) signaleer's load_files (one parse with positions, pydantic validation, all
cross-file checks). Prints the ratio (target ≤ 2×). Usage: python3 bench/bench_content.py [--rounds N]
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
veilig_thuis_regio: "Regio {region}"
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
    gecontroleerd_op: 2026-11-01
  - role: wijkagent
    name: "Wijkagent {n}"
    phone: "0900-8844"
    when_to_use: {{nl: "Afspraken over veiligheid en terugkeer."}}
    urgency: snel
    bron: "https://example.org/bron/{n}"
    gecontroleerd_op: 2026-11-01
  - role: zorgcoordinator
    name: "Zorgcoördinator mensenhandel regio {region}"
    when_to_use: {{nl: "Advies over route en opvang."}}
    note: {{nl: "Telefoonnummer lokaal invullen."}}
    urgency: advies
    bron: "https://example.org/bron/{n}"
    gecontroleerd_op: 2026-11-01
"""


def build_tree(target: Path) -> None:
    source = bundled_content_root()
    for folder in ("checklists", "meldroutes", "schemas"):
        if (source / folder).is_dir():
            shutil.copytree(source / folder, target / folder)
    for n in range(MUNICIPALITIES):
        text = TEMPLATE.format(n=n, code=f"{5000 + n:04d}", region=n % 25, area=10 + n % 80)
        (target / "meldroutes" / f"bench_{n:03d}.yaml").write_text(text, encoding="utf-8")


def baseline(paths: list[Path]) -> float:
    started = time.perf_counter()
    for path in paths:
        with path.open(encoding="utf-8") as handle:
            yaml.load(handle, Loader=yaml.CSafeLoader)
    return time.perf_counter() - started


def signaleer_load(root: Path) -> float:
    started = time.perf_counter()
    result = load_files(collect_files([root]))
    elapsed = time.perf_counter() - started
    if result.errors:
        raise SystemExit("bench content is invalid:\n" + "\n".join(map(str, result.errors[:10])))
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=7)
    rounds = parser.parse_args().rounds
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        build_tree(root)
        yaml_files = sorted(p for p in root.rglob("*.y*ml") if "schemas" not in p.parts)
        baseline(yaml_files), signaleer_load(root)  # warm caches and imports
        base = [baseline(yaml_files) for _ in range(rounds)]
        ours = [signaleer_load(root) for _ in range(rounds)]
    b, o = statistics.median(base), statistics.median(ours)
    print(f"files: {len(yaml_files)} YAML ({MUNICIPALITIES} generated municipalities), rounds: {rounds}")
    print(f"baseline yaml.load(CSafeLoader): median {b * 1000:.1f} ms")
    print(f"signaleer load_files (parse + positions + validation + cross-checks): median {o * 1000:.1f} ms")
    print(f"ratio: {o / b:.2f}x (target <= 2.0x)")


if __name__ == "__main__":
    main()
