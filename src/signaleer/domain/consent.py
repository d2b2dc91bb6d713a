"""Who signs the written consent for a CoMensha registration, and what to do when it is refused."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from signaleer.domain.base import Language
from signaleer.domain.case import Case

ConsentSignerRule = Literal["ouders_of_voogd", "jongere"]

SELF_CONSENT_AGE = 16
"""From this age the young person signs; below it the parents or guardian (NJi; exact boundary, see §7)."""


@dataclass(frozen=True)
class ConsentRule:
    """The consent rule for a CoMensha registration at this age and in this case."""

    signer: ConsentSignerRule | None
    """Who signs now; None when the age is unknown or parental consent is not possible."""
    text: str
    """The rule in plain words, including the current consent status."""
    if_refused: str
    """What to do when consent is refused."""
    parental_route_blocked: bool = False
    """True when parents may not be asked because that would endanger the young person."""


def _tr(language: Language, nl: str, en: str) -> str:
    return en if language == "en" else nl


def parents_endanger(case: Case) -> bool:
    """True when the conversation with the parents was skipped because it would endanger the young person."""
    parents = case.conversations.get("ouders")
    return parents is not None and parents.held is False and parents.endangers


def comensha_consent(case: Case, language: Language = "nl") -> ConsentRule:
    """The CoMensha consent rule for ``case``: under 16 the parents or guardian sign, from 16 the young person."""
    age = case.age
    if age is None:
        signer: ConsentSignerRule | None = None
        text = _tr(
            language,
            "Leeftijd onbekend. Onder 16 jaar tekenen ouders of voogd, vanaf 16 jaar tekent de jongere zelf.",
            "Age unknown. Under 16 the parents or guardian sign; from 16 the young person signs.",
        )
    elif age < SELF_CONSENT_AGE:
        signer = "ouders_of_voogd"
        text = _tr(
            language,
            f"Jonger dan 16 ({age} jaar): ouders of voogd geven schriftelijke toestemming voor registratie bij CoMensha.",
            f"Under 16 ({age}): the parents or guardian give written consent for registration with CoMensha.",
        )
    else:
        signer = "jongere"
        text = _tr(
            language,
            f"{age} jaar: de jongere geeft zelf schriftelijke toestemming voor registratie bij CoMensha.",
            f"Aged {age}: the young person gives written consent for registration with CoMensha.",
        )
        if age == SELF_CONSENT_AGE:
            text += _tr(
                language,
                " Let op: bij precies 16 jaar zijn de bronnen niet eenduidig ('ouder dan 16' / 'jonger dan 16');"
                " ga uit van de jongere zelf en vraag bij twijfel CoMensha.",
                " Note: at exactly 16 the sources are ambiguous ('older than 16' / 'younger than 16');"
                " assume the young person signs and ask CoMensha when in doubt.",
            )
        if age >= 18:
            text += _tr(
                language,
                " Als volwassene mag zij/hij weigeren; dat besluit respecteer je.",
                " As an adult they may refuse; respect that decision.",
            )
    blocked = signer == "ouders_of_voogd" and parents_endanger(case)
    if blocked:
        signer = None
        text = _tr(
            language,
            "Toestemming via de ouders is niet mogelijk: het gesprek met de ouders is overgeslagen omdat het de"
            " jongere in gevaar brengt. Vraag de ouders niet om toestemming. Laat de registratie via de politie"
            " lopen (de politie registreert zelf), of later via een voogd; bespreek dit met Veilig Thuis.",
            "Consent through the parents is not possible: the conversation with the parents was skipped because it"
            " would endanger the young person. Do not ask the parents. Let the police register (they report"
            " themselves), or later a guardian; discuss this with Veilig Thuis.",
        )
    if blocked:
        if_refused = _tr(
            language,
            "De ouders worden niet gevraagd. Weigert later een voogd, of is registratie via de politie niet"
            " mogelijk: leg dat vast en bespreek met Veilig Thuis en de zorgcoördinator. De melding bij Veilig Thuis"
            " staat hier los van.",
            "The parents are not asked. If a guardian later refuses, or registration via the police is not possible:"
            " record it and discuss with Veilig Thuis and the care coordinator. The Veilig Thuis report is separate"
            " from this.",
        )
    elif signer is None:
        if_refused = _tr(
            language,
            "Weigert wie moet tekenen: leg de weigering vast, registreer niet zelf en vraag het later opnieuw. De"
            " melding bij Veilig Thuis staat hier los van.",
            "If the person who must sign refuses: record the refusal, do not register yourself and ask again later."
            " The Veilig Thuis report is separate from this.",
        )
    elif signer == "ouders_of_voogd":
        if_refused = _tr(
            language,
            "Weigeren ouders of voogd: leg de weigering vast, registreer niet zelf en bespreek met Veilig Thuis en de"
            " zorgcoördinator of registratie via de politie kan. De melding bij Veilig Thuis staat hier los van.",
            "If the parents or guardian refuse: record the refusal, do not register yourself, and discuss with"
            " Veilig Thuis and the care coordinator whether the police can register. The Veilig Thuis report is"
            " separate from this.",
        )
    else:
        if_refused = _tr(
            language,
            "Weigert de jongere: leg de weigering vast, registreer niet zelf, blijf in contact en vraag het later"
            " opnieuw. De politie registreert zelf als er politiecontact of aangifte is. De melding bij Veilig"
            " Thuis staat hier los van.",
            "If the young person refuses: record the refusal, do not register yourself, stay in contact and ask"
            " again later. The police register themselves when they are involved. The Veilig Thuis report is"
            " separate from this.",
        )
    return ConsentRule(signer, text + _status_text(case, language), if_refused, blocked)


def _status_text(case: Case, language: Language) -> str:
    """The recorded CoMensha status, as a sentence to append."""
    reg = case.comensha
    when = f" ({reg.consent_date.isoformat()})" if reg.consent_date else ""
    if reg.registered_on:
        return _tr(
            language,
            f" Geregistreerd bij CoMensha op {reg.registered_on.isoformat()}.",
            f" Registered with CoMensha on {reg.registered_on.isoformat()}.",
        )
    status = {
        "gevraagd": ("Toestemming is gevraagd{w}; wacht op antwoord.", "Consent was asked{w}; awaiting an answer."),
        "gegeven": ("Toestemming is gegeven{w}: registreer nu bij CoMensha.", "Consent was given{w}: register now."),
        "geweigerd": ("Toestemming is geweigerd{w}: zie 'bij weigering'.", "Consent was refused{w}: see 'if refused'."),
        "niet_mogelijk": ("Toestemming is niet mogelijk{w}.", "Consent is not possible{w}."),
    }.get(reg.consent_status)
    if status is None:
        return ""
    return " " + _tr(language, status[0], status[1]).format(w=when)


@dataclass(frozen=True)
class SignerCheck:
    """Why a chosen signer does not fit the consent rule, checked before anything is saved."""

    reason: str
    """What is wrong and what the rule says, in plain words."""
    blocking: bool
    """True when it may not be recorded at all (the parents may not be asked); else the professional confirms."""


def signer_check(case: Case, signer: str | None, language: Language = "nl") -> SignerCheck | None:
    """None when ``signer`` fits the CoMensha consent rule of ``case`` (or nobody is chosen yet)."""
    if signer is None:
        return None
    rule = comensha_consent(case, language)
    if signer == "ouders_of_voogd" and rule.parental_route_blocked:
        return SignerCheck(rule.text, blocking=True)
    if rule.signer is not None and signer != rule.signer:
        who = (
            _tr(language, "de jongere", "the young person")
            if signer == "jongere"
            else _tr(language, "ouders of voogd", "the parents or guardian")
        )
        return SignerCheck(
            _tr(
                language,
                f"Je kiest {who} als ondertekenaar, maar volgens de leeftijdsregel tekent iemand anders. {rule.text}",
                f"You chose {who} to sign, but by the age rule someone else signs. {rule.text}",
            ),
            blocking=False,
        )
    return None
