"""``signaleer tellingen``: anonymous counts from many laptops, combined for the gemeente.

``exporteer`` writes this laptop's counts for a period as one JSON file (``schemas/telling.schema.json``);
``combineer`` adds any number of such files and prints one set of tables with small counts suppressed after
combining (see ``signaleer.domain.tally``). Nothing but counts per gemeente and category passes: a file with
any other field is refused, so a name or note can never reach the table.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from pathlib import Path
from typing import Any

import click
from pydantic import ValidationError

from signaleer.commands.base import (
    DateType,
    PathType,
    argument,
    group,
    language_option,
    language_option_value,
    option,
    output_option,
    show_date,
    threshold_option,
)
from signaleer.commands.unlocking import open_store, passphrase_file_option, read_all_cases
from signaleer.domain.base import RULE_ERROR
from signaleer.domain.stats import AGE_BANDS, FORMS, NO_OUTCOME
from signaleer.domain.tally import (
    AGES,
    COMENSHA,
    DIMENSIONS,
    TOTAL,
    UNKNOWN_GEMEENTE,
    Combined,
    CombineError,
    Dimension,
    GemeenteCounts,
    Grid,
    Period,
    TallyFile,
    combine,
    published,
    suppress,
    tally_cases,
)
from signaleer.errors import UsageError, disk_error
from signaleer.i18n import Language, nt, t

MAX_FILE_BYTES = 5 * 1024 * 1024
"""A laptop's count file is a few kilobytes; anything far larger is not one."""


@group("tellingen", help="cli.tally.help")
def tellingen() -> None:
    """Anonymous counts from many laptops."""


@tellingen.command("exporteer", help="cli.tally.export.help")
@option("--van", "--from", "date_from", type=DateType(), default=None, help="cli.tally.opt.from")
@option("--tot", "--to", "date_to", type=DateType(), default=None, help="cli.tally.opt.to")
@output_option("cli.tally.opt.output")
@passphrase_file_option
def exporteer(
    date_from: dt.date | None, date_to: dt.date | None, output: Path | None, passphrase_file: Path | None
) -> None:
    """This laptop's counts for a period, as one file for the gemeente."""
    from signaleer.content.loader import load_content_or_raise
    from signaleer.export_writer import export_target, write_export

    today = dt.date.today()
    start = date_from or dt.date(today.year, 1, 1)
    end = date_to or today
    if start > end:
        raise UsageError(t("cli.stats.order", start=show_date(start), end=show_date(end)), t("cli.stats.order.hint"))
    content = load_content_or_raise()
    cases, unreadable = read_all_cases(open_store(passphrase_file), today)
    tally = tally_cases(cases, content, Period(van=start, tot=end))
    name = f"telling-{start.isoformat()}-{end.isoformat()}-{tally.export_id[:8]}.json"
    path = write_export(export_target(output, name), tally_json(tally))
    counted = sum(g.totaal for g in tally.gemeenten.values())
    click.echo(t("cli.tally.export.done", path=path))
    click.echo(nt("cli.tally.export.counted", counted, start=show_date(start), end=show_date(end)))
    click.echo(t("cli.tally.export.confidential"))
    if unreadable:
        click.echo(f"signaleer: {nt('cli.stats.unreadable', unreadable)}", err=True)


def tally_json(tally: TallyFile) -> str:
    """The file's text: stable key order, ISO dates, one trailing newline."""
    return json.dumps(tally.model_dump(mode="json"), indent=2, ensure_ascii=False, sort_keys=True) + "\n"


@tellingen.command("combineer", help="cli.tally.combine.help")
@argument("files", nargs=-1, required=True, type=PathType(path_type=Path), metavar="cli.metavar.files")
@threshold_option("cli.tally.opt.threshold")
@option(
    "--formaat",
    "--format",
    "output_format",
    type=click.Choice(["csv", "md", "json"]),
    default="md",
    show_default=True,
    help="cli.tally.opt.format",
)
@output_option("cli.tally.opt.combined_output", dir_okay=False)
@language_option()
def combineer(
    files: tuple[Path, ...], threshold: int, output_format: str, output: Path | None, language: str | None
) -> None:
    """Combine the count files of many laptops into one table, small counts suppressed."""
    lang = language_option_value(language)
    labels = Labels.from_content(lang)  # also the outcome ids a file may name, from the afwegingskader
    tallies = [(str(path), read_tally(path)) for path in files]
    try:
        combined = combine(tallies, labels.outcomes)
    except CombineError as exc:
        raise UsageError(combine_error_text(exc), t("cli.tally.combine.refused.hint")) from None
    grids = suppress(combined, threshold)
    render = {"csv": to_csv, "md": to_markdown, "json": to_json}[output_format]
    text = render(combined, grids, threshold, labels)
    if output is None:
        click.echo(text, nl=False)
        return
    from signaleer.export_writer import write_export

    click.echo(t("cli.tally.combine.written", path=write_export(output, text)))


