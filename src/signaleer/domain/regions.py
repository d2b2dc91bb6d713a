"""Every gemeente of the CBS list, and the region layers it belongs to: facts kept once, per region.

A gemeente is one row (CBS code, name, veiligheidsregio). The veiligheidsregio gives the politie-eenheid,
the Veilig Thuis organisation and (where a source names one) the CSG; the zorgcoördinatie mensenhandel
covers veiligheidsregio's or single gemeenten. A gemeente file (``meldroutes/<gemeente>.yaml``) adds only
its local parties and agreements.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from signaleer.domain.base import Identifier, LocalText, Strict, Url, Versioned
from signaleer.domain.route import Contact

GmCode = Annotated[str, StringConstraints(pattern=r"^GM[0-9]{4}$")]
"""A CBS gemeente code: GM and four digits, e.g. "GM0518"."""

VrCode = Annotated[str, StringConstraints(pattern=r"^VR[0-9]{2}$")]
"""A veiligheidsregio code: VR and two digits, e.g. "VR16"."""


class Merger(Strict):
    """A municipal merger (herindeling) applied to the list, with its source."""

    datum: dt.date
    """Date the merger took effect."""
    gemeente: Annotated[str, StringConstraints(min_length=2)]
    """Name of the gemeente that continues or is formed."""
    cbs_code: GmCode
    """CBS code of that gemeente."""
    opgeheven: Annotated[list[str], Field(min_length=1)]
    """Gemeenten that ceased to exist."""
    bron: Url
    """Public source of the merger."""


class GemeenteTable(Versioned):
    """All gemeenten: one row each, [CBS code, CBS name, veiligheidsregio code]."""

    kind: Literal["gemeenten"]
    """Marks this file as the gemeente table."""
    peildatum: dt.date
    """Date of the CBS municipal division this list follows."""
    bron: Url
    """Source of the rows (gemeente, code and veiligheidsregio)."""
    herindelingen: list[Merger] = Field(default_factory=list)
    """Mergers applied on top of the source, each with its own source."""
    aliassen: dict[str, GmCode] = Field(default_factory=dict)
    """Common names that are not the CBS name, e.g. "Den Haag": "GM0518"."""
    note: LocalText | None = None
    """Remark, e.g. what to check before use."""
    gemeenten: Annotated[list[tuple[GmCode, str, VrCode]], Field(min_length=1)]
    """Rows: [CBS code, CBS name, veiligheidsregio code]."""


class PolitieEenheid(Strict):
    """One of the regional units of the national police."""

    id: Identifier
    """Stable key, e.g. noord_nederland."""
    name: Annotated[str, StringConstraints(min_length=2)]
    """Name, e.g. "Eenheid Noord-Nederland"."""
    bron: Url
    """Source of the link between veiligheidsregio's and this unit."""
    note: LocalText | None = None
    """Remark, e.g. that the link is still to be checked."""


class VeiligThuisOrg(Strict):
    """The Veilig Thuis organisation of a region; its first line is always the national 0800-2000."""

    name: Annotated[str, StringConstraints(min_length=2)]
    """Name as the source gives it; a descriptive name with a note when no source names it."""
    name_en: Annotated[str, StringConstraints(min_length=2)] | None = None
    """The name in English where the Dutch name describes ("Veilig Thuis (regio Drenthe)")."""
    web: Url | None = None
    """Website, only where a source gives it."""
    bron: Url | None = None
    """Source of the name, line or website; empty when no regional source was found."""
    note: LocalText | None = None
    """Remark, e.g. that the name of the organisation is not in the sources."""
    overgenomen_op: dt.date
    """Date these data were copied from the source."""
    gecontroleerd_op: dt.date | None = None
    """Date they were really checked; empty until then."""


class Veiligheidsregio(Strict):
    """A veiligheidsregio and the layers that follow it."""

    code: VrCode
    """Code, e.g. VR16."""
    name: Annotated[str, StringConstraints(min_length=2)]
    """Name, e.g. Hollands Midden."""
    politie_eenheid: Identifier
    """Id of the politie-eenheid (see politie_eenheden)."""
    veilig_thuis: VeiligThuisOrg
    """The Veilig Thuis organisation of this region (its first line stays the national 0800-2000)."""
    contacts: list[Contact] = Field(default_factory=list)
    """Regional contacts, only where a source gives them: a Veilig Thuis line for professionals (role
    veilig_thuis, comes beside 0800-2000), a meldpunt mensenhandel, a CSG location (role csg)."""


