"""The English interface speaks English: every page of the walk and every tab of the follow-up, for a case with a
full history, shows no frequent Dutch word outside what is Dutch by source.

Dutch by source, and so left out before the check: what the professional typed (observations, reasons, notes),
names of organisations, places and people's pseudonyms as the route files and the case give them, and web
addresses. A contact with an English name (``name_en``) must show that. The check itself is shown to fail on a
Dutch program text (``test_the_check_finds_a_dutch_text_on_an_english_screen``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from shell_helpers import make_app, screen_text, settle, start_unlocked
from test_professional_words import with_history
from textual.widgets import TabbedContent

from signaleer.content.casefile import load_case_file
from signaleer.domain.case import Case
from signaleer.domain.content import Content
from signaleer.paths import Paths
from signaleer.tui.walk import WalkScreen
from signaleer.vault.keys import Identity

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
TALL = (110, 260)
DUTCH = (" de ", " het ", " een ", " niet ", " je ", " moet ", " wordt ", " van ", " voor ", " geen ", " nog ", " bij ")
"""Frequent Dutch words that no English sentence has."""


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def _dutch_by_source(case: Case, content: Content) -> list[str]:
    """Texts that stay as they are in English: typed by the professional, or names without an English name."""
    typed = [s for s in _strings(case.model_dump(mode="json", exclude={"timeline"})) if len(s) > 2]
    typed += [e.reason for e in case.timeline if len(e.reason) > 2]
    contacts = [*content.national_route.contacts, *content.route(case.gemeente).contacts]
    for route in content.municipalities.values():
        contacts += route.contacts
    names = [c.label("en") for c in contacts]
    names += [r.gemeente for r in content.municipalities.values()]
    return sorted({*typed, *names}, key=len, reverse=True)


def _words(text: str) -> list[str]:
    return re.sub(r"[^\w\s-]", " ", text.lower()).split()


def _triples(words: list[str]) -> set[tuple[str, str, str]]:
    return set(zip(words, words[1:], words[2:], strict=False))


def dutch_words(text: str, case: Case, content: Content) -> list[str]:
    """``word in: line`` for every frequent Dutch word left after the texts that are Dutch by source.

    A typed text may wrap over several lines or be cut off at a border, so a line counts as typed when it
    shares three consecutive words with something the professional typed; the first or last one or two words
    of a line are left out when they are the end or the start of a typed text that wrapped there."""
    sources = _dutch_by_source(case, content)
    for part in sources:
        text = text.replace(part, " ")
    typed = [_words(part) for part in sources]
    typed_triples = set().union(*(_triples(words) for words in typed))
    typed_tails = {tuple(words[-n:]) for words in typed for n in (1, 2) if len(words) > n}
    typed_heads = {tuple(words[:n]) for words in typed for n in (1, 2) if len(words) > n}
    text = re.sub(r"https?://\S+", " ", text)
    found = []
    for line in text.splitlines():
        words = _words(line)
        if _triples(words) & typed_triples:
            continue
        for n in (2, 1):
            if len(words) >= n and tuple(words[:n]) in typed_tails:
                words = words[n:]
                break
        for n in (2, 1):
            if len(words) >= n and tuple(words[-n:]) in typed_heads:
                words = words[:-n]
                break
        padded = " " + " ".join(words) + " "
        found += [f"{word.strip()!r} in: {line.strip()}" for word in DUTCH if word in padded]
    return found


async def _english_screens(home: Paths, content: Content, identity: Identity, case: Case) -> list[str]:
    found: list[str] = []
    app = make_app(home, content)
    app.apply_settings(app.settings.model_copy(update={"language": "en"}), save=False)
    async with app.run_test(size=TALL) as pilot:
        await start_unlocked(pilot, identity)
        found += [f"home: {w}" for w in dutch_words(screen_text(app), case, content)]
        app.screen._show_case(case)  # type: ignore[attr-defined]  # what Home does when a case is opened
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, WalkScreen)
        for index, page in enumerate(screen.pages):
            screen.index = index
            await screen.show_page()
            await settle(pilot)
            found += [f"page {page}: {w}" for w in dutch_words(screen_text(app), case, content)]
        from signaleer.tui.followup import FollowUpScreen

        app.push_screen(FollowUpScreen(case))
        await settle(pilot)
        tabs = app.screen.query_one(TabbedContent)
        for tab in ("vervolg", "comensha", "nazorg", "export"):
            tabs.active = tab
            await settle(pilot)
            found += [f"follow-up {tab}: {w}" for w in dutch_words(screen_text(app), case, content)]
        await app.wait_for_saves()
    return found


async def test_the_english_screens_of_a_whole_case_show_no_dutch(
    home: Paths, content: Content, identity: Identity
) -> None:
    case = with_history(load_case_file(EXAMPLES / "01_lotte.yaml", content), content)
    found = await _english_screens(home, content, identity, case)
    assert not found, "\n".join(found[:30])


def test_the_check_finds_a_dutch_text_on_an_english_screen(content: Content) -> None:
    case = load_case_file(EXAMPLES / "01_lotte.yaml", content)
    assert dutch_words("Next step\nJe moet de melding nog doen.", case, content)
    assert not dutch_words("Next step\nCall Veilig Thuis.", case, content)
