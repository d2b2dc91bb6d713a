"""Every user-facing text of signaleer, in Dutch and English: one catalogue, one way to ask for a text.

The texts live in gettext catalogues, ``locale/<nl|en>/LC_MESSAGES/signaleer.po``; the program reads the
compiled ``.mo`` beside each (stdlib :mod:`gettext`, no dependency at run time). A message id is a stable key
(``walk.title``), never the Dutch sentence, so a reworded sentence keeps its translation and a test can check
that every key exists in both languages and is used (``tests/unit/test_catalogue.py``).

- :func:`t` gives the text for a key, with ``{name}`` fields filled in;
- :func:`nt` gives the singular or plural form for a count (``ngettext``; ``{n}`` is filled in);
- both take ``lang=`` for code that renders in a given language (an export, the CLI); without it the
  current language (:func:`set_language`) is used, which the app and the CLI set once at start.

A key missing from English falls back to Dutch, and a key missing from both to the key itself, so a gap
never crashes a screen (the tests keep the catalogues complete). After editing a ``.po`` file run
``python tools/i18n.py compile``; ``tools/i18n.py check`` (and the test suite) fail while a ``.mo`` is stale.

This package is a leaf: it imports nothing from signaleer, so the core, the CLI and the TUI can all use it.
"""

from __future__ import annotations

import gettext
from functools import cache
from pathlib import Path
from typing import Literal, get_args

Language = Literal["nl", "en"]
"""The languages signaleer speaks; the one definition of this type."""

LANGUAGES: tuple[Language, ...] = get_args(Language)
DOMAIN = "signaleer"
"""The gettext domain of signaleer's own texts."""

CLICK_DOMAIN = "click"
"""The gettext domain holding Dutch translations of click's own messages (``Usage:``, ``Error: …``)."""

LOCALE_DIR = Path(__file__).parent / "locale"

_state: dict[str, Language] = {"language": "nl"}


def current_language() -> Language:
    """The language texts are given in when no ``lang=`` is passed."""
    return _state["language"]


def set_language(language: Language) -> None:
    """Give texts in ``language`` from now on."""
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}")
    _state["language"] = language


def as_language(value: object) -> Language:
    """``value`` as a :data:`Language` when it is one, else Dutch (for settings read from a file)."""
    return "en" if value == "en" else "nl"


@cache
def _own(language: Language, domain: str) -> gettext.NullTranslations:
    """The compiled catalogue of ``domain`` for ``language`` alone, without fallback."""
    return gettext.translation(domain, LOCALE_DIR, languages=[language], fallback=True)


@cache
def translations(language: Language, domain: str = DOMAIN) -> gettext.NullTranslations:
    """The catalogue of ``domain`` for ``language``; English falls back to Dutch, Dutch to the key."""
    found = gettext.translation(domain, LOCALE_DIR, languages=[language], fallback=True)
    if language != "nl":
        found.add_fallback(_own("nl", domain))
    return found


def has_text(key: str, language: Language, domain: str = DOMAIN) -> bool:
    """Whether ``language``'s own catalogue has a text for ``key`` (no fallback)."""
    return _own(language, domain).gettext(key) != key


def t(key: str, /, *, lang: Language | None = None, **values: object) -> str:
    """The text for ``key`` in ``lang`` (default: the current language), ``{name}`` fields filled from ``values``."""
    text = translations(lang or current_language()).gettext(key)
    return text.format(**values) if values else text


def nt(key: str, n: int, /, *, lang: Language | None = None, **values: object) -> str:
    """The singular or plural text of ``key`` for the count ``n``; ``{n}`` and ``values`` are filled in."""
    text = translations(lang or current_language()).ngettext(key, key, n)
    return text.format(n=n, **values)
