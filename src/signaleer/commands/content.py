"""``signaleer check``, ``signaleer schema`` and ``signaleer routes``: content for authors."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from signaleer.errors import SignaleerError, UsageError, os_cause

if TYPE_CHECKING:
    from signaleer.domain.content import Content
    from signaleer.domain.route import Contact, ResolvedRoute


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
    for gap in result.gaps():
        click.echo(f"waarschuwing: {gap}", err=True)
    checked = len(result.files)
    if result.errors:
        click.echo(f"{len(result.errors)} fout(en) gevonden in {checked} bestanden.")
        sys.exit(1)
    content = result.content
    assert content is not None
    signals = sum(len(lst.signals) for lst in content.signal_lists)
    gemeenten = len(content.gemeenten.gemeenten) if content.gemeenten else 0
    click.echo(
        f"In orde: {checked} bestanden ({signals} signalen, {gemeenten} gemeenten in de tabel, "
        f"{len(content.municipalities)} gemeentebestanden, {len(content.kaders)} afwegingskader(s), "
        f"{len(content.pages)} kennispagina's)."
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
        reason = os_cause(exc)
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
    """Toon alle gemeenten, of de meldroute van GEMEENTE (CBS-naam, gangbare naam of CBS-code).

    De route is landelijk + regio + gemeente. Elk contact zegt waar het vandaan komt en of het echt is
    gecontroleerd of alleen overgenomen uit de bron.
    """
    from signaleer.content.loader import load_content_or_raise
    from signaleer.paths import resolve_paths
    from signaleer.settings import load_settings

    content = load_content_or_raise()
    months = max_months or load_settings(resolve_paths().settings_file).route_max_age_months
    if gemeente is None:
        _list_gemeenten(content, as_json)
        return
    name = _pick_gemeente(content, gemeente)
    resolved = content.route(name)
    today = dt.date.today()
    stale = resolved.stale(today, months)
    if as_json:
        click.echo(json.dumps(route_json(resolved, stale, today), ensure_ascii=False, indent=2))
    else:
        for line in route_lines(resolved, today):
            click.echo(line)
    unchecked = [c for c in stale if c.gecontroleerd_op is None]
    if unchecked:
        click.echo(
            f"waarschuwing: {len(unchecked)} contact(en) zijn niet gecontroleerd, alleen overgenomen uit de bron; "
            "controleer ze voor gebruik.",
            err=True,
        )
    for contact in stale:
        if contact.gecontroleerd_op is not None:
            click.echo(
                f"waarschuwing: '{contact.name}' is voor het laatst gecontroleerd op {contact.gecontroleerd_op} "
                f"(langer dan {months} maanden geleden); controleer de gegevens.",
                err=True,
            )


def _pick_gemeente(content: Content, query: str) -> str:
    """The name to route ``query`` by: a gemeente of the table or a gemeente file; a usage error otherwise."""
    found = content.find_gemeente(query)
    if len(found) == 1:
        return found[0].cbs_code
    if len(found) > 1:
        options = ", ".join(f"{g.name} ({g.cbs_code})" for g in found)
        raise UsageError(f"'{query}' kan meerdere gemeenten zijn: {options}.", "Geef de volledige naam of de CBS-code.")
    if content.municipality(query) is not None:
        return query
    import difflib

    names = (
        content.gemeenten.names() if content.gemeenten else sorted(m.gemeente for m in content.municipalities.values())
    )
    close = difflib.get_close_matches(query, names, n=3, cutoff=0.7)
    hint = f"Bedoel je: {', '.join(close)}? " if close else ""
    raise UsageError(
        f"Geen gemeente gevonden voor '{query}'.",
        hint + "Bekijk de lijst met 'signaleer routes'. Lokale afspraken voeg je toe vanuit meldroutes/_sjabloon.yaml.",
    )


def _list_gemeenten(content: Content, as_json: bool) -> None:
    files = {m.gm_code: key for key, m in content.municipalities.items()}
    rows: list[tuple[str, str, str, str, str | None]]
    if content.gemeenten is None:
        rows = [
            (m.gm_code, m.gemeente, m.veilig_thuis_regio or "", "", key) for key, m in content.municipalities.items()
        ]
    else:
        rows = [
            (g.cbs_code, g.name, g.regio.name, g.politie.name, files.get(g.cbs_code))
            for g in content.gemeenten.gemeenten.values()
        ]
    rows.sort(key=lambda r: r[1].casefold())
    if as_json:
        listing = [
            {"gemeente": n, "cbs_code": c, "veiligheidsregio": r, "politie_eenheid": p or None, "bestand": f}
            for c, n, r, p, f in rows
        ]
        click.echo(json.dumps(listing, ensure_ascii=False, indent=2))
        return
    for code, name, regio, unit, key in rows:
        local = f"  (lokaal: {key})" if key else ""
        click.echo(f"{name:<32} {code}  {regio:<26} {unit}{local}")
    click.echo(f"{len(rows)} gemeenten. Zonder eigen bestand gelden de regionale en landelijke contacten.")


def provenance(contact: Contact, today: dt.date) -> str:
    """'gecontroleerd op …' or 'niet gecontroleerd (overgenomen op …, N maanden geleden)'."""
    if contact.gecontroleerd_op is not None:
        return f"gecontroleerd op {contact.gecontroleerd_op.isoformat()}"
    if contact.overgenomen_op is not None:
        return (
            f"niet gecontroleerd (overgenomen op {contact.overgenomen_op.isoformat()}, "
            f"{contact.age_months(today)} maand(en) geleden)"
        )
    return "niet gecontroleerd"


def route_lines(resolved: ResolvedRoute, today: dt.date) -> list[str]:
    """The route as text lines for the terminal."""
    lines = []
    region = f" — veiligheidsregio {resolved.veilig_thuis_regio}" if resolved.veilig_thuis_regio else ""
    lines.append(f"{resolved.gemeente} (CBS {resolved.cbs_code}){region}")
    if resolved.politie_eenheid:
        lines.append(f"  Politie-eenheid: {resolved.politie_eenheid}")
    if resolved.veilig_thuis:
        vt = resolved.veilig_thuis
        extra = f", lijn voor professionals {vt['professionals_phone']}" if vt.get("professionals_phone") else ""
        lines.append(f"  Veilig Thuis: {vt['name']} — {vt['phone']} (24/7){extra}")
    for contact in resolved.contacts:
        phone = contact.phone or "(nummer onbekend)"
        where = resolved.origin(contact)
        lines.append(f"  [{contact.urgency:<11}] {contact.name} — {phone}  ({contact.role}, {where})")
        lines.append(f"      {contact.when_to_use.nl}")
        lines.append(f"      bron: {contact.bron} — {provenance(contact, today)}")
    return lines


def route_json(resolved: ResolvedRoute, stale: list[Contact], today: dt.date) -> dict[str, Any]:
    """The stable JSON object of ``signaleer routes X --json``."""
    return {
        "gemeente": resolved.gemeente,
        "cbs_code": resolved.cbs_code,
        "veiligheidsregio": resolved.veilig_thuis_regio,
        "politie_eenheid": resolved.politie_eenheid,
        "veilig_thuis": resolved.veilig_thuis,
        "contacts": [
            {
                "role": c.role,
                "name": c.name,
                "phone": c.phone,
                "email": c.email,
                "web": c.web,
                "hours": c.hours,
                "urgency": c.urgency,
                "origin": resolved.origin(c),
                "source": c.bron,
                "overgenomen_op": c.overgenomen_op.isoformat() if c.overgenomen_op else None,
                "gecontroleerd_op": c.gecontroleerd_op.isoformat() if c.gecontroleerd_op else None,
                "gecontroleerd": c.gecontroleerd_op is not None,
                "leeftijd_maanden": c.age_months(today),
                "verouderd": c in stale,
            }
            for c in resolved.contacts
        ],
    }