def combine_error_text(exc: CombineError) -> str:
    """Why files cannot be combined, in the current language."""
    params = dict(exc.params)
    for key in ("period", "other"):
        period = params.get(key)
        if isinstance(period, Period):
            params[key] = t("cli.tally.period_range", start=show_date(period.van), end=show_date(period.tot))
    return t(f"cli.tally.combine.{exc.code}").format(**params)


def read_tally(path: Path) -> TallyFile:
    """One laptop's file, checked; a clear line naming the file (and the line or field) when it is not one."""
    from signaleer.fsio import NotRegularFile, read_regular_file

    try:
        data = read_regular_file(path, MAX_FILE_BYTES)
    except NotRegularFile as exc:
        raise UsageError(t("cli.tally.read.not_regular", path=path, kind=exc.kind), t("cli.tally.read.hint")) from None
    except FileNotFoundError:
        raise UsageError(t("cli.tally.read.missing", path=path), t("cli.tally.read.hint")) from None
    except OSError as exc:
        raise disk_error(exc, t("cli.tally.read.what", path=path)) from None
    if len(data) > MAX_FILE_BYTES:
        raise UsageError(t("cli.tally.read.too_big", path=path), t("cli.tally.read.hint"))
    try:
        raw: Any = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise UsageError(t("cli.tally.read.not_text", path=path), t("cli.tally.read.hint")) from None
    except json.JSONDecodeError as exc:
        raise UsageError(
            t("cli.tally.read.not_json", path=path, line=exc.lineno, column=exc.colno, message=exc.msg),
            t("cli.tally.read.hint"),
        ) from None
    if not isinstance(raw, dict) or raw.get("soort") != "signaleer-telling":
        raise UsageError(t("cli.tally.read.not_tally", path=path), t("cli.tally.read.hint"))
    try:
        return TallyFile.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(_safe_part(part) for part in first["loc"]) or "-"
        # The offending value is never echoed: a refused field may hold exactly what must not travel.
        if first["type"] == RULE_ERROR:
            context = dict(first.get("ctx") or {})
            problem = t(f"cli.tally.rule.{context.pop('code')}").format(**context)
        else:
            problem = t(f"cli.tally.problem.{first['type']}")
        if problem.startswith("cli.tally."):  # a rarer kind: pydantic's own words (they never hold the value)
            problem = first["msg"]
        raise UsageError(
            nt("cli.tally.read.invalid", exc.error_count(), path=path, field=where, problem=problem),
            t("cli.tally.read.hint"),
        ) from None


_SAFE_PARTS = frozenset(
    {*TallyFile.model_fields, *GemeenteCounts.model_fields, *Period.model_fields, *AGES, *FORMS, *COMENSHA, "[key]"}
)


def _safe_part(part: object) -> str:
    """A step of a field's location as it may be shown: one of our field or category names, or a CBS code;
    anything else a file chose itself is shown as ``…`` (a refused key may be a name)."""
    text = str(part)
    return text if text in _SAFE_PARTS or re.fullmatch(r"GM\d{4}", text) else "…"


