"""Plain-language reasons and notes for the advice: which answers and which signals led here."""

from __future__ import annotations

import re

from signaleer.domain.afwegingskader import Afwegingskader, Walk
from signaleer.domain.base import LocalText
from signaleer.domain.case import HOUSEHOLD_RELATIONS, Case
from signaleer.domain.consent import parents_endanger
from signaleer.domain.content import Content
from signaleer.domain.message import Msg, Text, items, msg
from signaleer.domain.suggest import Suggestion, describe, is_minor, known_signals


def yes_no(answer: bool) -> Msg:
    """'ja'/'nee' ('yes'/'no')."""
    return msg("yes" if answer else "no")


def acute_reasons(case: Case, content: Content) -> list[Text]:
    """One reason per acute question answered yes."""
    return [
        msg("reason.acute_yes", label=field.label)
        for _, field in content.step_plan.fields_of_type("acute_question")
        if case.acute.get(field.id)
    ]


def signal_reasons(case: Case, content: Content) -> list[Text]:
    """Which signals were ticked: strong and acute ones by name, the others by id."""
    if not case.signals:
        return [msg("reason.no_signals")]
    signals = known_signals(case, content)
    heavy = [s for s in signals if s.acuut or s.weight == "strong"]
    other = [s.id for s in signals if s not in heavy]
    reasons: list[Text] = [msg("reason.signal", signal=describe(s)) for s in heavy]
    if other:
        reasons.append(msg("reason.also_ticked" if heavy else "reason.ticked", ids=items(other)))
    second_hand = [s.signal_id for s in case.signals if s.source_type == "van_horen_zeggen"]
    if second_hand:
        reasons.append(msg("reason.second_hand", ids=items(second_hand)))
    if case.risk_factors:
        reasons.append(msg("reason.risk_factors", ids=items(f.factor_id for f in case.risk_factors)))
    return reasons


def conversation_reasons(case: Case) -> list[Text]:
    """Conversations skipped, with the reason given."""
    return [
        msg("reason.conversation_skipped", partner=_partner(partner), reason=conversation.skip_reason)
        for partner, conversation in case.conversations.items()
        if conversation.held is False
    ]


def _partner(partner: str) -> Msg | str:
    return msg(f"partner.{partner}") if partner in ("jongere", "ouders") else partner


def walk_reasons(
    case: Case, kader: Afwegingskader, path: Walk, hints: dict[str, Suggestion]
) -> tuple[list[Text], list[Text]]:
    """Reasons per answered afweging on the path, and warnings where the answer differs from the suggestion."""
    reasons: list[Text] = []
    warnings: list[Text] = []
    for step in path.trace:
        question = kader.question(step.question_id)
        recorded = case.afwegingen[step.question_id]
        answer = yes_no(step.answer)
        reasons.append(
            msg("reason.afweging", afweging=afweging_label(kader, question.id), answer=answer, reason=recorded.reason)
        )
        hint = hints.get(step.question_id)
        if hint is not None and hint.answer != step.answer:
            warnings.append(
                msg("warning.differs_from_suggestion", n=question.number, answer=answer, suggested=yes_no(hint.answer))
            )
    if path.norm is not None:
        for norm in kader.norms:
            if norm.number == path.norm:
                reasons.append(msg("reason.norm", n=norm.number, text=norm.text))
    return reasons, warnings


def adult_notes(case: Case) -> list[Text]:
    """The adult branch (18+): when the Meldcode applies and when the route runs via police and CoMensha."""
    if is_minor(case):
        return []
    notes: list[Text] = [msg("note.adult_branch", age=case.age)]
    relation = case.exploiter_relation
    if relation in HOUSEHOLD_RELATIONS:
        notes.append(msg("note.adult_household", relation=msg(f"relation.{relation}")))
    elif relation == "anders":
        notes.append(msg("note.adult_outside"))
    notes.append(msg("note.adult_consent"))
    return notes


def parents_notes(case: Case) -> list[Text]:
    """Notes on involving the parents of a minor."""
    if not is_minor(case):
        return []
    if parents_endanger(case):
        return [msg("note.parents_endanger")]
    if case.exploiter_relation == "familie":
        return [msg("note.parents_family")]
    if case.age is not None and 12 <= case.age <= 15:
        return [msg("note.parents_12_15")]
    if case.age is not None and case.age >= 16:
        return [msg("note.parents_16_17")]
    return []


# ---------------------------------------------------------------- the professional's words, not the editors'

EDITOR_NOTE = re.compile(
    r"\bbron(nen)?\b|\bdeskundige\b|\bnagegaan\b|\bna controle\b|\bcontroleer\b|\blokaal in\b|\bbewust leeg"
    r"|\bstaa?n er niet bij\b|\bverouderd\b|\bsources?\b|\bexpert\b|\bverified\b|\bafter checking\b"
    r"|\bcheck (them|the hours)\b|\bfill (it|them) in\b|\bon purpose\b|\bnot given\b|\boutdated\b",
    re.IGNORECASE,
)
"""A sentence (or clause) that talks about the sources or a check still to do: meant for content editors."""
_PIECES = re.compile(r"(?<=[.!?;])(\s+)")


def split_notes(text: str) -> tuple[str, list[str]]:
    """``text`` without the sentences meant for content editors, and those sentences (for a 'Bronnen' view).

    A sentence or ``;``-clause that mentions the sources, an expert still to confirm, or a check to do locally
    is an editor's note; the rest is what the professional reads. Markdown and line breaks are kept.
    """
    parts = _PIECES.split(text)
    pieces, gaps = parts[0::2], [*parts[1::2], ""]
    kept: list[tuple[str, str]] = []
    notes: list[str] = []
    dropped_before = False
    for piece, gap in zip(pieces, gaps, strict=True):
        bare = piece.strip()
        if bare and EDITOR_NOTE.search(bare):
            notes.append(_sentence(bare.lstrip("-* ").strip()))
            if kept and kept[-1][0].endswith(";"):
                kept[-1] = (kept[-1][0][:-1] + ".", kept[-1][1])
            dropped_before = True
            if kept and "\n" in gap and "\n" not in kept[-1][1]:
                kept[-1] = (kept[-1][0], gap)
            continue
        if dropped_before and piece[:1].islower():
            piece = piece[:1].upper() + piece[1:]
        kept.append((piece, gap))
        dropped_before = False
    main = "".join(p + g for p, g in kept).rstrip()
    return main, notes


def _sentence(text: str) -> str:
    text = text[:1].upper() + text[1:]
    return text[:-1] + "." if text.endswith(";") else text


def role_label(role: str, content: Content, gemeente: str | None = None) -> LocalText:
    """A role key as the professional knows it: the name of its contact in the route, e.g. 'Veilig Thuis'."""
    for contact in [*content.national_route.contacts, *content.route(gemeente).by_role(role)]:
        if contact.role == role:
            return LocalText(nl=contact.name, en=contact.name_en)
    return LocalText(nl=role.replace("_", " "))


def afweging_label(kader: Afwegingskader, question_id: str) -> Msg | str:
    """'Afweging 3 – Kun jij (met je organisatie) goede hulp bieden …?' for a question id."""
    known = {q.id: q for q in kader.questions}
    if question_id not in known:
        return question_id
    question = known[question_id]
    return msg("afweging_label", n=question.number, text=question.text)
