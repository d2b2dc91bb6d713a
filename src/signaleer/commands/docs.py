"""``signaleer docs``: the user documentation that comes with the program, also after a wheel install."""

from __future__ import annotations

import click

from signaleer.commands.base import argument, command
from signaleer.errors import UsageError
from signaleer.i18n import t
from signaleer.paths import bundled_docs


@command("docs", help="cli.docs.help")
@argument("naam", metavar="cli.metavar.name_optional", required=False)
def docs(naam: str | None) -> None:
    """The bundled guides, or one of them."""
    found = bundled_docs()
    if naam is None:
        if not found:
            raise UsageError(t("cli.docs.none_bundled"))
        width = max(len(name) for name in found)
        for name, path in found.items():
            click.echo(f"{name.ljust(width)}  {_title(path.read_text(encoding='utf-8'))}  ({path})")
        return
    page = found.get(naam.strip().lower().removesuffix(".md"))
    if page is None:
        raise UsageError(
            t("cli.docs.no_such", name=naam), t("cli.choose_from", names=", ".join(found) or t("cli.none"))
        )
    click.echo(page.read_text(encoding="utf-8"), nl=False)


def _title(text: str) -> str:
    """The first Markdown heading of a document, or its first line."""
    for line in text.splitlines():
        if line.strip():
            return line.lstrip("#").strip()
    return ""
