"""The bundled signal lists, risk factors and aftercare checklist: complete, sourced, bilingual, deliberate."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from signaleer.domain.base import LocalText
from signaleer.domain.signals import Checklist, RiskFactorList, Signal, SignalList

ROOT = Path(__file__).resolve().parents[2]
CHECKLISTS = ROOT / "checklists"
SIGNAL_FILES = sorted((CHECKLISTS / "signalen").glob("*.yaml"))
RISK_FILE = CHECKLISTS / "risicofactoren.yaml"
AFTERCARE_FILES = sorted((CHECKLISTS / "nazorg").glob("*.yaml"))
OWN_FILES = [*SIGNAL_FILES, RISK_FILE, *AFTERCARE_FILES]

VERSIONS = {("2026.1", dt.date(2026, 11, 29)), ("2026.2", dt.date(2026, 12, 1))}
"""2026.2: the files changed for issue 14 (wording fixes, new signals)."""

# Every signal id of the domain brief §2.1-§2.13 (133 ids), plus the ids added since: category -> (prefix, count).
# The ids are stable: stored cases refer to them, so none may disappear or move.
BRIEF_IDS: dict[str, tuple[str, int]] = {
    "uiterlijk_lichaam": ("UL", 13),
    "zelfbeeld_emotie": ("ZE", 12),
    "gedrag": ("GD", 16),
    "school_dagbesteding": ("SD", 7),
    "sociaal_relatie": ("SR", 11),
    "geld_bezit_telefoon": ("GB", 7),
    "seksueel": ("SX", 8),
    "online": ("ON", 12),  # ON11, ON12: issue 14's signal gaps (webcam/livestream, deepfake)
    "thuis_ouders": ("TH", 8),
    "criminele_uitbuiting": ("CU", 12),
    "arbeidsuitbuiting": ("AU", 13),
    "jongens": ("JO", 10),
    "daderschap_ronselen": ("DR", 6),
}
EXPECTED_IDS = {cat: [f"{prefix}{n:02d}" for n in range(1, count + 1)] for cat, (prefix, count) in BRIEF_IDS.items()}

# Signals that alone call for the acute path: forced sex, extortion or blackmail under threat,
# threats against the young person or family, abuse. Reviewed one by one; change only on purpose.
ACUTE_IDS = {"SX03", "ON03", "ON04", "ON10", "TH07", "AU13", "JO03", "JO10", "RV10"}

RISK_GROUPS = ["algemeen", "profielen_meisjes", "jongens", "criminele_uitbuiting", "context"]
RISK_FRAMING_SOURCES = {"NJI-SURP"}
"""Sources of the risk framing ('no blame') rather than of a single factor."""


def _read(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def signal_lists() -> list[SignalList]:
    return [SignalList.model_validate(_read(p)) for p in SIGNAL_FILES]


@pytest.fixture(scope="module")
def first_lists(signal_lists: list[SignalList]) -> list[SignalList]:
    return [lst for lst in signal_lists if lst.use == "signalering"]


@pytest.fixture(scope="module")
def revictimisation(signal_lists: list[SignalList]) -> SignalList:
    found = [lst for lst in signal_lists if lst.use == "revictimisatie"]
    assert len(found) == 1, "expected exactly one revictimisation list"
    return found[0]


@pytest.fixture(scope="module")
def risk() -> RiskFactorList:
    return RiskFactorList.model_validate(_read(RISK_FILE))


@pytest.fixture(scope="module")
def aftercare() -> list[Checklist]:
    return [Checklist.model_validate(_read(p)) for p in AFTERCARE_FILES]


def _all_signals(lists: list[SignalList]) -> list[Signal]:
    return [s for lst in lists for s in lst.signals]


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().rstrip(".").casefold()


def _texts(text: LocalText | None) -> list[str]:
    return [] if text is None else [text.nl, text.en or ""]


# --- files ----------------------------------------------------------------------------------


def test_all_owned_files_exist() -> None:
    assert len(SIGNAL_FILES) == 14, [p.name for p in SIGNAL_FILES]
    assert RISK_FILE.is_file()
    assert [p.name for p in AFTERCARE_FILES] == ["terugkeer.yaml"]


@pytest.mark.parametrize("path", OWN_FILES, ids=lambda p: p.relative_to(CHECKLISTS).as_posix())
def test_file_starts_with_schema_line_for_its_kind(path: Path) -> None:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    kind = _read(path)["kind"]
    depth = len(path.relative_to(ROOT).parts) - 1
    assert first == f"# yaml-language-server: $schema={'../' * depth}schemas/{kind}.schema.json"


@pytest.mark.parametrize("path", OWN_FILES, ids=lambda p: p.relative_to(CHECKLISTS).as_posix())
def test_file_version_date_and_sources(path: Path) -> None:
    data = _read(path)
    models: dict[str, type[SignalList | RiskFactorList | Checklist]] = {
        "signalen": SignalList,
        "risicofactoren": RiskFactorList,
        "nazorg": Checklist,
    }
    parsed = models[data["kind"]].model_validate(data)
    assert (parsed.versie, parsed.datum) in VERSIONS
    assert parsed.bronnen, "every file lists its sources"
    assert all(s.url.startswith(("http://", "https://")) for s in parsed.bronnen)


# --- signal lists ---------------------------------------------------------------------------


def test_every_brief_category_has_exactly_its_ids_in_order(first_lists: list[SignalList]) -> None:
    by_category = {lst.category: [s.id for s in lst.signals] for lst in first_lists}
    assert by_category == EXPECTED_IDS


def test_enough_signals_in_enough_categories(first_lists: list[SignalList]) -> None:
    signals = _all_signals(first_lists)
    assert len(signals) == 135  # ON11, ON12 added for issue 14's signal gaps
    assert len(signals) >= 120
    assert len({lst.category for lst in first_lists}) >= 12
    assert all(lst.signals for lst in first_lists)


def test_category_file_names_and_orders(signal_lists: list[SignalList]) -> None:
    names = {p.stem for p in SIGNAL_FILES}
    assert names == {lst.category for lst in signal_lists}
    orders = [lst.order for lst in signal_lists if lst.use == "signalering"]
    assert len(set(orders)) == len(orders), "each category has its own place in the wizard"


def test_every_signal_is_weighted_and_sourced_from_its_file(signal_lists: list[SignalList]) -> None:
    for lst in signal_lists:
        urls = {s.id: s.url for s in lst.bronnen}
        for signal in lst.signals:
            assert signal.weight in ("strong", "medium", "weak"), signal.id
            assert signal.sources, f"{signal.id} has no source"
            unknown = [k for k in signal.sources if k not in urls]
            assert not unknown, f"{lst.category}/{signal.id}: unknown source keys {unknown}"


def test_no_unused_sources_in_signal_files(signal_lists: list[SignalList]) -> None:
    for lst in signal_lists:
        cited = {k for s in lst.signals for k in s.sources}
        unused = {s.id for s in lst.bronnen} - cited
        assert not unused, f"{lst.category}: bronnen never cited: {sorted(unused)}"


def test_no_duplicate_ids_anywhere(signal_lists: list[SignalList], risk: RiskFactorList) -> None:
    ids = [s.id for s in _all_signals(signal_lists)] + [f.id for g in risk.groups for f in g.factors]
    duplicates = [i for i, n in Counter(ids).items() if n > 1]
    assert not duplicates


def test_risk_factor_ids_never_collide_with_signal_ids(signal_lists: list[SignalList], risk: RiskFactorList) -> None:
    signal_ids = {s.id for s in _all_signals(signal_lists)}
    risk_ids = {f.id for g in risk.groups for f in g.factors}
    assert not signal_ids & risk_ids
    assert not any(i.startswith("RF") for i in signal_ids)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_no_duplicate_signal_texts(signal_lists: list[SignalList], language: str) -> None:
    texts = [_norm(getattr(s, language) or "") for s in _all_signals(signal_lists)]
    duplicates = [t for t, n in Counter(texts).items() if n > 1]
    assert not duplicates


def test_english_wherever_there_is_dutch(signal_lists: list[SignalList]) -> None:
    for lst in signal_lists:
        for text in (lst.label, lst.framing, lst.prompt):
            if text is not None:
                assert text.en, f"{lst.category}: missing English for '{text.nl[:40]}'"
        for signal in lst.signals:
            assert signal.en, f"{signal.id} has no English text"
            assert signal.en != signal.nl, f"{signal.id}: English is a copy of the Dutch"


def test_framing_says_signals_are_no_proof(signal_lists: list[SignalList]) -> None:
    for lst in signal_lists:
        nl, en = _norm(lst.framing.nl), _norm(lst.framing.en or "")
        assert "geen bewijs" in nl and "not proof" in en, lst.category
        assert "andere oorzaak" in nl and "another cause" in en, lst.category
        assert "geen signalen" in nl and "no signals" in en, lst.category
        assert "combinaties" in nl and "combinations" in en, lst.category
        assert "verandering" in nl and "change" in en, lst.category


def test_boys_list_has_the_prompt(first_lists: list[SignalList]) -> None:
    boys = next(lst for lst in first_lists if lst.category == "jongens")
    assert boys.prompt is not None
    assert "seksuele uitbuiting gedacht" in boys.prompt.nl
    assert boys.prompt.en and "sexual exploitation" in boys.prompt.en
    assert all(s.applies_to == ["jongen"] for s in boys.signals)
    assert all(lst.prompt is None for lst in first_lists if lst.category != "jongens")


def test_recruiting_list_never_labels_anyone(first_lists: list[SignalList]) -> None:
    recruiting = next(lst for lst in first_lists if lst.category == "daderschap_ronselen")
    nl, en = _norm(recruiting.framing.nl), _norm(recruiting.framing.en or "")
    assert "slachtoffer" in nl and "victim" in en
    assert "nooit 'dader'" in nl and "never call" in en
    assert not any(s.acuut for s in recruiting.signals)


# --- weights and acute flags (these drive the suggestion at afweging 2) ------------------------


def test_acute_flags_are_exactly_the_reviewed_set(signal_lists: list[SignalList]) -> None:
    acute = {s.id for s in _all_signals(signal_lists) if s.acuut}
    assert acute == ACUTE_IDS


def test_acute_signals_are_strong(signal_lists: list[SignalList]) -> None:
    for signal in _all_signals(signal_lists):
        if signal.acuut:
            assert signal.weight == "strong", signal.id


def test_strong_signals_name_a_form(signal_lists: list[SignalList]) -> None:
    for signal in _all_signals(signal_lists):
        if signal.weight == "strong":
            assert signal.forms, f"{signal.id} is strong but names no form of exploitation"


def test_every_category_mixes_weights_sensibly(first_lists: list[SignalList]) -> None:
    signals = _all_signals(first_lists)
    weights = Counter(s.weight for s in signals)
    assert all(weights[w] >= 20 for w in ("strong", "medium", "weak")), weights
    assert weights["strong"] < weights["medium"] + weights["weak"], "strong is for signals that alone weigh heavily"


def _weights(signals: dict[str, Signal], ids: list[str]) -> set[str]:
    return {signals[i].weight for i in ids}


def test_weights_fit_the_brief_vignettes(signal_lists: list[SignalList]) -> None:
    signals = {s.id: s for s in _all_signals(signal_lists)}
    # Isa (8): grooming stopped in time -> no strong or acute signal (afweging 2 'nee').
    assert _weights(signals, ["ON01", "ON05"]) == {"weak"}
    assert not any(signals[i].acuut for i in ["ON01", "ON05"])
    # Daan (2): ongoing extortion under threat -> acute.
    assert any(signals[i].acuut for i in ["ON02", "ON03", "ON04", "JO10"])
    # Youssef (4), Mila (5), Eva (7), Jade (10): at least one strong signal each.
    for ids in (
        ["CU01", "CU03", "GB03", "CU09", "TH01"],
        ["SX02", "SX04", "GB01"],
        ["SX05", "GB01", "GD08"],
        ["DR01", "DR02", "GB01", "GD09", "ZE10"],
    ):
        assert "strong" in _weights(signals, ids), ids
    # Lotte (1) and Milan (9): a pattern of medium signals, none acute on its own.
    for ids in (
        ["SD04", "SD05", "GB01", "GB02", "UL09", "SD01", "GD01", "ZE08", "GD09", "TH03"],
        ["JO02", "JO04", "JO06", "JO01", "GD05"],
    ):
        assert not any(signals[i].acuut for i in ids)
        assert "medium" in _weights(signals, ids)


def test_boys_signals_weigh_like_the_comparable_general_signals(signal_lists: list[SignalList]) -> None:
    signals = {s.id: s for s in _all_signals(signal_lists)}
    for boy, general in (("JO04", "GB01"), ("JO05", "GD10"), ("JO06", "GD08"), ("JO07", "SR06"), ("JO09", "UL10")):
        assert signals[boy].weight == signals[general].weight, (boy, general)
    assert signals["JO10"].acuut == signals["ON03"].acuut


# --- revictimisation ---------------------------------------------------------------------------


def test_revictimisation_list(revictimisation: SignalList) -> None:
    assert revictimisation.category == "revictimisatie"
    ids = [s.id for s in revictimisation.signals]
    assert ids == [f"RV{n:02d}" for n in range(1, len(ids) + 1)]
    assert len(ids) >= 10
    joined = " ".join(_norm(s.nl) for s in revictimisation.signals)
    for topic in ("uitbuiter", "telefoon", "geld", "loopt weer weg", "school", "terug"):
        assert topic in joined, topic


# --- risk factors ------------------------------------------------------------------------------


def test_risk_factor_groups_ids_and_sources(risk: RiskFactorList) -> None:
    assert [g.id for g in risk.groups] == RISK_GROUPS
    ids = [f.id for g in risk.groups for f in g.factors]
    assert ids == [f"RF{n:02d}" for n in range(1, len(ids) + 1)]
    urls = {s.id for s in risk.bronnen}
    for group in risk.groups:
        assert group.label.en, group.id
        for factor in group.factors:
            assert factor.sources and set(factor.sources) <= urls, factor.id
            assert factor.en and factor.en != factor.nl, factor.id
    cited = {k for g in risk.groups for f in g.factors for k in f.sources}
    assert {s.id for s in risk.bronnen} == cited | RISK_FRAMING_SOURCES


def test_girls_profiles_are_the_four_known_ones(risk: RiskFactorList) -> None:
    girls = next(g for g in risk.groups if g.id == "profielen_meisjes")
    starts = [f.nl.split(":")[0] for f in girls.factors]
    assert starts == ["Faseproblematiek", "Zeer beïnvloedbaar", "Getraumatiseerd", "Multiprobleem"]


def test_risk_factor_texts_unique(risk: RiskFactorList) -> None:
    for language in ("nl", "en"):
        texts = [_norm(getattr(f, language) or "") for g in risk.groups for f in g.factors]
        assert len(set(texts)) == len(texts), language


def test_risk_framing_no_proof_no_blame(risk: RiskFactorList) -> None:
    nl, en = _norm(risk.framing.nl), _norm(risk.framing.en or "")
    assert "geen bewijs" in nl and "not proof" in en
    assert "nooit zelf schuld" in nl and "never to blame" in en


def test_risk_factors_leave_out_perpetrators(risk: RiskFactorList) -> None:
    text = " ".join(_norm(f.nl) for g in risk.groups for f in g.factors)
    for banned in ("dader", "etnisch", "afkomst", "migratieachtergrond", "nationaliteit"):
        assert banned not in text, banned


# --- aftercare ---------------------------------------------------------------------------------


def test_return_checklist(aftercare: list[Checklist]) -> None:
    (checklist,) = aftercare
    assert checklist.id == "terugkeer"
    assert checklist.title.en and checklist.intro.en
    item_ids = [i.id for i in checklist.items]
    assert len(set(item_ids)) == len(item_ids)
    for needed in (
        "contact_ouders_netwerk",
        "ouders_voorbereiden",
        "wijkagent",
        "veiligheidsplan",
        "veiligheidsplan_vermissing",
        "dagelijks_functioneren",
        "alert_revictimisatie",
    ):
        assert needed in item_ids, needed
    urls = {s.id for s in checklist.bronnen}
    for item in checklist.items:
        assert item.text.en and item.text.en != item.text.nl, item.id
        assert item.sources and set(item.sources) <= urls, item.id
    texts = [_norm(t) for i in checklist.items for t in _texts(i.text)]
    assert len(set(texts)) == len(texts)


# --- through the real loader ---------------------------------------------------------------------


def test_loader_accepts_these_files(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from signaleer.content.loader import load_content

    monkeypatch.setenv("SIGNALEER_HOME", str(tmp_path))
    monkeypatch.setenv("SIGNALEER_CONTENT", str(ROOT))
    result = load_content()
    own = {p.resolve() for p in OWN_FILES}
    mine = [str(e) for e in result.errors if Path(e.path).resolve() in own]
    assert not mine, "\n".join(mine)
    if result.content is None:
        pytest.skip("other content files have errors: " + "; ".join(str(e) for e in result.errors[:3]))
    content = result.content
    assert [lst.category for lst in content.lists_for("signalering")] == list(BRIEF_IDS)
    assert [lst.category for lst in content.lists_for("revictimisatie")] == ["revictimisatie"]
    assert content.has_signal("SX03") and content.signal("SX03").acuut
    assert content.category_of("JO10").category == "jongens"
    assert content.has_risk_factor("RF01") and not content.has_signal("RF01")
    assert "terugkeer" in content.checklists
