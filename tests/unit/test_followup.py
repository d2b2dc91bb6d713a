"""After the signal: due actions, CoMensha record, aftercare, revictimisation, and what the advice makes of them."""

from __future__ import annotations

import datetime as dt

import pytest

from signaleer.advice_text import all_of, as_json, due_text, next_action, paragraph, summarize
from signaleer.content.loader import load_content_or_raise
from signaleer.domain import changes as ch
from signaleer.domain.advice import next_step
from signaleer.domain.case import Case, ComenshaRegistration, Decision, FollowUp, ObservedSignal
from signaleer.domain.content import Content
from signaleer.domain.followup import (
    CONSENT_ANSWER_DAYS,
    REGISTER_DAYS,
    aftercare_progress,
    comensha_problems,
    comensha_warnings,
    due_actions,
)
from signaleer.domain.message import Msg, codes
from signaleer.i18n import set_language

TODAY = dt.date(2026, 11, 20)
NO_ACUTE = {"direct_gevaar": False, "seksueel_geweld_7d": False, "vermist": False, "onthulling": False}


@pytest.fixture(scope="module")
def content() -> Content:
    return load_content_or_raise()


def _case(age: int | None = 15) -> Case:
    case = ch.new_case("Noor", age, "meisje", "leiden", "wijkteam")
    for qid, answer in NO_ACUTE.items():
        ch.set_acute(case, qid, answer)
    return case


def _melded(age: int = 15) -> Case:
    case = _case(age)
    ch.add_signal(case, ObservedSignal(signal_id="GB01", observation="nieuwe telefoon"))
    ch.set_afweging(case, "vermoeden", True, "veel signalen", today=TODAY)
    ch.set_afweging(case, "onveiligheid", True, "uitbuiting minderjarige", today=TODAY)
    ch.record_decision(case, Decision(outcome_id="melden", date=TODAY, melding_date=TODAY))
    return case


def _helping() -> Case:
    case = _case()
    for qid in ("vermoeden", "zelf_hulp", "hulp_aanvaard"):
        ch.set_afweging(case, qid, True, f"reden {qid}", today=TODAY)
    ch.set_afweging(case, "onveiligheid", False, "geen acute dreiging", today=TODAY)
    return case


def test_due_actions_cover_evaluation_consent_and_planned_contacts_earliest_first(content: Content) -> None:
    case = _helping()
    ch.set_evaluation_date(case, TODAY + dt.timedelta(days=30))
    ch.add_followup(case, FollowUp(with_whom="ouders", due=TODAY + dt.timedelta(days=3), note="bel moeder"))
    ch.add_followup(case, FollowUp(with_whom="jongere", date=TODAY, note="gesprek gehad"))  # not planned
    reg = ComenshaRegistration(consent_status="gevraagd", signer="ouders_of_voogd", consent_date=TODAY)
    ch.set_comensha(case, reg)

    actions = due_actions(case, content)

    assert [a.kind for a in actions] == ["contact", "toestemming", "evaluatie"]
    assert [a.due for a in actions] == [
        TODAY + dt.timedelta(days=3),
        TODAY + dt.timedelta(days=CONSENT_ANSWER_DAYS),
        TODAY + dt.timedelta(days=30),
    ]
    assert actions[0].text == Msg("due.contact_note", (("who", Msg("with.ouders")), ("note", "bel moeder")))
    assert due_text(actions[0], "nl") == "Contact met de ouders: bel moeder"
    assert due_text(actions[0], "en") == "Contact with the parents: bel moeder"
    assert actions[0].followup_index == 0

    ch.complete_followup(case, 0, "moeder gebeld", on=TODAY)
    ch.set_afweging(case, "resultaat", True, "veilig", today=TODAY)
    assert [a.kind for a in due_actions(case, content)] == ["toestemming"]
    assert case.followups[0].done and "moeder gebeld" in case.followups[0].note


def test_consent_given_asks_to_register_and_registration_ends_it(content: Content) -> None:
    case = _melded(17)
    ch.set_comensha(case, ComenshaRegistration(consent_status="gegeven", signer="jongere", consent_date=TODAY))
    (action,) = due_actions(case, content)
    assert action.kind == "registratie" and action.due == TODAY + dt.timedelta(days=REGISTER_DAYS)
    advice = next_step(case, content, TODAY)
    assert "record.comensha_registration" in codes(advice.to_record)
    registered = ComenshaRegistration(
        consent_status="gegeven", signer="jongere", consent_date=TODAY, route="veilig_thuis", registered_on=TODAY
    )
    ch.set_comensha(case, registered)
    assert due_actions(case, content) == []
    assert codes(next_step(case, content, TODAY).consent.text)[-1] == "consent.status.registered"
    assert case.timeline[-1].params["route"] == "veilig_thuis"


