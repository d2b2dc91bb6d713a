"""The domain corrections of issue 14 in the bundled content (wording, parties, new signals, seed themes)."""

from __future__ import annotations

from pathlib import Path

import pytest

from signaleer.content.loader import load_content_or_raise
from signaleer.domain.content import Content

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def content() -> Content:
    return load_content_or_raise()


def test_wording_fixes(content: Content) -> None:
    au12 = content.signal("AU12").text("nl")
    assert "weet zelf niet waar" in au12 and "waar de jongere is" not in au12
    assert "oriëntatie" in content.signal("JO03").text("nl") and "voorkeur" not in content.signal("JO03").text("nl")
    rf05 = content.risk_factor("RF05")
    assert "geen risico" in rf05.nl and "nooit" in rf05.nl and rf05.en and "never" in rf05.en
    ul01 = content.signal("UL01")
    assert "sexy" not in ul01.text("nl").lower() and "schuld" in ul01.text("nl")


def test_nidos_replaces_jeugdzorg_nederland_and_offlimits_is_named(content: Content) -> None:
    roles = {c.role: c for c in content.national_route.contacts}
    assert "jeugdzorg_nederland" not in roles
    assert "Nidos" in roles["nidos"].name and "wegwijzermensenhandel.nl" in roles["nidos"].bron
    assert "Offlimits" in roles["helpwanted"].name and "Expertisebureau" not in roles["helpwanted"].name
    meldpunt = roles["meldpunt_uitbuiting_minderjarigen"]
    assert "Terre des Hommes" in meldpunt.name and meldpunt.phone is None and meldpunt.note is not None
    for kader in content.kaders.values():
        for outcome in kader.outcomes:
            assert "jeugdzorg_nederland" not in outcome.contact_roles
            assert not any("Jeugdzorg Nederland coördineert" in a.nl for a in outcome.actions)


def test_knowledge_pages_no_longer_contradict_the_route(content: Content) -> None:
    pages = {(p.id, p.language): p.body for p in content.pages}
    assert "Jeugdzorg Nederland regelt" not in pages[("comensha_registratie", "nl")]
    assert "Nidos" in pages[("comensha_registratie", "nl")] and "Nidos" in pages[("comensha_registratie", "en")]
    assert "Er is er een per regio" not in pages[("partijen", "nl")]
    assert "alleen daar" in pages[("partijen", "nl")]


def test_new_signals_have_new_ids_and_sources(content: Content) -> None:
    for signal_id in ("ON11", "ON12"):
        signal = content.signal(signal_id)
        assert signal.sources and signal.weight == "strong" and "online" in signal.forms
        lst = content.category_of(signal_id)
        urls = {b.id: b.url for b in lst.bronnen}
        assert all(urls[s].startswith("https://") for s in signal.sources)


def test_prevention_at_vindplekken_has_a_page_in_both_languages_and_a_checklist(content: Content) -> None:
    languages = {p.language for p in content.pages if p.id == "preventie_vindplekken"}
    assert languages == {"nl", "en"}
    checklist = content.checklists["vindplekken"]
    assert checklist.items and all(item.sources and item.text.en for item in checklist.items)
    assert any("wijkagent" in item.text.nl for item in checklist.items)


def test_the_bundled_gemeente_files_carry_an_empty_samenwerking_section(content: Content) -> None:
    for key, route in content.municipalities.items():
        assert route.samenwerking is not None, key
        assert route.samenwerking.wijkagenten == [] and route.samenwerking.note is not None, key
    assert content.route("Leiden").samenwerking is not None
