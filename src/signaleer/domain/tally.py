"""Anonymous counts from many laptops, combined for the gemeente, with small counts suppressed after combining.

Each laptop exports one :class:`TallyFile` per period: counts only, per gemeente (CBS code) and per category
of four dimensions (form of exploitation, age band, outcome of the afwegingskader, CoMensha status), plus
the period, a fingerprint of the content and a random export id. No pseudonym, free text, id, date from a
case or exact age ever enters it; the model forbids any other field, so nothing else can be smuggled
through.

A laptop's own counts are not suppressed (a wijkteam of one professional would otherwise lose every cell);
the file is confidential until combined. :func:`combine` adds any number of files (refusing a second file
with the same export id, another schema version or another period) and :func:`suppress` then hides small
counts in the combined tables:

- **primary**: every cell and margin with ``0 < count < threshold``;
- **complementary**: until no hidden count can be worked out from what is shown. Per table the shown
  numbers give one equation per line (a gemeente's row with its row total, a category's column with its
  column total, and the totals row); a hidden count is determined by those equations exactly when it is a
  *bridge* of the graph whose nodes are the lines and whose edges are the hidden counts (a count on a
  cycle can trade value with the others on it). Each bridge gets a partner: the smallest shown count of
  one of its lines is hidden too, and the test is repeated.
- **bounds**: a hidden count is known to be at least 1 (zeros are shown). In a line whose total is shown,
  the hidden counts must add up to at least the threshold, else each of them could be bounded to a small
  range (two hidden counts adding up to 2 are both 1).
- the row totals (cases per gemeente) and the grand total are one set of numbers shared by every
  table that splits the cases: hidden in one table, hidden in all.

The form table is not a partition (a case can show signals of several forms), so its rows have no total
and its columns are the only equations. ``tests/unit/test_tally.py`` checks, by enumerating every integer
solution of small tables, that no hidden count can be worked out.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import heapq
import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from signaleer.domain.afwegingskader import walk
from signaleer.domain.case import Case
from signaleer.domain.content import Content
from signaleer.domain.stats import AGE_BANDS, COMENSHA_STATES, FORMS, NO_OUTCOME, age_band, comensha_of, forms_of

SCHEMA_KIND = "signaleer-telling"
SCHEMA_VERSION = 1
UNKNOWN_GEMEENTE = "onbekend"
TOTAL = "totaal"

Dimension = Literal["vorm", "leeftijd", "uitkomst", "comensha"]
DIMENSIONS: tuple[Dimension, ...] = ("vorm", "leeftijd", "uitkomst", "comensha")
PARTITIONS: frozenset[Dimension] = frozenset({"leeftijd", "uitkomst", "comensha"})
"""Dimensions whose categories split the cases (each case in exactly one category)."""

AGES = (*(band[0] for band in AGE_BANDS), "onbekend")
COMENSHA = COMENSHA_STATES

GemeenteKey = Annotated[str, StringConstraints(pattern=r"^(GM\d{4}|onbekend)$")]
Category = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_]*$", max_length=60)]
Count = Annotated[int, Field(ge=0, le=1_000_000)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False)


class Period(_Strict):
    """The period counted: cases created from ``van`` up to and including ``tot``."""

    van: dt.date
    tot: dt.date

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        if self.van > self.tot:
            raise ValueError("periode.van ligt na periode.tot")
        return self


class GemeenteCounts(_Strict):
    """The counts of one gemeente on one laptop: its number of cases and, per dimension, per category."""

    totaal: Count
    vorm: dict[Category, Count] = Field(default_factory=dict)
    leeftijd: dict[Category, Count] = Field(default_factory=dict)
    uitkomst: dict[Category, Count] = Field(default_factory=dict)
    comensha: dict[Category, Count] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _consistent(self) -> GemeenteCounts:
        for dimension, allowed in (("vorm", FORMS), ("leeftijd", AGES), ("comensha", COMENSHA)):
            if set(getattr(self, dimension)) - set(allowed):  # the name itself is never repeated: it may be anything
                raise ValueError(f"onbekende categorie in {dimension}")
        for dimension in sorted(PARTITIONS):
            counts: dict[str, int] = getattr(self, dimension)
            if sum(counts.values()) != self.totaal:
                raise ValueError(f"{dimension} telt op tot {sum(counts.values())}, maar totaal is {self.totaal}")
        return self


class TallyFile(_Strict):
    """One laptop's anonymous counts for one period (the JSON file ``signaleer tellingen exporteer`` writes)."""

    soort: Literal["signaleer-telling"]
    schemaversie: int
    export_id: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{32}$")]
    periode: Period
    inhoudsversie: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{16}$")]
    gemeenten: dict[GemeenteKey, GemeenteCounts]


