"""Write an export the user asked for: the one place case text goes to disk unencrypted, always mode 0600."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from signaleer.errors import UsageError, os_cause
from signaleer.fsio import TEMP_SUFFIX, file_kind, fsync_dir, is_regular_file, write_atomic
from signaleer.i18n import t


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
    """Write ``text`` to ``path`` readable by the owner only (0600), replacing an older export; the absolute path.

    Atomic (``fsio.write_atomic``): the text goes to a temp file (0600) in the same folder, is fsync'd, then renamed
    over ``path``.
    A full disk, a read-only folder or missing rights leave nothing behind (no truncated plain text) and
    raise ``UsageError`` naming the cause. A symlink, FIFO or device at ``path`` is refused, never followed.
    """
    path = path.expanduser().absolute()
    if not path.parent.is_dir():
        raise UsageError(t("export.error.no_folder", folder=path.parent), t("export.error.no_folder.hint"))
    if os.path.lexists(path) and not is_regular_file(path):
        raise UsageError(
            t("export.error.not_regular", path=path, kind=file_kind(os.lstat(path).st_mode)),
            t("export.error.not_regular.hint"),
        )
    remove_stale_temps(path)
    try:
        write_atomic(path, text.encode("utf-8"), sync_folder=False)
    except OSError as exc:
        raise UsageError(
            t("export.error.write_failed", path=path, cause=os_cause(exc)), t("export.error.write_failed.hint")
        ) from exc
    with contextlib.suppress(OSError):
        fsync_dir(path.parent)
    return path


def remove_stale_temps(path: Path) -> int:
    """Remove temp files an earlier export to ``path`` left when its process was killed mid-write; how many.

    ``write_atomic`` names its temp file ``.<name>.<pid>.<random>.tmp``: one whose process is gone holds (part of) a
    plain-text export that was never finished, so it goes before the next export to the same file. A temp file of
    a process that still runs is left alone (it may be writing now); so is anything that is not a regular file.
    """
    prefix = f".{path.name}."
    removed = 0
    try:
        entries = list(os.scandir(path.parent))
    except OSError:
        return 0
    for entry in entries:
        name = entry.name
        if not (name.startswith(prefix) and name.endswith(TEMP_SUFFIX)):
            continue
        pid_text = name[len(prefix) : -len(TEMP_SUFFIX)].split(".", 1)[0]
        if not pid_text.isdigit() or _process_alive(int(pid_text)):
            continue
        with contextlib.suppress(OSError):
            if entry.is_file(follow_symlinks=False):
                os.unlink(entry.path)
                removed += 1
    return removed


def _process_alive(pid: int) -> bool:
    if pid == os.getpid() or os.name == "nt":  # on Windows os.kill(pid, 0) would end that process
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError, OverflowError):
        return True  # another user's process, or cannot tell: keep the file
    return True
