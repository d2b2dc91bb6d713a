"""`signaleer advies`: readable and JSON advice, Dutch help, clean errors for broken files."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from signaleer.cli import main
from signaleer.i18n import t

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["advies", *args])
    return result.exit_code, result.stdout, result.stderr


def test_help_is_dutch() -> None:
    code, out, _ = _run("--help")
    assert code == 0
    assert "oefencasus" in out and "--json" in out and "--datum" in out


def test_json_has_the_stable_fields() -> None:
    code, out, _ = _run(str(EXAMPLES / "01_lotte.yaml"), "--json")
    assert code == 0
    data = json.loads(out)
    assert data["fase"] == "stap5" and data["uitkomst"] == "melden" and data["acuut"] is False
    assert data["toestemming_comensha"] == "ouders_of_voogd"
    assert isinstance(data["volgende_stap"], str) and data["redenen"]
    first, second = data["contacten"][:2]
    assert (first["rol"], first["telefoon"]) == ("veilig_thuis", "0800-2000") and first["naam"]
    assert (second["rol"], second["telefoon"]) == ("veilig_thuis", "088-308 3636")


def test_every_example_gives_an_outcome() -> None:
    outcomes = {}
    for path in sorted(EXAMPLES.glob("*.yaml")):
        code, out, err = _run(str(path), "--json")
        assert code == 0, err
        outcomes[path.stem] = json.loads(out)["uitkomst"]
    assert outcomes["03_sanne"] == "afsluiten" and outcomes["08_isa"] == "hulp_bieden"
    assert all(v == "melden" for k, v in outcomes.items() if k not in ("03_sanne", "08_isa"))


def test_readable_text_and_date_option() -> None:
    code, out, _ = _run(str(EXAMPLES / "06_noor.yaml"))
    assert code == 0
    assert t("advice.cli.acute", lang="nl") in out and "0800-0188" in out
    assert t("advice.cli.next", lang="nl", action="") in out and t("advice.cli.you_decide", lang="nl") in out
    code, out, _ = _run(str(EXAMPLES / "08_isa.yaml"), "--json", "--datum", "2027-02-01")
    assert json.loads(out)["open_vraag"] == "resultaat"
    code, out, _ = _run(str(EXAMPLES / "08_isa.yaml"), "--taal", "en")
    assert code == 0 and t("advice.cli.next", lang="en", action="") in out
    code, out, _ = _run("--voorbeeld", "lotte", "--taal", "en")
    assert code == 0 and "Suggestion afweging 2: yes:" in out and "onveiligheid" not in out
    for dutch in (
        "Volgende stap",
        "Waarom",
        "Vastleggen",
        "Toelichting",
        " je ",
        " de ",
        " niet ",
        "geen spoed",
        " lijn ",
    ):
        assert dutch not in out, dutch  # contact names too: "Politie (geen spoed)" has an English name
    code, out, _ = _run("--voorbeeld", "lotte", "--json", "--taal", "en")
    assert json.loads(out)["codes"]["vast_te_leggen"] == ["record.report", "record.comensha_consent"]


def test_broken_file_gives_path_line_on_stderr_without_traceback(tmp_path: Path) -> None:
    broken = tmp_path / "kapot.yaml"
    broken.write_text("pseudoniem: A\nleeftijd: 15\nsignalen:\n  - id: ZZ99\n", encoding="utf-8")
    code, out, err = _run(str(broken))
    assert code == 1 and out == ""
    assert f"{broken}:4: onbekend signaal 'ZZ99'" in err
    assert "Traceback" not in err
    broken.write_text("pseudoniem: 'A\n", encoding="utf-8")
    code, _, err = _run(str(broken), "--json")
    assert code == 1 and f"{broken}:" in err and "Traceback" not in err


def test_missing_file_is_a_clean_error(tmp_path: Path) -> None:
    code, _, err = _run(str(tmp_path / "weg.yaml"))
    assert code != 0 and "Traceback" not in err


def test_a_date_as_people_write_it_and_the_english_aliases() -> None:
    iso = _run(str(EXAMPLES / "08_isa.yaml"), "--json", "--datum", "2027-02-01")
    dutch = _run(str(EXAMPLES / "08_isa.yaml"), "--json", "--datum", "01-02-2027")
    english = _run("--example", "isa", "--json", "--date", "01-02-2027")
    assert iso[0] == 0 and iso == dutch == english
