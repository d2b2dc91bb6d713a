"""Counts from many laptops: files that cannot be smuggled through, honest sums, and suppression nobody can undo.

The suppression tests do what a curious reader would: take every number shown in every table and look for
another filling of the hidden counts (each at least 0) that agrees with all of them. A hidden count below the
threshold that no other filling can change has been given away.
"""

from __future__ import annotations

import datetime as dt
import json
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from signaleer.domain.tally import (
    DIMENSIONS,
    PARTITIONS,
    SCHEMA_VERSION,
    TOTAL,
    Combined,
    CombineError,
    Grid,
    Period,
    TallyFile,
    combine,
    published,
    suppress,
)

PERIOD = Period(van=dt.date(2026, 1, 1), tot=dt.date(2026, 6, 30))


def tally(export_id: str, gemeenten: dict[str, dict[str, object]], **overrides: object) -> TallyFile:
    data: dict[str, object] = {
        "soort": "signaleer-telling",
        "schemaversie": SCHEMA_VERSION,
        "export_id": export_id,
        "periode": {"van": "2026-01-01", "tot": "2026-06-30"},
        "inhoudsversie": "0123456789abcdef",
        "gemeenten": gemeenten,
    }
    data.update(overrides)
    return TallyFile.model_validate(data)


def counts(leeftijd: dict[str, int], vorm: dict[str, int] | None = None) -> dict[str, object]:
    n = sum(leeftijd.values())
    return {
        "totaal": n,
        "vorm": vorm or {"seksueel": n},
        "leeftijd": leeftijd,
        "uitkomst": {"nog_geen_uitkomst": n},
        "comensha": {"niet_gevraagd": n},
    }


# --- The file ----------------------------------------------------------------------------------------------


def test_a_file_with_any_field_more_is_refused() -> None:
    with pytest.raises(ValidationError, match="notitie"):  # pydantic names the field; the CLI will not repeat it
        tally("a" * 32, {"GM0518": counts({"12_15": 2})}, notitie="Lotte (15) uit de Schilderswijk")
    with pytest.raises(ValidationError):
        tally("a" * 32, {"GM0518": {**counts({"12_15": 2}), "naam": "Lotte"}})


@pytest.mark.parametrize(
    "gemeenten",
    [
        {"Den Haag, Schilderswijk": counts({"12_15": 2})},  # free text where a CBS code belongs
        {"GM0518": counts({"15 jaar": 2})},  # an exact age where a band belongs
        {"GM0518": {**counts({"12_15": 2}), "totaal": 3}},  # totals that do not add up
        {"GM0518": counts({"12_15": -1})},
    ],
)
def test_a_file_that_says_more_than_counts_is_refused(gemeenten: dict[str, dict[str, object]]) -> None:
    with pytest.raises(ValidationError):
        tally("a" * 32, gemeenten)


def test_combining_refuses_a_file_twice_another_version_or_another_period() -> None:
    one = tally("a" * 32, {"GM0518": counts({"12_15": 2})})
    with pytest.raises(CombineError, match="duplicate"):
        combine([("een.json", one), ("kopie.json", one)])
    other_version = one.model_copy(update={"export_id": "b" * 32, "schemaversie": SCHEMA_VERSION + 1})
    with pytest.raises(CombineError, match="schema_version"):
        combine([("een.json", one), ("nieuw.json", other_version)])
    other_period = tally("c" * 32, {"GM0518": counts({"12_15": 2})}, periode={"van": "2026-01-01", "tot": "2026-12-31"})
    with pytest.raises(CombineError, match="period"):
        combine([("een.json", one), ("jaar.json", other_period)])
    with pytest.raises(CombineError):
        combine([])


def test_combined_counts_are_the_sums_of_the_files() -> None:
    files = [
        ("a", tally("a" * 32, {"GM0518": counts({"12_15": 2, "16_17": 3}), "GM0363": counts({"12_15": 7})})),
        ("b", tally("b" * 32, {"GM0518": counts({"12_15": 4})})),
    ]
    combined = combine(files)
    assert combined.files == 2
    assert combined.cases == {"GM0518": 9, "GM0363": 7}
    assert combined.cells["leeftijd"]["GM0518"] == {"12_15": 6, "16_17": 3}


# --- Suppression: what a reader can work out ---------------------------------------------------------------


Var = tuple[str, str, str]
"""A hidden count as the reader sees it: (table, row, column); row totals and the grand total are shared."""


def _var(dimension: str, cell: tuple[str, str]) -> Var:
    shared = dimension in PARTITIONS and cell[1] == TOTAL
    return ("gedeeld" if shared else dimension, *cell)


