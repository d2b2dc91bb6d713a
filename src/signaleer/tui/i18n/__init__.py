"""Interface texts in Dutch and English: ``t(key, **kw)`` in the current language.

Catalogues are split per area: every module in this package named ``<area>_nl`` or ``<area>_en``
that defines ``MESSAGES: dict[str, str]`` is merged, so a new area adds its own two files.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache
from typing import Literal, get_args

Language = Literal["nl", "en"]
LANGUAGES: tuple[Language, ...] = get_args(Language)

_state: dict[str, Language] = {"language": "nl"}


def current_language() -> Language:
    """The language the interface is shown in."""
    return _state["language"]


def set_language(language: Language) -> None:
    """Show the interface in ``language`` from now on."""
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}")
    _state["language"] = language


def catalogue_modules(language: Language) -> list[str]:
    """Names of the catalogue modules for ``language``, sorted."""
    suffix = f"_{language}"
    return sorted(
        f"{__name__}.{info.name}"
        for info in pkgutil.iter_modules(__path__)
        if info.name.endswith(suffix) and not info.ispkg
    )


@cache
def catalogue(language: Language) -> dict[str, str]:
    """All messages for ``language``, merged from every catalogue module; a key defined twice is an error."""
    merged: dict[str, str] = {}
    for name in catalogue_modules(language):
        messages: dict[str, str] = importlib.import_module(name).MESSAGES
        duplicates = merged.keys() & messages.keys()
        if duplicates:
            raise ValueError(f"{name} redefines {sorted(duplicates)}")
        merged.update(messages)
    return merged


def t(key: str, /, **values: object) -> str:
    """The text for ``key`` in the current language, with ``{name}`` fields filled from ``values``.

    Falls back to Dutch, then to the key itself, so a missing text never crashes the screen.
    """
    text = catalogue(current_language()).get(key) or catalogue("nl").get(key) or key
    return text.format(**values) if values else text
