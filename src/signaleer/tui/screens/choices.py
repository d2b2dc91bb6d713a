"""Options for the selection lists shared by the new-case form and the settings."""

from __future__ import annotations

from typing import get_args

from signaleer.domain.afwegingskader import Sector
from signaleer.domain.case import Gender
from signaleer.domain.content import Content
from signaleer.i18n import t

NATIONAL = ""
"""Select value for 'landelijk / onbekend' (no municipal route)."""


def gemeente_names(content: Content) -> list[str]:
    """Every gemeente the form can name: the CBS names (all of them when the content has the table), plus the
    names of gemeente files that are not CBS names (e.g. "Den Haag"), by name."""
    names = set(content.gemeenten.names()) if content.gemeenten else set()
    for route in content.municipalities.values():
        if content.gemeente(route.gemeente) is None or not names:
            names.add(route.gemeente)
    return sorted(names, key=str.casefold)


def gemeente_suggestions(content: Content) -> list[str]:
    """What the type-ahead completes: every name, then the common names ("Den Haag", "Den Bosch")."""
    aliases = list(content.gemeenten.table.aliassen) if content.gemeenten and content.gemeenten.table else []
    return [*gemeente_names(content), *sorted(aliases, key=str.casefold)]


def gemeente_options(content: Content) -> list[tuple[str, str]]:
    """'Landelijk / onbekend' first, then every gemeente, by name."""
    return [(t("choice.national"), NATIONAL), *((name, name) for name in gemeente_names(content))]


def gemeente_value(content: Content, gemeente: str | None) -> str:
    """The option value for ``gemeente`` (a name, common name, file key or CBS code); national when unknown."""
    if not gemeente:
        return NATIONAL
    found = content.gemeente(gemeente)
    route = content.municipality(gemeente)
    if found is not None and (route is None or content.gemeente(route.gemeente) is not None):
        return found.name
    return route.gemeente if route else NATIONAL


def resolve_gemeente(content: Content, typed: str) -> tuple[str | None, list[str]]:
    """What the typed text names: (the name to store, []) when clear; (None, candidates) when ambiguous or
    unknown (candidates may be empty). A unique start of a name counts too ("Den B" → 's-Hertogenbosch)."""
    text = typed.strip()
    if not text:
        return NATIONAL, []
    found = content.find_gemeente(text)
    if len(found) == 1:
        return found[0].name, []
    if found:
        return None, [g.name for g in found]
    route = content.municipality(text)
    if route is not None:
        return route.gemeente, []
    from signaleer.domain.regions import normalize

    key = normalize(text)
    starts = sorted({n for n in gemeente_suggestions(content) if normalize(n).startswith(key)}, key=str.casefold)
    if len(starts) == 1:
        return resolve_gemeente(content, starts[0])
    return None, starts[:5]


def sector_options() -> list[tuple[str, str]]:
    """Every sector, labelled in the current language."""
    return [(t(f"sector.{sector}"), sector) for sector in get_args(Sector)]


def gender_options() -> list[tuple[str, str]]:
    """Every gender option, labelled in the current language."""
    return [(t(f"gender.{gender}"), gender) for gender in get_args(Gender)]
