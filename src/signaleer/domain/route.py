"""Reporting routes: national contacts, municipal overrides by role, and the merged route of one gemeente."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from signaleer.domain.base import Identifier, LocalText, Strict, Url, Versioned

Urgency = Literal["acuut", "snel", "advies", "registratie"]
"""How urgent a contact is: acuut (now), snel (today), advies (consultation), registratie."""

URGENCY_ORDER: dict[str, int] = {"acuut": 0, "snel": 1, "advies": 2, "registratie": 3}

Phone = Annotated[str, StringConstraints(pattern=r"^(\+?[0-9][0-9 \-]{1,18}[0-9]|112)$")]
"""A phone number as text, e.g. "0800-2000" (always quote it in YAML)."""


class Contact(Strict):
    """A party to call, with where the information comes from and when it was checked."""

    role: Identifier
    """Role this contact fills, e.g. veilig_thuis, zorgcoordinator, politie; a gemeente overrides by role."""
    name: Annotated[str, StringConstraints(min_length=2)]
    """Name of the organisation or team (never a private person's name without their consent)."""
    phone: Phone | None = None
    """Phone number, quoted; leave empty when the sources do not give one."""
    email: Annotated[str, StringConstraints(pattern=r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$")] | None = None
    """E-mail address, if published."""
    web: Url | None = None
    """Website."""
    hours: str | None = None
    """When the contact can be reached, e.g. "24/7" or "ma-vr 9-17"."""
    when_to_use: LocalText
    """When to call this contact."""
    urgency: Urgency = "advies"
    """How urgent: acuut, snel, advies or registratie; orders the contacts on screen."""
    note: LocalText | None = None
    """Remark, e.g. that a number still has to be filled in locally."""
    bron: Url
    """Public source of this information."""
    gecontroleerd_op: dt.date
    """Date the information was last checked (YYYY-MM-DD)."""


class NationalRoute(Versioned):
    """The national defaults that apply in every municipality."""

    kind: Literal["route_landelijk"]
    """Marks this file as the national route."""
    contacts: Annotated[list[Contact], Field(min_length=1)]
    """National contacts."""


class MunicipalRoute(Versioned):
    """One municipality: local parties, and overrides of national contacts by role."""

    kind: Literal["route_gemeente"]
    """Marks this file as a municipal route."""
    gemeente: Annotated[str, StringConstraints(min_length=2)]
    """Name of the municipality."""
    cbs_code: Annotated[str, StringConstraints(pattern=r"^GM[0-9]{4}$|^[0-9]{4}$")]
    """CBS municipality code, four digits, quoted: "0153"."""
    veilig_thuis_regio: Annotated[str, StringConstraints(min_length=2)]
    """The Veilig Thuis region this municipality belongs to."""
    zorg_en_veiligheidshuis: str | None = None
    """The regional Zorg- en Veiligheidshuis, if known."""
    contacts: list[Contact] = Field(default_factory=list)
    """Local contacts; a contact with the same role as a national one replaces it."""


@dataclass(frozen=True)
class ResolvedRoute:
    """The contacts for one municipality: national defaults merged with local overrides."""

    gemeente: str | None
    cbs_code: str | None
    veilig_thuis_regio: str | None
    contacts: tuple[Contact, ...]
    local_roles: frozenset[str]

    def by_role(self, role: str) -> list[Contact]:
        """Contacts filling ``role``, in route order."""
        return [c for c in self.contacts if c.role == role]

    def for_roles(self, roles: list[str]) -> list[Contact]:
        """Contacts for ``roles``, in the order of ``roles``, each contact once."""
        result: list[Contact] = []
        for role in roles:
            for contact in self.by_role(role):
                if contact not in result:
                    result.append(contact)
        return result

    def stale(self, today: dt.date, months: int) -> list[Contact]:
        """Contacts last checked more than ``months`` months before ``today``."""
        limit = _months_before(today, months)
        return [c for c in self.contacts if c.gecontroleerd_op < limit]


def resolve(national: NationalRoute, municipal: MunicipalRoute | None) -> ResolvedRoute:
    """Merge ``municipal`` over ``national`` by role (a local contact takes the national one's place),
    then order by urgency, keeping that order within the same urgency."""
    local = list(municipal.contacts) if municipal else []
    local_roles = frozenset(c.role for c in local)
    merged: list[Contact] = []
    for contact in national.contacts:
        if contact.role not in local_roles:
            merged.append(contact)
        elif not any(m.role == contact.role for m in merged):
            merged.extend(c for c in local if c.role == contact.role)
    merged.extend(c for c in local if c not in merged)
    merged.sort(key=lambda c: URGENCY_ORDER[c.urgency])
    return ResolvedRoute(
        gemeente=municipal.gemeente if municipal else None,
        cbs_code=municipal.cbs_code if municipal else None,
        veilig_thuis_regio=municipal.veilig_thuis_regio if municipal else None,
        contacts=tuple(merged),
        local_roles=local_roles,
    )


def _months_before(day: dt.date, months: int) -> dt.date:
    year, month0 = divmod(day.year * 12 + day.month - 1 - months, 12)
    last_day = calendar.monthrange(year, month0 + 1)[1]
    return dt.date(year, month0 + 1, min(day.day, last_day))
