"""Texts as codes: what the engine says, as a code with parameters, never as a sentence.

The domain decides *what* to say (which rule fired, which signals, which date); a renderer outside the domain
(:mod:`signaleer.advice_text`) turns a :class:`Msg` into words in the language asked for, through the text
catalogue (``advice.<code>`` keys). So one advice reads the same in the TUI, the CLI and the export, and tests
can assert on the rule that fired instead of on a Dutch sentence.

A parameter is language-neutral: an id, a number, a date, a name, a text from the content (``LocalText``,
both languages), a nested :class:`Msg`, or a sequence of those (:class:`Items`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TypeAlias

from signaleer.domain.base import LocalText


@dataclass(frozen=True)
class Items:
    """A sequence of parameters, shown joined by ``sep`` (``', '`` unless told)."""

    values: tuple[Param, ...]
    sep: str = ", "


@dataclass(frozen=True)
class Msg:
    """One thing the engine says: ``code`` (a catalogue key under ``advice.``) and its parameters."""

    code: str
    params: tuple[tuple[str, Param], ...] = ()

    def __getitem__(self, name: str) -> Param:
        return dict(self.params)[name]

    def get(self, name: str, default: Param = None) -> Param:
        """The parameter ``name``, or ``default``."""
        return dict(self.params).get(name, default)


Param: TypeAlias = str | int | dt.date | LocalText | Msg | Items | None
Text: TypeAlias = Msg | LocalText
"""A piece of advice: a coded message, or a text taken as it is from the content (both languages)."""


def msg(code: str, /, **params: Param) -> Msg:
    """A :class:`Msg`; keyword arguments become its parameters, in order."""
    return Msg(code, tuple(params.items()))


def items(values: Iterable[Param], sep: str = ", ") -> Items:
    """``values`` as one parameter, joined by ``sep`` when shown."""
    return Items(tuple(values), sep)


def codes(texts: Iterable[Text]) -> list[str]:
    """The codes of ``texts`` (content texts count as ``'content'``), for tests and JSON."""
    return [t.code if isinstance(t, Msg) else "content" for t in texts]
