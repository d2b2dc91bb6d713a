"""Write an export the user asked for: the one place case text goes to disk unencrypted, always mode 0600."""

from __future__ import annotations

import os
from pathlib import Path

from signaleer.errors import UsageError


def default_export_dir() -> Path:
    """The user's Documents folder, or the home folder when there is none."""
    import platformdirs

    documents = Path(platformdirs.user_documents_dir())
    return documents if documents.is_dir() else Path.home()


def export_target(chosen: Path | None, name: str) -> Path:
    """Where to write: ``chosen`` (a file, or a folder to put ``name`` in), else the default folder."""
    if chosen is None:
        return default_export_dir() / name
    chosen = chosen.expanduser()
    return chosen / name if chosen.is_dir() else chosen


def write_export(path: Path, text: str) -> Path:
    """Write ``text`` to ``path`` readable by the owner only (0600), replacing an older export; the absolute path."""
    path = path.expanduser().absolute()
    if not path.parent.is_dir():
        raise UsageError(f"De map {path.parent} bestaat niet.", "Kies een bestaande map voor de export.")
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags, 0o600)
    except OSError as exc:
        raise UsageError(
            f"De export kan niet worden geschreven naar {path} ({exc.strerror}).",
            "Kies een andere map of bestandsnaam.",
        ) from None
    try:
        if os.name != "nt":
            os.fchmod(fd, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            fd = -1
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
    finally:
        if fd != -1:
            os.close(fd)
    return path
