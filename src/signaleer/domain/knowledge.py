"""Knowledge pages: Markdown with a title, sources and a date."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import Field, StringConstraints

from signaleer.domain.base import Identifier, Language, Source, Strict


class PageMeta(Strict):
    """The front matter at the top of a knowledge page, between two '---' lines."""

    titel: Annotated[str, StringConstraints(min_length=2)]
    """Title of the page."""
    datum: dt.date
    """Date the page was written or last checked."""
    bronnen: Annotated[list[Source], Field(min_length=1)]
    """Sources the page is based on (at least one)."""
    trefwoorden: list[str] = Field(default_factory=list)
    """Extra search words, e.g. loverboy, pooierboy."""
    volgorde: int = 100
    """Position in the list of pages (lower comes first)."""


class KnowledgePage(Strict):
    """A knowledge page in one language."""

    id: Identifier
    """Slug from the file name, shared by the Dutch and English version."""
    language: Language
    """Language of this version."""
    meta: PageMeta
    """Title, date, sources and keywords."""
    body: str
    """The Markdown text."""

    def matches(self, query: str) -> bool:
        """True when every word of ``query`` occurs in the title, keywords or text."""
        haystack = " ".join([self.meta.titel, *self.meta.trefwoorden, self.body]).casefold()
        return all(word in haystack for word in query.casefold().split())
