"""Case changes: reasons for changed answers, review marks, append-only timeline."""

from __future__ import annotations

import datetime as dt

import pytest

from signaleer.domain import changes as ch
from signaleer.domain.case import Case, Consultation, Conversation, Decision, ObservedSignal, RiskFactorNote


def _case() -> Case:
    return ch.new_case("Lotte", 15, "meisje", "leiden", "wijkteam", role="wijkcoach")


def _weighed() -> Case:
    case = _case()
    ch.add_signal(case, ObservedSignal(signal_id="GB01", observation="nieuwe telefoon"))
    ch.set_afweging(case, "vermoeden", True, "signalen", today=dt.date(2026, 11, 1))
    ch.set_afweging(case, "onveiligheid", False, "geen acute dreiging", suggested=True, today=dt.date(2026, 11, 1))
    ch.set_afweging(case, "zelf_hulp", True, "wijkteam kan helpen", today=dt.date(2026, 11, 1))
    return case


def test_new_case_starts_with_a_created_event() -> None:
    case = _case()
    assert [e.kind for e in case.timeline] == ["created"]
    assert case.role == "wijkcoach"
    assert case.updated_at >= case.created_at


def test_first_answers_need_no_reason_but_changes_do() -> None:
    case = _case()
    ch.set_acute(case, "onthulling", False)
    assert case.acute == {"onthulling": False}
    assert case.acute_checked_at is not None
    with pytest.raises(ch.ReasonRequired):
        ch.set_acute(case, "onthulling", True)
    with pytest.raises(ch.ReasonRequired):
        ch.set_acute(case, "onthulling", True, reason="   ")
    assert case.acute == {"onthulling": False}
    ch.set_acute(case, "onthulling", True, reason="Ze vertelde het vandaag alsnog")
    assert case.acute["onthulling"] is True
    assert case.timeline[-1].reason == "Ze vertelde het vandaag alsnog"
    assert case.timeline[-1].kind == "answer_changed"


def test_same_answer_again_is_no_event() -> None:
    case = _case()
    ch.set_acute(case, "vermist", False)
    before = len(case.timeline)
    ch.set_acute(case, "vermist", False)
    assert len(case.timeline) == before


def test_changing_an_afweging_marks_later_ones_and_keeps_them() -> None:
    case = _weighed()
    assert ch.what_depends_on(case, ch.Change("afweging", "onveiligheid")) == ["zelf_hulp"]
    with pytest.raises(ch.ReasonRequired):
        ch.set_afweging(case, "onveiligheid", True, "")
    ch.set_afweging(case, "onveiligheid", True, "Toch acute onveiligheid na overleg VT")
    assert case.afwegingen["zelf_hulp"].needs_review is True
    assert case.afwegingen["zelf_hulp"].answer is True  # kept, not dropped
    assert case.afwegingen["vermoeden"].needs_review is False
    event = case.timeline[-1]
    assert event.kind == "afweging_changed" and event.params["review"] == ["zelf_hulp"] and event.reason
    ch.set_afweging(case, "zelf_hulp", True, "Nog steeds waar")
    assert case.afwegingen["zelf_hulp"].needs_review is False


def test_removing_a_signal_needs_a_reason_and_marks_all_afwegingen() -> None:
    case = _weighed()
    assert ch.what_depends_on(case, ch.Change("signal_remove", "GB01")) == ["vermoeden", "onveiligheid", "zelf_hulp"]
    with pytest.raises(ch.ReasonRequired):
        ch.remove_signal(case, "GB01", "")
    ch.remove_signal(case, "GB01", "Telefoon bleek van haar zus")
    assert case.signals == []
    assert all(a.needs_review for a in case.afwegingen.values())


def test_a_new_signal_after_weighing_marks_afwegingen_without_a_reason() -> None:
    case = _weighed()
    ch.add_signal(case, ObservedSignal(signal_id="SX03"))
    assert all(a.needs_review for a in case.afwegingen.values())
    with pytest.raises(ch.ChangeError):
        ch.add_signal(case, ObservedSignal(signal_id="SX03"))


