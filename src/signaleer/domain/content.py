"""All loaded content in one immutable object that the engine and the front ends read."""

from __future__ import annotations

from dataclasses import dataclass, field

from signaleer.domain.afwegingskader import Afwegingskader
from signaleer.domain.knowledge import KnowledgePage
from signaleer.domain.regions import Gemeente, GemeenteIndex, RegionLayers
from signaleer.domain.route import Contact, MunicipalRoute, NationalRoute, ResolvedRoute, resolve
from signaleer.domain.signals import Checklist, RiskFactor, RiskFactorList, Signal, SignalList
from signaleer.domain.stepplan import StepPlan


@dataclass(frozen=True)
class SourceFile:
    """Version and date of one content file, for the dossier export."""

    path: str
    versie: str
    datum: str


@dataclass
class Content:
    """The validated content: signal lists, risk factors, step plan, afwegingskaders, routes, pages."""

    step_plan: StepPlan
    kaders: dict[str, Afwegingskader]
    national_route: NationalRoute
    signal_lists: list[SignalList] = field(default_factory=list)
    risk_factors: RiskFactorList | None = None
    municipalities: dict[str, MunicipalRoute] = field(default_factory=dict)
    checklists: dict[str, Checklist] = field(default_factory=dict)
    pages: list[KnowledgePage] = field(default_factory=list)
    files: list[SourceFile] = field(default_factory=list)
    gemeenten: GemeenteIndex | None = None
    regions: RegionLayers | None = None

    def __post_init__(self) -> None:
        self._signals = {s.id: s for lst in self.signal_lists for s in lst.signals}
        self._categories = {s.id: lst for lst in self.signal_lists for s in lst.signals}
        self._risk = {f.id: f for g in (self.risk_factors.groups if self.risk_factors else []) for f in g.factors}

    def signal(self, signal_id: str) -> Signal:
        """The signal with ``signal_id`` (KeyError when unknown)."""
        return self._signals[signal_id]

    def has_signal(self, signal_id: str) -> bool:
        """True when ``signal_id`` is a known signal."""
        return signal_id in self._signals

    def category_of(self, signal_id: str) -> SignalList:
        """The list that holds ``signal_id``."""
        return self._categories[signal_id]

    def risk_factor(self, factor_id: str) -> RiskFactor:
        """The risk factor with ``factor_id``."""
        return self._risk[factor_id]

    def has_risk_factor(self, factor_id: str) -> bool:
        """True when ``factor_id`` is a known risk factor."""
        return factor_id in self._risk

    def lists_for(self, use: str) -> list[SignalList]:
        """Signal lists used for ``use`` (signalering or revictimisatie), in wizard order."""
        return sorted((lst for lst in self.signal_lists if lst.use == use), key=lambda lst: (lst.order, lst.category))

    def find_gemeente(self, name: str) -> list[Gemeente]:
        """Every gemeente ``name`` can mean (CBS name, common name or CBS code); empty without a table."""
        return self.gemeenten.find(name) if self.gemeenten else []

    def gemeente(self, name: str) -> Gemeente | None:
        """The one gemeente ``name`` means, or None (unknown, ambiguous, or no gemeente table)."""
        found = self.find_gemeente(name)
        return found[0] if len(found) == 1 else None

    def municipality(self, name: str) -> MunicipalRoute | None:
        """The gemeente file for ``name`` (by file key, name or CBS code, or any name of the same gemeente)."""
        wanted = name.strip().casefold()
        for key, route in self.municipalities.items():
            if wanted in (
                key.casefold(),
                route.gemeente.casefold(),
                route.cbs_code.casefold(),
                route.gm_code.casefold(),
            ):
                return route
        found = self.gemeente(name)
        if found is not None:
            for route in self.municipalities.values():
                if route.gm_code == found.cbs_code:
                    return route
        return None

    def route(self, gemeente: str | None) -> ResolvedRoute:
        """National contacts merged with the region layers and the file of ``gemeente`` (national only when unknown)."""
        municipal = self.municipality(gemeente) if gemeente else None
        info = self.gemeente(gemeente) if gemeente else None
        if info is None and municipal is not None:
            info = self.gemeente(municipal.gm_code)
        if info is None:
            return resolve(self.national_route, municipal)
        regional: list[Contact] = list(info.regio.contacts)
        if info.zorgcoordinatie is not None:
            regional.append(info.zorgcoordinatie.contact)
        national_vt = next((c for c in self.national_route.contacts if c.role == "veilig_thuis"), None)
        own_vt = next((c for c in info.regio.contacts if c.role == "veilig_thuis" and c.phone), None)
        vt = info.regio.veilig_thuis
        return resolve(
            self.national_route,
            municipal,
            regional,
            gemeente=info.name,
            cbs_code=info.cbs_code,
            regio=info.regio.name,
            politie_eenheid=info.politie.name,
            veilig_thuis={
                "name": vt.name,
                "name_en": vt.name_en,
                "phone": national_vt.phone if national_vt else None,
                "professionals_phone": own_vt.phone if own_vt else None,
                "web": vt.web,
                "source": vt.bron,
            },
        )

    def kader_for(self, sector: str | None) -> Afwegingskader:
        """The afwegingskader variant for ``sector``; the 'algemeen' or first variant otherwise."""
        for kader in self.kaders.values():
            if sector and sector in kader.sectors:
                return kader
        for kader in self.kaders.values():
            if "algemeen" in kader.sectors:
                return kader
        return next(iter(self.kaders.values()))

    def pages_in(self, language: str) -> list[KnowledgePage]:
        """Knowledge pages in ``language``, with the Dutch version where no translation exists."""
        chosen: dict[str, KnowledgePage] = {}
        for page in self.pages:
            if page.language == "nl" and page.id not in chosen:
                chosen[page.id] = page
        for page in self.pages:
            if page.language == language:
                chosen[page.id] = page
        return sorted(chosen.values(), key=lambda p: (p.meta.volgorde, p.meta.titel))
