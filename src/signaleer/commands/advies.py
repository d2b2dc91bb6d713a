"""`signaleer advies`: the advice for a training case file, readable or as JSON."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import click

from signaleer import advice_text
from signaleer.content.casefile import read_case_file
from signaleer.content.loader import load_content_or_raise
from signaleer.domain.advice import next_step
from signaleer.domain.base import Language
from signaleer.errors import UsageError
from signaleer.paths import bundled_examples


@click.command(name="advies")
@click.argument("case_file", metavar="[CASUS.yaml]", required=False, type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--voorbeeld",
    "example",
    metavar="NAAM",
    default=None,
    help="Gebruik een meegeleverde oefencasus (bijvoorbeeld: lotte); 'signaleer advies --voorbeeld ?' toont ze allemaal.",
)
@click.option("--json", "as_json", is_flag=True, help="Geef het advies als JSON (stabiele velden).")
@click.option(
    "--datum",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Bereken het advies voor deze datum (JJJJ-MM-DD); standaard de peildatum uit het bestand, anders vandaag.",
)
@click.option("--taal", type=click.Choice(["nl", "en"]), default="nl", show_default=True, help="Taal van het advies.")
def advies(case_file: Path | None, example: str | None, as_json: bool, datum: dt.datetime | None, taal: str) -> None:
    """Geef het advies voor een oefencasus: fase, volgende stap, redenen en wie je belt.

    CASUS.yaml is een oefencasus in platte tekst (zie 'signaleer docs oefencasus'); met
    --voorbeeld NAAM kies je een van de meegeleverde oefencasussen. Echte casussen staan alleen
    versleuteld in de kluis. signaleer stelt voor en legt uit; je beslist zelf.
    """
    case_file = _case_path(case_file, example)
    content = load_content_or_raise()
    training = read_case_file(case_file, content)
    today = datum.date() if datum else training.today
    language: Language = "en" if taal == "en" else "nl"
    advice = next_step(training.case, content, today=today)
    if as_json:
        click.echo(json.dumps(advice_text.as_json(advice, language), ensure_ascii=False, indent=2))
    else:
        click.echo(advice_text.as_text(advice, training.case.pseudonym, language))


def _case_path(case_file: Path | None, example: str | None) -> Path:
    """The file to read: the path given, or the bundled training case named by ``--voorbeeld``."""
    if (case_file is None) == (example is None):
        raise UsageError(
            "Geef een oefencasus: een bestand (CASUS.yaml) of --voorbeeld NAAM, niet allebei.",
            "Bijvoorbeeld: signaleer advies --voorbeeld lotte",
        )
    if case_file is not None:
        return case_file
    examples = bundled_examples()
    assert example is not None
    wanted = example.strip().lower().removesuffix(".yaml")
    for name, path in examples.items():
        if wanted in (name, path.stem):
            return path
    names = ", ".join(examples) or "(geen)"
    raise UsageError(f"Er is geen oefencasus '{example}'.", f"Kies uit: {names}.")
