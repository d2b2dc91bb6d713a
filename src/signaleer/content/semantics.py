"""Checks across files: unique ids, resolvable references, a sound decision graph, contact roles."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from signaleer.content.errors import ContentError
from signaleer.content.kinds import KIND_MODELS, Parsed
from signaleer.domain.afwegingskader import Afwegingskader
from signaleer.domain.knowledge import KnowledgePage
from signaleer.domain.regions import GemeenteTable, RegionLayers, normalize, zorgcoordinatie_for
from signaleer.domain.route import MunicipalRoute, NationalRoute
from signaleer.domain.signals import Checklist, RiskFactorList, SignalList
from signaleer.domain.stepplan import StepPlan
from signaleer.i18n import nt, t


def check_semantics(parsed: list[Parsed], pages: list[KnowledgePage], files: dict[str, Path]) -> list[ContentError]:
    """Every cross-file problem, each pointing at a file and line."""
    errors: list[ContentError] = []
    errors += _check_singletons(parsed, files)
    errors += _check_unique_ids(parsed)
    errors += _check_source_keys(parsed)
    errors += _check_graphs(parsed)
    errors += _check_roles(parsed)
    errors += _check_municipalities(parsed)
    errors += _check_regions(parsed)
    return errors


def _file_name(key: str) -> str:
    return key.rsplit("/", 1)[-1]


def _err(item: Parsed, loc: tuple[str | int, ...], message: str, hint: str = "") -> ContentError:
    line, col = item.doc.position_of(loc)
    return ContentError(item.doc.path, line, col, message, hint)


def _of(parsed: list[Parsed], kind: type) -> list[Parsed]:
    return [p for p in parsed if isinstance(p.model, kind)]


def _check_singletons(parsed: list[Parsed], files: dict[str, Path]) -> list[ContentError]:
    errors: list[ContentError] = []
    anchor = _content_root(files)
    singletons: tuple[tuple[type, str], ...] = (
        (StepPlan, "stappenplan"),
        (NationalRoute, "route_landelijk"),
        (GemeenteTable, "gemeenten"),
        (RegionLayers, "regios"),
    )
    for singleton, kind_name in singletons:
        found = _of(parsed, singleton)
        if len(found) > 1:
            label = t(f"content.label.{kind_name}")
            errors += [
                _err(p, ("kind",), t("content.error.more_than_one", label=label), t("content.error.more_than_one.hint"))
                for p in found[1:]
            ]
    if not files:
        return [ContentError(anchor, 1, 1, t("content.error.no_content"), t("content.error.no_content.hint"))]
    loaded_kinds = {type(p.model) for p in parsed}
    required: tuple[tuple[type, str], ...] = (
        (StepPlan, "stappenplan"),
        (NationalRoute, "route_landelijk"),
        (Afwegingskader, "afwegingskader"),
    )
    for kind, kind_name in required:
        if kind not in loaded_kinds and not any(_declares_kind(p, kind) for p in files.values()):
            folder = anchor / ("meldroutes" if kind is NationalRoute else "checklists")
            label = t(f"content.label.{kind_name}")
            errors.append(
                ContentError(
                    folder, 1, 1, t("content.error.required_missing", label=label), t("content.error.required.hint")
                )
            )
    return errors


def _content_root(files: dict[str, Path]) -> Path:
    """The root folder of the first content file (the folder holding checklists/ and meldroutes/)."""
    for key, path in sorted(files.items()):
        depth = len(Path(key).parts)
        return path.parents[depth - 1]
    return Path()


def _declares_kind(path: Path, kind: type) -> bool:
    """True when a file that failed validation still claims ``kind`` (so its own errors suffice)."""
    if path.suffix == ".md":
        return False
    names = [name for name, model in KIND_MODELS.items() if model is kind]
    try:
        head = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    return any(f"kind: {n}" in head for n in names)


def _duplicates(entries: Iterable[tuple[str, Parsed, tuple[str | int, ...]]], what: str) -> list[ContentError]:
    """An error for every key seen before; ``what`` names the key's kind (``content.duplicate.<what>``)."""
    first: dict[str, tuple[Parsed, tuple[str | int, ...]]] = {}
    errors = []
    for key, item, loc in entries:
        if key in first:
            other, other_loc = first[key]
            line = other.doc.position_of(other_loc)[0]
            errors.append(
                _err(
                    item,
                    loc,
                    t(
                        "content.error.duplicate",
                        what=t(f"content.duplicate.{what}"),
                        key=key,
                        file=other.doc.path.name,
                        line=line,
                    ),
                    t("content.error.duplicate.hint"),
                )
            )
        else:
            first[key] = (item, loc)
    return errors


