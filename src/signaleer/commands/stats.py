"""``signaleer stats``: anonymous counts of signalling cases for the municipality."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from signaleer.commands.unlocking import open_store, passphrase_file_option
from signaleer.domain.base import Language
from signaleer.errors import SignaleerError, UsageError


@click.command("stats")
@click.option(
    "--from",
    "date_from",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    metavar="DATUM",
    help="Eerste dag (JJJJ-MM-DD) van de periode, op aanmaakdatum van de casus (standaard: 1 januari dit jaar).",
)
@click.option(
    "--to",
    "date_to",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    metavar="DATUM",
    help="Laatste dag (JJJJ-MM-DD) van de periode (standaard: vandaag).",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["csv", "md"]),
    default="csv",
    show_default=True,
    help="csv voor een spreadsheet, md voor een leesbare tabel.",
)
@click.option(
    "--drempel",
    "threshold",
    type=click.IntRange(min=2),
    default=5,
    show_default=True,
    help="Aantallen onder deze drempel worden getoond als <DREMPEL.",
)
@click.option("--taal", "language", type=click.Choice(["nl", "en"]), default="nl", show_default=True, help="Taal.")
@passphrase_file_option
def stats(
    date_from: dt.datetime | None,
    date_to: dt.datetime | None,
    output_format: str,
    threshold: int,
    language: str,
    passphrase_file: Path | None,
) -> None:
    """Anonieme aantallen signaleringen voor de gemeente.

    Telt de casussen die in de periode zijn aangemaakt, naar vorm van uitbuiting (uit de
    aangevinkte signalen), leeftijdsgroep, uitkomst van het afwegingskader en registratie bij
    CoMensha. Er komt geen casusnaam, vrije tekst, leeftijd in jaren of datum uit een casus in de
    uitvoer; kleine aantallen worden afgeschermd.
    """
    from signaleer.content.loader import load_content_or_raise
    from signaleer.domain.stats import count_cases, to_csv, to_markdown

    today = dt.date.today()
    start = date_from.date() if date_from else dt.date(today.year, 1, 1)
    end = date_to.date() if date_to else today
    if start > end:
        raise UsageError("De begindatum ligt na de einddatum.", "Kies --from vóór --to.")
    content = load_content_or_raise()
    store = open_store(passphrase_file)
    listing = store.listing(today)
    cases = []
    unreadable = len(listing.problems)
    for summary in listing.summaries:
        try:
            cases.append(store.open(summary.id))
        except SignaleerError:  # a damaged file is reported as a number only, never by content
            unreadable += 1
    lang: Language = "en" if language == "en" else "nl"
    report = count_cases(cases, content, start, end, threshold, lang)
    click.echo(to_csv(report) if output_format == "csv" else to_markdown(report), nl=False)
    if unreadable:
        click.echo(
            f"signaleer: {unreadable} bestand(en) in de kluis konden niet worden gelezen en tellen niet mee.", err=True
        )