def test_closed_case_has_no_due_actions(content: Content) -> None:
    case = _case()
    ch.add_followup(case, FollowUp(with_whom="netwerk", due=TODAY - dt.timedelta(days=5)))
    ch.close_case(case, "afgerond")
    assert due_actions(case, content) == []
    assert summarize(case, content, TODAY).due is None


def test_overdue_contact_leads_the_next_action_and_the_home_due_date(content: Content) -> None:
    case = _melded()
    ch.add_followup(case, FollowUp(with_whom="zorgcoordinator", due=TODAY - dt.timedelta(days=2), note="overleg"))
    ch.add_followup(case, FollowUp(with_whom="ouders", due=TODAY + dt.timedelta(days=9)))
    advice = next_step(case, content, TODAY)
    assert advice.phase == "nazorg"
    overdue = advice.next_action[0]
    assert isinstance(overdue, Msg) and overdue.code == "next.overdue"
    assert overdue["date"] == TODAY - dt.timedelta(days=2)
    assert next_action(advice, "nl").startswith(
        f"Te laat ({(TODAY - dt.timedelta(days=2)).strftime('%d-%m-%Y')}): Contact met de zorg"
    )
    assert as_json(advice, "nl")["vervolgacties"][0]["soort"] == "contact"
    summary = summarize(case, content, TODAY)
    assert summary.due == TODAY - dt.timedelta(days=2)
    english = next_action(advice, "en")
    assert english.startswith("Overdue (") and "care coordinator" in english


def test_evaluation_date_is_the_due_date_and_is_not_repeated_as_overdue(content: Content) -> None:
    case = _helping()
    ch.set_evaluation_date(case, TODAY - dt.timedelta(days=1))
    advice = next_step(case, content, TODAY)
    assert advice.due == TODAY - dt.timedelta(days=1)
    assert codes(advice.next_action)[0] == "next.evaluation_reached"  # phase.py already says so; no overdue prefix


def test_a_followup_needs_a_date_and_an_unknown_index_is_refused() -> None:
    case = _case()
    with pytest.raises(ch.ChangeError, match="datum") as refused:
        ch.add_followup(case, FollowUp(with_whom="ouders", note="zonder datum"))
    assert refused.value.code == "followup_needs_date" and "datum" in refused.value.hint
    set_language("en")
    try:
        with pytest.raises(ch.ChangeError, match="A follow-up contact needs a date"):
            ch.add_followup(case, FollowUp(with_whom="ouders", note="zonder datum"))
    finally:
        set_language("nl")
    with pytest.raises(ch.ChangeError):
        ch.complete_followup(case, 3)
    assert case.followups == []


def test_a_followup_can_be_corrected_or_rescheduled_with_a_reason(content: Content) -> None:
    case = _case()
    ch.add_followup(case, FollowUp(with_whom="ouders", due=TODAY, note="bel moeder"))
    later = FollowUp(with_whom="ouders", due=TODAY + dt.timedelta(days=7), note="bel moeder na de vakantie")
    with pytest.raises(ch.ReasonRequired):
        ch.update_followup(case, 0, later, "")
    assert case.followups[0].due == TODAY  # nothing changed without a reason
    with pytest.raises(ch.ChangeError, match="datum"):
        ch.update_followup(case, 0, FollowUp(with_whom="ouders", note="zonder datum"), "reden")
    with pytest.raises(ch.ChangeError):
        ch.update_followup(case, 1, later, "reden")

    ch.update_followup(case, 0, later, "Moeder is twee weken weg")
    assert case.followups == [later]
    event = case.timeline[-1]
    assert event.kind == "followup_changed" and event.reason == "Moeder is twee weken weg"
    assert event.params["fields"] == ["due", "note"]
    assert [a.due for a in due_actions(case, content) if a.kind == "contact"] == [TODAY + dt.timedelta(days=7)]
    before = len(case.timeline)
    ch.update_followup(case, 0, later, "")  # the same again: no change, no reason needed, no event
    assert len(case.timeline) == before


def test_comensha_record_rules() -> None:
    case = _case(15)
    no_date = ComenshaRegistration(consent_status="gevraagd", signer="ouders_of_voogd")
    assert comensha_problems(case, no_date) == ["comensha.no_consent_date"]
    unconsented = ComenshaRegistration(route="veilig_thuis", registered_on=TODAY)
    assert "comensha.police_only" in comensha_problems(case, unconsented)
    with pytest.raises(ch.ChangeError, match="alleen via de politie"):
        ch.set_comensha(case, unconsented)
    assert case.comensha == ComenshaRegistration()
    via_police = ComenshaRegistration(route="politie", registered_on=TODAY)
    assert comensha_problems(case, via_police) == []
    ch.set_comensha(case, via_police, reason="politie registreert zelf na aangifte")
    assert case.timeline[-1].reason == "politie registreert zelf na aangifte"
    no_route = ComenshaRegistration(consent_status="gegeven", signer="ouders_of_voogd", consent_date=TODAY)
    assert "comensha.no_route" in comensha_problems(case, no_route.model_copy(update={"registered_on": TODAY}))


