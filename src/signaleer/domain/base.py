"""Shared building blocks for the content models: strict base model, bilingual text, sources."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints
from pydantic_core import PydanticCustomError

from signaleer.i18n import Language as Language  # the one definition lives in the catalogue

Identifier = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_]*$", max_length=60)]
"""A stable lower-case id (letters, digits, underscore), used in YAML and in stored cases."""

Url = Annotated[str, StringConstraints(pattern=r"^https?://\S+$")]
"""A web address starting with http:// or https://."""


RULE_ERROR = "content_rule"
"""The pydantic error type of a broken content rule; its ``code`` names the text (``content.rule.<code>``)."""


def rule_error(code: str, **params: str) -> PydanticCustomError:
    """A broken rule of a content model, as a code with parameters (never a sentence: the domain speaks no language).

    ``content/validation.py`` words it from the catalogue, in the current language, with the file and line.
    """
    return PydanticCustomError(RULE_ERROR, code, {"code": code, **params})


class Strict(BaseModel):
    """Base for every content model: unknown fields are errors, values are immutable."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        use_attribute_docstrings=True,
        str_strip_whitespace=True,
    )


class LocalText(Strict):
    """A text in Dutch, with an optional English translation."""

    nl: Annotated[str, StringConstraints(min_length=1)]
    """Dutch text (required)."""
    en: str | None = None
    """English text; when missing, the Dutch text is shown."""

    def get(self, language: Language) -> str:
        """The text in ``language``, falling back to Dutch."""
        if language == "en" and self.en:
            return self.en
        return self.nl


class Source(Strict):
    """A public source that a list or page is based on."""

    id: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_-]*$")]
    """Short key used by items to cite this source, e.g. VHZ."""
    url: Url
    """Public address of the source."""
    title: str | None = None
    """Name of the page or document."""


class Versioned(Strict):
    """Fields every content file carries so a printed dossier says which version was used."""

    versie: Annotated[str, StringConstraints(min_length=1)]
    """Version label of this file, e.g. "2026.1" (quote it in YAML)."""
    datum: dt.date
    """Date of this version (YYYY-MM-DD)."""
    bronnen: list[Source] = Field(default_factory=list)
    """Sources this file is based on."""
