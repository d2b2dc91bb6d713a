"""Properties: any reachable case gets an outcome or a question, never an error; the timeline only grows."""

from __future__ import annotations

import datetime as dt

from engine_content import make_content
from hypothesis import given, settings
from hypothesis import strategies as st

from signaleer.advice_text import PREFIX, as_json, messages, next_action
from signaleer.content.loader import load_content_or_raise
from signaleer.domain import changes as ch
from signaleer.domain.advice import next_step
from signaleer.domain.afwegingskader import walk
from signaleer.domain.case import Case, Conversation, ObservedSignal
from signaleer.domain.progress import PHASES
from signaleer.i18n import LANGUAGES, has_text

CONTENT = make_content()
KADER = CONTENT.kader_for("wijkteam")
QUESTIONS = [q.id for q in KADER.questions]
ACUTE = [f.id for _, f in CONTENT.step_plan.fields_of_type("acute_question")]
SIGNALS = sorted(s.id for lst in CONTENT.signal_lists for s in lst.signals)
TODAY = dt.date(2026, 11, 20)

answers = st.dictionaries(st.sampled_from(QUESTIONS), st.booleans())
acute = st.dictionaries(st.sampled_from(ACUTE), st.booleans())
signals = st.lists(st.sampled_from(SIGNALS), unique=True, max_size=6)
ages = st.one_of(st.none(), st.integers(min_value=0, max_value=30))
genders = st.sampled_from(["meisje", "jongen", "anders", "onbekend"])
conversation = st.one_of(
    st.none(),
    st.builds(Conversation, held=st.just(True)),
    st.builds(Conversation, held=st.just(False), skip_reason=st.just("gevaar"), endangers=st.booleans()),
)
dates = st.one_of(st.none(), st.dates(min_value=dt.date(2026, 1, 1), max_value=dt.date(2027, 12, 31)))


def _build(
    age: int | None,
    gender: str,
    given_acute: dict[str, bool],
    ids: list[str],
    given_answers: dict[str, bool],
    parents: Conversation | None,
    evaluation: dt.date | None,
) -> Case:
    case = ch.new_case("X", age, gender, "leiden", "wijkteam")  # type: ignore[arg-type]
    for qid, value in given_acute.items():
        ch.set_acute(case, qid, value)
    for sid in ids:
        ch.add_signal(case, ObservedSignal(signal_id=sid))
    if parents is not None:
        ch.set_conversation(case, "ouders", parents)
    for qid, value in given_answers.items():
        ch.set_afweging(case, qid, value, "reden", today=TODAY)
    ch.set_evaluation_date(case, evaluation)
    return case


@settings(max_examples=150, deadline=None)
@given(ages, genders, acute, signals, answers, conversation, dates, st.sampled_from(["nl", "en"]))
def test_every_combination_ends_in_an_outcome_or_a_question(
    age: int | None,
    gender: str,
    given_acute: dict[str, bool],
    ids: list[str],
    given_answers: dict[str, bool],
    parents: Conversation | None,
    evaluation: dt.date | None,
    language: str,
) -> None:
    case = _build(age, gender, given_acute, ids, given_answers, parents, evaluation)
    advice = next_step(case, CONTENT, TODAY)
    assert advice.phase in PHASES
    assert next_action(advice, language)  # type: ignore[arg-type]
    for message in messages(advice):  # every code the engine uses has its words, in both languages
        assert all(has_text(PREFIX + message.code, lang) for lang in LANGUAGES), message.code
    if KADER.start in given_answers:  # weighing has started: an outcome or the next question, always
        assert advice.outcome is not None or advice.pending_question in QUESTIONS or advice.due is not None
        assert advice.outcome == walk(KADER, given_answers).outcome
    if advice.phase == "stap5" and advice.outcome is None:
        assert advice.pending_question in QUESTIONS
    # The engine never answers an afweging; suggestions are only ever 'yes' with reasons.
    assert {q: a.answer for q, a in case.afwegingen.items()} == given_answers
    assert all(s.answer and s.reasons for s in advice.suggestions.values())
    assert advice.acute == any(given_acute.values())
    if advice.acute and case.acute_handled_at is None:
        assert advice.phase == "acuut" and advice.contacts
    assert advice.consent.signer in ("ouders_of_voogd", "jongere", None)
    assert as_json(advice, language)["fase"] == advice.phase  # type: ignore[arg-type]


@settings(max_examples=150, deadline=None)
@given(answers, st.lists(st.tuples(st.sampled_from(QUESTIONS), st.booleans()), max_size=8), signals)
def test_changing_answers_keeps_the_timeline_append_only(
    first: dict[str, bool], changes: list[tuple[str, bool]], ids: list[str]
) -> None:
    case = _build(15, "meisje", {}, ids, first, None, None)
    for qid, value in changes:
        before = list(case.timeline)
        stamp = case.updated_at
        depends = ch.what_depends_on(case, ch.Change("afweging", qid))
        changed = qid in case.afwegingen and case.afwegingen[qid].answer != value
        ch.set_afweging(case, qid, value, "andere reden", today=TODAY)
        assert case.timeline[: len(before)] == before
        assert len(case.timeline) == len(before) + 1
        assert case.updated_at >= stamp
        if changed:
            assert case.timeline[-1].reason == "andere reden"
            assert all(case.afwegingen[d].needs_review for d in depends)
        advice = next_step(case, CONTENT, TODAY)
        assert set(advice.needs_review) == {q for q, a in case.afwegingen.items() if a.needs_review}
    for index, sid in enumerate(ids):
        before = list(case.timeline)
        ch.remove_signal(case, sid, f"reden {index}")
        assert case.timeline[: len(before)] == before
        assert all(a.needs_review for a in case.afwegingen.values())


REAL = load_content_or_raise()
REAL_SIGNALS = sorted(s.id for lst in REAL.signal_lists for s in lst.signals)


@settings(max_examples=100, deadline=None)
@given(
    ages,
    st.sampled_from(["wijkteam", "wmo", "jeugdhulp", None]),
    st.sampled_from([None, *sorted(REAL.municipalities)]),
    st.lists(st.sampled_from(REAL_SIGNALS), unique=True, max_size=8),
    st.dictionaries(
        st.sampled_from(["vermoeden", "onveiligheid", "zelf_hulp", "hulp_aanvaard", "resultaat"]), st.booleans()
    ),
    acute,
    dates,
)
def test_the_bundled_content_never_breaks_the_engine(
    age: int | None,
    sector: str | None,
    gemeente: str | None,
    ids: list[str],
    given_answers: dict[str, bool],
    given_acute: dict[str, bool],
    evaluation: dt.date | None,
) -> None:
    case = ch.new_case("X", age, "jongen", gemeente, sector)
    for qid, value in given_acute.items():
        ch.set_acute(case, qid, value)
    for sid in ids:
        ch.add_signal(case, ObservedSignal(signal_id=sid))
    for qid, value in given_answers.items():
        ch.set_afweging(case, qid, value, "reden", today=TODAY)
    ch.set_evaluation_date(case, evaluation)
    advice = next_step(case, REAL, TODAY)
    assert advice.phase in PHASES and advice.next_action and advice.contacts
    for message in messages(advice):
        assert all(has_text(PREFIX + message.code, lang) for lang in LANGUAGES), message.code
    assert advice.outcome == walk(REAL.kader_for(sector), given_answers).outcome
    if advice.outcome == "melden":
        assert advice.contacts[0].role in ("veilig_thuis", "alarm", "csg", "politie")
