"""`signaleer advies`: the advice for a training case file, readable or as JSON."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import click

from signaleer import advice_text
from signaleer.commands.base import (
    DateType,
    PathType,
    argument,
    command,
    language_option,
    language_option_value,
    option,
)
from signaleer.content.casefile import read_case_file
from signaleer.content.loader import load_content_or_raise
from signaleer.domain.advice import next_step
from signaleer.errors import UsageError
from signaleer.i18n import t
from signaleer.paths import bundled_examples


@command("advies", help="cli.advies.help")
@argument("case_file", metavar="cli.advies.metavar.case", required=False, type=PathType(path_type=Path, dir_okay=False))
@option("--voorbeeld", "--example", "example", metavar="cli.metavar.name", default=None, help="cli.advies.opt.example")
@option("--json", "as_json", is_flag=True, help="cli.advies.opt.json")
@option("--datum", "--date", "datum", type=DateType(), default=None, help="cli.advies.opt.date")
@language_option("taal")
def advies(case_file: Path | None, example: str | None, as_json: bool, datum: dt.date | None, taal: str | None) -> None:
    """The advice for a training case: phase, next step, reasons and whom to call."""
    language = language_option_value(taal)
    case_file = _case_path(case_file, example)
    content = load_content_or_raise()
    training = read_case_file(case_file, content)
    today = datum or training.today
    advice = next_step(training.case, content, today=today)
    if as_json:
        click.echo(json.dumps(advice_text.as_json(advice, language), ensure_ascii=False, indent=2))
    else:
        click.echo(advice_text.as_text(advice, training.case.pseudonym, language))


def _case_path(case_file: Path | None, example: str | None) -> Path:
    """The file to read: the path given, or the bundled training case named by ``--voorbeeld``."""
    if (case_file is None) == (example is None):
        raise UsageError(t("cli.advies.which_case"), t("cli.advies.which_case.hint"))
    if case_file is not None:
        return case_file
    examples = bundled_examples()
    assert example is not None
    wanted = example.strip().lower().removesuffix(".yaml")
    for name, path in examples.items():
        if wanted in (name, path.stem):
            return path
    names = ", ".join(examples) or t("cli.none")
    raise UsageError(t("cli.advies.no_such_case", name=example), t("cli.choose_from", names=names))
