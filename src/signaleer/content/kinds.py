"""The kinds of YAML content file and one parsed file: shared by the loader and the cross-file checks."""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel

from signaleer.content.yaml_io import YamlDoc
from signaleer.domain.afwegingskader import Afwegingskader
from signaleer.domain.regions import GemeenteTable, RegionLayers
from signaleer.domain.route import MunicipalRoute, NationalRoute
from signaleer.domain.signals import Checklist, RiskFactorList, SignalList
from signaleer.domain.stepplan import StepPlan

KIND_MODELS: dict[str, type[BaseModel]] = {
    "signalen": SignalList,
    "risicofactoren": RiskFactorList,
    "nazorg": Checklist,
    "preventie": Checklist,
    "stappenplan": StepPlan,
    "afwegingskader": Afwegingskader,
    "route_landelijk": NationalRoute,
    "route_gemeente": MunicipalRoute,
    "gemeenten": GemeenteTable,
    "regios": RegionLayers,
}
"""Every kind of YAML content file, by the value of its top-level ``kind`` field."""


@dataclass
class Parsed:
    """One validated YAML file with the document it came from (for error positions)."""

    key: str
    doc: YamlDoc
    model: BaseModel