def _can_move(grids: dict[str, Grid], target: Var) -> bool:
    """True when another filling of the hidden counts fits every shown number of every table, but gives
    ``target`` another value. The reader knows each hidden count is at least 0 and nothing more.

    Searches one step ``d`` in {-1, 0, 1} per hidden count with ``d[target] != 0`` that keeps every
    equation of every table balanced and no count below 0. Finding one proves the target cannot be worked
    out; not finding one counts as worked out (this reader is, if anything, too strong).
    """
    equations: list[list[tuple[Var, int]]] = []
    value: dict[Var, int] = {}
    for dimension, grid in grids.items():
        for line in grid.lines():
            *cells, margin = line
            terms = [(_var(dimension, c), 1) for c in cells if c in grid.hidden]
            if margin in grid.hidden:
                terms.append((_var(dimension, margin), -1))
            if terms:
                equations.append(terms)
        for cell in grid.hidden:
            value[_var(dimension, cell)] = grid.values[cell]
    order = [target]
    seen = {target}
    for var in order:  # grows while iterating: neighbours first, so equations close early
        for terms in equations:
            if any(v == var for v, _ in terms):
                for v, _ in terms:
                    if v not in seen:
                        seen.add(v)
                        order.append(v)
    order += sorted(set(value) - seen)
    of_var: dict[Var, list[int]] = {v: [] for v in order}
    for number, terms in enumerate(equations):
        for v, _ in terms:
            of_var[v].append(number)
    step: dict[Var, int] = {}

    def balanced(number: int) -> bool:
        terms = equations[number]
        total = sum(sign * step[v] for v, sign in terms if v in step)
        return abs(total) <= sum(1 for v, _ in terms if v not in step)

    def search(i: int) -> bool:
        if i == len(order):
            return True
        var = order[i]
        for d in (1, -1) if i == 0 else (0, 1, -1):
            if value[var] + d < 0:
                continue
            step[var] = d
            if all(balanced(n) for n in of_var[var]) and search(i + 1):
                return True
            del step[var]
        return False

    return search(0)


def _tables() -> st.SearchStrategy[Combined]:
    """Small combined tables: 1–4 gemeenten, counts 0–9 per cell, categories as in the real files."""

    @st.composite
    def build(draw: st.DrawFn) -> Combined:
        choices = st.sampled_from(["GM0518", "GM0363", "GM0599", "GM0344"])
        gemeenten = draw(st.lists(choices, min_size=1, max_size=4, unique=True))
        ages = ["12_15", "16_17", "18_22"]
        files = []
        for index, gemeente in enumerate(gemeenten):
            leeftijd = {a: draw(st.integers(0, 9)) for a in ages}
            if sum(leeftijd.values()) == 0:
                leeftijd[ages[0]] = 1
            n = sum(leeftijd.values())
            vorm = {"seksueel": draw(st.integers(0, n)), "crimineel": draw(st.integers(0, n))}
            split = draw(st.integers(0, n))
            asked = draw(st.integers(0, n))
            gc = {
                "totaal": n,
                "vorm": vorm,
                "leeftijd": leeftijd,
                "uitkomst": {"veilig_thuis": split, "nog_geen_uitkomst": n - split},
                "comensha": {"gevraagd": asked, "niet_gevraagd": n - asked},
            }
            files.append((f"{index}.json", tally(f"{index:032x}", {gemeente: gc})))
        return combine(files)

    return build()


def _small(grids: dict[str, Grid]) -> dict[str, Grid]:
    """The grids without the columns that show only zeros (most of the fixed category lists): they can hold
    nothing a reader does not see, and they slow the search."""
    small = {}
    for dimension, grid in grids.items():
        keep = [
            c for c in grid.columns if any(grid.values[(r, c)] or (r, c) in grid.hidden for r in [*grid.rows, TOTAL])
        ]
        cells = {cell: n for cell, n in grid.values.items() if cell[1] in keep or cell[1] == TOTAL}
        small[dimension] = Grid(grid.rows, keep, cells, grid.partition, {c for c in grid.hidden if c in cells})
    return small


@settings(
    max_examples=int(os.environ.get("TALLY_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(combined=_tables(), threshold=st.sampled_from([3, 5]))
def test_no_hidden_count_below_the_threshold_can_be_worked_out(combined: Combined, threshold: int) -> None:
    grids = _small({str(d): g for d, g in suppress(combined, threshold).items()})
    for dimension, grid in grids.items():
        for cell in grid.hidden:
            value = grid.values[cell]
            if 0 < value < threshold:
                assert _can_move(grids, _var(dimension, cell)), f"{dimension} {cell} = {value} can be worked out"


@settings(max_examples=60, deadline=None)
@given(combined=_tables(), threshold=st.sampled_from([3, 5]))
def test_what_is_shown_is_true_and_every_small_count_is_hidden(combined: Combined, threshold: int) -> None:
    grids = suppress(combined, threshold)
    shown = published(grids)
    for dimension, grid in grids.items():
        for (row, column), value in grid.values.items():
            out = shown[dimension][row].get(column)
            if out is not None:
                assert out == value
                assert value == 0 or value >= threshold
    # The cases per gemeente and the grand total are hidden alike in every table that splits the cases.
    margins = [{c for c in grids[d].hidden if c[1] == TOTAL} for d in PARTITIONS]
    assert all(m == margins[0] for m in margins)


def test_a_single_small_count_in_a_row_gets_a_partner() -> None:
    files = [("a", tally("a" * 32, {"GM0518": counts({"12_15": 2, "16_17": 20, "18_22": 30})}))]
    grids = suppress(combine(files), 5)
    leeftijd = grids["leeftijd"]
    assert ("GM0518", "12_15") in leeftijd.hidden
    # Alone it could be worked out from the row total: a second cell of that row is hidden too.
    row = [c for c in leeftijd.hidden if c[0] == "GM0518"]
    assert len(row) >= 2


def test_published_contains_only_counts() -> None:
    files = [("a", tally("a" * 32, {"GM0518": counts({"12_15": 6, "16_17": 20})}))]
    out = published(suppress(combine(files), 5))
    assert set(out) == set(DIMENSIONS)
    text = json.dumps(out)
    assert all(isinstance(v, int) or v is None for d in out.values() for row in d.values() for v in row.values())
    assert "0123456789abcdef" not in text and "a" * 32 not in text