def test_signer_against_the_age_rule_is_a_warning_not_a_block() -> None:
    young = _case(15)
    reg = ComenshaRegistration(consent_status="gegeven", signer="jongere", consent_date=TODAY)
    assert comensha_problems(young, reg) == []
    (warning,) = comensha_warnings(young, reg)
    assert codes(warning) == ["consent.warning.other_signer", "consent.under_16"]
    assert "ouders of voogd" in paragraph(warning, "nl")
    sixteen = _case(16)
    assert comensha_warnings(sixteen, reg) == []
    sixteen_parents = reg.model_copy(update={"signer": "ouders_of_voogd"})
    assert any("consent.exactly_16" in codes(w) for w in comensha_warnings(sixteen, sixteen_parents))


def test_aftercare_points_and_progress_in_the_nazorg_advice(content: Content) -> None:
    case = _melded()
    checklist = content.checklists["terugkeer"]
    first, second = checklist.items[0].id, checklist.items[1].id
    ch.set_nazorg_point(case, first, True)
    ch.set_nazorg_point(case, second, True)
    ch.set_nazorg_point(case, second, True)  # no double tick, no event
    assert case.nazorg_checked == [first, second]
    assert aftercare_progress(case, content) == (2, len(checklist.items))
    advice = next_step(case, content, TODAY)
    (aftercare,) = [m for m in advice.to_record if isinstance(m, Msg) and m.code == "record.aftercare"]
    assert (aftercare["done"], aftercare["total"]) == (2, len(checklist.items))
    assert any(f"2 van {len(checklist.items)} punten" in r for r in all_of(advice.to_record, "nl"))
    with pytest.raises(ch.ReasonRequired):
        ch.set_nazorg_point(case, first, False)
    ch.set_nazorg_point(case, first, False, reason="afspraak liep niet door")
    assert case.nazorg_checked == [second]
    assert [e.kind for e in case.timeline[-3:]] == ["nazorg", "nazorg", "nazorg"]


def test_a_revictimisation_signal_reopens_the_meldcode_walk_with_a_reason(content: Content) -> None:
    case = _melded()
    ch.close_case(case, "hulp loopt, veilig")
    with pytest.raises(ch.ReasonRequired):
        ch.add_revictimisation_signal(case, ObservedSignal(signal_id="RV01"), reason=" ")
    assert case.closed and case.revictimisation_signals == []

    marked = ch.add_revictimisation_signal(
        case, ObservedSignal(signal_id="RV01", observation="gezien met oude 'vriend'"), reason="moeder belde"
    )

    assert not Case.model_validate(case.model_dump()).closed  # re-read: mypy keeps the earlier narrowing
    assert marked == ["vermoeden", "onveiligheid"]
    assert all(a.needs_review for a in case.afwegingen.values())
    assert [e.kind for e in case.timeline[-2:]] == ["reopened", "revictimisation"]
    assert case.timeline[-1].reason == "moeder belde"
    advice = next_step(case, content, TODAY)
    assert advice.phase != "gesloten"
    assert advice.needs_review == ["vermoeden", "onveiligheid"]
    assert codes(advice.next_action) == ["next.review"]
    assert "warning.revictimisation" in codes(advice.warnings)
    assert any("RV01" in w and "Meldcode opnieuw" in w for w in all_of(advice.warnings, "nl"))
    with pytest.raises(ch.ChangeError):
        ch.add_revictimisation_signal(case, ObservedSignal(signal_id="RV01"), reason="nog eens")


def test_an_acute_revictimisation_signal_asks_for_the_acute_check(content: Content) -> None:
    case = _melded()
    ch.add_revictimisation_signal(case, ObservedSignal(signal_id="RV10"), reason="dreigberichten gezien")
    advice = next_step(case, content, TODAY)
    assert codes(advice.warnings)[0] == "warning.acute_revictimisation"
    assert all_of(advice.warnings, "nl")[0].startswith("RV10 kan acuut gevaar betekenen")
    ch.remove_revictimisation_signal(case, "RV10", reason="verkeerd aangeklikt")
    assert case.revictimisation_signals == []
    assert not any("RV10" in w for w in all_of(next_step(case, content, TODAY).warnings, "nl"))
