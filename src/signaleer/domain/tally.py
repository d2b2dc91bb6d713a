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
- **complementary**, until every small hidden count can change in some filling that fits every shown
  number. Each table gives one equation per line (a gemeente's row with its row total, a category's column
  with its column total, the row of column totals). A count can change when it sits on a *rectangle* of
  hidden counts, (r, c), (r, c2), (r2, c2), (r2, c), that can trade one unit round it without any count going
  below 0 (r2 may be the row of column totals). For each small count the cheapest rectangle is found (a
  shown count costs its value, a hidden one nothing) and its corners are hidden. Any count may be hidden
  this way, 0 included, so a reader only knows a hidden count is at least 0.
- the row totals (cases per gemeente) and the grand total are shared by every table that splits the cases:
  hidden in one table, hidden in all, and a small one must be able to change in all of them at once: one
  unit moves from another hidden gemeente total to this one, within one column of each table, or it goes up
  together with the grand total and one column total of each table.

The form table is not a partition (a case can show signals of several forms), so its rows have no total
and its columns are the only equations: a second hidden count in the same column is enough. The row-wise
limits a form count has (at most the gemeente's number of cases) are not used. ``tests/unit/test_tally.py``
plays the reader: for small tables it searches, across all tables at once, for another filling of the hidden
counts in which each small one differs.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from signaleer.domain.afwegingskader import walk
from signaleer.domain.base import rule_error
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
            raise rule_error("period_order")
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
                raise rule_error("unknown_category", dimension=dimension)
        for dimension in sorted(PARTITIONS):
            counts: dict[str, int] = getattr(self, dimension)
            if sum(counts.values()) != self.totaal:
                raise rule_error(
                    "tally.sum", dimension=dimension, sum=str(sum(counts.values())), total=str(self.totaal)
                )
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


class CombineError(Exception):
    """Files that cannot be combined: a duplicate export, another schema version or period, an unknown outcome.

    A code with parameters (the domain speaks no language); ``signaleer tellingen`` words it as
    ``cli.tally.combine.<code>``."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


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
            raise CombineError("schema_version", name=name, version=tally.schemaversie, known=SCHEMA_VERSION)
        if tally.export_id in seen:
            raise CombineError("duplicate", name=name, other=seen[tally.export_id], export_id=tally.export_id)
        seen[tally.export_id] = name
        if combined is None:
            combined = Combined(period=tally.periode, files=0, content_versions=[])
        elif tally.periode != combined.period:
            raise CombineError("period", name=name, period=tally.periode, other=combined.period)
        if known is not None and any(set(c.uitkomst) - known for c in tally.gemeenten.values()):
            raise CombineError("unknown_outcome", name=name)
        combined.files += 1
        versions.add(tally.inhoudsversie)
        for gemeente, counts in tally.gemeenten.items():
            combined.cases[gemeente] = combined.cases.get(gemeente, 0) + counts.totaal
            for dimension in DIMENSIONS:
                row = combined.cells[dimension].setdefault(gemeente, {})
                for category, n in getattr(counts, dimension).items():
                    row[category] = row.get(category, 0) + n
    if combined is None:
        raise CombineError("empty")
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


def _cost(grid: Grid, cell: Cell) -> int:
    """What hiding ``cell`` costs: nothing when it is hidden already, else its count plus one."""
    return 0 if cell in grid.hidden else grid.values[cell] + 1


def _can(grid: Grid, cells: Iterable[Cell]) -> bool:
    """Whether every cell in ``cells`` can go down by one (it is above 0)."""
    return all(grid.values[c] > 0 for c in cells)


def _rectangle(grid: Grid, cell: Cell, best_pairs: dict[tuple[str, str], list[tuple[int, str]]]) -> list[Cell] | None:
    """The cheapest cells that, hidden with ``cell``, let it change by one while every line stays balanced.

    In a table that splits the cases this is a rectangle: ``cell`` = (r, c), a = (r, c2), b = (r2, c2),
    d = (r2, c). Going round it, a changes against ``cell``; d and b depend on whether r2 is the row of
    column totals (a total enters its column with the other sign). The move goes up or down, and every cell
    that goes down must be above 0. The row-total column is never used (those totals are shared with the other
    tables). In the form table (column equations only) one other cell of the same column is enough.
    ``best_pairs`` holds, per column pair, candidate rows r2 by the cost of b and d (see :func:`_pair_index`).
    """
    row, column = cell
    if not grid.partition:
        options = []
        for other_row in [*grid.rows, TOTAL]:
            other = (other_row, column)
            if other == cell:
                continue
            same_sign = (other_row == TOTAL) != (row == TOTAL)  # a total moves with its cells
            # up: the other goes down unless it moves along; down: the other goes down only if it moves along
            if not same_sign and grid.values[other] == 0 and grid.values[cell] == 0:
                continue
            if same_sign and grid.values[other] == 0 and grid.values[cell] == 0:
                continue
            options.append((_cost(grid, other), other))
        return [min(options)[1]] if options else None
    best: tuple[int, list[Cell]] | None = None
    for other_column in grid.columns:
        if other_column == column:
            continue
        a = (row, other_column)
        candidates: list[tuple[int, str]]
        if row == TOTAL:
            candidates = [(0, r) for r in grid.rows]  # rare (a small column total): look at every row
        else:
            candidates = best_pairs.get((column, other_column), [])
            candidates = [*candidates, (0, TOTAL)]
        for _, other_row in candidates:
            if other_row == row:
                continue
            b, d = (other_row, other_column), (other_row, column)
            if (row == TOTAL) or (other_row == TOTAL):  # one of cell/d is a column total
                up_ok, down_ok = _can(grid, (a, b)), _can(grid, (d,))
            else:
                up_ok, down_ok = _can(grid, (a, d)), _can(grid, (b,))
            if not (up_ok or (down_ok and grid.values[cell] > 0)):
                continue
            price = _cost(grid, a) + _cost(grid, b) + _cost(grid, d)
            if best is None or price < best[0]:
                best = (price, [a, b, d])
                if price == 0:
                    return []
    return None if best is None else best[1]


def _pair_index(grid: Grid, keep: int = 12) -> dict[tuple[str, str], list[tuple[int, str]]]:
    """Per column pair (c, c2), the inner rows r2 where hiding (r2, c) and (r2, c2) is cheapest, cheapest first.

    A few per pair are enough: a rectangle needs one, and the best few survive any one row being excluded or
    failing the above-0 test."""
    index: dict[tuple[str, str], list[tuple[int, str]]] = {}
    for column in grid.columns:
        for other in grid.columns:
            if other == column:
                continue
            ranked = sorted((_cost(grid, (r, column)) + _cost(grid, (r, other)), r) for r in grid.rows)
            feasible = [x for x in ranked if grid.values[(x[1], column)] > 0 or grid.values[(x[1], other)] > 0]
            index[(column, other)] = feasible[:keep]
    return index


def _shared_plan(grids: Mapping[Dimension, Grid], row: str) -> list[tuple[Dimension | None, Cell]]:
    """Cells to hide so that the shared total ``(row, totaal)`` can change in every partition table at once.

    Either this gemeente's total goes up by one while another hidden gemeente total goes down by one (in each
    table, one count moves from that gemeente's row to this one's, within one column), or it goes up with the
    grand total (in each table, one count in this row and its column total go up). ``row`` = ``totaal``: the
    grand total itself goes up with some gemeente's total. Returns [] when it can change already."""
    tables = [grids[d] for d in sorted(PARTITIONS)]
    first = tables[0]
    options: list[tuple[int, list[tuple[Dimension | None, Cell]]]] = []

    def with_grand(this: str) -> None:
        plan: list[tuple[Dimension | None, Cell]] = []
        price = 0
        for cell in {(this, TOTAL), (TOTAL, TOTAL)}:
            price += _cost(first, cell)
            if cell not in first.hidden:
                plan.append((None, cell))
        for name, grid in zip(sorted(PARTITIONS), tables, strict=True):
            moves = [(_cost(grid, (this, c)) + _cost(grid, (TOTAL, c)), c) for c in grid.columns]
            if not moves:
                return
            cost, column = min(moves)
            price += cost
            plan += [(name, cell) for cell in ((this, column), (TOTAL, column)) if cell not in grid.hidden]
        options.append((price, plan))

    if row == TOTAL:
        for this in sorted(first.rows, key=lambda r: _cost(first, (r, TOTAL)))[:12]:
            with_grand(this)
    else:
        with_grand(row)
        others = [r for r in first.rows if r != row and first.values[(r, TOTAL)] > 0]
        for other in sorted(others, key=lambda r: _cost(first, (r, TOTAL)))[:12]:
            plan: list[tuple[Dimension | None, Cell]] = []
            if (other, TOTAL) not in first.hidden:
                plan.append((None, (other, TOTAL)))
            price = _cost(first, (other, TOTAL))
            for name, grid in zip(sorted(PARTITIONS), tables, strict=True):
                moves = [
                    (_cost(grid, (row, c)) + _cost(grid, (other, c)), c)
                    for c in grid.columns
                    if grid.values[(other, c)] > 0
                ]
                if not moves:
                    break
                cost, column = min(moves)
                price += cost
                plan += [(name, cell) for cell in ((row, column), (other, column)) if cell not in grid.hidden]
            else:
                options.append((price, plan))
    if not options:
        return []
    return min(options, key=lambda option: option[0])[1]