def content_fingerprint(content: Content) -> str:
    """A short fingerprint of the content files (path, version, date): the same content gives the same value."""
    digest = hashlib.sha256()
    for source in sorted(content.files, key=lambda f: f.path):
        digest.update(f"{source.path}\0{source.versie}\0{source.datum}\n".encode())
    return digest.hexdigest()[:16]


def gemeente_key(case: Case, content: Content) -> str:
    """The CBS code of the case's gemeente, or ``onbekend`` when it is not set or not found."""
    if case.gemeente and content.gemeenten is not None:
        found = content.gemeenten.find(case.gemeente)
        if len(found) == 1:
            return found[0].cbs_code
    return UNKNOWN_GEMEENTE


def outcome_of(case: Case, content: Content) -> str:
    """The afwegingskader outcome the case's answers reach, or ``nog_geen_uitkomst``."""
    kader = content.kader_for(case.sector)
    known = {q.id for q in kader.questions}
    return walk(kader, {q: a.answer for q, a in case.afwegingen.items() if q in known}).outcome or NO_OUTCOME


def tally_cases(cases: Iterable[Case], content: Content, period: Period, export_id: str | None = None) -> TallyFile:
    """The counts of the cases created in ``period``, ready to be written as one laptop's file."""
    per: dict[str, dict[str, dict[str, int]]] = {}
    totals: dict[str, int] = {}
    for case in cases:
        if not period.van <= case.created_at.date() <= period.tot:
            continue
        key = gemeente_key(case, content)
        totals[key] = totals.get(key, 0) + 1
        cells = per.setdefault(key, {d: {} for d in DIMENSIONS})
        for form in sorted(forms_of(case, content)):
            cells["vorm"][form] = cells["vorm"].get(form, 0) + 1
        for dimension, category in (
            ("leeftijd", age_band(case.age)),
            ("uitkomst", outcome_of(case, content)),
            ("comensha", comensha_of(case)),
        ):
            cells[dimension][category] = cells[dimension].get(category, 0) + 1
    return TallyFile(
        soort="signaleer-telling",
        schemaversie=SCHEMA_VERSION,
        export_id=export_id or secrets.token_hex(16),
        periode=period,
        inhoudsversie=content_fingerprint(content),
        gemeenten={key: GemeenteCounts(totaal=totals[key], **per[key]) for key in sorted(per)},
    )


class CombineError(ValueError):
    """Files that cannot be combined: a duplicate export, another schema version or period, an unknown outcome."""


@dataclass
class Combined:
    """The sum of several laptops' counts: per dimension, gemeente × category, and cases per gemeente."""

    period: Period
    files: int
    content_versions: list[str]
    cases: dict[str, int] = field(default_factory=dict)
    cells: dict[Dimension, dict[str, dict[str, int]]] = field(default_factory=lambda: {d: {} for d in DIMENSIONS})

    def categories(self, dimension: Dimension) -> list[str]:
        """The categories of ``dimension``: the fixed list, plus any outcome the files name, in a stable order."""
        fixed: dict[Dimension, tuple[str, ...]] = {"vorm": FORMS, "leeftijd": AGES, "comensha": COMENSHA}
        seen = {c for row in self.cells[dimension].values() for c in row}
        if dimension in fixed:
            return list(fixed[dimension])
        return [*sorted(seen - {NO_OUTCOME}), NO_OUTCOME]


def combine(files: Iterable[tuple[str, TallyFile]], outcomes: Iterable[str] | None = None) -> Combined:
    """Add up the files (``(name, file)`` pairs); refuse duplicates, other schema versions and other periods.

    ``outcomes``: the outcome ids the content knows; a file naming another outcome is refused (its name could
    be anything, and would otherwise become a column of the table).
    """
    known = None if outcomes is None else {*outcomes, NO_OUTCOME}
    combined: Combined | None = None
    seen: dict[str, str] = {}
    versions: set[str] = set()
    for name, tally in files:
        if tally.schemaversie != SCHEMA_VERSION:
            raise CombineError(f"{name}: schemaversie {tally.schemaversie}, dit programma kent versie {SCHEMA_VERSION}")
        if tally.export_id in seen:
            raise CombineError(f"{name}: dezelfde export als {seen[tally.export_id]} (export_id {tally.export_id})")
        seen[tally.export_id] = name
        if combined is None:
            combined = Combined(period=tally.periode, files=0, content_versions=[])
        elif tally.periode != combined.period:
            raise CombineError(
                f"{name}: periode {tally.periode.van} t/m {tally.periode.tot}, de andere bestanden "
                f"{combined.period.van} t/m {combined.period.tot}"
            )
        if known is not None and any(set(c.uitkomst) - known for c in tally.gemeenten.values()):
            raise CombineError(f"{name}: een uitkomst die het afwegingskader niet kent")
        combined.files += 1
        versions.add(tally.inhoudsversie)
        for gemeente, counts in tally.gemeenten.items():
            combined.cases[gemeente] = combined.cases.get(gemeente, 0) + counts.totaal
            for dimension in DIMENSIONS:
                row = combined.cells[dimension].setdefault(gemeente, {})
                for category, n in getattr(counts, dimension).items():
                    row[category] = row.get(category, 0) + n
    if combined is None:
        raise CombineError("geen bestanden om samen te voegen")
    combined.content_versions = sorted(versions)
    return combined


