"""Files written whole or not at all, and read only when they are regular files: for the vault, settings and exports.

Durable, atomic writes: a temp file in the same folder (0600), fsync, rename, fsync the folder. Reads never open a
symlink, FIFO or device. No case logic here: ``vault/`` builds on this, and so do ``settings.py`` and
``export_writer.py``.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

from signaleer.i18n import t

TEMP_SUFFIX = ".tmp"
PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600


def write_atomic(path: Path, data: bytes, *, sync_folder: bool = True) -> None:
    """Replace ``path`` with ``data`` (mode exactly 0600) so that a crash leaves either the old or the new file.

    On any error the temp file is removed and nothing else changed. ``sync_folder=False``: the caller fsyncs the
    folder itself (an export ignores a failure there: the file is whole and in place by then).
    """
    folder = path.parent
    tmp = folder / f".{path.name}.{os.getpid()}.{os.urandom(4).hex()}{TEMP_SUFFIX}"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(tmp, flags, PRIVATE_FILE_MODE)
    try:
        with os.fdopen(fd, "wb") as handle:
            if os.name != "nt":
                os.fchmod(handle.fileno(), PRIVATE_FILE_MODE)  # the umask may have taken bits away: be exact
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):  # the first error is the one to report
            tmp.unlink()
        raise
    if sync_folder:
        fsync_dir(folder)


def fsync_dir(folder: Path) -> None:
    """Flush a folder's entries (the rename) to disk; Windows has no folder fsync and needs none."""
    if os.name == "nt":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def is_temp_name(name: str) -> bool:
    """True for the name of a temp file that ``write_atomic`` creates."""
    return name.startswith(".") and name.endswith(TEMP_SUFFIX)


def ensure_private_dir(folder: Path) -> None:
    """Create ``folder`` (and missing parents) readable by the owner only (0700).

    An existing ``folder`` only loses the rights of group and others: a permission is never added, so a vault
    someone made read-only stays read-only (a write then fails with a message that says so).
    """
    missing = [parent for parent in (folder, *folder.parents) if not parent.exists()]
    for parent in reversed(missing):
        try:
            parent.mkdir(mode=PRIVATE_DIR_MODE)
        except FileExistsError:
            continue
        if os.name != "nt":
            os.chmod(parent, PRIVATE_DIR_MODE)  # mkdir's mode is masked by the umask
    if os.name != "nt" and folder not in missing:
        with contextlib.suppress(OSError):
            mode = stat.S_IMODE(os.stat(folder).st_mode)
            if mode & 0o077:
                os.chmod(folder, mode & PRIVATE_DIR_MODE)


class NotRegularFile(Exception):
    """A path that is a symlink, FIFO, device or folder where a regular file was expected."""

    def __init__(self, path: Path, kind: str) -> None:
        super().__init__(f"{path.name}: {kind}")
        self.path = path
        self.kind = kind
        """What it is, in the current language (``een symbolische koppeling``, ``a FIFO`` …)."""


def file_kind(mode: int) -> str:
    """What a non-regular file is, in the current language, from its ``st_mode`` (``fsio.kind.*``)."""
    if stat.S_ISLNK(mode):
        return t("fsio.kind.symlink")
    if stat.S_ISFIFO(mode):
        return t("fsio.kind.fifo")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return t("fsio.kind.device")
    if stat.S_ISDIR(mode):
        return t("fsio.kind.folder")
    if stat.S_ISSOCK(mode):
        return t("fsio.kind.socket")
    return t("fsio.kind.other")


def read_regular_file(path: Path, limit: int) -> bytes:
    """Up to ``limit + 1`` bytes of ``path``, which must be a regular file; never follows a symlink.

    A FIFO, device or symlink raises ``NotRegularFile`` without being opened, so it can never hang or
    redirect a read. Other problems raise ``OSError`` (``FileNotFoundError`` when it is missing).
    """
    mode = os.lstat(path).st_mode
    if not stat.S_ISREG(mode):
        raise NotRegularFile(path, file_kind(mode))
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    fd = os.open(path, flags)
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):  # swapped between lstat and open
            raise NotRegularFile(path, file_kind(mode))
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def is_regular_file(path: Path) -> bool:
    """True when ``path`` is a regular file itself (not a symlink to one)."""
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


def remove_temp_files(folder: Path, prefix: str = ".") -> int:
    """Remove the temp files of interrupted writes in ``folder`` whose names start with ``prefix``; fsync.

    Call only while holding the vault lock: then no write is under way, and every temp file is a leftover
    (it may hold a whole encrypted case, so it must not outlive a deletion). Returns how many were removed.
    """
    removed = 0
    try:
        entries = list(os.scandir(folder))
    except FileNotFoundError:
        return 0
    for entry in entries:
        if is_temp_name(entry.name) and entry.name.startswith(prefix) and not entry.is_dir(follow_symlinks=False):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(entry.path)  # a symlink is removed itself, never its target
                removed += 1
    if removed:
        fsync_dir(folder)
    return removed