def test_update_signal_filling_in_is_free_changing_facts_needs_reason() -> None:
    case = _case()
    ch.add_signal(case, ObservedSignal(signal_id="GB01"))
    ch.update_signal(case, ObservedSignal(signal_id="GB01", observation="dure telefoon"))
    with pytest.raises(ch.ReasonRequired):
        ch.update_signal(case, ObservedSignal(signal_id="GB01", observation="twee telefoons"))
    ch.update_signal(case, ObservedSignal(signal_id="GB01", observation="twee telefoons"), reason="verkeerd genoteerd")
    assert case.signals[0].observation == "twee telefoons"
    with pytest.raises(ch.ChangeError):
        ch.update_signal(case, ObservedSignal(signal_id="XX01"))


def test_conversation_skip_needs_reason_and_change_needs_reason() -> None:
    case = _case()
    with pytest.raises(ch.ChangeError):
        ch.set_conversation(case, "ouders", Conversation(held=False))
    with pytest.raises(ch.ChangeError):
        ch.set_conversation(case, "buren", Conversation(held=True))
    ch.set_conversation(case, "ouders", Conversation(held=False, skip_reason="oom betrokken", endangers=True))
    assert ch.is_earlier_answer(case, ch.Change("conversation", "ouders"))
    with pytest.raises(ch.ReasonRequired):
        ch.set_conversation(case, "ouders", Conversation(held=True))
    ch.set_conversation(case, "ouders", Conversation(held=True), reason="oom bleek niet betrokken")
    assert case.conversations["ouders"].held is True


def test_answers_skips_dates_decisions_and_position() -> None:
    case = _weighed()
    ch.set_answer(case, "netwerk", "veiligheidsplan", "school haalt op")
    with pytest.raises(ch.ReasonRequired):
        ch.set_answer(case, "netwerk", "veiligheidsplan", "taxi")
    with pytest.raises(ch.ReasonRequired):
        ch.skip_step(case, "overleg", " ")
    ch.skip_step(case, "overleg", "acute situatie")
    assert case.skipped_steps == {"overleg": "acute situatie"}
    ch.set_evaluation_date(case, dt.date(2027, 1, 1))
    with pytest.raises(ch.ReasonRequired):
        ch.set_evaluation_date(case, dt.date(2027, 2, 1))
    ch.set_risk_factors(case, [RiskFactorNote(factor_id="RF01")])
    with pytest.raises(ch.ReasonRequired):
        ch.set_risk_factors(case, [])
    ch.add_consultation(case, Consultation(who="aandachtsfunctionaris"))
    ch.record_decision(
        case, Decision(outcome_id="melden", date=dt.date(2026, 11, 2), melding_date=dt.date(2026, 11, 2))
    )
    before = len(case.timeline)
    ch.set_position(case, "afwegen")
    assert case.position == "afwegen" and len(case.timeline) == before


def test_exploiter_relation_and_acute_action_and_closing() -> None:
    case = _case()
    ch.set_exploiter_relation(case, "partner")
    with pytest.raises(ch.ReasonRequired):
        ch.set_exploiter_relation(case, "familie")
    with pytest.raises(ch.ReasonRequired):
        ch.record_acute_action(case, "")
    ch.record_acute_action(case, "112 gebeld door wijkcoach om 14:05")
    assert case.acute_handled_at is not None
    with pytest.raises(ch.ReasonRequired):
        ch.close_case(case, "")
    ch.close_case(case, "hulp afgerond")
    assert case.closed
    ch.reopen_case(case, "nieuwe signalen")
    assert not case.closed


def test_every_change_updates_updated_at_and_only_appends() -> None:
    case = _case()
    case.updated_at = case.updated_at - dt.timedelta(days=1)
    stamp = case.updated_at
    snapshot = list(case.timeline)
    ch.add_signal(case, ObservedSignal(signal_id="GB01"))
    assert case.updated_at > stamp
    assert case.timeline[: len(snapshot)] == snapshot
    times = [e.at for e in case.timeline]
    assert times == sorted(times)
