"""``signaleer tellingen``: counts exported from real vaults, combined from many files, and bad files refused."""

from __future__ import annotations

import datetime as dt
import json
import os
import random
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_vault_support import PASSPHRASE, copy_vault, vault_template

from signaleer.advice_text import summarize
from signaleer.cli import main
from signaleer.content.loader import load_content_or_raise
from signaleer.content.schema import schemas
from signaleer.domain import changes as ch
from signaleer.domain.case import ObservedSignal
from signaleer.domain.content import Content
from signaleer.domain.stats import FORMS
from signaleer.domain.tally import AGES, COMENSHA, SCHEMA_VERSION, TOTAL
from signaleer.vault.store import CaseStore

REPO = Path(__file__).resolve().parents[2]
CANARY = "Kanarie-7f3a Schilderswijk"
SEXUAL = "SX01"


@pytest.fixture(scope="module")
def content() -> Content:
    return load_content_or_raise()


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["tellingen", *args])
    return result.exit_code, result.stdout, result.stderr


def _passfile(tmp_path: Path) -> Path:
    path = tmp_path / "pw"
    path.write_text(PASSPHRASE + "\n")
    path.chmod(0o600)
    return path


def test_three_vaults_export_and_combine_to_the_right_totals(
    tmp_path_factory: pytest.TempPathFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content: Content
) -> None:
    template = vault_template(tmp_path_factory)
    monkeypatch.delenv("SIGNALEER_PASSPHRASE_FILE", raising=False)
    passfile = _passfile(tmp_path)
    laptops: dict[str, list[tuple[str, int | None]]] = {
        "een": [("Den Haag", 14), ("Den Haag", 15), ("Leiden", 17)],
        "twee": [("Den Haag", 13), ("Leiden", 16), ("Leiden", 16), ("Leiden", 19)],
        "drie": [("Den Haag", 12), ("Den Haag", 14), ("onbekend-dorp", None)],
    }
    exported = []
    for laptop, cases in laptops.items():
        home = tmp_path / laptop
        monkeypatch.setenv("SIGNALEER_HOME", str(home))
        store = CaseStore(copy_vault(template, home / "data" / "kluis"), template.identity)
        for index, (gemeente, age) in enumerate(cases):
            case = ch.new_case(f"{CANARY}-{laptop}-{index}", age, "meisje", gemeente, "wijkteam")
            ch.add_signal(case, ObservedSignal(signal_id=SEXUAL, observation=f"{CANARY} zag het zelf"))
            store.save(case, summarize(case, content))
        today = dt.date.today().strftime("%d-%m-%Y")
        code, out, err = _run(
            "exporteer", "--van", "01-01-2000", "--tot", today, "--uitvoer", str(tmp_path), "--wachtwoordbestand",
            str(passfile),
        )  # fmt: skip
        assert code == 0, err
        written = [p for p in tmp_path.glob("telling-*.json") if p not in exported]
        assert len(written) == 1
        exported += written
        text = written[0].read_text()
        assert CANARY not in text and "Kanarie" not in text and "zag het zelf" not in text
        assert oct(written[0].stat().st_mode & 0o777) == "0o600"
    code, out, err = _run("combineer", *map(str, exported), "--formaat", "json", "--drempel", "2")
    assert code == 0, err
    result = json.loads(out)
    assert result["bestanden"] == 3
    leeftijd = result["tabellen"]["leeftijd"]
    den_haag, leiden = "GM0518", "GM0546"
    assert leeftijd[TOTAL][TOTAL] == 10
    assert leeftijd[den_haag][TOTAL] == 5 and leiden in leeftijd
    assert leeftijd[den_haag]["12_15"] == 5 and leeftijd[leiden]["16_17"] == 3
    assert leeftijd[TOTAL]["12_15"] == 5
    assert result["tabellen"]["vorm"][TOTAL]["seksueel"] == 10  # SX01 is a sign of sexual exploitation only
    assert CANARY not in out and "Kanarie" not in out
    readable = _run("combineer", *map(str, exported), "--drempel", "2")[1]
    assert "'s-Gravenhage" in readable and "Leiden" in readable and "afgeschermd" in readable  # CBS names
    assert CANARY not in readable


def _generated_file(folder: Path, index: int, rng: random.Random) -> tuple[Path, dict[str, dict[str, dict[str, int]]]]:
    gemeenten = rng.sample(["GM0518", "GM0546", "GM0599", "GM0363", "GM0344", "onbekend"], rng.randint(1, 3))
    data: dict[str, dict[str, object]] = {}
    for gemeente in gemeenten:
        n = rng.randint(0, 12)
        split = {dimension: dict.fromkeys(cats, 0) for dimension, cats in (("leeftijd", AGES), ("comensha", COMENSHA))}
        outcome = {"melden": 0, "hulp_bieden": 0, "nog_geen_uitkomst": 0}
        for _ in range(n):
            split["leeftijd"][rng.choice(AGES)] += 1
            split["comensha"][rng.choice(COMENSHA)] += 1
            outcome[rng.choice(list(outcome))] += 1
        data[gemeente] = {
            "totaal": n,
            "vorm": {form: rng.randint(0, n) for form in FORMS},
            "leeftijd": split["leeftijd"],
            "uitkomst": outcome,
            "comensha": split["comensha"],
        }
    document = {
        "soort": "signaleer-telling",
        "schemaversie": SCHEMA_VERSION,
        "export_id": f"{index:032x}",
        "periode": {"van": "2026-01-01", "tot": "2026-06-30"},
        "inhoudsversie": "0123456789abcdef",
        "gemeenten": data,
    }
    path = folder / f"laptop-{index:02d}.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path, data  # type: ignore[return-value]


