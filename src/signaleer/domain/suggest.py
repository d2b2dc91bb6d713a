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
"""Forms whose strong signals alone ground a suggestion for a minor: any exploitation of a minor in a
relation of dependency or unfreedom is child abuse under the Meldcode (domain.md §4.1), labour included."""
WEIGHT_SCORE = {"strong": 2, "medium": 1, "weak": 0}
MINOR_COMBINATION = 3
"""Score (strong 2, medium 1) from which a combination of signals suggests 'yes' for a minor."""
ADULT_COMBINATION = 4
"""The same for an adult, who also needs at least one strong signal."""
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
    weighty = [s for s in signals if s.weight != "weak" and not s.acuut]
    score = sum(WEIGHT_SCORE[s.weight] for s in weighty)
    if is_minor(case) and exploitation:
        ids = ", ".join(s.id for s in exploitation)
        grounds.append(
            _tr(
                language,
                f"Minderjarige met sterke signalen van uitbuiting ({ids}): uitbuiting in een relatie van"
                " afhankelijkheid of onvrijheid geldt als acute en/of structurele onveiligheid (Meldcode, §4.4).",
                f"A minor with strong signals of exploitation ({ids}): exploitation in a relation of dependency or"
                " unfreedom counts as acute and/or structural unsafety (Meldcode, §4.4).",
            )
        )
    elif score >= (MINOR_COMBINATION if is_minor(case) else ADULT_COMBINATION) and (is_minor(case) or strong):
        ids = ", ".join(s.id for s in weighty)
        grounds.append(
            _tr(
                language,
                f"Combinatie van signalen ({ids}): samen wegen ze zwaarder dan elk apart; uitbuiting begint vaak snel,"
                " dus afwachten is geen standaard.",
                f"Combination of signals ({ids}): together they weigh more than each alone; exploitation often starts"
                " fast, so waiting is not the default.",
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
        " Helpwanted helpt beelden offline te halen.",
        "Online extortion: advise not to pay, to keep the conversation (screenshots of the messages, never forward or"
        " store the images), to block the extortionist and to report to the police. Helpwanted helps take images"
        " offline.",
    )
