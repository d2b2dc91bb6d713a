"""Durable, atomic file writes: temp file in the same folder (0600), fsync, rename, fsync the folder."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

TEMP_SUFFIX = ".tmp"
PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` so that a crash leaves either the old or the new file."""
    folder = path.parent
    tmp = folder / f".{path.name}.{os.getpid()}.{os.urandom(4).hex()}{TEMP_SUFFIX}"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(tmp, flags, PRIVATE_FILE_MODE)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise
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
    """Create ``folder`` (and missing parents) readable by the owner only (0700)."""
    missing = [parent for parent in (folder, *folder.parents) if not parent.exists()]
    for parent in reversed(missing):
        with contextlib.suppress(FileExistsError):
            parent.mkdir(mode=PRIVATE_DIR_MODE)
    if os.name != "nt":
        os.chmod(folder, PRIVATE_DIR_MODE)
