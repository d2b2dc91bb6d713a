"""The advice engine's rules, on small hand-built content."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import pytest
from engine_content import make_content

from signaleer.advice_text import all_of, as_json, paragraph, render, summarize
from signaleer.domain import changes as ch
from signaleer.domain.advice import next_step
from signaleer.domain.base import LocalText
from signaleer.domain.case import Case, ComenshaRegistration, Conversation, Decision, ObservedSignal
from signaleer.domain.consent import comensha_consent
from signaleer.domain.content import Content
from signaleer.domain.message import Items, Msg, Text, codes
from signaleer.domain.route import Contact

TODAY = dt.date(2026, 11, 20)
NO_ACUTE = {"direct_gevaar": False, "seksueel_geweld_7d": False, "vermist": False, "onthulling": False}


@pytest.fixture(scope="module")
def content() -> Content:
    return make_content()


def _case(age: int | None = 15, gender: str = "meisje", gemeente: str | None = "leiden", **acute: bool) -> Case:
    case = Case(pseudonym="X", age=age, gender=gender, gemeente=gemeente, sector="wijkteam")  # type: ignore[arg-type]
    case.acute = {**NO_ACUTE, **acute}
    return case


def _answer(case: Case, **answers: bool) -> None:
    for qid, value in answers.items():
        ch.set_afweging(case, qid, value, f"reden {qid}", today=TODAY)


def _roles(advice_contacts: list[Contact]) -> list[str]:
    return [c.role for c in advice_contacts]


def _find(texts: Iterable[Text], code: str) -> Msg:
    """The first message with ``code``; fails the test when there is none."""
    found = [m for m in texts if isinstance(m, Msg) and m.code == code]
    assert found, f"no {code} in {codes(texts)}"
    return found[0]


def _ids(message: Msg, name: str = "ids") -> tuple[object, ...]:
    value = message[name]
    assert isinstance(value, Items)
    return value.values


def test_acute_check_comes_first(content: Content) -> None:
    case = Case(pseudonym="X", age=15, gemeente="leiden")
    advice = next_step(case, content, TODAY)
    assert advice.phase == "acuut" and not advice.acute
    assert codes(advice.next_action) == ["next.acute_check_first"]


@pytest.mark.parametrize(
    ("question", "first_roles"),
    [
        ("direct_gevaar", ["alarm"]),
        ("seksueel_geweld_7d", ["csg", "politie"]),
        ("vermist", ["alarm", "politie"]),  # 112 before the non-emergency line: most urgent first
        ("onthulling", ["veilig_thuis"]),
    ],
)
def test_acute_route_is_taken_from_the_step_plan(content: Content, question: str, first_roles: list[str]) -> None:
    case = _case()
    case.acute[question] = True
    advice = next_step(case, content, TODAY)
    assert advice.phase == "acuut" and advice.acute
    assert _roles(advice.contacts)[: len(first_roles)] == first_roles
    field = next(f for _, f in content.step_plan.fields_of_type("acute_question") if f.id == question)
    assert field.on_yes is not None
    assert advice.next_action[0] == field.on_yes.action
    assert codes(advice.next_action)[-1] == "next.other_steps_later"
    assert advice.outcome is None  # the engine never answers an afweging
    assert advice.suggestions["onveiligheid"].answer is True
    assert _find(advice.reasons, "reason.acute_yes")["label"] == field.label


def test_acute_path_does_not_wait_for_the_wizard(content: Content) -> None:
    case = _case(seksueel_geweld_7d=True, onthulling=True)
    advice = next_step(case, content, TODAY)
    assert _roles(advice.contacts)[:3] == ["csg", "politie", "veilig_thuis"]
    assert advice.contacts[0].phone == "0800-0188"
    assert codes(advice.to_record)[:2] == ["record.acute_done", "record.acute_report"]
    ch.record_acute_action(case, "CSG gebeld om 10:12")
    after = next_step(case, content, TODAY)
    assert after.phase != "acuut" and after.acute
    ch.set_acute(case, "vermist", True, reason="Sinds vannacht weg")
    again = next_step(case, content, TODAY)
    assert again.phase == "acuut" and _roles(again.contacts)[0] == "csg" and "politie" in _roles(again.contacts)


def test_no_signals_means_no_suggestion_and_weak_signals_alone_neither(content: Content) -> None:
    case = _case()
    assert next_step(case, content, TODAY).suggestions == {}
    case.signals = [
        ObservedSignal(signal_id="ON01"),
        ObservedSignal(signal_id="ON05"),
        ObservedSignal(signal_id="GD01"),
    ]
    assert next_step(case, content, TODAY).suggestions == {}


def test_strong_signal_for_a_minor_is_suggested_with_reasons_never_answered(content: Content) -> None:
    case = _case()
    case.signals = [ObservedSignal(signal_id="SX02")]
    _answer(case, vermoeden=True)
    advice = next_step(case, content, TODAY)
    hint = advice.suggestions["onveiligheid"]
    assert hint.answer is True and "SX02" in _ids(_find(hint.reasons, "suggest.minor_sexual"))
    assert "onveiligheid" not in case.afwegingen
    assert advice.pending_question == "onveiligheid" and advice.outcome is None


def test_medium_signals_alone_never_suggest_yes_a_strong_one_in_the_combination_does(content: Content) -> None:
    # Issue 14 #5: three medium, non-specific signals made afweging 2 'ja'. They no longer do, for anyone.
    minor = _case()
    minor.signals = [ObservedSignal(signal_id=s) for s in ("GD05", "GD09", "GB03")]
    assert next_step(minor, content, TODAY).suggestions == {}
    minor.signals.append(ObservedSignal(signal_id="GB01"))  # medium, but tagged with a form of exploitation
    hint = next_step(minor, content, TODAY).suggestions["onveiligheid"]
    combination = _find(hint.reasons, "suggest.combination")
    assert "GB01" in _ids(combination) and str(combination["source"]).startswith("https://")
    also = combination["also"]
    assert isinstance(also, Msg) and also.code == "suggest.non_specific" and "GD05" in _ids(also)
    assert not any("§4.4" in r for r in all_of(hint.reasons, "nl") + all_of(hint.reasons, "en"))
    adult = _case(age=20)
    adult.signals = list(minor.signals)
    assert next_step(adult, content, TODAY).suggestions == {}
    adult.signals.append(ObservedSignal(signal_id="GD10"))
    assert "onveiligheid" in next_step(adult, content, TODAY).suggestions


def test_strong_exploitation_reasons_cite_the_real_source_and_do_not_stretch_the_knmg_example(
    content: Content,
) -> None:
    sexual = _case()
    sexual.signals = [ObservedSignal(signal_id="SX02")]
    grounds = next_step(sexual, content, TODAY).suggestions["onveiligheid"].reasons
    assert "knmg-meldcode.maglr.com" in str(_find(grounds, "suggest.minor_sexual")["source"])
    assert "§4.4" not in " ".join(all_of(grounds, "nl"))
    criminal = _case()
    criminal.signals = [ObservedSignal(signal_id="CU01")]
    grounds = next_step(criminal, content, TODAY).suggestions["onveiligheid"].reasons
    assert "CU01" in _ids(_find(grounds, "suggest.minor_other_forms"))
    assert "suggest.minor_sexual" not in codes(grounds)
    dutch, english = " ".join(all_of(grounds, "nl")), " ".join(all_of(grounds, "en"))
    assert "gaat over seksuele uitbuiting" in dutch and "jouw afweging" in dutch
    assert "concerns sexual exploitation" in english and "your judgement" in english


def test_answer_against_suggestion_is_allowed_and_flagged(content: Content) -> None:
    case = _case()
    case.signals = [ObservedSignal(signal_id="SX02")]
    _answer(case, vermoeden=True, onveiligheid=False, zelf_hulp=True, hulp_aanvaard=True)
    advice = next_step(case, content, TODAY)
    assert advice.outcome == "hulp_bieden"
    differs = _find(advice.warnings, "warning.differs_from_suggestion")
    assert (differs["n"], differs["answer"], differs["suggested"]) == (2, Msg("no"), Msg("yes"))


def test_melden_outcome_norm_contacts_and_consent_to_record(content: Content) -> None:
    case = _case()
    _answer(case, vermoeden=True, onveiligheid=True)
    advice = next_step(case, content, TODAY)
    assert (advice.phase, advice.outcome, advice.norm) == ("stap5", "melden", 1)
    # Issue 14 #1: the national 24/7 line stays first; the regional professionals' line comes beside it.
    assert [(c.name, c.phone) for c in advice.contacts[:2]] == [
        ("Veilig Thuis", "0800-2000"),
        ("Veilig Thuis Hollands Midden", "088-308 3636"),
    ]
    assert list(dict.fromkeys(_roles(advice.contacts)))[:3] == ["veilig_thuis", "politie", "zorgcoordinator"]
    assert "comensha" in _roles(advice.contacts)
    assert _find(advice.to_record, "record.comensha_consent")["who"] == Msg("consent.who.parents")
    assert _find(advice.reasons, "reason.norm")["n"] == 1
    ch.record_decision(case, Decision(outcome_id="melden", date=TODAY, melding_date=TODAY))
    assert next_step(case, content, TODAY).phase == "nazorg"


def test_norm_two_and_closing_outcomes(content: Content) -> None:
    case = _case()
    _answer(case, vermoeden=True, onveiligheid=False, zelf_hulp=False)
    assert (next_step(case, content, TODAY).outcome, next_step(case, content, TODAY).norm) == ("melden", 2)
    closed = _case()
    _answer(closed, vermoeden=False)
    advice = next_step(closed, content, TODAY)
    assert (advice.phase, advice.outcome, advice.norm) == ("gesloten", "afsluiten", None)


def test_afweging_five_waits_for_the_evaluation_date(content: Content) -> None:
    case = _case()
    _answer(case, vermoeden=True, onveiligheid=False, zelf_hulp=True, hulp_aanvaard=True)
    advice = next_step(case, content, TODAY)
    assert advice.outcome == "hulp_bieden" and advice.due is None
    assert "record.evaluation_date" in codes(advice.to_record)
    ch.set_evaluation_date(case, dt.date(2027, 1, 15))
    waiting = next_step(case, content, TODAY)
    assert waiting.due == dt.date(2027, 1, 15) and waiting.pending_question is None
    assert _find(waiting.next_action, "next.monitor_until_evaluation")["date"] == dt.date(2027, 1, 15)
    due = next_step(case, content, dt.date(2027, 1, 15))
    assert due.pending_question == "resultaat"
    _answer(case, resultaat=False)
    again = next_step(case, content, dt.date(2027, 1, 16))
    assert (again.outcome, again.norm) == ("opnieuw_melden", 3)


def test_steps_are_walked_in_plan_order(content: Content) -> None:
    case = _case()
    assert next_step(case, content, TODAY).phase == "stap1"
    case.signals = [ObservedSignal(signal_id="GD01")]
    assert next_step(case, content, TODAY).phase == "stap2"
    ch.skip_step(case, "overleg", "reden")
    assert next_step(case, content, TODAY).phase == "stap3"
    case.conversations["jongere"] = Conversation(held=True)
    assert next_step(case, content, TODAY).current_step == "netwerk"
    case.conversations["ouders"] = Conversation(held=True)
    advice = next_step(case, content, TODAY)
    assert (advice.phase, advice.pending_question) == ("stap5", "vermoeden")


def test_adults_skip_parents_and_get_both_routes_explained(content: Content) -> None:
    case = _case(age=19)
    case.signals = [ObservedSignal(signal_id="GD01")]
    ch.skip_step(case, "overleg", "x")
    case.conversations["jongere"] = Conversation(held=True)
    advice = next_step(case, content, TODAY)
    assert advice.phase == "stap5"
    assert codes(advice.notes) == ["note.adult_branch", "note.adult_consent"]
    text = " ".join(all_of(advice.notes, "nl"))
    assert "kindermishandeling is niet van toepassing" in text and "huiselijke kring" in text
    assert "politie" in text and "CoMensha" in text
    assert {"zorgcoordinator", "comensha", "politie"} <= set(_roles(advice.contacts))
    assert "record.exploiter_relation" in codes(advice.to_record)
    case.exploiter_relation = "partner"
    household = _find(next_step(case, content, TODAY).notes, "note.adult_household")
    assert household["relation"] == Msg("relation.partner")


@pytest.mark.parametrize(
    ("age", "signer", "mentions"),
    [
        (12, "ouders_of_voogd", "consent.under_16"),
        (15, "ouders_of_voogd", "consent.under_16"),
        (16, "jongere", "consent.exactly_16"),
        (17, "jongere", "consent.self"),
        (19, "jongere", "consent.adult_may_refuse"),
        (None, None, "consent.age_unknown"),
    ],
)
def test_comensha_consent_by_age(age: int | None, signer: str | None, mentions: str) -> None:
    rule = comensha_consent(Case(pseudonym="X", age=age))
    assert rule.signer == signer and mentions in codes(rule.text) and rule.if_refused
    assert ("consent.exactly_16" in codes(rule.text)) == (age == 16)
    assert ("precies 16" in paragraph(rule.text, "nl")) == (age == 16)


def test_parents_endangering_blocks_parental_consent(content: Content) -> None:
    case = _case(age=15)
    case.conversations["ouders"] = Conversation(held=False, skip_reason="oom regelt afspraken", endangers=True)
    _answer(case, vermoeden=True, onveiligheid=True)
    advice = next_step(case, content, TODAY)
    assert advice.consent.signer is None and advice.consent.parental_route_blocked
    assert codes(advice.consent.text) == ["consent.parents_blocked"]
    assert "politie" in paragraph(advice.consent.text, "nl") and "voogd" in paragraph(advice.consent.text, "nl")
    assert advice.consent.if_refused == Msg("consent.refused.blocked")
    assert "record.comensha_consent" not in codes(advice.to_record)
    assert "note.parents_endanger" in codes(advice.notes)
    assert as_json(advice, "nl")["toestemming_comensha"] is None


def test_comensha_status_is_reflected() -> None:
    case = Case(pseudonym="X", age=17, comensha=ComenshaRegistration(consent_status="geweigerd"))
    assert codes(comensha_consent(case).text)[-1] == "consent.status.geweigerd"
    assert "geweigerd" in paragraph(comensha_consent(case).text, "nl")
    case.comensha = ComenshaRegistration(consent_status="gegeven", registered_on=TODAY)
    assert _find(comensha_consent(case).text, "consent.status.registered")["date"] == TODAY


def test_boys_prompt_needs_a_boy_with_several_signals(content: Content) -> None:
    boy = _case(gender="jongen")
    boy.signals = [ObservedSignal(signal_id=s) for s in ("GD01", "GD05", "JO04")]
    assert any("jongen" in p for p in all_of(next_step(boy, content, TODAY).prompts, "nl"))
    girl = _case(gender="meisje")
    girl.signals = list(boy.signals)
    assert next_step(girl, content, TODAY).prompts == []
    boy.signals = boy.signals[:2]
    assert next_step(boy, content, TODAY).prompts == []


def test_recruiting_signals_never_label_as_offender(content: Content) -> None:
    case = _case(age=17)
    case.signals = [ObservedSignal(signal_id="DR01"), ObservedSignal(signal_id="DR02")]
    advice = next_step(case, content, TODAY)
    warning = _find(advice.warnings, "warning.dual_role")
    assert _ids(warning) == ("DR01", "DR02")
    assert "slachtoffer" in render(warning, "nl") and "per kind" in render(warning, "nl")
    assert "politie" in _roles(advice.contacts)


def test_changed_answers_are_shown_for_review_before_anything_else(content: Content) -> None:
    case = _case()
    _answer(case, vermoeden=True, onveiligheid=False, zelf_hulp=True)
    ch.set_afweging(case, "onveiligheid", True, "toch acuut", today=TODAY)
    ch.set_afweging(case, "onveiligheid", False, "na overleg toch niet", today=TODAY)
    advice = next_step(case, content, TODAY)
    assert advice.needs_review == ["zelf_hulp"] and advice.pending_question == "zelf_hulp"
    assert _ids(_find(advice.next_action, "next.review"), "numbers") == (3,)
    shown = paragraph(advice.next_action, "nl")
    assert "afweging 3" in shown and "zelf_hulp" not in shown  # a label, not the id


def test_unknown_municipality_and_stale_contacts_warn(content: Content) -> None:
    advice = next_step(_case(gemeente="nergenshuizen"), content, TODAY)
    assert _find(advice.warnings, "warning.unknown_gemeente")["gemeente"] == "nergenshuizen"
    assert advice.contacts and all(c.name != "Veilig Thuis Hollands Midden" for c in advice.contacts)
    consult = next_step(_case(), content, TODAY)  # stap1: the aandachtsfunctionaris (checked 2020) is shown
    names = _ids(_find(consult.warnings, "warning.stale_contacts"), "names")
    assert "Aandachtsfunctionaris gemeente Leiden" in [n.get("nl") for n in names if isinstance(n, LocalText)]


def test_english_and_json_shape(content: Content) -> None:
    case = _case(onthulling=True)
    advice = next_step(case, content, TODAY)
    assert render(advice.next_action[0], "en").startswith("EN ")
    data = as_json(advice, "en")
    assert data["volgende_stap"].endswith("The other steps can wait.")
    assert data["codes"]["volgende_stap"] == ["content", "next.other_steps_later"]
    for key in ("fase", "uitkomst", "volgende_stap", "redenen", "contacten", "toestemming_comensha", "acuut"):
        assert key in data
    assert set(data["contacten"][0]) >= {"rol", "naam", "telefoon"}


def test_closed_case_and_summary(content: Content) -> None:
    case = _case()
    ch.close_case(case, "klaar")
    assert next_step(case, content, TODAY).phase == "gesloten"
    summary = summarize(case, content, TODAY)
    assert summary.closed and summary.phase == "Afgesloten" and summary.id == case.id
    english = summarize(case, content, TODAY, lang="en")
    assert english.phase == "Closed" and english.next_action.startswith("The case is closed.")