def _check_unique_ids(parsed: list[Parsed]) -> list[ContentError]:
    signal_ids: list[tuple[str, Parsed, tuple[str | int, ...]]] = []
    categories = []
    for item in _of(parsed, SignalList):
        model: Any = item.model
        categories.append((model.category, item, ("category",)))
        signal_ids += [(s.id, item, ("signals", i, "id")) for i, s in enumerate(model.signals)]
    for item in _of(parsed, RiskFactorList):
        model = item.model
        signal_ids += [
            (f.id, item, ("groups", g, "factors", i, "id"))
            for g, group in enumerate(model.groups)
            for i, f in enumerate(group.factors)
        ]
    kaders = [(p.model.id, p, ("id",)) for p in _of(parsed, Afwegingskader)]  # type: ignore[attr-defined]
    checklists = [(p.model.id, p, ("id",)) for p in _of(parsed, Checklist)]  # type: ignore[attr-defined]
    sectors = [
        (sector, p, ("sectors", i))
        for p in _of(parsed, Afwegingskader)
        for i, sector in enumerate(p.model.sectors)  # type: ignore[attr-defined]
    ]
    return (
        _duplicates(signal_ids, "id")
        + _duplicates(categories, "category")
        + _duplicates(kaders, "kader")
        + _duplicates(checklists, "checklist")
        + _duplicates(sectors, "sector")
    )


def _check_source_keys(parsed: list[Parsed]) -> list[ContentError]:
    errors: list[ContentError] = []
    for item in parsed:
        model: Any = item.model
        bronnen = getattr(model, "bronnen", [])
        known = {s.id for s in bronnen}
        errors += _duplicates([(s.id, item, ("bronnen", i, "id")) for i, s in enumerate(bronnen)], "source")
        cited: list[tuple[list[str], tuple[str | int, ...]]] = []
        if isinstance(model, SignalList):
            cited = [(s.sources, ("signals", i, "sources")) for i, s in enumerate(model.signals)]
        elif isinstance(model, Checklist):
            cited = [(item_.sources, ("items", i, "sources")) for i, item_ in enumerate(model.items)]
        elif isinstance(model, RiskFactorList):
            cited = [
                (f.sources, ("groups", g, "factors", i, "sources"))
                for g, group in enumerate(model.groups)
                for i, f in enumerate(group.factors)
            ]
        for keys, loc in cited:
            for j, key in enumerate(keys):
                if key not in known:
                    errors.append(
                        _err(
                            item,
                            (*loc, j),
                            t("content.error.unknown_source", key=key),
                            t("content.error.unknown_source.hint"),
                        )
                    )
    return errors


def _check_graphs(parsed: list[Parsed]) -> list[ContentError]:
    errors: list[ContentError] = []
    for item in _of(parsed, Afwegingskader):
        kader: Any = item.model
        for problem in kader.graph_problems():
            errors.append(
                _err(
                    item,
                    _graph_loc(kader, problem.node, problem.edge),
                    t(
                        "content.error.graph",
                        kader=kader.id,
                        problem=t(f"content.graph.{problem.code}", **dict(problem.params)),
                    ),
                    t("content.error.graph.hint"),
                )
            )
    return errors


def _graph_loc(kader: Afwegingskader, node: str, edge: str | None) -> tuple[str | int, ...]:
    if edge == "start":
        return ("start",)
    for i, question in enumerate(kader.questions):
        if question.id == node:
            return ("questions", i, edge or "id")
    for i, outcome in enumerate(kader.outcomes):
        if outcome.id == node:
            return ("outcomes", i, edge or "id")
    return ("start",)


