"""The timeline as codes: new entries are stored as code + parameters and worded in the language shown;
cases written before (entries as Dutch sentences) still open, show their old text and migrate when saved."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from test_vault_support import VaultTemplate, copy_vault, summary_of, vault_template

from signaleer.advice_text import event_text
from signaleer.content.loader import load_content_or_raise
from signaleer.domain import changes as ch
from signaleer.domain.case import CASE_FORMAT_VERSION, Case, ComenshaRegistration, Decision, FollowUp, summary_json
from signaleer.domain.content import Content
from signaleer.vault import _age, envelope
from signaleer.vault.store import CaseStore

TODAY = dt.date(2026, 11, 20)


@pytest.fixture(scope="module")
def content() -> Content:
    return load_content_or_raise()


@pytest.fixture
def store(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> tuple[CaseStore, VaultTemplate]:
    template = vault_template(tmp_path_factory)
    return CaseStore(copy_vault(template, tmp_path / "kluis"), template.identity), template


def _full_case(content: Content) -> Case:
    """A case with one entry of most kinds, written by today's change functions."""
    case = ch.new_case("Tijdlijn", 15, "meisje", "leiden", "wijkteam")
    ch.set_acute(case, "direct_gevaar", False)
    ch.add_signal(case, content_signal(content))
    ch.set_afweging(case, "vermoeden", True, "reden", suggested=False, today=TODAY)
    ch.set_afweging(case, "vermoeden", False, "toch niet", today=TODAY)
    ch.skip_step(case, content.step_plan.steps[2].id, "niet nodig")
    ch.record_decision(case, Decision(outcome_id="melden", date=TODAY, melding_date=TODAY))
    ch.set_comensha(
        case,
        ComenshaRegistration(
            consent_status="gegeven",
            signer="ouders_of_voogd",
            consent_date=TODAY,
            route="veilig_thuis",
            registered_on=TODAY,
        ),
    )
    ch.add_followup(case, FollowUp(with_whom="zorgcoordinator", due=TODAY))
    ch.set_nazorg_point(case, aftercare_item(content), True)
    ch.set_exploiter_relation(case, "ex_partner")
    ch.close_case(case, "klaar")
    return case


def content_signal(content: Content) -> Any:
    from signaleer.domain.case import ObservedSignal

    return ObservedSignal(signal_id=content.signal_lists[0].signals[0].id)


def aftercare_item(content: Content) -> str:
    return content.checklists["terugkeer"].items[0].id


def test_new_entries_are_codes_and_nothing_stored_is_a_sentence(content: Content) -> None:
    case = _full_case(content)
    stored = json.dumps([e.model_dump(mode="json") for e in case.timeline], ensure_ascii=False)
    assert all(e.code and e.summary == "" for e in case.timeline)
    for event in case.timeline:
        for lang in ("nl", "en"):
            shown = event_text(event, case, content, lang)
            assert shown and not shown.startswith("timeline.") and "{" not in shown, (event.code, shown)
            assert shown not in stored, shown
    for word in ("Casus", "gesloten", "Besluit", "toestemming", "Vervolgcontact", "Nazorgpunt"):
        assert word not in stored  # no Dutch sentence, no label: ids, answers and dates only


def test_a_new_entry_reads_in_the_language_shown_with_labels_not_ids(content: Content) -> None:
    case = _full_case(content)
    by_code = {e.code: e for e in case.timeline}
    item = content.checklists["terugkeer"].items[0]
    acute = next(f for _, f in content.step_plan.fields_of_type("acute_question") if f.id == "direct_gevaar")

    def both(code: str) -> tuple[str, str]:
        event = by_code[code]
        return event_text(event, case, content, "nl"), event_text(event, case, content, "en")

    nl, en = both("acute")
    assert nl == f"Acute check '{acute.label.nl}': nee." and "direct_gevaar" not in nl
    assert en == f"Acute check '{acute.label.get('en')}': no."
    nl, en = both("nazorg_done")
    assert nl == f"Nazorgpunt '{item.text.nl}' afgevinkt." and en == f"Aftercare point '{item.text.get('en')}' ticked."
    nl, en = both("comensha_registered")
    assert nl == f"CoMensha, toestemming: Gegeven. Geregistreerd op {TODAY.isoformat()} via Veilig Thuis."
    assert en == f"CoMensha, consent: Given. Registered on {TODAY.isoformat()} via Veilig Thuis."
    nl, en = both("afweging_changed")
    assert nl.startswith("Afweging 1 – ") and nl.endswith("nee. Eerder: ja.") and en.endswith("no. Before: yes.")
    nl, en = both("followup_planned")
    assert "de zorgcoördinator" in nl and "the care coordinator" in en and "zorgcoordinator" not in nl + en
    nl, en = both("relation")
    assert nl.endswith("ex-partner.") and "ex_partner" not in nl + en
    assert both("closed") == ("Casus gesloten.", "Case closed.")


def _as_format_1(case: Case, content: Content) -> dict[str, Any]:
    """The case as signaleer wrote it before case format 2: each entry a Dutch sentence, no code."""
    item = aftercare_item(content)
    old = {
        "created": "Casus aangemaakt.",
        "acute": "Acute check 'direct_gevaar': nee.",
        "nazorg_done": f"Nazorgpunt '{item}' afgevinkt.",
        "comensha_registered": f"CoMensha: toestemming gegeven. Geregistreerd op {TODAY.isoformat()} via veilig_thuis.",
        "closed": "Casus gesloten.",
    }
    data = case.model_dump(mode="json")
    data["format_version"] = 1
    data["timeline"] = [
        {"at": e["at"], "kind": e["kind"], "summary": old[e["code"]], "reason": e["reason"]}
        for e in data["timeline"]
        if e["code"] in old
    ]
    return data


def test_a_case_from_before_opens_shows_its_old_text_and_migrates_on_save(
    content: Content, store: tuple[CaseStore, VaultTemplate]
) -> None:
    vault, template = store
    case = _full_case(content)
    plaintext = json.dumps(
        {
            "format": envelope.FORMAT,
            "format_version": envelope.FORMAT_VERSION,
            "summary": summary_json(summary_of(case)),
            "case": _as_format_1(case, content),
        }
    ).encode()
    (vault.folder / f"{case.id}.age").write_bytes(_age.encrypt(plaintext, [template.identity.recipient]))

    opened = vault.open(case.id)

    assert opened.format_version == CASE_FORMAT_VERSION == 2
    assert [e.code for e in opened.timeline] == [None] * 5
    shown = [event_text(e, opened, content, "nl") for e in opened.timeline]
    item = content.checklists["terugkeer"].items[0]
    assert shown[0] == "Casus aangemaakt." and shown[-1] == "Casus gesloten."
    assert f"Nazorgpunt '{item.text.nl}' afgevinkt." in shown  # the old text, its id shown as a label
    assert not any("direct_gevaar" in s or "veilig_thuis" in s for s in shown)

    ch.reopen_case(opened, "nieuw signaal")
    vault.save(opened, summary_of(opened))
    again = vault.open(case.id)
    assert [e.summary for e in again.timeline[:5]] == [e.summary for e in opened.timeline[:5]]  # old text kept
    assert again.timeline[-1].code == "reopened" and again.timeline[-1].summary == ""
    assert event_text(again.timeline[-1], again, content, "en") == "Case reopened."
