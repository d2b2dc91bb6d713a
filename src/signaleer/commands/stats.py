"""``signaleer stats``: anonymous counts of signalling cases for the municipality."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from signaleer.commands.base import (
    DateType,
    command,
    language_option,
    language_option_value,
    option,
    show_date,
    threshold_option,
)
from signaleer.commands.unlocking import open_store, passphrase_file_option, read_all_cases
from signaleer.errors import UsageError
from signaleer.i18n import nt, t


@command("stats", help="cli.stats.help")
@option("--van", "--from", "date_from", type=DateType(), default=None, help="cli.stats.opt.from")
@option("--tot", "--to", "date_to", type=DateType(), default=None, help="cli.stats.opt.to")
@option(
    "--formaat",
    "--format",
    "output_format",
    type=click.Choice(["csv", "md"]),
    default="csv",
    show_default=True,
    help="cli.stats.opt.format",
)
@threshold_option("cli.stats.opt.threshold")
@language_option()
@passphrase_file_option
def stats(
    date_from: dt.date | None,
    date_to: dt.date | None,
    output_format: str,
    threshold: int,
    language: str | None,
    passphrase_file: Path | None,
) -> None:
    """Anonymous counts of signalling cases for the municipality (no names, free text, ages or dates)."""
    from signaleer.content.loader import load_content_or_raise
    from signaleer.domain.stats import count_cases, to_csv, to_markdown

    today = dt.date.today()
    start = date_from or dt.date(today.year, 1, 1)
    end = date_to or today
    lang = language_option_value(language)
    if start > end:
        raise UsageError(t("cli.stats.order", start=show_date(start), end=show_date(end)), t("cli.stats.order.hint"))
    content = load_content_or_raise()
    cases, unreadable = read_all_cases(open_store(passphrase_file), today)
    report = count_cases(cases, content, start, end, threshold, lang)
    click.echo(to_csv(report) if output_format == "csv" else to_markdown(report), nl=False)
    if unreadable:
        click.echo(f"signaleer: {nt('cli.stats.unreadable', unreadable)}", err=True)
