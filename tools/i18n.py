"""Keep the text catalogues compiled: ``python tools/i18n.py compile`` after editing a ``.po`` file.

- ``compile``: writes every ``src/signaleer/i18n/locale/*/LC_MESSAGES/*.mo`` from its ``.po`` (Babel).
- ``check``: exit 1 when a ``.mo`` does not match its ``.po``, or a ``.po`` has a syntax error (with file:line).

Babel is a development dependency only; the program reads the ``.mo`` files with the standard library.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po

FIXED_DATE = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
LOCALE = Path(__file__).resolve().parent.parent / "src" / "signaleer" / "i18n" / "locale"


def po_files() -> list[Path]:
    """Every catalogue source, sorted."""
    return sorted(LOCALE.glob("*/LC_MESSAGES/*.po"))


def read(po: Path) -> Catalog:
    """The catalogue in ``po``; a syntax error is raised as :class:`PoFileError` naming the line."""
    with po.open("rb") as handle:
        return read_po(handle, locale=po.parent.parent.name, abort_invalid=True)


def compiled(po: Path) -> bytes:
    """The ``.mo`` bytes for ``po``."""
    catalog = read(po)
    # Babel stamps a catalogue without these dates with "now"; fixed values keep the .mo reproducible.
    catalog.creation_date = catalog.revision_date = FIXED_DATE
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "check"
    stale: list[str] = []
    for po in po_files():
        try:
            data = compiled(po)
        except PoFileError as exc:
            print(f"{po}: {exc}", file=sys.stderr)
            return 1
        mo = po.with_suffix(".mo")
        if command == "compile":
            if not mo.exists() or mo.read_bytes() != data:
                mo.write_bytes(data)
                print(f"compiled {mo.relative_to(LOCALE.parent.parent.parent.parent)}")
        elif not mo.exists() or mo.read_bytes() != data:
            stale.append(str(mo))
    if stale:
        print("out of date (run: python tools/i18n.py compile): " + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
