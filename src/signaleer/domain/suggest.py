"""What the recorded signals suggest: grounds for afweging 2, prompts and warnings. Never an answer."""

from __future__ import annotations

from dataclasses import dataclass, field

from signaleer.domain.base import Language
from signaleer.domain.case import Case
from signaleer.domain.content import Content
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
WEIGHT_NL = {"strong": "sterk", "medium": "middel", "weak": "zwak"}


@dataclass(frozen=True)
class Suggestion:
    """What the app suggests for one afweging, and why. The professional's answer decides."""

    answer: bool
    reasons: list[str] = field(default_factory=list)


def _tr(language: Language, nl: str, en: str) -> str:
    return en if language == "en" else nl


def known_signals(case: Case, content: Content) -> list[Signal]:
    """The content signals for the case's ticked signals, skipping unknown ids."""
    return [content.signal(s.signal_id) for s in case.signals if content.has_signal(s.signal_id)]


def is_minor(case: Case) -> bool:
    """True unless the age is known to be 18 or more (unknown age is treated as a minor, to be safe)."""
    return case.age is None or case.age < ADULT_AGE


def describe(signal: Signal, language: Language) -> str:
    """'GB01 (sterk): text' for reasons."""
    weight = WEIGHT_NL[signal.weight] if language == "nl" else signal.weight
    return f"{signal.id} ({weight}{', acuut' if signal.acuut else ''}): {signal.text(language)}"


def acute_yes(case: Case, content: Content) -> list[tuple[str, str]]:
    """(field id, label) of the acute questions answered yes, in step-plan order."""
    fields = content.step_plan.fields_of_type("acute_question")
    return [(f.id, f.label.nl) for _, f in fields if case.acute.get(f.id)]


def suggestions(case: Case, content: Content, language: Language = "nl") -> dict[str, Suggestion]:
    """Suggested answers for the afwegingen that allow it (``suggest_from_signals``); only ever 'yes'."""
    kader = content.kader_for(case.sector)
    grounds: list[str] = []
    fields = {f.id: f for _, f in content.step_plan.fields_of_type("acute_question")}
    for field_id, value in case.acute.items():
        if value and field_id in fields:
            label = fields[field_id].label.get(language)
            grounds.append(
                _tr(
                    language,
                    f"Acute check: '{label}' is met ja beantwoord.",
                    f"Acute check: '{label}' was answered yes.",
                )
            )
    signals = known_signals(case, content)
    for signal in signals:
        if signal.acuut:
            grounds.append(
                _tr(
                    language,
                    f"Acuut signaal {describe(signal, language)}",
                    f"Acute signal {describe(signal, language)}",
                )
            )
    strong = [s for s in signals if s.weight == "strong" and not s.acuut]
    exploitation = [s for s in strong if EXPLOITATION_FORMS & set(s.forms)]
    sexual = [s for s in exploitation if SEXUAL_FORMS & set(s.forms)]
    other = [s for s in exploitation if s not in sexual]
    weighty = [s for s in signals if s.weight != "weak" and not s.acuut]
    score = sum(WEIGHT_SCORE[s.weight] for s in weighty)
    if is_minor(case) and sexual:
        ids = ", ".join(s.id for s in sexual)
        grounds.append(
            _tr(
                language,
                f"Minderjarige met sterke signalen van seksuele uitbuiting ({ids}). De KNMG-meldcode noemt als voorbeeld"
                " van acute onveiligheid: (vermoeden van) seksuele uitbuiting door iemand van wie het slachtoffer"
                f" afhankelijk of onvrij is, met een reële kans op herhaling ({KNMG_ACUTE}).",
                f"A minor with strong signals of sexual exploitation ({ids}). The KNMG meldcode gives as an example of"
                " acute unsafety: (suspected) sexual exploitation by someone on whom the victim is dependent or"
                f" unfree, with a real chance of repetition ({KNMG_ACUTE}).",
            )
        )
    if is_minor(case) and other:
        ids = ", ".join(s.id for s in other)
        grounds.append(
            _tr(
                language,
                f"Minderjarige met sterke signalen van criminele of arbeidsuitbuiting ({ids}). Het KNMG-voorbeeld van"
                " acute onveiligheid gaat over seksuele uitbuiting; of deze uitbuiting acute of structurele"
                f" onveiligheid is ({AK_DEFINITIONS}), is jouw afweging. Overleg bij twijfel met Veilig Thuis.",
                f"A minor with strong signals of criminal or labour exploitation ({ids}). The KNMG example of acute"
                " unsafety concerns sexual exploitation; whether this exploitation is acute or structural unsafety"
                f" ({AK_DEFINITIONS}) is your judgement. Consult Veilig Thuis when in doubt.",
            )
        )
    specific = [s for s in weighty if s.weight == "strong" or EXPLOITATION_FORMS & set(s.forms)]
    threshold = MINOR_COMBINATION if is_minor(case) else ADULT_COMBINATION
    if not exploitation and specific and score >= threshold and (is_minor(case) or strong):
        ids = ", ".join(s.id for s in specific)
        rest = [s.id for s in weighty if s not in specific]
        also_nl = f"; daarbij niet-specifieke signalen ({', '.join(rest)})" if rest else ""
        also_en = f"; with non-specific signals ({', '.join(rest)})" if rest else ""
        grounds.append(
            _tr(
                language,
                f"Combinatie met signalen die op uitbuiting wijzen ({ids}){also_nl}: een combinatie en een snelle"
                f" verandering wegen zwaarder dan losse signalen ({COMBINATION_SOURCE}). Weeg of dit structurele"
                " onveiligheid is.",
                f"A combination with signals that point to exploitation ({ids}){also_en}: a combination and a fast"
                f" change weigh more than single signals ({COMBINATION_SOURCE}). Weigh whether this is structural"
                " unsafety.",
            )
        )
    if not grounds:
        return {}
    grounds.append(
        _tr(
            language,
            "Dit is een suggestie: je eigen afweging beslist; leg je reden vast.",
            "This is a suggestion: your own judgement decides; record your reason.",
        )
    )
    return {q.id: Suggestion(True, list(grounds)) for q in kader.questions if q.suggest_from_signals}