class Labels:
    """Readable names for gemeenten and categories in the command's language, and the outcomes content knows."""

    def __init__(self, outcomes: dict[str, str], names: dict[str, str], language: Language) -> None:
        self.outcomes = outcomes
        self.names = names
        self.language = language

    @classmethod
    def from_content(cls, language: Language) -> Labels:
        """From the afwegingskader files and the gemeente table only: the rest of the content is not needed, and
        loading all of it would take most of the command's time (``bench/bench_tally.py``)."""
        from signaleer.content.loader import load_kinds
        from signaleer.domain.afwegingskader import Afwegingskader
        from signaleer.domain.regions import GemeenteTable

        outcomes: dict[str, str] = {}
        names: dict[str, str] = {}
        for parsed in load_kinds(frozenset({"afwegingskader", "gemeenten"})):
            if isinstance(parsed.model, Afwegingskader):
                for outcome in parsed.model.outcomes:
                    outcomes.setdefault(outcome.id, outcome.title.get(language))
            elif isinstance(parsed.model, GemeenteTable):
                names.update({code: name for code, name, _ in parsed.model.gemeenten})
        return cls(outcomes, names, language)

    def gemeente(self, code: str) -> str:
        if code == TOTAL:
            return t("cli.tally.total", lang=self.language)
        if code == UNKNOWN_GEMEENTE:
            return t("cli.tally.unknown_gemeente", lang=self.language)
        return self.names.get(code, code)

    def category(self, dimension: Dimension, category: str) -> str:
        """The same words as ``signaleer stats`` and the app's counts screen use."""
        lang = self.language
        if category == TOTAL:
            return t("cli.tally.total", lang=lang)
        if dimension == "uitkomst":
            return (
                t("counts.no_outcome", lang=lang) if category == NO_OUTCOME else self.outcomes.get(category, category)
            )
        if dimension == "leeftijd":
            bands = {band[0]: band[3] for band in AGE_BANDS}
            return bands.get(category) or t("counts.unknown", lang=lang)
        key = f"counts.{'form' if dimension == 'vorm' else 'comensha'}.{category}"
        found = t(key, lang=lang)
        return category if found == key else found

    def dimension(self, dimension: Dimension) -> str:
        names = {
            "vorm": "counts.forms",
            "leeftijd": "counts.age",
            "uitkomst": "counts.outcome",
            "comensha": "counts.comensha",
        }
        return t(names[dimension], lang=self.language)


def _columns(grid: Grid) -> list[str]:
    return [*grid.columns, TOTAL] if grid.partition else list(grid.columns)


def _cell(value: int | None, labels: Labels) -> str:
    return t("counts.suppressed", lang=labels.language) if value is None else str(value)


def to_csv(combined: Combined, grids: dict[Dimension, Grid], threshold: int, labels: Labels) -> str:
    """One row per shown or hidden count: dimension, gemeente code and name, category code and name, count."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        [
            t(f"tally.csv.{name}", lang=labels.language)
            for name in ("dimension", "code", "gemeente", "category", "label", "count")
        ]
    )
    tables = published(grids)
    for dimension in DIMENSIONS:
        grid = grids[dimension]
        for row in [*grid.rows, TOTAL]:
            for column in _columns(grid):
                value = tables[dimension][row][column]
                writer.writerow(
                    [
                        dimension,
                        row,
                        labels.gemeente(row),
                        column,
                        labels.category(dimension, column),
                        _cell(value, labels),
                    ]
                )
    return out.getvalue()


def to_markdown(combined: Combined, grids: dict[Dimension, Grid], threshold: int, labels: Labels) -> str:
    """Readable tables, one per dimension, with the period, the number of files and how counts are hidden."""
    lang = labels.language
    period = combined.period
    lines = [
        t("tally.md.title", lang=lang),
        "",
        t("tally.md.period", lang=lang, start=show_date(period.van), end=show_date(period.tot)),
        nt("tally.md.files", combined.files, lang=lang),
        t("tally.md.hidden", lang=lang, threshold=threshold, hidden=t("counts.suppressed", lang=lang)),
    ]
    if len(combined.content_versions) > 1:
        lines.append(nt("tally.md.versions", len(combined.content_versions), lang=lang))
    tables = published(grids)
    for dimension in DIMENSIONS:
        grid = grids[dimension]
        columns = _columns(grid)
        lines += ["", f"## {labels.dimension(dimension)}", ""]
        if not grid.partition:
            lines += [t("tally.md.forms_note", lang=lang), ""]
        lines.append(
            "| "
            + " | ".join([t("tally.md.gemeente", lang=lang), *(labels.category(dimension, c) for c in columns)])
            + " |"
        )
        lines.append("|---|" + "---:|" * len(columns))
        for row in [*grid.rows, TOTAL]:
            cells = [_cell(tables[dimension][row][c], labels) for c in columns]
            lines.append("| " + " | ".join([labels.gemeente(row), *cells]) + " |")
    return "\n".join(lines) + "\n"


def to_json(combined: Combined, grids: dict[Dimension, Grid], threshold: int, labels: Labels) -> str:
    """The tables as JSON: ``null`` where a count is hidden; codes as keys (labels are for people)."""
    document = {
        "soort": "signaleer-telling-gecombineerd",
        "schemaversie": 1,
        "periode": {"van": combined.period.van.isoformat(), "tot": combined.period.tot.isoformat()},
        "bestanden": combined.files,
        "inhoudsversies": combined.content_versions,
        "drempel": threshold,
        "tabellen": published(grids),
    }
    return json.dumps(document, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
