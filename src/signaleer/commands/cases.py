"""``signaleer cases``: list, show, import, purge, delete and export the encrypted cases; the deletion log.

``open_store`` is the one way a command gets an unlocked store; ``cases export`` builds on it.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from signaleer.commands.base import (
    PathType,
    argument,
    group,
    language_option,
    language_option_value,
    option,
    output_option,
    show_date,
)
from signaleer.commands.unlocking import open_store, passphrase_file_option
from signaleer.errors import UsageError
from signaleer.i18n import current_language, has_text, nt, t

if TYPE_CHECKING:
    from signaleer.domain.case import Case, CaseSummary
    from signaleer.export import ExportFormat


YES = frozenset({"j", "ja", "y", "yes"})
NO = frozenset({"", "n", "nee", "no"})


def confirm(question: str) -> bool:
    """Ask a yes/no question on stderr: 'j', 'ja', 'y' or 'yes' is yes, Enter or 'n' is no (click only knew y/n)."""
    while True:
        answer = click.prompt(t("cli.cases.confirm", question=question), default="", show_default=False, err=True)
        answer = answer.strip().casefold()
        if answer in YES or answer in NO:
            return answer in YES
        click.echo(t("cli.cases.confirm.again"), err=True)


@group("cases", help="cli.cases.help")
def cases() -> None:
    """Work with the encrypted cases."""


@cases.command("list", help="cli.cases.list.help")
@passphrase_file_option
@option("--json", "as_json", is_flag=True, help="cli.cases.list.opt.json")
def list_cases(passphrase_file: Path | None, as_json: bool) -> None:
    """Every case: overdue first, then by the date of the next action, then last changed."""
    today = dt.date.today()
    listing = open_store(passphrase_file).listing(today)
    if as_json:
        from signaleer.domain.case import summary_json

        rows = [{**summary_json(s), "overdue": _overdue(s, today)} for s in listing.summaries]
        problems = [{"name": p.name, "message": p.message} for p in listing.problems]
        click.echo(json.dumps({"cases": rows, "problems": problems}, ensure_ascii=False, indent=2))
    else:
        _echo_table(listing.summaries, today)
    for problem in listing.problems:
        click.echo(f"signaleer: {t('cli.skipped', name=problem.name, message=problem.message)}", err=True)


@cases.command("show", help="cli.cases.show.help")
@argument("case_id", metavar="ID")
@passphrase_file_option
@option("--pijp", "--pipe", "allow_pipe", is_flag=True, help="cli.cases.show.opt.pipe")
def show(case_id: str, passphrase_file: Path | None, allow_pipe: bool) -> None:
    """One case on the terminal; nothing is stored unencrypted."""
    if not allow_pipe and not sys.stdout.isatty():
        raise UsageError(t("cli.cases.show.no_terminal"), t("cli.cases.show.no_terminal.hint"))
    case = open_store(passphrase_file).open(case_id)
    click.echo(t("cli.cases.show.title", id=case.id, pseudonym=case.pseudonym))
    click.echo(_as_yaml(case))


@cases.command("import", help="cli.cases.import.help")
@argument("case_file", metavar="cli.cases.metavar.case", type=PathType(path_type=Path, dir_okay=False, exists=True))
@passphrase_file_option
@option("--vervang", "--replace", "replace", is_flag=True, help="cli.cases.import.opt.replace")
def import_case(case_file: Path, passphrase_file: Path | None, replace: bool) -> None:
    """Read a training case (YAML) and keep it encrypted in the vault."""
    from signaleer.advice_text import summarize
    from signaleer.content.casefile import load_case_file
    from signaleer.content.loader import load_content_or_raise

    content = load_content_or_raise()
    case = load_case_file(case_file, content)
    summary = summarize(case, content)
    store = open_store(passphrase_file, write=True)
    if store.exists(case.id) and not replace:
        raise UsageError(t("cli.cases.import.exists", id=case.id), t("cli.cases.import.exists.hint"))
    store.save(case, summary, revive=True)  # importing a training case again is a deliberate act
    click.echo(t("cli.cases.import.done", id=case.id, pseudonym=case.pseudonym))
    click.echo(t("cli.cases.import.plain", file=case_file))


@cases.command("purge", help="cli.cases.purge.help")
@passphrase_file_option
@option(
    "--ouder-dan",
    "--older-than",
    "older_than",
    type=click.IntRange(min=0),
    default=None,
    metavar="cli.metavar.days",
    help="cli.cases.purge.opt.older_than",
)
@option("--ja", "--yes", "yes", is_flag=True, help="cli.cases.opt.yes")
def purge(passphrase_file: Path | None, older_than: int | None, yes: bool) -> None:
    """Remove the cases past the retention period."""
    from signaleer.paths import resolve_paths
    from signaleer.settings import load_settings

    days = older_than if older_than is not None else load_settings(resolve_paths().settings_file).retention_days
    store = open_store(passphrase_file, write=True)
    expired = store.expired(days)
    if not expired:
        click.echo(nt("cli.cases.purge.none", days))
        return
    for summary in expired:
        changed = show_date(summary.updated_at.astimezone().date())
        click.echo(t("cli.cases.purge.row", id=summary.id, pseudonym=summary.pseudonym, date=changed))
    if not yes and not confirm(nt("cli.cases.purge.question", len(expired))):
        raise UsageError(t("cli.nothing_removed"), t("cli.cases.confirm.hint"))
    removed = store.purge(days)
    click.echo(nt("cli.cases.purge.done", len(removed)))


@cases.command("delete", help="cli.cases.delete.help")
@argument("case_id", metavar="ID")
@passphrase_file_option
@option("--ja", "--yes", "yes", is_flag=True, help="cli.cases.opt.yes")
def delete(case_id: str, passphrase_file: Path | None, yes: bool) -> None:
    """Remove one case from this laptop; it goes into the deletion log."""
    store = open_store(passphrase_file, write=True)
    case = store.open(case_id)
    if not yes and not confirm(t("cli.cases.delete.question", id=case.id, pseudonym=case.pseudonym)):
        raise UsageError(t("cli.nothing_removed"), t("cli.cases.confirm.hint"))
    store.delete(case.id, "verwijderd door de professional")  # stored in the log as written (vault data)
    click.echo(t("cli.cases.delete.done", id=case.id))


@cases.command("deletions", help="cli.cases.deletions.help")
@passphrase_file_option
def deletions(passphrase_file: Path | None) -> None:
    """The deletion log: when which case (its number only) was removed or purged, and why."""
    entries = open_store(passphrase_file).deletions()
    if not entries:
        click.echo(t("cli.cases.deletions.none"))
        return
    for item in entries:
        key = f"cli.cases.deletions.reason.{item.reason}"  # a reason stored as a code; older ones are Dutch text
        reason = t(key) if has_text(key, current_language()) else item.reason
        click.echo(f"{item.at.strftime('%d-%m-%Y %H:%M')}  {item.case_id}  {item.action:<11}  {reason}")


@cases.command("export", help="cli.cases.export.help")
@argument("case_id", metavar="ID")
@passphrase_file_option
@option(
    "--formaat",
    "--format",
    "export_format",
    type=click.Choice(["md", "html"]),
    default="md",
    show_default=True,
    help="cli.cases.export.opt.format",
)
@output_option("cli.cases.export.opt.output")
@language_option()
def export(
    case_id: str, passphrase_file: Path | None, export_format: str, output: Path | None, language: str | None
) -> None:
    """One case for the file: a summary per step, the timeline and the versions used."""
    from signaleer.content.loader import load_content_or_raise
    from signaleer.domain.case import now
    from signaleer.export import export_case, file_name
    from signaleer.export_writer import export_target, write_export

    fmt: ExportFormat = "html" if export_format == "html" else "md"
    lang = language_option_value(language)
    content = load_content_or_raise()
    case = open_store(passphrase_file).open(case_id)
    stamp = now()
    text = export_case(case, content, fmt, stamp, lang)
    written = write_export(export_target(output, file_name(case, fmt, stamp.date())), text)
    click.echo(f"signaleer: {t('cli.cases.export.unencrypted', path=written)}", err=True)
    click.echo(f"signaleer: {t('cli.cases.export.then_remove')}", err=True)
    click.echo(str(written))


def _overdue(summary: CaseSummary, today: dt.date) -> bool:
    return not summary.closed and summary.due is not None and summary.due < today


def _echo_table(summaries: list[CaseSummary], today: dt.date) -> None:
    if not summaries:
        click.echo(t("cli.cases.list.empty"))
        return
    header = tuple(
        t(f"cli.cases.list.column.{name}")
        for name in ("id", "pseudonym", "gemeente", "phase", "next_action", "due", "changed")
    )
    rows = [header]
    for s in summaries:
        due = show_date(s.due) if s.due else ""
        if _overdue(s, today):
            due += " " + t("cli.cases.list.overdue")
        phase = t("cli.cases.list.closed") if s.closed else s.phase
        changed = s.updated_at.astimezone().strftime("%d-%m-%Y %H:%M")
        rows.append((s.id, s.pseudonym, s.gemeente or "", phase, s.next_action, due, changed))
    limits = (16, 24, 16, 24, 40, 18, 16)
    cells = [[_clip(cell, limit) for cell, limit in zip(row, limits, strict=True)] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    for row in cells:
        click.echo("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())
    click.echo(nt("cli.cases.list.count", len(summaries)))


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _as_yaml(case: Case) -> str:
    import yaml

    data: dict[str, Any] = {k: v for k, v in case.model_dump(mode="json").items() if v not in (None, "", [], {})}
    text: str = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    return text
