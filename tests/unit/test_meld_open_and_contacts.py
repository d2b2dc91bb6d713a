"""'Meld open' worded by the case (issue 14 #2) and the proposed contact moments until help starts (seed)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from signaleer.advice_text import due_text, next_action
from signaleer.content.casefile import read_case_file
from signaleer.content.loader import load_content_or_raise
from signaleer.domain import changes as ch
from signaleer.domain.advice import next_step
from signaleer.domain.afwegingskader import meld_open_case
from signaleer.domain.case import Case, Conversation, FollowUp, ObservedSignal
from signaleer.domain.content import Content
from signaleer.domain.followup import due_actions, proposed_contacts
from signaleer.domain.message import codes

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
TODAY = dt.date(2026, 11, 20)
TELL_PARENTS = "vertel de jongere en de ouders met gezag dat je meldt"


@pytest.fixture(scope="module")
def content() -> Content:
    return load_content_or_raise()


def _melden(age: int | None, **extra: object) -> Case:
    case = Case(pseudonym="X", age=age, gender="meisje", gemeente="Leiden", sector="wijkteam", **extra)  # type: ignore[arg-type]
    case.signals = [ObservedSignal(signal_id="SX02", date=TODAY)]
    ch.set_afweging(case, "vermoeden", True, "reden", today=TODAY)
    ch.set_afweging(case, "onveiligheid", True, "reden", today=TODAY)
    return case


@pytest.mark.parametrize(
    ("age", "family", "skipped", "expected"),
    [
        (14, False, False, "minderjarig"),
        (None, False, False, "minderjarig"),
        (14, True, False, "zonder_ouders"),
        (17, False, True, "zonder_ouders"),
        (16, False, False, "zestien_zeventien"),
        (18, False, False, "volwassen"),
        (19, True, False, "volwassen"),
    ],
)
def test_the_meld_open_case_follows_age_and_the_familys_role(
    age: int | None, family: bool, skipped: bool, expected: str
) -> None:
    assert meld_open_case(age, family, skipped) == expected


@pytest.mark.parametrize(
    ("example", "must_not", "must"),
    [
        ("05_mila.yaml", ["de jongere en de ouders", TELL_PARENTS], "de ouders worden niet ingelicht"),  # 19, adult
        (
            "07_eva.yaml",
            ["de jongere en de ouders", TELL_PARENTS],
            "Vertel het de ouders niet zelf",
        ),  # family member suspected
        ("01_lotte.yaml", [], TELL_PARENTS),  # 14, parents not involved in the exploitation
    ],
)
def test_the_melden_step_tells_whom_to_inform_by_the_case(
    content: Content, example: str, must_not: list[str], must: str
) -> None:
    training = read_case_file(EXAMPLES / example, content)
    advice = next_step(training.case, content, training.today)
    assert advice.outcome == "melden"
    shown = next_action(advice, "nl")
    for text in must_not:
        assert text not in shown, example
    assert must in shown, example


def test_a_skipped_dangerous_parents_talk_and_a_16_year_old_get_their_own_wording(content: Content) -> None:
    skipped = _melden(15)
    skipped.conversations["ouders"] = Conversation(held=False, endangers=True, skip_reason="gevaarlijk")
    text = next_action(next_step(skipped, content, TODAY), "nl")
    assert TELL_PARENTS not in text and "Vertel het de ouders niet zelf" in text
    sixteen = next_action(next_step(_melden(16), content, TODAY), "nl")
    assert "beslist de jongere zelf wat er met de ouders wordt gedeeld" in sixteen
    assert TELL_PARENTS not in sixteen


def test_contact_moments_are_proposed_until_help_starts(content: Content) -> None:
    case = _melden(14)
    kinds = [(a.kind, a.due) for a in due_actions(case, content)]
    assert kinds == [("voorstel_contact", TODAY + dt.timedelta(days=7))] * 2
    assert [a.text.code for a in proposed_contacts(case)] == ["due.propose_young_person", "due.propose_family"]
    texts = " ".join(due_text(a, "nl") for a in proposed_contacts(case))
    assert "jongere" in texts and "gezin" in texts and "zorgcoördinator" in texts
    # A proposal never takes over the next step, even when its date has passed.
    late = next_step(case, content, TODAY + dt.timedelta(days=30))
    assert "next.overdue" not in codes(late.next_action)
    case.followups.append(FollowUp(with_whom="jongere", due=TODAY + dt.timedelta(days=3)))
    assert [a.text.code for a in proposed_contacts(case)] == ["due.propose_family"]


def test_no_family_contact_is_proposed_when_the_family_is_unsafe_or_the_client_adult() -> None:
    family = _melden(14, exploiter_relation="familie")
    assert [a.text.code for a in proposed_contacts(family)] == ["due.propose_young_person"]
    adult = _melden(20)
    assert [a.text.code for a in proposed_contacts(adult)] == ["due.propose_young_person"]
    sixteen = _melden(16)
    assert [a.text.code for a in proposed_contacts(sixteen)][-1] == "due.propose_family_if_agreed"
    assert any("als de jongere daarmee instemt" in due_text(a, "nl") for a in proposed_contacts(sixteen))


def test_no_proposal_once_help_started_or_without_signals() -> None:
    started = _melden(14)
    started.evaluation_date = TODAY + dt.timedelta(days=30)
    assert proposed_contacts(started) == []
    empty = Case(pseudonym="Y", age=14, gender="meisje", gemeente=None, sector="wijkteam")
    assert proposed_contacts(empty) == []
