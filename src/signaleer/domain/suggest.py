"""What the recorded signals suggest: grounds for afweging 2, prompts and warnings. Never an answer."""

from __future__ import annotations

from dataclasses import dataclass, field

from signaleer.domain.base import LocalText
from signaleer.domain.case import Case
from signaleer.domain.content import Content
from signaleer.domain.message import Msg, Text, items, msg
from signaleer.domain.signals import Signal

ADULT_AGE = 18
PERPETRATION_CATEGORY = "daderschap_ronselen"
"""Signals about recruiting others: context, never a label for the young person."""
BOYS_CATEGORY = "jongens"
"""The list whose prompt is shown when a boy has several signals."""
BOYS_PROMPT_MIN_SIGNALS = 3
FORM_ROLES: dict[str, list[str]] = {"online": ["helpwanted"], "arbeid": ["arbeidsinspectie"]}
"""Extra contact roles for a form of exploitation (shown only when the route has them)."""
EXPLOITATION_FORMS = frozenset({"seksueel", "crimineel", "online", "arbeid"})
"""Forms whose strong signals alone ground a suggestion for a minor. Only for sexual exploitation does a
Meldcode text give the example (KNMG bijlage 5); for criminal and labour exploitation the reason says so."""
SEXUAL_FORMS = frozenset({"seksueel", "online"})
"""Forms covered by the KNMG example of acute unsafety (sexual exploitation, also online)."""
WEIGHT_SCORE = {"strong": 2, "medium": 1, "weak": 0}
MINOR_COMBINATION = 3
"""Score (strong 2, medium 1) from which a combination suggests 'yes' for a minor, but only when it holds a
specific signal (strong, or tagged with a form of exploitation). Non-specific signals alone (no form, such as
quarrels at home or running away) never do: they have many other causes."""
ADULT_COMBINATION = 4
"""The same for an adult, who also needs at least one strong signal."""
KNMG_ACUTE = "https://knmg-meldcode.maglr.com/meldcode-kindermishandeling-en-huiselijk-geweld/bijlage-5-voorbeelden-van-acute-onveiligheid"
"""KNMG meldcode, bijlage 5: examples of acute unsafety (sexual exploitation with a real chance of repetition)."""
AK_DEFINITIONS = "https://afwegingskadermeldcode.nl/vragenlijst?showtemplate=1"
"""Afwegingskader meldcode: what acute and structural unsafety mean."""
COMBINATION_SOURCE = "https://helseliefde.nl/loverboys/"
"""Combinations of signals and a fast change weigh more than a single signal."""


@dataclass(frozen=True)
class Suggestion:
    """What the app suggests for one afweging, and why. The professional's answer decides."""

    answer: bool
    reasons: list[Text] = field(default_factory=list)
    number: int | None = None
    """The afweging's number in the kader (shown instead of its id)."""


def known_signals(case: Case, content: Content) -> list[Signal]:
    """The content signals for the case's ticked signals, skipping unknown ids."""
    return [content.signal(s.signal_id) for s in case.signals if content.has_signal(s.signal_id)]


def is_minor(case: Case) -> bool:
    """True unless the age is known to be 18 or more (unknown age is treated as a minor, to be safe)."""
    return case.age is None or case.age < ADULT_AGE


def describe(signal: Signal) -> Msg:
    """'GB01 (sterk): text' for reasons."""
    weight = msg(f"weight.{signal.weight}")
    return msg(
        "signal",
        id=signal.id,
        weight=weight,
        acute=msg("signal_acute") if signal.acuut else "",
        text=signal_text(signal),
    )


def signal_text(signal: Signal) -> LocalText:
    """The signal's own text, both languages."""
    return LocalText(nl=signal.nl, en=signal.en)


def acute_yes(case: Case, content: Content) -> list[tuple[str, str]]:
    """(field id, label) of the acute questions answered yes, in step-plan order."""
    fields = content.step_plan.fields_of_type("acute_question")
    return [(f.id, f.label.nl) for _, f in fields if case.acute.get(f.id)]


