"""``signaleer docs``: the user documentation that comes with the program, also after a wheel install."""

from __future__ import annotations

import click

from signaleer.errors import UsageError
from signaleer.paths import bundled_docs


@click.command("docs")
@click.argument("naam", required=False)
def docs(naam: str | None) -> None:
    """Toon de meegeleverde handleidingen, of lees er één (bijvoorbeeld: signaleer docs kluis).

    Zonder NAAM zie je welke er zijn en waar ze staan.
    """
    found = bundled_docs()
    if naam is None:
        if not found:
            raise UsageError("Er zijn geen handleidingen meegeleverd in deze installatie.")
        width = max(len(name) for name in found)
        for name, path in found.items():
            click.echo(f"{name.ljust(width)}  {_title(path.read_text(encoding='utf-8'))}  ({path})")
        return
    page = found.get(naam.strip().lower().removesuffix(".md"))
    if page is None:
        raise UsageError(f"Er is geen handleiding '{naam}'.", f"Kies uit: {', '.join(found) or '(geen)'}.")
    click.echo(page.read_text(encoding="utf-8"), nl=False)


def _title(text: str) -> str:
    """The first Markdown heading of a document, or its first line."""
    for line in text.splitlines():
        if line.strip():
            return line.lstrip("#").strip()
    return ""
