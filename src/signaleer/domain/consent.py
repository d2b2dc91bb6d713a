"""Who signs the written consent for a CoMensha registration, and what to do when it is refused."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from signaleer.domain.case import Case
from signaleer.domain.message import Msg, msg

ConsentSignerRule = Literal["ouders_of_voogd", "jongere"]

SELF_CONSENT_AGE = 16
"""From this age the young person signs; below it the parents or guardian (NJi; exact boundary, see §7)."""


@dataclass(frozen=True)
class ConsentRule:
    """The consent rule for a CoMensha registration at this age and in this case."""

    signer: ConsentSignerRule | None
    """Who signs now; None when the age is unknown or parental consent is not possible."""
    text: tuple[Msg, ...]
    """The rule, including the current consent status (shown as one paragraph)."""
    if_refused: Msg
    """What to do when consent is refused."""
    parental_route_blocked: bool = False
    """True when parents may not be asked because that would endanger the young person."""


def parents_endanger(case: Case) -> bool:
    """True when the conversation with the parents was skipped because it would endanger the young person."""
    parents = case.conversations.get("ouders")
    return parents is not None and parents.held is False and parents.endangers


def comensha_consent(case: Case) -> ConsentRule:
    """The CoMensha consent rule for ``case``: under 16 the parents or guardian sign, from 16 the young person."""
    age = case.age
    text: list[Msg]
    if age is None:
        signer: ConsentSignerRule | None = None
        text = [msg("consent.age_unknown")]
    elif age < SELF_CONSENT_AGE:
        signer = "ouders_of_voogd"
        text = [msg("consent.under_16", age=age)]
    else:
        signer = "jongere"
        text = [msg("consent.self", age=age)]
        if age == SELF_CONSENT_AGE:
            text.append(msg("consent.exactly_16"))
        if age >= 18:
            text.append(msg("consent.adult_may_refuse"))
    blocked = signer == "ouders_of_voogd" and parents_endanger(case)
    if blocked:
        signer = None
        text = [msg("consent.parents_blocked")]
    if blocked:
        if_refused = msg("consent.refused.blocked")
    elif signer is None:
        if_refused = msg("consent.refused.unknown")
    elif signer == "ouders_of_voogd":
        if_refused = msg("consent.refused.parents")
    else:
        if_refused = msg("consent.refused.young_person")
    status = status_text(case)
    return ConsentRule(signer, tuple(text + ([status] if status else [])), if_refused, blocked)


def status_text(case: Case) -> Msg | None:
    """The recorded CoMensha status, as a sentence to append."""
    reg = case.comensha
    if reg.registered_on:
        return msg("consent.status.registered", date=reg.registered_on)
    if reg.consent_status == "niet_gevraagd":
        return None
    when = msg("consent.status.when", date=reg.consent_date) if reg.consent_date else ""
    return msg(f"consent.status.{reg.consent_status}", when=when)


@dataclass(frozen=True)
class SignerCheck:
    """Why a chosen signer does not fit the consent rule, checked before anything is saved."""

    reason: tuple[Msg, ...]
    """What is wrong and what the rule says (shown as one paragraph)."""
    blocking: bool
    """True when it may not be recorded at all (the parents may not be asked); else the professional confirms."""


def signer_check(case: Case, signer: str | None) -> SignerCheck | None:
    """None when ``signer`` fits the CoMensha consent rule of ``case`` (or nobody is chosen yet)."""
    if signer is None:
        return None
    rule = comensha_consent(case)
    if signer == "ouders_of_voogd" and rule.parental_route_blocked:
        return SignerCheck(rule.text, blocking=True)
    if rule.signer is not None and signer != rule.signer:
        who = msg("consent.who.young_person" if signer == "jongere" else "consent.who.parents")
        return SignerCheck((msg("consent.other_signer", who=who), *rule.text), blocking=False)
    return None