class Zorgcoordinatie(Strict):
    """A zorgcoördinator mensenhandel and the area it covers."""

    id: Identifier
    """Stable key, e.g. shop_den_haag."""
    regios: list[VrCode] = Field(default_factory=list)
    """Veiligheidsregio's covered (whole)."""
    gemeenten: list[GmCode] = Field(default_factory=list)
    """Single gemeenten covered (these win over a region entry)."""
    zonder: list[GmCode] = Field(default_factory=list)
    """Gemeenten of the listed regio's that are not covered (e.g. Tholen joins the Brabant region)."""
    contact: Contact
    """The contact shown in the route (role zorgcoordinator)."""


class RegionLayers(Versioned):
    """The region layers: politie-eenheden, veiligheidsregio's with Veilig Thuis, zorgcoördinatie."""

    kind: Literal["regios"]
    """Marks this file as the region layers."""
    politie_eenheden: Annotated[list[PolitieEenheid], Field(min_length=1)]
    """The police units."""
    veiligheidsregios: Annotated[list[Veiligheidsregio], Field(min_length=1)]
    """The veiligheidsregio's."""
    zorgcoordinatie: list[Zorgcoordinatie] = Field(default_factory=list)
    """Zorgcoördinatoren mensenhandel named in the sources."""


@dataclass(frozen=True)
class Gemeente:
    """One gemeente with its regions resolved."""

    cbs_code: str
    name: str
    regio: Veiligheidsregio
    politie: PolitieEenheid
    zorgcoordinatie: Zorgcoordinatie | None


@functools.lru_cache(maxsize=4096)
def normalize(name: str) -> str:
    """A gemeente name as a search key: no accents, case, apostrophes, hyphens or spaces."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]", "", text.casefold())


_SUFFIX = re.compile(r"\s*\([^)]*\)\s*$")
_CODE = re.compile(r"^(?:gm)?\s*0*([0-9]{1,4})$", re.IGNORECASE)


@dataclass
class GemeenteIndex:
    """Look up any gemeente by CBS name, common name, name without its province suffix, CBS code, or the name
    of a gemeente that merged into it (Weesp → Amsterdam)."""

    gemeenten: dict[str, Gemeente] = field(default_factory=dict)
    _keys: dict[str, set[str]] = field(default_factory=dict)
    table: GemeenteTable | None = None

    @classmethod
    def build(cls, table: GemeenteTable, layers: RegionLayers) -> GemeenteIndex:
        """The index of ``table`` over ``layers``; rows whose region is unknown are left out (check reports them)."""
        regios = {r.code: r for r in layers.veiligheidsregios}
        politie = {p.id: p for p in layers.politie_eenheden}
        index = cls(table=table)
        for code, name, vr in table.gemeenten:
            regio = regios.get(vr)
            unit = politie.get(regio.politie_eenheid) if regio else None
            if regio is None or unit is None:
                continue
            zorg = zorgcoordinatie_for(layers, code, vr)
            index.gemeenten[code] = Gemeente(code, name, regio, unit, zorg[0] if len(zorg) == 1 else None)
            index._add(name, code)
            index._add(_SUFFIX.sub("", name), code)
        for alias, code in table.aliassen.items():
            if code in index.gemeenten:
                index._add(alias, code)
        for merger in table.herindelingen:
            if merger.cbs_code in index.gemeenten:
                for gone in merger.opgeheven:
                    if not index._keys.get(normalize(gone)):
                        index._add(gone, merger.cbs_code)
        return index

    def _add(self, name: str, code: str) -> None:
        self._keys.setdefault(normalize(name), set()).add(code)

    def find(self, query: str) -> list[Gemeente]:
        """Every gemeente ``query`` can mean: one when it is clear, several when ambiguous, none when unknown."""
        text = query.strip()
        code_match = _CODE.match(text)
        if code_match:
            found = self.gemeenten.get(f"GM{int(code_match.group(1)):04d}")
            return [found] if found else []
        codes = self._keys.get(normalize(text), set())
        return sorted((self.gemeenten[c] for c in codes), key=lambda g: g.name)

    def one(self, query: str) -> Gemeente | None:
        """The gemeente ``query`` means, or None when unknown or ambiguous."""
        found = self.find(query)
        return found[0] if len(found) == 1 else None

    def names(self) -> list[str]:
        """Every CBS name, sorted."""
        return sorted((g.name for g in self.gemeenten.values()), key=normalize)


def zorgcoordinatie_for(layers: RegionLayers, code: str, vr: str) -> list[Zorgcoordinatie]:
    """The zorgcoördinatie entries covering gemeente ``code`` in region ``vr`` (one expected; none is a gap)."""
    direct = [z for z in layers.zorgcoordinatie if code in z.gemeenten]
    if direct:
        return direct
    return [z for z in layers.zorgcoordinatie if vr in z.regios and code not in z.zonder]
