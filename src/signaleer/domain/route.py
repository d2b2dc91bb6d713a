"""Reporting routes: national contacts, municipal overrides by role, and the merged route of one gemeente."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, model_validator

from signaleer.domain.base import Identifier, Language, LocalText, Strict, Url, Versioned, rule_error

Urgency = Literal["acuut", "snel", "advies", "registratie"]
"""How urgent a contact is: acuut (now), snel (today), advies (consultation), registratie."""

URGENCY_ORDER: dict[str, int] = {"acuut": 0, "snel": 1, "advies": 2, "registratie": 3}

URGENT: frozenset[str] = frozenset({"acuut", "snel"})
"""Urgencies whose national contact is never hidden by a regional or local one (unless the file says why)."""

Phone = Annotated[str, StringConstraints(pattern=r"^(\+?[0-9][0-9 \-]{1,18}[0-9]|112)$")]
"""A phone number as text, e.g. "0800-2000" (always quote it in YAML)."""


class Contact(Strict):
    """A party to call, with where the information comes from and when it was checked."""

    role: Identifier
    """Role this contact fills, e.g. veilig_thuis, zorgcoordinator, politie; a gemeente overrides by role."""
    name: Annotated[str, StringConstraints(min_length=2)]
    """Name of the organisation or team (never a private person's name without their consent)."""
    name_en: Annotated[str, StringConstraints(min_length=2)] | None = None
    """The name in English where the Dutch name has words that are not a name ("Politie (geen spoed)" →
    "Police (non-emergency)"); an organisation's own name stays as it is."""
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
    overgenomen_op: dt.date | None = None
    """Date the information was copied from the source (YYYY-MM-DD); this is not a check."""
    gecontroleerd_op: dt.date | None = None
    """Date someone really checked it (by phone or on the live page); leave empty until then."""
    vervangt_landelijk: LocalText | None = None
    """Why this contact replaces the national contact of the same urgent role. Without it, a regional or
    local contact comes beside the national one (an urgent national line, such as 0800-2000, is never hidden)."""

    def label(self, language: Language) -> str:
        """The name to show in ``language``."""
        return self.name_en if language == "en" and self.name_en else self.name

    @model_validator(mode="after")
    def _has_a_date(self) -> Contact:
        if self.overgenomen_op is None and self.gecontroleerd_op is None:
            raise rule_error("contact_needs_a_date")
        return self

    @property
    def checked(self) -> bool:
        """True when someone really checked this contact."""
        return self.gecontroleerd_op is not None

    def age_months(self, today: dt.date) -> int | None:
        """Whole months since the last check, or else since the copy; None without dates."""
        day = self.gecontroleerd_op or self.overgenomen_op
        if day is None:
            return None
        return max(0, (today.year - day.year) * 12 + today.month - day.month - (today.day < day.day))


class NationalRoute(Versioned):
    """The national defaults that apply in every municipality."""

    kind: Literal["route_landelijk"]
    """Marks this file as the national route."""
    contacts: Annotated[list[Contact], Field(min_length=1)]
    """National contacts."""


class WijkagentContact(Strict):
    """The wijkagent of one wijk, as the organisation knows it (never a private number without consent)."""

    wijk: Annotated[str, StringConstraints(min_length=1)]
    """Name of the wijk or area."""
    name: str | None = None
    """Name or team of the wijkagent, if the organisation has agreed to list it."""
    phone: Phone | None = None
    """Number to reach the wijkagent (usually via 0900-8844); only a number the organisation was given."""
    web: Url | None = None
    """Page of the wijkagent (politie.nl 'mijn wijkagent'), if known."""
    note: LocalText | None = None
    """Remark."""


class Samenwerking(Strict):
    """Agreements between the team and the police (and others): the seed asks for a protocol or convenant."""

    wijkagenten: list[WijkagentContact] = Field(default_factory=list)
    """Wijkagent per wijk, where the organisation knows it; empty in the bundled data."""
    afspraken: list[LocalText] = Field(default_factory=list)
    """What was agreed, e.g. who informs whom when a young person returns home."""
    convenant: Url | None = None
    """Link to the convenant or protocol, if there is one."""
    bron: Url | None = None
    """Source of these agreements."""
    note: LocalText | None = None
    """Remark, e.g. that the agreements are still being made."""


class MunicipalRoute(Versioned):
    """One municipality: local parties and agreements; regions and national contacts come from elsewhere."""

    kind: Literal["route_gemeente"]
    """Marks this file as a municipal route."""
    gemeente: Annotated[str, StringConstraints(min_length=2)]
    """Name of the municipality."""
    cbs_code: Annotated[str, StringConstraints(pattern=r"^GM[0-9]{4}$|^[0-9]{4}$")]
    """CBS municipality code, quoted: "GM0153" or "0153"; must be in meldroutes/regio/gemeenten.yaml."""
    veilig_thuis_regio: Annotated[str, StringConstraints(min_length=2)] | None = None
    """Deprecated: the region now follows from the gemeente table; only for files without that table."""
    zorg_en_veiligheidshuis: str | None = None
    """The regional Zorg- en Veiligheidshuis, if known."""
    contacts: list[Contact] = Field(default_factory=list)
    """Local contacts. Beside a national or regional contact of the same urgent role (acuut/snel) unless
    `vervangt_landelijk` says why; a non-urgent one (e.g. zorgcoordinator) takes the national one's place."""
    samenwerking: Samenwerking | None = None
    """Agreements with the police (wijkagent per wijk, what was agreed, the convenant)."""

    @property
    def gm_code(self) -> str:
        """The CBS code in GM form."""
        return self.cbs_code if self.cbs_code.startswith("GM") else f"GM{self.cbs_code}"


@dataclass(frozen=True)
class ResolvedRoute:
    """The contacts for one municipality: national defaults, region layers and local contacts, merged."""

    gemeente: str | None
    cbs_code: str | None
    veilig_thuis_regio: str | None
    contacts: tuple[Contact, ...]
    local_roles: frozenset[str]
    politie_eenheid: str | None = None
    veilig_thuis: dict[str, str | None] | None = None
    regional_roles: frozenset[str] = frozenset()
    samenwerking: Samenwerking | None = None
    local: tuple[Contact, ...] = ()
    regional: tuple[Contact, ...] = ()

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
        """Contacts never really checked, or last checked more than ``months`` months before ``today``."""
        limit = _months_before(today, months)
        return [c for c in self.contacts if c.gecontroleerd_op is None or c.gecontroleerd_op < limit]

    def unchecked(self) -> list[Contact]:
        """Contacts nobody has really checked yet (only copied from a source)."""
        return [c for c in self.contacts if c.gecontroleerd_op is None]

    def origin(self, contact: Contact) -> str:
        """Where ``contact`` comes from: lokaal, regionaal or landelijk."""
        if any(c is contact for c in self.local):
            return "lokaal"
        if any(c is contact for c in self.regional):
            return "regionaal"
        return "landelijk"


def merge(base: list[Contact], extra: list[Contact]) -> list[Contact]:
    """``extra`` merged into ``base`` by role.

    A contact whose role already has an urgent contact (acuut/snel) comes beside it, unless every new
    contact of that role says why it replaces it (``vervangt_landelijk``); a non-urgent one takes its place.
    """
    result = list(base)
    roles = list(dict.fromkeys(c.role for c in extra))
    for role in roles:
        new = [c for c in extra if c.role == role]
        positions = [i for i, c in enumerate(result) if c.role == role]
        if not positions:
            result.extend(new)
            continue
        urgent = any(result[i].urgency in URGENT for i in positions)
        if urgent and not all(c.vervangt_landelijk for c in new):
            last = positions[-1] + 1
            result[last:last] = new
        else:
            first = positions[0]
            rest = [c for c in result[first:] if c.role != role]
            result = [*result[:first], *new, *rest]
    return result


def resolve(
    national: NationalRoute,
    municipal: MunicipalRoute | None,
    regional: list[Contact] | None = None,
    *,
    gemeente: str | None = None,
    cbs_code: str | None = None,
    regio: str | None = None,
    politie_eenheid: str | None = None,
    veilig_thuis: dict[str, str | None] | None = None,
) -> ResolvedRoute:
    """National contacts, then the region's, then the gemeente file's, merged by role (see ``merge``),
    then ordered by urgency, keeping that order within the same urgency."""
    local = list(municipal.contacts) if municipal else []
    region = list(regional or [])
    merged = merge(merge(list(national.contacts), region), local)
    merged.sort(key=lambda c: URGENCY_ORDER[c.urgency])
    return ResolvedRoute(
        gemeente=gemeente or (municipal.gemeente if municipal else None),
        cbs_code=cbs_code or (municipal.gm_code if municipal else None),
        veilig_thuis_regio=regio or (municipal.veilig_thuis_regio if municipal else None),
        contacts=tuple(merged),
        local_roles=frozenset(c.role for c in local),
        politie_eenheid=politie_eenheid,
        veilig_thuis=veilig_thuis,
        regional_roles=frozenset(c.role for c in region),
        samenwerking=municipal.samenwerking if municipal else None,
        local=tuple(local),
        regional=tuple(region),
    )


def _months_before(day: dt.date, months: int) -> dt.date:
    year, month0 = divmod(day.year * 12 + day.month - 1 - months, 12)
    last_day = calendar.monthrange(year, month0 + 1)[1]
    return dt.date(year, month0 + 1, min(day.day, last_day))
