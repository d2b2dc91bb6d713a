"""Options for the selection lists shared by the new-case form and the settings."""

from __future__ import annotations

from typing import get_args

from signaleer.domain.afwegingskader import Sector
from signaleer.domain.case import Gender
from signaleer.domain.content import Content
from signaleer.tui.i18n import t

NATIONAL = ""
"""Select value for 'landelijk / onbekend' (no municipal route)."""


def gemeente_options(content: Content) -> list[tuple[str, str]]:
    """'Landelijk / onbekend' first, then every municipality with a route, by name."""
    names = sorted({route.gemeente for route in content.municipalities.values()}, key=str.casefold)
    return [(t("choice.national"), NATIONAL), *((name, name) for name in names)]


def gemeente_value(content: Content, gemeente: str | None) -> str:
    """The option value for ``gemeente`` (a name, file key or CBS code); national when unknown."""
    route = content.municipality(gemeente) if gemeente else None
    return route.gemeente if route else NATIONAL


def sector_options() -> list[tuple[str, str]]:
    """Every sector, labelled in the current language."""
    return [(t(f"sector.{sector}"), sector) for sector in get_args(Sector)]


def gender_options() -> list[tuple[str, str]]:
    """Every gender option, labelled in the current language."""
    return [(t(f"gender.{gender}"), gender) for gender in get_args(Gender)]
