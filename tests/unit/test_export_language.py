"""An export speaks one language and shows what the professional saw, never the content's internal ids.

The check removes what is Dutch (or English) by source — what the professional typed, names of
organisations and places, quoted source titles, web addresses — and then looks for frequent words of the
other language. It fails when one program text is left in the wrong language (see
``test_the_check_finds_a_program_text_in_the_wrong_language``).
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, get_args

import pytest
from pydantic import BaseModel
from test_catalogue import entries

from signaleer.content.casefile import read_case_file
from signaleer.content.loader import load_content_or_raise
from signaleer.domain import changes as ch
from signaleer.domain.base import Language
from signaleer.domain.case import (
    Case,
    ComenshaRegistration,
    ConsentStatus,
    Consultation,
    Decision,
    ExploiterRelation,
    FollowUp,
    FollowUpWith,
    Gender,
    ObservedSignal,
    RegistrationRoute,
)
from signaleer.domain.content import Content
from signaleer.export import export_case
from signaleer.export.markdown import escape

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
AT = dt.datetime(2026, 12, 1, 10, 0)
DAY = dt.date(2026, 11, 21)
DUTCH = (" de ", " het ", " een ", " niet ", " je ", "moet", "wordt", " van ", " voor ", " geen ", " nog ", " bij ")
ENGLISH = (" the ", " and ", " you ", " your ", " not ", " with ", " which ", " has been ", " should ")


@pytest.fixture(scope="module")
def content() -> Content:
    return load_content_or_raise()


def full_case(content: Content) -> Case:
    """The practice case of Lotte, followed up to the end: every section and most timeline entries filled."""
    case = read_case_file(EXAMPLES / "01_lotte.yaml", content).case
    ch.set_acute(case, "direct_gevaar", False)
    ch.add_consultation(case, Consultation(who="aandachtsfunctionaris", date=DAY, advice="Bel VT"))
    ch.set_afweging(case, "onveiligheid", False, "Na overleg toch niet acuut", today=DAY)
    ch.set_afweging(case, "onveiligheid", True, "Toch wel: nieuwe feiten", today=DAY)
    ch.skip_step(case, content.step_plan.steps[-1].id, "Niet van toepassing")
    ch.set_exploiter_relation(case, "ex_partner", "Nu bekend")
    ch.set_evaluation_date(case, DAY + dt.timedelta(days=30))
    ch.record_decision(case, Decision(outcome_id="melden", date=DAY, melding_date=DAY, reference="VT-1"))
    registration = ComenshaRegistration(
        consent_status="gegeven", signer="ouders_of_voogd", consent_date=DAY, route="veilig_thuis", registered_on=DAY
    )
    ch.set_comensha(case, registration)
    ch.add_followup(case, FollowUp(with_whom="zorgcoordinator", due=DAY + dt.timedelta(days=7), note="overleg"))
    ch.update_followup(case, 0, FollowUp(with_whom="zorgcoordinator", due=DAY, note="eerder"), "VT vroeg het")
    ch.complete_followup(case, 0, "gebeld", on=DAY)
    checklist = content.checklists["terugkeer"]
    ch.set_nazorg_point(case, checklist.items[0].id, True)
    ch.set_nazorg_point(case, checklist.items[0].id, False, reason="afspraak ging niet door")
    ch.add_revictimisation_signal(case, ObservedSignal(signal_id="RV01", observation="weer gezien"), "moeder belde")
    ch.close_case(case, "Hulp loopt")
    return case


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def _by_source(case: Case, content: Content, language: Language) -> list[str]:
    """Texts that are in their own language whatever the export's: typed by the professional, or names.

    A contact's name counts only as the export shows it: where the route gives an English name (``name_en``,
    for names with words that are not a name, like "Politie (geen spoed)"), the English export must show that.
    """
    typed = [s for s in _strings(case.model_dump(mode="json")) if len(s) > 2 and s not in _contact_names(content)]
    names = [c.label(language) for c in content.national_route.contacts]
    names += [c.label(language) for c in content.route(case.gemeente).contacts]
    for route in content.municipalities.values():
        names += [route.gemeente, *(c.label(language) for c in route.contacts)]
    return sorted({*typed, *names}, key=len, reverse=True)


def _contact_names(content: Content) -> set[str]:
    """Every Dutch contact name that has an English one (stored in decisions' contact snapshots too)."""
    contacts = [*content.national_route.contacts]
    for route in content.municipalities.values():
        contacts += route.contacts
    return {c.name for c in contacts if c.name_en}


def _without_source_texts(text: str, case: Case, content: Content, language: Language = "en") -> str:
    for part in _by_source(case, content, language):
        text = text.replace(part, " ")
    text = re.sub(r"https?://\S+", " ", text)
    return re.sub(r'"[^"\n]*"|“[^”\n]*”', " ", text)  # quoted source titles


def _words_of_the_other_language(text: str, language: Language) -> list[str]:
    lines = text.replace("|", " | ").splitlines()
    words = DUTCH if language == "en" else ENGLISH
    return [f"{word.strip()!r} in: {line.strip()}" for line in lines for word in words if word in f" {line.lower()} "]


@pytest.mark.parametrize("export_format", ["md", "html"])
@pytest.mark.parametrize("language", ["en", "nl"])
def test_an_export_holds_no_sentence_of_the_other_language(
    content: Content, language: Language, export_format: str
) -> None:
    case = full_case(content)
    text = export_case(case, content, export_format, AT, language)  # type: ignore[arg-type]
    if export_format == "html":
        text = html.unescape(re.sub(r"<style>.*?</style>|<[^>]+>", " ", text, flags=re.S))
    found = _words_of_the_other_language(_without_source_texts(text, case, content, language), language)
    assert not found, "\n".join(found[:20])


def test_the_check_finds_a_program_text_in_the_wrong_language(content: Content) -> None:
    case = full_case(content)
    english = export_case(case, content, "md", AT, "en")
    dutch_line = "- **Next step:** " + "Je moet de melding niet vergeten."
    assert _words_of_the_other_language(_without_source_texts(english + "\n" + dutch_line, case, content), "en")
    dutch = export_case(case, content, "md", AT, "nl")
    assert _words_of_the_other_language(dutch + "\nYou should not forget the report.", "nl")


def _content_ids(value: object) -> Iterator[str]:
    """Every ``id`` and ``role`` in the loaded content (the stable keys of YAML), recursively."""
    if isinstance(value, BaseModel):
        for name, field_value in value:
            if name in ("id", "role") and isinstance(field_value, str):
                yield field_value
            else:
                yield from _content_ids(field_value)
    elif isinstance(value, dict):
        for key, item in value.items():
            if isinstance(key, str):
                yield key
            yield from _content_ids(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _content_ids(item)


def catalogue_texts(language: Language) -> list[str]:
    return [text for text in entries(language).values() if isinstance(text, str)]


def internal_ids(content: Content) -> set[str]:
    found = set(_content_ids(content.step_plan)) | set(_content_ids(content.kaders))
    found |= set(_content_ids(content.national_route)) | set(_content_ids(content.municipalities))
    found |= set(_content_ids(content.checklists))
    for vocabulary in (ConsentStatus, RegistrationRoute, FollowUpWith, ExploiterRelation, Gender):
        found |= set(get_args(vocabulary))
    found |= {"ouders_of_voogd", "jongere", "van_horen_zeggen", "eigen_waarneming"}
    # Signal and risk-factor codes (GB01, RF03) are shown on purpose, beside their text; they are not in here.
    return {i for i in found if re.fullmatch(r"[a-z][a-z0-9_]*", i)}


def _shown_ids(text: str, ids: set[str], language: Language = "nl") -> list[str]:
    """Ids shown bare: a snake_case id anywhere as a word; a one-word id as a whole cell, value or quote,
    unless a program text of ``language`` is that very word (the label equals the id: 'meisje', 'gedaan')."""
    labels = {text.strip().lower() for text in catalogue_texts(language)}
    found = []
    for id_ in ids:
        if "_" not in id_ and id_ in labels:
            continue
        escaped = re.escape(id_)
        if "_" in id_:
            markdown = re.escape(id_.replace("_", "\\_"))  # as Markdown escapes it
            pattern = rf"(?<![\w/.\-]){escaped}(?![\w/.\-])|{markdown}"
        else:
            pattern = rf"\| {escaped} \||\*\* {escaped}$|'{escaped}'"
        found += [f"{id_}: {m.group(0)}" for m in re.finditer(pattern, text, flags=re.M)]
    return found


@pytest.mark.parametrize("language", ["nl", "en"])
def test_an_export_shows_no_internal_id(content: Content, language: Language) -> None:
    case = full_case(content)
    text = export_case(case, content, "md", AT, language)
    assert "veilig\\_thuis" not in text and "direct\\_gevaar" not in text
    for typed in (s for s in _strings(case.model_dump(mode="json")) if len(s) > 2):  # what the professional typed
        text = text.replace(escape(typed), " ")
    text = re.sub(r"https?://\S+|\S+@\S+", " ", text)  # addresses may hold any word
    ids = internal_ids(content)
    assert {"veilig_thuis", "direct_gevaar", "zelf_hulp", "ouders_of_voogd"} <= ids and len(ids) > 40
    assert not _shown_ids(text, ids, language), _shown_ids(text, ids, language)


def test_the_id_check_finds_an_id(content: Content) -> None:
    ids = internal_ids(content)
    assert _shown_ids("| Role | veilig\\_thuis |", ids) and _shown_ids("Acute check 'direct_gevaar': nee.", ids)
    assert _shown_ids("- **Signs:** ouders_of_voogd", ids) == ["ouders_of_voogd: ouders_of_voogd"]
    labels = {text.strip().lower() for text in catalogue_texts("nl")}
    word = sorted(i for i in ids if "_" not in i and i not in labels)[0]
    assert _shown_ids(f"| {word} |", ids) == [f"{word}: | {word} |"]
    assert "meisje" in ids and _shown_ids("- **Gender:** meisje", ids) == []  # its label is the word itself
