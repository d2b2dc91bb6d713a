"""``signaleer check``, ``signaleer schema`` and ``signaleer routes``: content for authors."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import click

from signaleer.errors import SignaleerError, UsageError, os_reason


@click.command("check")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--zonder-gebruiker", "no_user", is_flag=True, help="Negeer de eigen map van de gebruiker.")
def check(paths: tuple[Path, ...], no_user: bool) -> None:
    """Controleer de inhoud: meegeleverde bestanden, je eigen map en eventuele PADEN.

    PADEN zijn bestanden of mappen (met checklists/ en/of meldroutes/ erin) die voorgaan op de
    meegeleverde bestanden. Fouten verschijnen als bestand:regel:kolom: melding.
    Afsluitcode: 0 = in orde, 1 = fouten gevonden, 2 = verkeerd gebruik.
    """
    from signaleer.content.loader import collect_files, default_roots, load_files

    roots = default_roots()[:1] if no_user else default_roots()
    extra_files: list[Path] = []
    for path in paths:
        if not path.exists():
            raise UsageError(f"Het pad {path} bestaat niet.", "Geef een bestaand bestand of een bestaande map.")
        if path.is_file():
            extra_files.append(path)
        elif path.name in {"checklists", "meldroutes"}:
            roots.append(path.parent)
        else:
            roots.append(path)
    result = load_files(collect_files(roots, extra_files))
    for error in result.errors:
        click.echo(str(error), err=True)
    checked = len(result.files)
    if result.errors:
        click.echo(f"{len(result.errors)} fout(en) gevonden in {checked} bestanden.")
        sys.exit(1)
    content = result.content
    assert content is not None
    signals = sum(len(lst.signals) for lst in content.signal_lists)
    click.echo(
        f"In orde: {checked} bestanden ({signals} signalen, {len(content.municipalities)} gemeenten, "
        f"{len(content.kaders)} afwegingskader(s), {len(content.pages)} kennispagina's)."
    )


@click.command("schema")
@click.option(
    "--map",
    "folder",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Map voor de schema's (standaard: schemas/ in de huidige map).",
)
def schema(folder: Path | None) -> None:
    """Schrijf de JSON-schema's voor editors (aanvullen en controleren tijdens het typen).

    Zonder --map komen ze in schemas/ in de map waar je nu bent, nooit in de geïnstalleerde
    programmamap.
    """
    from signaleer.content.schema import write_schemas

    target = folder if folder is not None else Path.cwd() / "schemas"
    try:
        written = write_schemas(target)
    except OSError as exc:
        reason = os_reason(exc)
        raise SignaleerError(
            f"{target}: de schema's kunnen hier niet worden geschreven ({reason}); kies met --map een map waarin je mag schrijven."
        ) from exc
    for path in written:
        click.echo(str(path))


@click.command("routes")
@click.argument("gemeente", required=False)
@click.option("--json", "as_json", is_flag=True, help="Geef de uitvoer als JSON.")
@click.option(
    "--max-maanden",
    "max_months",
    type=click.IntRange(1, 120),
    default=None,
    help="Waarschuw voor contacten die langer geleden zijn gecontroleerd (standaard uit de instellingen: 12).",
)
def routes(gemeente: str | None, as_json: bool, max_months: int | None) -> None:
    """Toon de gemeenten, of de meldroute van GEMEENTE met alle contacten (landelijk + lokaal)."""
    from signaleer.content.loader import load_content_or_raise
    from signaleer.paths import resolve_paths
    from signaleer.settings import load_settings

    content = load_content_or_raise()
    months = max_months or load_settings(resolve_paths().settings_file).route_max_age_months
    if gemeente is None:
        rows = sorted(content.municipalities.items(), key=lambda kv: kv[1].gemeente)
        if as_json:
            listing = [
                {
                    "bestand": k,
                    "gemeente": r.gemeente,
                    "cbs_code": r.cbs_code,
                    "veilig_thuis_regio": r.veilig_thuis_regio,
                }
                for k, r in rows
            ]
            click.echo(json.dumps(listing, ensure_ascii=False, indent=2))
            return
        for key, route in rows:
            click.echo(f"{route.gemeente:<24} {route.cbs_code}  {route.veilig_thuis_regio}  ({key})")
        click.echo(f"{len(rows)} gemeenten. Zonder eigen bestand gelden de landelijke contacten.")
        return
    municipal = content.municipality(gemeente)
    if municipal is None:
        raise UsageError(
            f"Geen meldroute gevonden voor '{gemeente}'.",
            "Bekijk de lijst met 'signaleer routes', of maak een bestand vanuit meldroutes/_sjabloon.yaml.",
        )
    resolved = content.route(gemeente)
    stale = resolved.stale(dt.date.today(), months)
    if as_json:
        data = {
            "gemeente": resolved.gemeente,
            "cbs_code": resolved.cbs_code,
            "veilig_thuis_regio": resolved.veilig_thuis_regio,
            "contacten": [
                {
                    "rol": c.role,
                    "naam": c.name,
                    "telefoon": c.phone,
                    "email": c.email,
                    "web": c.web,
                    "bereikbaar": c.hours,
                    "urgentie": c.urgency,
                    "lokaal": c.role in resolved.local_roles,
                    "bron": c.bron,
                    "gecontroleerd_op": c.gecontroleerd_op.isoformat(),
                    "verouderd": c in stale,
                }
                for c in resolved.contacts
            ],
        }
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        click.echo(f"{resolved.gemeente} (CBS {resolved.cbs_code}) — Veilig Thuis-regio: {resolved.veilig_thuis_regio}")
        for contact in resolved.contacts:
            where = "lokaal" if contact.role in resolved.local_roles else "landelijk"
            phone = contact.phone or "(nummer onbekend)"
            click.echo(f"  [{contact.urgency:<11}] {contact.name} — {phone}  ({contact.role}, {where})")
            click.echo(f"      {contact.when_to_use.nl}")
    for contact in stale:
        click.echo(
            f"waarschuwing: '{contact.name}' is voor het laatst gecontroleerd op {contact.gecontroleerd_op} "
            f"(langer dan {months} maanden geleden); controleer de gegevens.",
            err=True,
        )