def suggestions(case: Case, content: Content) -> dict[str, Suggestion]:
    """Suggested answers for the afwegingen that allow it (``suggest_from_signals``); only ever 'yes'."""
    kader = content.kader_for(case.sector)
    grounds: list[Text] = []
    fields = {f.id: f for _, f in content.step_plan.fields_of_type("acute_question")}
    for field_id, value in case.acute.items():
        if value and field_id in fields:
            grounds.append(msg("suggest.acute_yes", label=fields[field_id].label))
    signals = known_signals(case, content)
    grounds.extend(msg("suggest.acute_signal", signal=describe(s)) for s in signals if s.acuut)
    strong = [s for s in signals if s.weight == "strong" and not s.acuut]
    exploitation = [s for s in strong if EXPLOITATION_FORMS & set(s.forms)]
    sexual = [s for s in exploitation if SEXUAL_FORMS & set(s.forms)]
    other = [s for s in exploitation if s not in sexual]
    weighty = [s for s in signals if s.weight != "weak" and not s.acuut]
    score = sum(WEIGHT_SCORE[s.weight] for s in weighty)
    if is_minor(case) and sexual:
        grounds.append(msg("suggest.minor_sexual", ids=items(s.id for s in sexual), source=KNMG_ACUTE))
    if is_minor(case) and other:
        grounds.append(msg("suggest.minor_other_forms", ids=items(s.id for s in other), source=AK_DEFINITIONS))
    specific = [s for s in weighty if s.weight == "strong" or EXPLOITATION_FORMS & set(s.forms)]
    threshold = MINOR_COMBINATION if is_minor(case) else ADULT_COMBINATION
    if not exploitation and specific and score >= threshold and (is_minor(case) or strong):
        rest = [s.id for s in weighty if s not in specific]
        also = msg("suggest.non_specific", ids=items(rest)) if rest else ""
        grounds.append(
            msg("suggest.combination", ids=items(s.id for s in specific), also=also, source=COMBINATION_SOURCE)
        )
    if not grounds:
        return {}
    grounds.append(msg("suggest.only_a_suggestion"))
    return {q.id: Suggestion(True, list(grounds), q.number) for q in kader.questions if q.suggest_from_signals}


def boys_prompts(case: Case, content: Content) -> list[Text]:
    """The boys' prompt when a boy has several signals: boys' exploitation is easily read as behaviour."""
    if case.gender != "jongen" or len(case.signals) < BOYS_PROMPT_MIN_SIGNALS:
        return []
    return [lst.prompt for lst in content.signal_lists if lst.category == BOYS_CATEGORY and lst.prompt]


def perpetration_signals(case: Case, content: Content) -> list[Signal]:
    """Ticked signals from the recruiting/perpetration list."""
    return [s for s in known_signals(case, content) if content.category_of(s.id).category == PERPETRATION_CATEGORY]


def dual_role_warning(case: Case, content: Content) -> Msg | None:
    """A warning when recruiting signals are ticked: victim first; other children are a separate concern."""
    signals = perpetration_signals(case, content)
    if not signals:
        return None
    return msg("warning.dual_role", ids=items(s.id for s in signals))


def form_roles(case: Case, content: Content) -> list[str]:
    """Contact roles that fit the forms of exploitation the signals point to."""
    roles: list[str] = []
    for signal in known_signals(case, content):
        for form in signal.forms:
            roles.extend(r for r in FORM_ROLES.get(form, []) if r not in roles)
    return roles


def criminal_note(case: Case, content: Content) -> Msg | None:
    """A reminder to treat a young person in criminal exploitation as a victim."""
    signals = known_signals(case, content)
    if not any(s.forms == ["crimineel"] or ("crimineel" in s.forms and s.weight == "strong") for s in signals):
        return None
    return msg("note.criminal_victim")


def online_extortion_note(case: Case, content: Content) -> Msg | None:
    """What to advise on online extortion (sextortion) when strong online signals are ticked."""
    if not any("online" in s.forms and (s.acuut or s.weight == "strong") for s in known_signals(case, content)):
        return None
    return msg("note.online_extortion")