# --- Suppression ------------------------------------------------------------------------------------------


Cell = tuple[str, str]
"""(row, column) of a table with margins; the row ``totaal`` holds column totals, the column ``totaal`` row totals."""


@dataclass
class Grid:
    """One table with its margins: values, which are hidden, and whether rows sum to a total column."""

    rows: list[str]
    columns: list[str]
    values: dict[Cell, int]
    partition: bool
    hidden: set[Cell] = field(default_factory=set)

    def lines(self) -> list[list[Cell]]:
        """Every equation of the table, as the cells (margin included) that add up to zero with signs."""
        found: list[list[Cell]] = []
        columns = [*self.columns, TOTAL] if self.partition else self.columns
        for column in columns:
            found.append([*((r, column) for r in self.rows), (TOTAL, column)])
        if self.partition:
            for row in [*self.rows, TOTAL]:
                found.append([*((row, c) for c in self.columns), (row, TOTAL)])
        return found

    def shown(self, cell: Cell) -> int | None:
        """The value of ``cell`` as published: ``None`` when hidden."""
        return None if cell in self.hidden else self.values[cell]


def build_grids(combined: Combined) -> dict[Dimension, Grid]:
    """Every dimension as a table gemeente × category with margins (rows and columns in a stable order)."""
    rows = sorted(combined.cases)
    grids: dict[Dimension, Grid] = {}
    for dimension in DIMENSIONS:
        columns = combined.categories(dimension)
        values: dict[Cell, int] = {}
        for row in rows:
            for column in columns:
                values[(row, column)] = combined.cells[dimension].get(row, {}).get(column, 0)
        for column in columns:
            values[(TOTAL, column)] = sum(values[(r, column)] for r in rows)
        partition = dimension in PARTITIONS
        if partition:
            for row in rows:
                values[(row, TOTAL)] = combined.cases[row]
            values[(TOTAL, TOTAL)] = sum(combined.cases.values())
        grids[dimension] = Grid(rows, columns, values, partition)
    return grids


Graph = dict[str, list[tuple[str, Cell]]]
"""Line → the lines one step of a cell leads to, with that cell."""

FREE = "r:*"
"""The form table has no row equations: its rows are one free node."""


def _steps(grid: Grid, cell: Cell) -> list[tuple[str, str]]:
    """The moves of one inner cell or column total, as arcs between lines: up always, down when above 0.

    An inner cell (row, column) goes up as row → column and down as column → row; a column total goes up as
    column → ``r:totaal`` (the row of column totals) and down the other way. Row totals and the grand total
    are shared with the other tables: they are not in this graph (see :func:`_shared_stuck`).
    """
    row, column = cell
    if row == TOTAL:
        up = (f"c:{column}", "r:totaal" if grid.partition else FREE)
    else:
        up = (f"r:{row}" if grid.partition else FREE, f"c:{column}")
    return [up, (up[1], up[0])] if grid.values[cell] > 0 else [up]


def _movable_cells(grid: Grid) -> list[Cell]:
    return [(r, c) for r in [*grid.rows, TOTAL] for c in grid.columns]


def _path(grid: Grid, start: str, goal: str, skip: Cell | None = None) -> list[Cell] | None:
    """The cheapest chain of steps from ``start`` to ``goal``: hidden cells cost nothing, a shown cell its count
    plus one (hiding it is the price). Returns the cells of the chain, or None when there is none."""
    graph: dict[str, list[tuple[str, Cell, int]]] = {}
    for cell in _movable_cells(grid):
        if cell == skip:
            continue
        cost = 0 if cell in grid.hidden else grid.values[cell] + 1
        for a, b in _steps(grid, cell):
            graph.setdefault(a, []).append((b, cell, cost))
    best: dict[str, int] = {start: 0}
    back: dict[str, tuple[str, Cell]] = {}
    queue: list[tuple[int, str]] = [(0, start)]
    while queue:
        cost, node = heapq.heappop(queue)
        if node == goal:
            chain: list[Cell] = []
            while node != start:
                node, cell = back[node]
                chain.append(cell)
            return chain
        if cost > best.get(node, cost):
            continue
        for nxt, cell, price in graph.get(node, []):
            total = cost + price
            if total < best.get(nxt, total + 1):
                best[nxt] = total
                back[nxt] = (node, cell)
                heapq.heappush(queue, (total, nxt))
    return None


