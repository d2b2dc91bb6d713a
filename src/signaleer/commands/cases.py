"""``signaleer cases``: list, show, import, purge, delete and export the encrypted cases; the deletion log.

``cases export`` builds on ``unlocking.open_store``, the one way a command gets an unlocked store.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from signaleer.commands.unlocking import open_store, passphrase_file_option
from signaleer.errors import UsageError

if TYPE_CHECKING:
    from signaleer.domain.base import Language
    from signaleer.domain.case import Case, CaseSummary
    from signaleer.export import ExportFormat


YES = frozenset({"j", "ja", "y", "yes"})
NO = frozenset({"", "n", "nee", "no"})


def confirm(question: str) -> bool:
    """Ask a yes/no question in Dutch on stderr: 'j' or 'ja' is yes, Enter or 'n' is no (click only knew y/n)."""
    while True:
        answer = click.prompt(f"{question} [j/N]", default="", show_default=False, err=True).strip().casefold()
        if answer in YES or answer in NO:
            return answer in YES
        click.echo("Antwoord met j (ja) of n (nee).", err=True)


@click.group("cases")
def cases() -> None:
    """Werk met de versleutelde casussen: tonen, inlezen, opschonen en exporteren.

    Elke opdracht vraagt de wachtwoordzin van de kluis (of leest --passphrase-file).
    """


@cases.command("list")
@passphrase_file_option
@click.option("--json", "as_json", is_flag=True, help="Geef de lijst als JSON (voor scripts).")
def list_cases(passphrase_file: Path | None, as_json: bool) -> None:
    """Toon alle casussen: eerst te laat, dan op datum van de volgende actie, dan laatst gewijzigd."""
    today = dt.date.today()
    listing = open_store(passphrase_file).listing(today)
    if as_json:
        rows = [{**s.model_dump(mode="json"), "overdue": _overdue(s, today)} for s in listing.summaries]
        problems = [{"name": p.name, "message": p.message} for p in listing.problems]
        click.echo(json.dumps({"cases": rows, "problems": problems}, ensure_ascii=False, indent=2))
    else:
        _echo_table(listing.summaries, today)
    for problem in listing.problems:
        click.echo(f"signaleer: overgeslagen: {problem.name}: {problem.message}", err=True)


@cases.command("show")
@click.argument("case_id", metavar="ID")
@passphrase_file_option
@click.option(
    "--pijp",
    "allow_pipe",
    is_flag=True,
    help="Toon ook als de uitvoer geen terminal is (pijp of bestand). Let op: die uitvoer is niet versleuteld.",
)
def show(case_id: str, passphrase_file: Path | None, allow_pipe: bool) -> None:
    """Toon één casus in de terminal. Er wordt niets onversleuteld opgeslagen."""
    if not allow_pipe and not sys.stdout.isatty():
        raise UsageError(
            "De uitvoer is geen terminal; een casus wordt alleen op het scherm getoond.",
            "Gebruik --pijp als je de onversleutelde uitvoer bewust wilt doorsturen.",
        )
    case = open_store(passphrase_file).open(case_id)
    click.echo(f"Casus {case.id} — {case.pseudonym}")
    click.echo(_as_yaml(case))


@cases.command("import")
@click.argument("case_file", metavar="CASUS.yaml", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@passphrase_file_option
@click.option("--vervang", "replace", is_flag=True, help="Vervang een casus met hetzelfde nummer in de kluis.")
def import_case(case_file: Path, passphrase_file: Path | None, replace: bool) -> None:
    """Lees een oefencasus (YAML) in en bewaar die versleuteld in de kluis."""
    from signaleer.content.casefile import load_case_file
    from signaleer.content.loader import load_content_or_raise
    from signaleer.domain.advice import summarize

    content = load_content_or_raise()
    case = load_case_file(case_file, content)
    summary = summarize(case, content)
    store = open_store(passphrase_file, write=True)
    if store.exists(case.id) and not replace:
        raise UsageError(
            f"Er staat al een casus met nummer {case.id} in de kluis.", "Gebruik --vervang om die te overschrijven."
        )
    store.save(case, summary, revive=True)  # importing a training case again is a deliberate act
    click.echo(f"Ingelezen als casus {case.id} ({case.pseudonym}).")
    click.echo(f"Let op: {case_file} zelf is niet versleuteld; verwijder het als er echte gegevens in staan.")


@cases.command("purge")
@passphrase_file_option
@click.option(
    "--older-than",
    "older_than",
    type=click.IntRange(min=0),
    default=None,
    metavar="DAGEN",
    help="Verwijder casussen die langer dan DAGEN niet zijn gewijzigd (standaard: retention_days uit de instellingen).",
)
@click.option("--ja", "yes", is_flag=True, help="Niet om bevestiging vragen (voor scripts).")
def purge(passphrase_file: Path | None, older_than: int | None, yes: bool) -> None:
    """Verwijder casussen na de bewaartermijn. Het dossier van je organisatie is leidend, niet deze notitie."""
    from signaleer.paths import resolve_paths
    from signaleer.settings import load_settings

    days = older_than if older_than is not None else load_settings(resolve_paths().settings_file).retention_days
    store = open_store(passphrase_file, write=True)
    expired = store.expired(days)
    if not expired:
        click.echo(f"Geen casussen die langer dan {days} dagen niet zijn gewijzigd.")
        return
    for summary in expired:
        click.echo(f"  {summary.id}  {summary.pseudonym}  (laatst gewijzigd {summary.updated_at.date().isoformat()})")
    if not yes and not confirm(f"{len(expired)} casus(sen) definitief verwijderen?"):
        raise UsageError("Niets verwijderd.", "Bevestig met 'j', of gebruik --ja in een script.")
    removed = store.purge(days)
    click.echo(f"{len(removed)} casus(sen) verwijderd.")


@cases.command("delete")
@click.argument("case_id", metavar="ID")
@passphrase_file_option
@click.option("--ja", "yes", is_flag=True, help="Niet om bevestiging vragen (voor scripts).")
def delete(case_id: str, passphrase_file: Path | None, yes: bool) -> None:
    """Verwijder één casus van deze laptop, bijvoorbeeld na de export naar het dossier. Komt in het verwijderlog."""
    store = open_store(passphrase_file, write=True)
    case = store.open(case_id)
    if not yes and not confirm(f"Casus {case.id} ({case.pseudonym}) definitief verwijderen?"):
        raise UsageError("Niets verwijderd.", "Bevestig met 'j', of gebruik --ja in een script.")
    store.delete(case.id, "verwijderd door de professional")
    click.echo(f"Casus {case.id} verwijderd; dit staat in het verwijderlog ('signaleer cases deletions').")


@cases.command("deletions")
@passphrase_file_option
def deletions(passphrase_file: Path | None) -> None:
    """Toon het verwijderlog: wanneer welke casus (alleen het nummer) is verwijderd of opgeschoond, en waarom."""
    entries = open_store(passphrase_file).deletions()
    if not entries:
        click.echo("Er is nog geen casus verwijderd.")
        return
    for item in entries:
        click.echo(f"{item.at.strftime('%d-%m-%Y %H:%M')}  {item.case_id}  {item.action:<11}  {item.reason}")


@cases.command("export")
@click.argument("case_id", metavar="ID")
@passphrase_file_option
@click.option(
    "--format",
    "export_format",
    type=click.Choice(["md", "html"]),
    default="md",
    show_default=True,
    help="md: Markdown-tekst; html: één afdrukbare pagina zonder externe bestanden.",
)
@click.option(
    "--uitvoer",
    "output",
    type=click.Path(path_type=Path),
    default=None,
    metavar="PAD",
    help="Bestand of map om naar te schrijven (standaard: je map Documenten, anders je thuismap).",
)
@click.option("--taal", "language", type=click.Choice(["nl", "en"]), default="nl", show_default=True, help="Taal.")
def export(case_id: str, passphrase_file: Path | None, export_format: str, output: Path | None, language: str) -> None:
    """Exporteer één casus voor het dossier: samenvatting per stap, tijdlijn en gebruikte versies.

    Let op: de export is NIET versleuteld. Neem hem op in het dossier van je organisatie en
    verwijder het bestand daarna. Het bestand is alleen voor jou leesbaar (0600).
    """
    from signaleer.content.loader import load_content_or_raise
    from signaleer.domain.case import now
    from signaleer.export import export_case, file_name
    from signaleer.export_writer import export_target, write_export

    fmt: ExportFormat = "html" if export_format == "html" else "md"
    lang: Language = "en" if language == "en" else "nl"
    content = load_content_or_raise()
    case = open_store(passphrase_file).open(case_id)
    stamp = now()
    text = export_case(case, content, fmt, stamp, lang)
    written = write_export(export_target(output, file_name(case, fmt, stamp.date())), text)
    click.echo(f"signaleer: let op: deze export is NIET versleuteld: {written}", err=True)
    click.echo("signaleer: neem hem op in het dossier van je organisatie en verwijder het bestand daarna.", err=True)
    click.echo(str(written))


def _overdue(summary: CaseSummary, today: dt.date) -> bool:
    return not summary.closed and summary.due is not None and summary.due < today


def _echo_table(summaries: list[CaseSummary], today: dt.date) -> None:
    if not summaries:
        click.echo("Geen casussen in de kluis.")
        return
    header = ("Nummer", "Pseudoniem", "Gemeente", "Fase", "Volgende actie", "Uiterlijk", "Gewijzigd")
    rows = [header]
    for s in summaries:
        due = s.due.isoformat() if s.due else ""
        if _overdue(s, today):
            due += " TE LAAT"
        phase = "gesloten" if s.closed else s.phase
        changed = s.updated_at.astimezone().strftime("%Y-%m-%d %H:%M")
        rows.append((s.id, s.pseudonym, s.gemeente or "", phase, s.next_action, due, changed))
    limits = (16, 24, 16, 24, 40, 18, 16)
    cells = [[_clip(cell, limit) for cell, limit in zip(row, limits, strict=True)] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    for row in cells:
        click.echo("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())
    click.echo(f"{len(summaries)} casus(sen).")


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _as_yaml(case: Case) -> str:
    import yaml

    data: dict[str, Any] = {k: v for k, v in case.model_dump(mode="json").items() if v not in (None, "", [], {})}
    text: str = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    return text
