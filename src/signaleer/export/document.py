"""A neutral document model for the dossier export: sections of fields, tables, lists and notes."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Fields:
    """Label–value pairs."""

    rows: list[tuple[str, str]]


@dataclass(frozen=True)
class Table:
    """A table with a header row."""

    header: list[str]
    rows: list[list[str]]


@dataclass(frozen=True)
class Bullets:
    """A bulleted list; ``checked`` marks checklist items (None for a plain list)."""

    items: list[tuple[bool | None, str]]


@dataclass(frozen=True)
class Para:
    """A paragraph of text."""

    text: str


@dataclass(frozen=True)
class Note:
    """A paragraph that stands out (warning or remark)."""

    text: str


Block = Fields | Table | Bullets | Para | Note


@dataclass
class Section:
    """A titled part of the document; ``level`` 2 for main sections, 3 for subsections."""

    title: str
    blocks: list[Block] = field(default_factory=list)
    level: int = 2


@dataclass
class Document:
    """The whole export: a title, a warning line and the sections in order."""

    title: str
    warning: str
    language: str
    sections: list[Section] = field(default_factory=list)