def _price(grid: Grid, chain: list[Cell]) -> int:
    return sum(grid.values[c] + 1 for c in set(chain) if c not in grid.hidden)


def _free_inner_cell(grid: Grid, cell: Cell) -> list[Cell] | None:
    """Shown cells to hide so that the hidden inner cell or column total ``cell`` can change; [] if it can."""
    up = _steps(grid, cell)[0]
    chains = [_path(grid, up[1], up[0], skip=cell)]  # up by one, and back through other cells
    if grid.values[cell] > 0:
        chains.append(_path(grid, up[0], up[1], skip=cell))  # down by one
    found = [c for c in chains if c is not None]
    return min(found, key=lambda c: _price(grid, c)) if found else None


def _shared_plan(grids: Mapping[Dimension, Grid], row: str) -> list[tuple[Dimension | None, Cell]]:
    """Cells to hide so that the shared total ``(row, totaal)`` can change in every table at once.

    Either it goes up by one while another gemeente's total goes down by one (each partition table moves one
    count from that gemeente's row to this one's through a chain of its own cells), or it goes up together
    with the grand total (each table adds one count in this row and in a column total). ``row`` may be
    ``totaal`` for the grand total itself: then some hidden gemeente total goes up with it.
    """
    first = grids[next(iter(PARTITIONS))]
    options: list[tuple[int, list[tuple[Dimension | None, Cell]]]] = []
    rows = [row] if row != TOTAL else [r for r in first.rows if (r, TOTAL) in first.hidden] or first.rows
    for this in rows:
        ends = [(r, f"r:{r}") for r in first.rows if r != this and first.values[(r, TOTAL)] > 0]
        ends.append((TOTAL, "r:totaal"))
        for other, goal in ends:
            if row == TOTAL and other != TOTAL:
                continue
            plan: list[tuple[Dimension | None, Cell]] = []
            price = 0
            shared = [(this, TOTAL), (other, TOTAL)] if other != TOTAL else [(this, TOTAL), (TOTAL, TOTAL)]
            for cell in shared:
                if cell not in first.hidden:
                    plan.append((None, cell))
                    price += first.values[cell] + 1
            for dimension in sorted(PARTITIONS):
                grid = grids[dimension]
                chain = _path(grid, f"r:{this}", goal)
                if chain is None:
                    break
                plan += [(dimension, c) for c in chain if c not in grid.hidden]
                price += _price(grid, chain)
            else:
                options.append((price, plan))
    return min(options, key=lambda option: option[0])[1] if options else []


def _shared_stuck(grids: Mapping[Dimension, Grid], threshold: int) -> list[str]:
    """Rows (``totaal`` for the grand total) whose small shared total no joint change can move."""
    first = grids[next(iter(PARTITIONS))]
    stuck = []
    for row in [*first.rows, TOTAL]:
        cell = (row, TOTAL)
        # The cheapest plan is empty when the total can already change.
        if cell in first.hidden and 0 < first.values[cell] < threshold and _shared_plan(grids, row):
            stuck.append(row)
    return stuck


def suppress(combined: Combined, threshold: int) -> dict[Dimension, Grid]:
    """The combined tables with small counts hidden so that none can be worked out (see the module)."""
    if threshold < 2:
        raise ValueError("threshold must be at least 2")
    grids = build_grids(combined)
    for grid in grids.values():
        grid.hidden = {c for c, n in grid.values.items() if 0 < n < threshold}
    while True:
        changed = False
        shared = {c for d in PARTITIONS for c in grids[d].hidden if c[1] == TOTAL}
        for dimension in PARTITIONS:
            if shared - grids[dimension].hidden:
                grids[dimension].hidden |= shared
                changed = True
        for grid in grids.values():
            small = sorted(c for c in grid.hidden if 0 < grid.values[c] < threshold and c[1] != TOTAL)
            for cell in small:
                for partner in _free_inner_cell(grid, cell) or []:
                    if partner not in grid.hidden:
                        grid.hidden.add(partner)
                        changed = True
        for row in _shared_stuck(grids, threshold):
            for where, cell in _shared_plan(grids, row):
                names: Iterable[Dimension] = PARTITIONS if where is None else [where]
                for name in names:
                    if cell not in grids[name].hidden:
                        grids[name].hidden.add(cell)
                        changed = True
        if not changed:
            return grids


def published(grids: Mapping[Dimension, Grid]) -> dict[str, dict[str, dict[str, int | None]]]:
    """What may leave: per dimension, row → column → count, ``None`` where hidden."""
    out: dict[str, dict[str, dict[str, int | None]]] = {}
    for dimension, grid in grids.items():
        columns = [*grid.columns, TOTAL] if grid.partition else grid.columns
        out[dimension] = {row: {column: grid.shown((row, column)) for column in columns} for row in [*grid.rows, TOTAL]}
    return out
