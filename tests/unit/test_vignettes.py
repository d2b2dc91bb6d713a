"""The ten vignettes of domain.md §8 as executable tests, on the bundled content and examples/."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from signaleer.advice_text import all_of, as_json, paragraph
from signaleer.content.casefile import read_case_file
from signaleer.content.loader import load_content_or_raise
from signaleer.domain import changes as ch
from signaleer.domain.advice import Advice, next_step
from signaleer.domain.case import Case, Decision
from signaleer.domain.content import Content
from signaleer.domain.message import Items, Msg, codes

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture(scope="module")
def content() -> Content:
    return load_content_or_raise()


def _load(name: str, content: Content) -> tuple[Case, dt.date | None]:
    training = read_case_file(EXAMPLES / name, content)
    return training.case, training.today


def _advise(name: str, content: Content) -> Advice:
    case, today = _load(name, content)
    return next_step(case, content, today)


def _phones(advice: Advice) -> dict[str, str | None]:
    return {c.role: c.phone for c in advice.contacts}


def _roles(advice: Advice) -> list[str]:
    return [c.role for c in advice.contacts]


def test_there_is_one_example_per_vignette() -> None:
    assert len(sorted(EXAMPLES.glob("[01][0-9]_*.yaml"))) == 10


def test_1_lotte_melden_with_leiden_professionals_line(content: Content) -> None:
    advice = _advise("01_lotte.yaml", content)
    assert (advice.outcome, advice.norm, advice.acute) == ("melden", 1, False)
    # Issue 14 #1 changed this expectation: 0800-2000 (24/7) first, the professionals' line beside it.
    assert [(c.role, c.phone) for c in advice.contacts[:2]] == [
        ("veilig_thuis", "0800-2000"),
        ("veilig_thuis", "088-308 3636"),
    ]
    assert {"politie", "zorgcoordinator", "comensha"} <= set(_roles(advice))
    assert advice.consent.signer == "ouders_of_voogd"
    assert advice.suggestions["onveiligheid"].answer is True  # a combination of signals in a minor
    reasons = advice.suggestions["onveiligheid"].reasons
    combination = next(m for m in reasons if isinstance(m, Msg) and m.code == "suggest.combination")
    assert isinstance(combination["ids"], Items)
    assert "SD04" in combination["ids"].values


@pytest.mark.parametrize("expert_reading", ["melden", "hulp"])
def test_2_daan_acute_and_a_judgement_call(content: Content, expert_reading: str) -> None:
    case, today = _load("02_daan.yaml", content)
    advice = next_step(case, content, today)
    assert advice.acute and advice.phase == "acuut"
    assert advice.suggestions["onveiligheid"].answer is True
    assert {"politie", "helpwanted"} <= set(_roles(advice))
    assert "note.online_extortion" in codes(advice.notes)
    assert any("niet te betalen" in n for n in all_of(advice.notes, "nl"))
    if expert_reading == "hulp":
        ch.set_afweging(case, "onveiligheid", False, "Ouders beschermen hem; politie pakt de afpersing op", today=today)
        ch.set_afweging(case, "zelf_hulp", True, "Wijkcoach organiseert hulp", today=today)
        ch.set_afweging(case, "hulp_aanvaard", True, "Daan en ouders werken mee", today=today)
        ch.record_acute_action(case, "Politie gebeld met Daan en moeder")
        advice = next_step(case, content, today)
        assert advice.outcome == "hulp_bieden" and advice.norm is None
        assert "warning.differs_from_suggestion" in codes(advice.warnings)  # shown, not overruled
    else:
        assert (advice.outcome, advice.norm) == ("melden", 1)
    assert advice.consent.signer == "ouders_of_voogd"


def test_3_sanne_no_false_positive(content: Content) -> None:
    advice = _advise("03_sanne.yaml", content)
    assert (advice.outcome, advice.phase, advice.acute) == ("afsluiten", "gesloten", False)
    assert advice.suggestions == {}
    assert "comensha" not in _roles(advice)
    assert not any("comensha" in c for c in codes(advice.to_record))


def test_4_youssef_criminal_exploitation_own_consent(content: Content) -> None:
    advice = _advise("04_youssef.yaml", content)
    assert (advice.outcome, advice.norm) == ("melden", 1)
    assert _roles(advice)[:2] == ["veilig_thuis", "politie"]
    assert advice.consent.signer == "jongere"
    assert "note.criminal_victim" in codes(advice.notes)


@pytest.mark.parametrize("relation", ["partner", "anders"])
def test_5_mila_adult_branch_and_refused_consent(content: Content, relation: str) -> None:
    case, today = _load("05_mila.yaml", content)
    case.exploiter_relation = relation  # type: ignore[assignment]
    advice = next_step(case, content, today)
    notes = codes(advice.notes)
    assert notes[0] == "note.adult_branch" and "note.adult_consent" in notes
    assert ("note.adult_household" in notes) == (relation == "partner")
    assert ("note.adult_outside" in notes) == (relation == "anders")
    assert ("Meldcode is van toepassing" in " ".join(all_of(advice.notes, "nl"))) == (relation == "partner")
    assert {"veilig_thuis", "zorgcoordinator", "politie", "comensha", "fier"} <= set(_roles(advice))
    assert advice.consent.signer == "jongere" and codes(advice.consent.text)[-1] == "consent.status.geweigerd"
    assert advice.outcome == "melden"
    assert advice.contacts[0].role == "veilig_thuis"


def test_6_noor_acute_path_bypasses_the_wizard(content: Content) -> None:
    advice = _advise("06_noor.yaml", content)
    assert advice.phase == "acuut" and advice.acute
    assert advice.contacts[0].role == "csg" and advice.contacts[0].phone == "0800-0188"
    assert _roles(advice)[:3] == ["csg", "politie", "veilig_thuis"]
    assert advice.outcome == "melden"
    assert advice.consent.signer == "ouders_of_voogd"
    assert advice.consent.if_refused == Msg("consent.refused.parents")


def test_7_eva_no_parents_no_parental_consent(content: Content) -> None:
    advice = _advise("07_eva.yaml", content)
    assert (advice.outcome, advice.norm) == ("melden", 1)
    assert advice.consent.signer is None and advice.consent.parental_route_blocked
    assert codes(advice.consent.text) == ["consent.parents_blocked"]
    assert advice.current_step != "netwerk" and "gesprek met ouders" not in paragraph(advice.next_action, "nl").lower()
    assert "note.parents_endanger" in codes(advice.notes)
    assert as_json(advice, "nl")["toestemming_comensha"] is None


def test_8_isa_help_and_follow_up(content: Content) -> None:
    case, today = _load("08_isa.yaml", content)
    advice = next_step(case, content, today)
    assert advice.outcome == "hulp_bieden" and advice.due == dt.date(2027, 1, 15)
    monitor = next(m for m in advice.next_action if isinstance(m, Msg) and m.code == "next.monitor_until_evaluation")
    assert advice.pending_question is None and monitor["date"] == dt.date(2027, 1, 15)
    assert "politie" in _roles(advice)
    at_evaluation = next_step(case, content, dt.date(2027, 1, 15))
    assert at_evaluation.pending_question == "resultaat"
    ch.set_afweging(case, "resultaat", True, "Veilig, geen contact meer", today=dt.date(2027, 1, 15))
    assert next_step(case, content, dt.date(2027, 1, 15)).outcome == "hulp_afsluiten"


def test_9_milan_boys_prompt_and_melden(content: Content) -> None:
    advice = _advise("09_milan.yaml", content)
    assert (advice.outcome, advice.norm) == ("melden", 1)
    assert any("jongen" in p for p in all_of(advice.prompts, "nl"))
    assert advice.suggestions["onveiligheid"].answer is True  # boys' signals weigh as heavily
    assert {"politie", "zorgcoordinator"} <= set(_roles(advice))
    assert advice.consent.signer == "ouders_of_voogd"


def test_10_jade_dual_role(content: Content) -> None:
    advice = _advise("10_jade.yaml", content)
    assert (advice.outcome, advice.norm) == ("melden", 1)
    assert "warning.dual_role" in codes(advice.warnings)
    assert any("per kind" in w and "slachtoffer" in w for w in all_of(advice.warnings, "nl"))
    assert not any("dader:" in r.lower() for r in all_of(advice.reasons, "nl"))
    assert "politie" in _roles(advice) and _phones(advice)["veilig_thuis"] == "088-308 3636"
    assert advice.consent.signer == "jongere"


def test_after_the_melding_the_case_moves_to_aftercare(content: Content) -> None:
    case, today = _load("01_lotte.yaml", content)
    ch.record_decision(
        case, Decision(outcome_id="melden", date=dt.date(2026, 11, 21), melding_date=dt.date(2026, 11, 21))
    )
    assert next_step(case, content, today).phase == "nazorg"