def test_fifty_laptop_files_combine_to_the_sums_with_small_counts_hidden(tmp_path: Path) -> None:
    rng = random.Random(20261201)
    files = [_generated_file(tmp_path, index, rng) for index in range(50)]
    code, out, err = _run("combineer", *(str(path) for path, _ in files), "--formaat", "json")
    assert code == 0, err
    tables = json.loads(out)["tabellen"]
    for dimension, table in tables.items():
        for row, cells in table.items():
            for column, shown in cells.items():
                rows = [row] if row != TOTAL else None
                truth = 0
                for _, data in files:
                    for gemeente, counts in data.items():
                        if rows is not None and gemeente not in rows:
                            continue
                        cell = counts["totaal"] if column == TOTAL else counts[dimension].get(column, 0)
                        truth += cell  # type: ignore[operator]
                if shown is not None:
                    assert shown == truth, (dimension, row, column)
                    assert shown == 0 or shown >= 5
                else:
                    assert truth >= 0
    grand = sum(counts["totaal"] for _, data in files for counts in data.values())  # type: ignore[misc]
    assert tables["leeftijd"][TOTAL][TOTAL] == grand
    assert {n for t in tables.values() for cells in t.values() for n in cells.values()} & {1, 2, 3, 4} == set()


def _valid(tmp_path: Path, name: str = "a.json", export_id: str = "a" * 32) -> Path:
    path, _ = _generated_file(tmp_path, 0, random.Random(1))
    document = json.loads(path.read_text())
    document["export_id"] = export_id
    target = tmp_path / name
    target.write_text(json.dumps(document, indent=2))
    return target


def test_bad_files_are_refused_with_one_line_and_no_content(tmp_path: Path) -> None:
    good = _valid(tmp_path)
    cases: list[tuple[list[str], str]] = []
    cases.append(([str(good), str(good)], "dezelfde export"))
    broken = tmp_path / "kapot.json"
    broken.write_text(good.read_text()[:-20])
    cases.append(([str(broken)], f"{broken}: regel"))
    smuggled = tmp_path / "smokkel.json"
    document = json.loads(good.read_text())
    document["notitie"] = CANARY
    smuggled.write_text(json.dumps(document))
    cases.append(([str(smuggled)], "hoort niet in een tellingbestand"))
    named = tmp_path / "naam.json"
    document = json.loads(good.read_text())
    document["gemeenten"] = {CANARY: next(iter(document["gemeenten"].values()))}
    named.write_text(json.dumps(document))
    cases.append(([str(named)], str(named)))
    for dimension in ("uitkomst", "leeftijd"):
        sneaky = tmp_path / f"sluip-{dimension}.json"
        document = json.loads(good.read_text())
        counts = next(iter(document["gemeenten"].values()))
        moved = sum(counts[dimension].values())
        counts[dimension] = {"lotte_15_schilderswijk": moved}
        counts["vorm"] = {"lotte_15": -1}
        sneaky.write_text(json.dumps(document))
        cases.append(([str(sneaky)], str(sneaky)))
    newer = tmp_path / "nieuwer.json"
    document = json.loads(good.read_text())
    document["schemaversie"] = SCHEMA_VERSION + 1
    document["export_id"] = "b" * 32
    newer.write_text(json.dumps(document))
    cases.append(([str(good), str(newer)], "schemaversie"))
    backwards = tmp_path / "achterstevoren.json"
    document = json.loads(good.read_text())
    document["periode"] = {"van": "2026-06-30", "tot": "2026-01-01"}
    backwards.write_text(json.dumps(document))
    cases.append(([str(backwards)], "de eerste dag van de periode ligt na de laatste"))
    fifo = tmp_path / "fifo.json"
    os.mkfifo(fifo)
    cases.append(([str(fifo)], "fifo.json"))
    cases.append(([str(tmp_path / "weg.json")], "bestaat niet"))
    for args, expected in cases:
        code, out, err = _run("combineer", *args)
        assert code == 2, (args, err)
        assert out == "" and "Traceback" not in err
        assert expected in err, (expected, err)
        assert CANARY not in err and "Kanarie" not in err and "lotte" not in err


def test_the_count_file_has_a_json_schema_in_the_repository() -> None:
    assert (REPO / "schemas" / "telling.schema.json").read_text(encoding="utf-8") == schemas()["telling.schema.json"]


def test_help_explains_both_steps_in_dutch() -> None:
    code, out, _ = _run("--help")
    assert code == 0 and "exporteer" in out and "combineer" in out and "afgeschermd" in out