def suppress(combined: Combined, threshold: int) -> dict[Dimension, Grid]:
    """The combined tables with small counts hidden so that none can be worked out (see the module)."""
    if threshold < 2:
        raise ValueError("threshold must be at least 2")
    grids = build_grids(combined)
    for grid in grids.values():
        grid.hidden = {c for c, n in grid.values.items() if 0 < n < threshold}
    protected: set[tuple[str, Cell]] = set()
    while True:
        changed = False
        shared = {c for d in PARTITIONS for c in grids[d].hidden if c[1] == TOTAL}
        for dimension in PARTITIONS:
            if shared - grids[dimension].hidden:
                grids[dimension].hidden |= shared
                changed = True
        for dimension, grid in grids.items():
            pairs = _pair_index(grid) if grid.partition else {}
            small = sorted(c for c in grid.hidden if 0 < grid.values[c] < threshold and c[1] != TOTAL)
            for cell in small:
                if (dimension, cell) in protected:
                    continue  # once it can change, it stays so: cells are only ever hidden, never shown again
                partners = _rectangle(grid, cell, pairs)
                if partners is None:
                    continue
                protected.add((dimension, cell))
                for partner in partners:
                    if partner not in grid.hidden:
                        grid.hidden.add(partner)
                        changed = True
        first = grids[next(iter(sorted(PARTITIONS)))]
        for row in [*first.rows, TOTAL]:
            cell = (row, TOTAL)
            if cell in first.hidden and 0 < first.values[cell] < threshold and ("shared", cell) not in protected:
                for where, hidden in _shared_plan(grids, row):
                    names: Iterable[Dimension] = PARTITIONS if where is None else [where]
                    for name in names:
                        if hidden not in grids[name].hidden:
                            grids[name].hidden.add(hidden)
                            changed = True
                protected.add(("shared", cell))
        if not changed:
            return grids


def published(grids: Mapping[Dimension, Grid]) -> dict[str, dict[str, dict[str, int | None]]]:
    """What may leave: per dimension, row → column → count, ``None`` where hidden."""
    out: dict[str, dict[str, dict[str, int | None]]] = {}
    for dimension, grid in grids.items():
        columns = [*grid.columns, TOTAL] if grid.partition else grid.columns
        out[dimension] = {row: {column: grid.shown((row, column)) for column in columns} for row in [*grid.rows, TOTAL]}
    return out
