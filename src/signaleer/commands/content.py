"""``signaleer check``, ``signaleer schema`` and ``signaleer routes``: content for authors."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from signaleer.commands.base import PathType, argument, command, option, show_date
from signaleer.errors import SignaleerError, UsageError, os_cause
from signaleer.i18n import current_language, nt, t

if TYPE_CHECKING:
    from signaleer.domain.content import Content
    from signaleer.domain.route import Contact, ResolvedRoute


@command("check", help="cli.check.help")
@argument("paths", nargs=-1, metavar="cli.check.metavar.paths", type=PathType(path_type=Path))
@option("--zonder-gebruiker", "--no-user", "no_user", is_flag=True, help="cli.check.opt.no_user")
def check(paths: tuple[Path, ...], no_user: bool) -> None:
    """Check the content: the bundled files, the user's folder and any PATHS given."""
    from signaleer.content.loader import collect_files, default_roots, load_files

    roots = default_roots()[:-1] if no_user else default_roots()  # the installed pack stays: it is not "your own"
    extra_files: list[Path] = []
    for path in paths:
        if not path.exists():
            raise UsageError(t("cli.check.no_path", path=path), t("cli.check.no_path.hint"))
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
        click.echo(t("cli.warning", text=gap), err=True)
    checked = len(result.files)
    if result.errors:
        click.echo(nt("cli.check.errors", len(result.errors), files=nt("cli.check.files", checked)))
        sys.exit(1)
    content = result.content
    assert content is not None
    signals = sum(len(lst.signals) for lst in content.signal_lists)
    gemeenten = len(content.gemeenten.gemeenten) if content.gemeenten else 0
    parts = [
        nt("cli.check.signals", signals),
        nt("cli.check.gemeenten", gemeenten),
        nt("cli.check.gemeente_files", len(content.municipalities)),
        nt("cli.check.kaders", len(content.kaders)),
        nt("cli.check.pages", len(content.pages)),
    ]
    click.echo(t("cli.check.ok", files=nt("cli.check.files", checked), parts=", ".join(parts)))


@command("schema", help="cli.schema.help")
@option(
    "--map",
    "--folder",
    "folder",
    type=PathType(path_type=Path, file_okay=False),
    default=None,
    metavar="cli.metavar.folder",
    help="cli.schema.opt.folder",
)
def schema(folder: Path | None) -> None:
    """Write the JSON schemas for editors."""
    from signaleer.content.schema import write_schemas

    target = folder if folder is not None else Path.cwd() / "schemas"
    try:
        written = write_schemas(target)
    except OSError as exc:
        reason = os_cause(exc)
        raise SignaleerError(t("cli.schema.cannot_write", target=target, reason=reason)) from exc
    for path in written:
        click.echo(str(path))


@command("routes", help="cli.routes.help")
@argument("gemeente", metavar="cli.routes.metavar.gemeente", required=False)
@option("--json", "as_json", is_flag=True, help="cli.routes.opt.json")
@option(
    "--max-maanden",
    "--max-months",
    "max_months",
    type=click.IntRange(1, 120),
    default=None,
    metavar="cli.metavar.months",
    help="cli.routes.opt.max_months",
)
def routes(gemeente: str | None, as_json: bool, max_months: int | None) -> None:
    """All municipalities, or the reporting route of one."""
    from signaleer.content.loader import load_content_or_raise
    from signaleer.paths import resolve_paths
    from signaleer.settings import load_settings

    content = load_content_or_raise()
    months = max_months or load_settings(resolve_paths().settings_file).route_max_age_months
    if gemeente is None:
        _list_gemeenten(content, as_json)
        if not as_json:
            click.echo(content_line())
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
        click.echo(content_line())
    unchecked = [c for c in stale if c.gecontroleerd_op is None]
    if unchecked:
        click.echo(t("cli.warning", text=nt("cli.routes.unchecked", len(unchecked))), err=True)
    for contact in stale:
        if contact.gecontroleerd_op is not None:
            checked_on = show_date(contact.gecontroleerd_op)
            stale_text = nt("cli.routes.stale", months, name=contact.label(current_language()), date=checked_on)
            click.echo(t("cli.warning", text=stale_text), err=True)


def content_line() -> str:
    """Which content the routes come from: the installed pack (version, date) or the bundled content."""
    from signaleer.commands.pakket import pack_line
    from signaleer.pack.state import current_pack
    from signaleer.paths import resolve_paths

    return pack_line(current_pack(resolve_paths().config))


def _pick_gemeente(content: Content, query: str) -> str:
    """The name to route ``query`` by: a gemeente of the table or a gemeente file; a usage error otherwise."""
    found = content.find_gemeente(query)
    if len(found) == 1:
        return found[0].cbs_code
    if len(found) > 1:
        options = ", ".join(f"{g.name} ({g.cbs_code})" for g in found)
        raise UsageError(t("cli.routes.ambiguous", query=query, options=options), t("cli.routes.ambiguous.hint"))
    if content.municipality(query) is not None:
        return query
    import difflib

    names = (
        content.gemeenten.names() if content.gemeenten else sorted(m.gemeente for m in content.municipalities.values())
    )
    close = difflib.get_close_matches(query, names, n=3, cutoff=0.7)
    hint = t("cli.routes.did_you_mean", names=", ".join(close)) if close else ""
    raise UsageError(t("cli.routes.not_found", query=query), hint + t("cli.routes.not_found.hint"))


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
        local = t("cli.routes.local_file", file=key) if key else ""
        click.echo(f"{name:<32} {code}  {regio:<26} {unit}{local}")
    click.echo(nt("cli.routes.count", len(rows)))


def provenance(contact: Contact, today: dt.date) -> str:
    """'checked on …' or 'not checked (copied on …, N months ago)', in the current language."""
    if contact.gecontroleerd_op is not None:
        return t("cli.routes.checked_on", date=show_date(contact.gecontroleerd_op))
    if contact.overgenomen_op is not None:
        return nt("cli.routes.copied_on", contact.age_months(today) or 0, date=show_date(contact.overgenomen_op))
    return t("cli.routes.not_checked")


def route_lines(resolved: ResolvedRoute, today: dt.date) -> list[str]:
    """The route as text lines for the terminal."""
    lines = []
    region = t("cli.routes.region", region=resolved.veilig_thuis_regio) if resolved.veilig_thuis_regio else ""
    lines.append(f"{resolved.gemeente} (CBS {resolved.cbs_code}){region}")
    if resolved.politie_eenheid:
        lines.append(t("cli.routes.police", unit=resolved.politie_eenheid))
    if resolved.veilig_thuis:
        vt = resolved.veilig_thuis
        extra = (
            t("cli.routes.professionals_line", phone=vt["professionals_phone"]) if vt.get("professionals_phone") else ""
        )
        vt_name = (vt.get("name_en") if current_language() == "en" else None) or vt["name"]
        lines.append(t("cli.routes.veilig_thuis", name=vt_name, phone=vt["phone"], extra=extra))
    for contact in resolved.contacts:
        phone = contact.phone or t("cli.routes.no_phone")
        where = t(f"cli.routes.origin.{resolved.origin(contact)}")
        urgency = t(f"cli.routes.urgency.{contact.urgency}")
        # the role stays its id: authors override a contact by role in the YAML
        lines.append(f"  [{urgency:<11}] {contact.label(current_language())} — {phone}  ({contact.role}, {where})")
        lines.append(f"      {contact.when_to_use.get(current_language())}")
        lines.append(t("cli.routes.source", source=contact.bron, provenance=provenance(contact, today)))
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
                "name_en": c.name_en,
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