def _check_roles(parsed: list[Parsed]) -> list[ContentError]:
    provided = {
        c.role
        for p in parsed
        if isinstance(p.model, NationalRoute | MunicipalRoute) and not _file_name(p.key).startswith("_sjabloon")
        for c in p.model.contacts
    }
    for p in _of(parsed, RegionLayers):
        layers: Any = p.model
        provided |= {c.role for r in layers.veiligheidsregios for c in r.contacts}
        provided |= {z.contact.role for z in layers.zorgcoordinatie}
    if not _of(parsed, NationalRoute):
        return []
    errors: list[ContentError] = []
    hint = t("content.error.unknown_role.hint")
    for item in _of(parsed, Afwegingskader):
        kader: Any = item.model
        for i, outcome in enumerate(kader.outcomes):
            for j, role in enumerate(outcome.contact_roles):
                if role not in provided:
                    errors.append(
                        _err(
                            item,
                            ("outcomes", i, "contact_roles", j),
                            t("content.error.outcome_role", outcome=outcome.id, role=role),
                            hint,
                        )
                    )
    for item in _of(parsed, StepPlan):
        plan: Any = item.model
        for s, step in enumerate(plan.steps):
            for f, step_field in enumerate(step.fields):
                if step_field.on_yes is None:
                    continue
                for j, role in enumerate(step_field.on_yes.roles):
                    if role not in provided:
                        errors.append(
                            _err(
                                item,
                                ("steps", s, "fields", f, "on_yes", "roles", j),
                                t("content.error.acute_role", field=step_field.id, role=role),
                                hint,
                            )
                        )
    return errors


def _check_municipalities(parsed: list[Parsed]) -> list[ContentError]:
    routes = [p for p in _of(parsed, MunicipalRoute) if not _file_name(p.key).startswith("_")]
    names = [(p.model.gemeente.casefold(), p, ("gemeente",)) for p in routes]  # type: ignore[attr-defined]
    codes = [(p.model.cbs_code, p, ("cbs_code",)) for p in routes]  # type: ignore[attr-defined]
    return _duplicates(names, "gemeente") + _duplicates(codes, "cbs_code")


