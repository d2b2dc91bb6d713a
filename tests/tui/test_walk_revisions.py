"""The walk's rule for typing: edits during one visit continue an answer; after leaving, a change needs a reason."""

from __future__ import annotations

import pytest

from signaleer.domain import changes
from signaleer.domain.case import Case, Conversation, ObservedSignal, RiskFactorNote
from signaleer.domain.changes import Change, ReasonRequired
from signaleer.domain.revisions import (
    Visit,
    needs_reason,
    revise_answer,
    revise_conversation,
    revise_risk_factors,
    revise_signal,
    tick_signal,
)


def _case() -> Case:
    return changes.new_case("Test", 15, "meisje", None, "wijkteam")


def test_typing_an_observation_in_one_visit_adds_one_event() -> None:
    case, visit = _case(), Visit()
    visit.begin("signalen")
    tick_signal(case, ObservedSignal(signal_id="GB01"), visit)
    for text in ("N", "Ni", "Nieuwe telefoon"):
        change = Change("signal_change", "GB01")
        assert not needs_reason(case, change, visit)
        revise_signal(case, ObservedSignal(signal_id="GB01", observation=text), visit)
    assert case.signals[0].observation == "Nieuwe telefoon"
    assert [e.kind for e in case.timeline] == ["created", "signal_added"]  # the observation belongs to the tick


def test_after_leaving_the_step_a_change_needs_a_reason_and_marks_review() -> None:
    case, visit = _case(), Visit()
    visit.begin("signalen")
    tick_signal(case, ObservedSignal(signal_id="GB01", observation="Telefoon"), visit)
    changes.set_afweging(case, "vermoeden", True, "Zorgen")
    visit.begin("signalen")
    change = Change("signal_change", "GB01")
    assert needs_reason(case, change, visit)
    with pytest.raises(ReasonRequired):
        revise_signal(case, ObservedSignal(signal_id="GB01", observation="Twee telefoons"), visit)
    revise_signal(case, ObservedSignal(signal_id="GB01", observation="Twee telefoons"), visit, "Beter gekeken")
    assert case.afwegingen["vermoeden"].needs_review
    assert case.timeline[-1].reason == "Beter gekeken"
    revise_signal(case, ObservedSignal(signal_id="GB01", observation="Twee telefoons, één nieuw"), visit)
    assert case.signals[0].observation == "Twee telefoons, één nieuw"
    assert case.timeline[-1].reason == "Beter gekeken"


def test_filling_an_empty_observation_later_needs_no_reason() -> None:
    case, visit = _case(), Visit()
    visit.begin("signalen")
    tick_signal(case, ObservedSignal(signal_id="GB01"), visit)
    visit.begin("signalen")
    assert not needs_reason(case, Change("signal_change", "GB01"), visit)
    revise_signal(case, ObservedSignal(signal_id="GB01", observation="Gezien"), visit)
    assert case.signals[0].observation == "Gezien"


def test_answers_conversations_and_risk_factors_continue_within_a_visit() -> None:
    case, visit = _case(), Visit()
    visit.begin("overleg")
    revise_answer(case, "overleg", "risico_instrument", "R", visit)
    revise_answer(case, "overleg", "risico_instrument", "RIS", visit)
    revise_conversation(case, "jongere", Conversation(held=True, summary="a"), visit)
    revise_conversation(case, "jongere", Conversation(held=True, summary="ab"), visit)
    revise_risk_factors(case, [RiskFactorNote(factor_id="RF03")], visit)
    revise_risk_factors(case, [RiskFactorNote(factor_id="RF03"), RiskFactorNote(factor_id="RF01")], visit)
    assert case.answers == {"overleg": {"risico_instrument": "RIS"}}
    assert case.conversations["jongere"].summary == "ab"
    assert [f.factor_id for f in case.risk_factors] == ["RF03", "RF01"]
    assert [e.kind for e in case.timeline] == ["created", "answer", "conversation", "risk_factors"]
    with pytest.raises(changes.ChangeError):
        revise_conversation(case, "jongere", Conversation(held=False), visit)
    visit.begin("overleg")
    for change in (
        Change("answer", "overleg/risico_instrument"),
        Change("conversation", "jongere"),
        Change("risk_factors"),
    ):
        assert needs_reason(case, change, visit)
    with pytest.raises(ReasonRequired):
        revise_answer(case, "overleg", "risico_instrument", "Geen", visit)


def test_acute_answers_always_go_through_the_engine() -> None:
    case, visit = _case(), Visit()
    visit.begin("acuut")
    changes.set_acute(case, "vermist", False)
    assert needs_reason(case, Change("acute", "vermist"), visit)
