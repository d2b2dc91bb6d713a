"""Every gemeente with its regions (issue 14): lookup, checks on the table, the merge rule, provenance, speed path."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from pydantic import ValidationError

from signaleer.content.loader import collect_files, load_content_or_raise, load_files
from signaleer.content.yaml_io import load_yaml, parse_yaml
from signaleer.domain.base import LocalText
from signaleer.domain.content import Content
from signaleer.domain.route import Contact, merge

ROOT = Path(__file__).resolve().parents[2]

# A hold-out list over all twelve provinces, with the politie-eenheid expected from the province
# (written out independently of the data files).
HOLD_OUT = {
    "Groningen": "Noord-Nederland", "Het Hogeland": "Noord-Nederland", "Leeuwarden": "Noord-Nederland",
    "Súdwest-Fryslân": "Noord-Nederland", "Assen": "Noord-Nederland", "Emmen": "Noord-Nederland",
    "Zwolle": "Oost-Nederland", "Deventer": "Oost-Nederland", "Enschede": "Oost-Nederland",
    "Hengelo": "Oost-Nederland", "Arnhem": "Oost-Nederland", "Nijmegen": "Oost-Nederland",
    "Apeldoorn": "Oost-Nederland", "Ede": "Oost-Nederland", "Utrecht": "Midden-Nederland",
    "Amersfoort": "Midden-Nederland", "Vijfheerenlanden": "Midden-Nederland", "Almere": "Midden-Nederland",
    "Lelystad": "Midden-Nederland", "Hilversum": "Midden-Nederland", "Haarlem": "Noord-Holland",
    "Alkmaar": "Noord-Holland", "Dijk en Waard": "Noord-Holland", "Zaanstad": "Noord-Holland",
    "Purmerend": "Noord-Holland", "Den Helder": "Noord-Holland", "Amsterdam": "Amsterdam",
    "Amstelveen": "Amsterdam", "Den Haag": "Den Haag", "Delft": "Den Haag", "Leiden": "Den Haag",
    "Gouda": "Den Haag", "Rotterdam": "Rotterdam", "Schiedam": "Rotterdam", "Dordrecht": "Rotterdam",
    "Voorne aan Zee": "Rotterdam", "Middelburg": "Zeeland-West-Brabant", "Goes": "Zeeland-West-Brabant",
    "Breda": "Zeeland-West-Brabant", "Tilburg": "Zeeland-West-Brabant", "Bergen op Zoom": "Zeeland-West-Brabant",
    "Den Bosch": "Oost-Brabant", "'s-Hertogenbosch": "Oost-Brabant", "Eindhoven": "Oost-Brabant",
    "Helmond": "Oost-Brabant", "Land van Cuijk": "Oost-Brabant", "Maashorst": "Oost-Brabant",
    "Venlo": "Limburg", "Roermond": "Limburg", "Maastricht": "Limburg", "Heerlen": "Limburg",
}  # fmt: skip


@pytest.fixture(scope="module")
def content() -> Content:
    return load_content_or_raise()


def test_the_table_has_every_gemeente_once(content: Content) -> None:
    assert content.gemeenten is not None
    codes = list(content.gemeenten.gemeenten)
    assert len(codes) == 342 == len(set(codes))
    assert all(len(c) == 6 and c.startswith("GM") and c[2:].isdigit() for c in codes)


@pytest.mark.parametrize("name", sorted(HOLD_OUT))
def test_a_gemeente_by_name_and_by_code_gets_0800_2000_and_its_police_unit(content: Content, name: str) -> None:
    [found] = content.find_gemeente(name)
    for query in (name, found.cbs_code, found.cbs_code[2:], found.cbs_code.lower()):
        route = content.route(query)
        assert route.cbs_code == found.cbs_code, query
        assert route.by_role("veilig_thuis")[0].phone == "0800-2000", query
        assert route.politie_eenheid == f"Eenheid {HOLD_OUT[name]}", query


@pytest.mark.parametrize(
    ("query", "expected"),
    [("Den Haag", "'s-Gravenhage"), ("s-Gravenhage", "'s-Gravenhage"), ("den bosch", "'s-Hertogenbosch"),
     ("Sudwest Fryslan", "Súdwest-Fryslân"), ("Weesp", "Amsterdam"), ("Beemster", "Purmerend"),
     ("Heerhugowaard", "Dijk en Waard"), ("Brielle", "Voorne aan Zee"), ("Middelburg", "Middelburg (Z.)")],
)  # fmt: skip
def test_common_and_former_names_find_the_gemeente(content: Content, query: str, expected: str) -> None:
    assert [g.name for g in content.find_gemeente(query)] == [expected]


def test_an_ambiguous_name_is_not_guessed(content: Content) -> None:
    assert [g.name for g in content.find_gemeente("Bergen")] == ["Bergen (L.)", "Bergen (NH.)"]
    assert content.gemeente("Bergen") is None
    assert content.route("Bergen").gemeente is None  # national only, never one of the two at random


# ----------------------------------------------------------------------------- checks


def _copy(tmp_path: Path) -> Path:
    for folder in ("checklists", "meldroutes"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    return tmp_path


def _errors(root: Path) -> list[str]:
    return [str(e) for e in load_files(collect_files([root])).errors]


def test_check_rejects_a_duplicate_or_malformed_code(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    table = root / "meldroutes/regio/gemeenten.yaml"
    text = table.read_text(encoding="utf-8")
    table.write_text(text.replace('["GM0014", "Groningen"', '["GM0034", "Groningen"'), encoding="utf-8")
    errors = _errors(root)
    assert any("gemeenten.yaml" in e and "de CBS-code 'GM0034' bestaat al" in e for e in errors)
    table.write_text(text.replace('["GM0014",', '["GM14",'), encoding="utf-8")
    assert any("gemeenten.yaml" in e for e in _errors(root))


def test_check_rejects_a_gemeente_without_region_or_in_two_coordinator_areas(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    table = root / "meldroutes/regio/gemeenten.yaml"
    table.write_text(
        table.read_text(encoding="utf-8").replace('"Groningen", "VR01"', '"Groningen", "VR99"'), encoding="utf-8"
    )
    assert any("Groningen (GM0014): veiligheidsregio VR99" in e for e in _errors(root))
    root2 = _copy(tmp_path / "b")
    regios = root2 / "meldroutes/regio/regios.yaml"
    regios.write_text(
        regios.read_text(encoding="utf-8").replace("    regios: [VR05]\n", "    regios: [VR05, VR19]\n"),
        encoding="utf-8",
    )
    assert any("meer dan één zorgcoördinatie" in e and "Goes" in e for e in _errors(root2))


def test_check_rejects_a_gemeente_file_whose_code_is_not_in_the_table(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    leiden = root / "meldroutes/leiden.yaml"
    leiden.write_text(leiden.read_text(encoding="utf-8").replace('"GM0546"', '"GM9999"'), encoding="utf-8")
    assert any("leiden.yaml" in e and "GM9999 staat niet in de gemeentetabel" in e for e in _errors(root))


def test_gaps_are_warnings_not_errors() -> None:
    result = load_files(collect_files([ROOT]))
    assert result.ok
    gaps = [str(g) for g in result.gaps()]
    assert any("VR09 Utrecht: geen zorgcoördinator" in g for g in gaps)
    assert not any("VR05 Twente: geen zorgcoördinator" in g for g in gaps)


# ----------------------------------------------------------------------------- merge and provenance


def _contact(role: str, phone: str, urgency: str, **extra: object) -> Contact:
    return Contact.model_validate(
        {
            "role": role,
            "name": f"{role} {phone}",
            "phone": phone,
            "when_to_use": {"nl": "x"},
            "urgency": urgency,
            "bron": "https://example.org",
            "overgenomen_op": dt.date(2026, 1, 1),
            **extra,
        }
    )


def test_a_local_line_comes_beside_an_urgent_national_one_unless_the_file_says_why() -> None:
    national = [_contact("veilig_thuis", "0800-2000", "snel"), _contact("zorgcoordinator", "033-448 11 86", "advies")]
    local = _contact("veilig_thuis", "088-308 3636", "snel")
    assert [c.phone for c in merge(national, [local]) if c.role == "veilig_thuis"] == ["0800-2000", "088-308 3636"]
    why = _contact("veilig_thuis", "088-308 3636", "snel", vervangt_landelijk=LocalText(nl="Afgesproken met VT"))
    assert [c.phone for c in merge(national, [why]) if c.role == "veilig_thuis"] == ["088-308 3636"]
    regional = _contact("zorgcoordinator", "070-000 0000", "advies")
    assert [c.phone for c in merge(national, [regional]) if c.role == "zorgcoordinator"] == ["070-000 0000"]


def test_a_contact_needs_a_copy_or_check_date_and_unchecked_counts_as_stale(content: Content) -> None:
    with pytest.raises(ValidationError) as refused:
        Contact.model_validate({"role": "x", "name": "xx", "when_to_use": {"nl": "x"}, "bron": "https://e.org"})
    assert [e["ctx"]["code"] for e in refused.value.errors()] == ["contact_needs_a_date"]  # worded by the catalogue
    route = content.route("Leiden")
    today = dt.date(2026, 12, 1)
    assert route.stale(today, 12) == list(route.contacts) == route.unchecked()
    checked = _contact("politie", "0900-8844", "snel", gecontroleerd_op=dt.date(2026, 11, 1))
    assert checked.checked and checked.age_months(today) == 1


# ----------------------------------------------------------------------------- fast parse


def test_the_fast_parse_computes_positions_only_when_asked(tmp_path: Path) -> None:
    doc = load_yaml(ROOT / "meldroutes/leiden.yaml")

    def text_kept() -> bool:  # a call, so mypy does not carry the narrowing of ``doc.text`` over the next lines
        return doc.text is not None

    assert text_kept() and not doc._containers  # no marks yet
    line = (ROOT / "meldroutes/leiden.yaml").read_text(encoding="utf-8").splitlines().index('gemeente: "Leiden"') + 1
    assert doc.position_of(("gemeente",)) == (line, 1)
    assert not text_kept() and doc._containers


def test_the_fast_parse_still_reports_duplicate_and_non_text_keys(tmp_path: Path) -> None:
    duplicate = parse_yaml("a: 1\nb: 2\na: 3\n", tmp_path / "x.yaml")
    assert any("staat dubbel" in e.message and e.line == 3 for e in duplicate.errors)
    bad_date = parse_yaml("d: 2026-13-01\n", tmp_path / "z.yaml")
    assert bad_date.data == {"d": "2026-13-01"}


def test_a_key_yaml_reads_as_yes_no_is_still_pointed_at_after_the_fast_parse(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    leiden = root / "meldroutes/leiden.yaml"
    leiden.write_text(
        leiden.read_text(encoding="utf-8").replace("samenwerking:\n", "samenwerking:\n  no: 1\n"), encoding="utf-8"
    )
    errors = _errors(root)
    assert any("leiden.yaml" in e and "'no' wordt gelezen als ja/nee-waarde" in e for e in errors), errors


def test_a_training_case_may_name_any_gemeente_not_only_one_with_a_file(content: Content, tmp_path: Path) -> None:
    from signaleer.content.casefile import read_case_file

    text = (ROOT / "examples/01_lotte.yaml").read_text(encoding="utf-8")
    path = tmp_path / "utrecht.yaml"
    path.write_text(text.replace("gemeente: leiden", "gemeente: Utrecht"), encoding="utf-8")
    case = read_case_file(path, content).case
    assert content.route(case.gemeente).politie_eenheid == "Eenheid Midden-Nederland"


def test_a_decision_names_the_versions_of_the_region_files(content: Content) -> None:
    from signaleer.domain.case import Case
    from signaleer.domain.snapshot import versions_used

    case = Case(pseudonym="X", age=14, gender="meisje", gemeente="Utrecht", sector="wijkteam")
    paths = {v.path for v in versions_used(case, content)}
    assert {"meldroutes/regio/gemeenten.yaml", "meldroutes/regio/regios.yaml", "meldroutes/_landelijk.yaml"} <= paths