def _check_regions(parsed: list[Parsed]) -> list[ContentError]:
    """Codes unique and known, every gemeente in exactly one region of each kind, references resolvable."""
    tables, layer_files = _of(parsed, GemeenteTable), _of(parsed, RegionLayers)
    errors: list[ContentError] = []
    if bool(tables) != bool(layer_files):
        there = (tables or layer_files)[0]
        missing = t("content.label.regios" if tables else "content.label.gemeenten")
        return [
            _err(
                there,
                ("kind",),
                t("content.error.required_missing", label=missing),
                t("content.error.regions_pair.hint"),
            )
        ]
    if not tables:
        return []
    item, layers_item = tables[0], layer_files[0]
    table: Any = item.model
    layers: Any = layers_item.model
    rows = table.gemeenten
    errors += _duplicates([(code, item, ("gemeenten", i, 0)) for i, (code, _n, _v) in enumerate(rows)], "cbs_code")
    errors += _duplicates(
        [(normalize(name), item, ("gemeenten", i, 1)) for i, (_c, name, _v) in enumerate(rows)], "gemeente_name"
    )
    codes = {code for code, _n, _v in rows}
    for alias, code in table.aliassen.items():
        if code not in codes:
            errors.append(_err(item, ("aliassen", alias), t("content.error.alias_unknown", alias=alias, code=code)))
    names = {normalize(name) for _c, name, _v in rows}
    for i, merger in enumerate(table.herindelingen):
        if merger.cbs_code not in codes:
            errors.append(
                _err(item, ("herindelingen", i, "cbs_code"), t("content.error.merger_unknown", code=merger.cbs_code))
            )
        for j, gone in enumerate(merger.opgeheven):
            if normalize(gone) in names and normalize(gone) != normalize(merger.gemeente):
                errors.append(
                    _err(item, ("herindelingen", i, "opgeheven", j), t("content.error.merged_still_listed", name=gone))
                )
    units = {u.id for u in layers.politie_eenheden}
    errors += _duplicates(
        [(u.id, layers_item, ("politie_eenheden", i, "id")) for i, u in enumerate(layers.politie_eenheden)],
        "police_unit",
    )
    errors += _duplicates(
        [(r.code, layers_item, ("veiligheidsregios", i, "code")) for i, r in enumerate(layers.veiligheidsregios)],
        "veiligheidsregio",
    )
    errors += _duplicates(
        [(z.id, layers_item, ("zorgcoordinatie", i, "id")) for i, z in enumerate(layers.zorgcoordinatie)],
        "zorgcoordinatie",
    )
    regios = {r.code for r in layers.veiligheidsregios}
    for i, regio in enumerate(layers.veiligheidsregios):
        if regio.politie_eenheid not in units:
            errors.append(
                _err(
                    layers_item,
                    ("veiligheidsregios", i, "politie_eenheid"),
                    t("content.error.unknown_police_unit", code=regio.code, unit=regio.politie_eenheid),
                    t("content.error.unknown_police_unit.hint"),
                )
            )
    for i, zorg in enumerate(layers.zorgcoordinatie):
        if zorg.contact.role != "zorgcoordinator":
            errors.append(
                _err(
                    layers_item,
                    ("zorgcoordinatie", i, "contact", "role"),
                    t("content.error.zorg_role"),
                )
            )
        for j, vr in enumerate(zorg.regios):
            if vr not in regios:
                errors.append(
                    _err(layers_item, ("zorgcoordinatie", i, "regios", j), t("content.error.unknown_region", code=vr))
                )
        for key in ("gemeenten", "zonder"):
            for j, code in enumerate(getattr(zorg, key)):
                if code not in codes:
                    errors.append(
                        _err(layers_item, ("zorgcoordinatie", i, key, j), t("content.error.unknown_cbs", code=code))
                    )
    for i, (code, name, vr) in enumerate(rows):
        if vr not in regios:
            errors.append(
                _err(item, ("gemeenten", i, 2), t("content.error.region_not_listed", name=name, code=code, region=vr))
            )
        covering = zorgcoordinatie_for(layers, code, vr)
        if len(covering) > 1:
            errors.append(
                _err(
                    item,
                    ("gemeenten", i, 0),
                    t("content.error.two_zorg", name=name, code=code, ids=", ".join(z.id for z in covering)),
                    t("content.error.two_zorg.hint"),
                )
            )
    for route in _of(parsed, MunicipalRoute):
        if _file_name(route.key).startswith("_"):
            continue
        model: Any = route.model
        if model.gm_code not in codes:
            errors.append(
                _err(
                    route,
                    ("cbs_code",),
                    t("content.error.route_cbs_unknown", code=model.cbs_code),
                    t("content.error.route_cbs_unknown.hint"),
                )
            )
    return errors


def gaps(parsed: list[Parsed]) -> list[ContentError]:
    """Warnings, not errors: regions or gemeenten for which the sources give no zorgcoördinator or VT name."""
    tables, layer_files = _of(parsed, GemeenteTable), _of(parsed, RegionLayers)
    if not tables or not layer_files:
        return []
    table: Any = tables[0].model
    layers: Any = layer_files[0].model
    item = layer_files[0]
    warnings: list[ContentError] = []
    without: dict[str, list[str]] = {}
    for code, name, vr in table.gemeenten:
        if not zorgcoordinatie_for(layers, code, vr):
            without.setdefault(vr, []).append(name)
    for i, regio in enumerate(layers.veiligheidsregios):
        names = without.get(regio.code, [])
        if names:
            shown = ", ".join(names[:3]) + (t("content.gap.and_more", n=len(names) - 3) if len(names) > 3 else "")
            warnings.append(
                _err(
                    item,
                    ("veiligheidsregios", i, "code"),
                    nt("content.gap.no_zorg", len(names), code=regio.code, name=regio.name, shown=shown),
                    t("content.gap.no_zorg.hint"),
                )
            )
        if regio.veilig_thuis.bron is None:
            warnings.append(
                _err(
                    item,
                    ("veiligheidsregios", i, "veilig_thuis"),
                    t("content.gap.no_vt", code=regio.code, name=regio.name),
                    t("content.gap.no_vt.hint"),
                )
            )
    return warnings