def boys_prompts(case: Case, content: Content, language: Language = "nl") -> list[str]:
    """The boys' prompt when a boy has several signals: boys' exploitation is easily read as behaviour."""
    if case.gender != "jongen" or len(case.signals) < BOYS_PROMPT_MIN_SIGNALS:
        return []
    return [lst.prompt.get(language) for lst in content.signal_lists if lst.category == BOYS_CATEGORY and lst.prompt]


def perpetration_signals(case: Case, content: Content) -> list[Signal]:
    """Ticked signals from the recruiting/perpetration list."""
    return [s for s in known_signals(case, content) if content.category_of(s.id).category == PERPETRATION_CATEGORY]


def dual_role_warning(case: Case, content: Content, language: Language = "nl") -> str | None:
    """A warning when recruiting signals are ticked: victim first; other children are a separate concern."""
    signals = perpetration_signals(case, content)
    if not signals:
        return None
    ids = ", ".join(s.id for s in signals)
    return _tr(
        language,
        f"Signalen van ronselen ({ids}) beschrijven de context; ze maken de jongere geen 'dader'. Behandel de"
        " jongere als (mogelijk) slachtoffer. De veiligheid van andere kinderen is een aparte zorg per kind:"
        " bespreek die met politie en Veilig Thuis.",
        f"Recruiting signals ({ids}) describe the context; they do not make the young person an 'offender'. Treat"
        " the young person as a (possible) victim. The safety of other children is a separate concern per child:"
        " discuss it with the police and Veilig Thuis.",
    )


def form_roles(case: Case, content: Content) -> list[str]:
    """Contact roles that fit the forms of exploitation the signals point to."""
    roles: list[str] = []
    for signal in known_signals(case, content):
        for form in signal.forms:
            roles.extend(r for r in FORM_ROLES.get(form, []) if r not in roles)
    return roles


def criminal_note(case: Case, content: Content, language: Language = "nl") -> str | None:
    """A reminder to treat a young person in criminal exploitation as a victim."""
    signals = known_signals(case, content)
    if not any(s.forms == ["crimineel"] or ("crimineel" in s.forms and s.weight == "strong") for s in signals):
        return None
    return _tr(
        language,
        "Signalen van criminele uitbuiting: behandel de jongere als slachtoffer, ook als zij/hij zelf strafbare"
        " feiten pleegde of zichzelf als dader ziet.",
        "Signals of criminal exploitation: treat the young person as a victim, even if they committed offences or"
        " see themselves as an offender.",
    )


def online_extortion_note(case: Case, content: Content, language: Language = "nl") -> str | None:
    """What to advise on online extortion (sextortion) when strong online signals are ticked."""
    if not any("online" in s.forms and (s.acuut or s.weight == "strong") for s in known_signals(case, content)):
        return None
    return _tr(
        language,
        "Online afpersing: adviseer niet te betalen, het gesprek te bewaren (schermafbeeldingen van de berichten,"
        " nooit de beelden zelf doorsturen of opslaan), de afperser te blokkeren en aangifte te doen bij de politie."
        " Helpwanted (Offlimits) helpt beelden offline te halen.",
        "Online extortion: advise not to pay, to keep the conversation (screenshots of the messages, never forward or"
        " store the images), to block the extortionist and to report to the police. Helpwanted (Offlimits) helps take images"
        " offline.",
    )
