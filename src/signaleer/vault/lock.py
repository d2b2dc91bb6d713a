"""One writer per vault: an OS lock (``flock``; ``msvcrt.locking`` on Windows) on ``<vault>.lock``.

The app holds the lock while the vault is unlocked; every command that writes holds it while it writes.
The operating system drops the lock when the process ends, also after ``kill -9`` or a power cut, so a
stale lock cannot exist: the file may stay behind, but nothing holds it. The file names who holds the
lock (host, process id, app or command) only so the second instance can say where the vault is open.

A second app gets a screen that says so; a command gives up at once when the app holds the lock
(it may be held for hours) and waits a short while for another command (they take seconds), then exits 2.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import socket
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Literal

from signaleer.errors import VaultBusy
from signaleer.fsio import PRIVATE_FILE_MODE, ensure_private_dir
from signaleer.i18n import t

LOCK_SUFFIX = ".lock"
HolderKind = Literal["app", "command"]
COMMAND_WAIT_SECONDS = 60.0
"""How long a command waits for another command that holds the lock."""
_POLL_SECONDS = 0.05
_HOLDER_BYTES = 1024


@dataclass(frozen=True)
class Holder:
    """Who holds the lock, as written in the lock file (best effort: it may be empty)."""

    host: str
    pid: int
    kind: HolderKind


def lock_path(folder: Path) -> Path:
    """The lock file next to the vault folder (outside it, so it is no vault file and survives ``destroy``)."""
    return folder.with_name(folder.name + LOCK_SUFFIX)


def read_holder(folder: Path) -> Holder | None:
    """Who holds (or last held) the lock, when the file says so."""
    try:
        with open(lock_path(folder), "rb") as handle:
            row = json.loads(handle.read(_HOLDER_BYTES).decode("utf-8"))
        kind: HolderKind = "app" if row.get("kind") == "app" else "command"
        return Holder(str(row["host"]), int(row["pid"]), kind)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def busy_error(folder: Path, holder: Holder | None) -> VaultBusy:
    """The one sentence that the vault is open elsewhere, and where when known (``vault.error.busy.*``)."""
    if holder is None:
        where = ""
    elif holder.host == socket.gethostname():
        where = t("vault.error.busy.here", pid=holder.pid)
    else:
        where = t("vault.error.busy.there", host=holder.host, pid=holder.pid)
    kind = "command" if holder is not None and holder.kind == "command" else "app"
    return VaultBusy(t(f"vault.error.busy.{kind}", folder=folder, where=where), t(f"vault.error.busy.{kind}.hint"))


class VaultLock:
    """The exclusive write lock of one vault folder; ``acquire`` raises ``VaultBusy`` when it is taken."""

    def __init__(self, folder: Path, kind: HolderKind) -> None:
        self.folder = folder
        self.kind: HolderKind = kind
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        """True while this object holds the lock."""
        return self._fd is not None

    def acquire(self, wait: float = 0.0) -> None:
        """Take the lock; wait up to ``wait`` seconds while another command (never the app) holds it.

        On a read-only disk no lock file can be made, and nobody can write there either: the vault is then
        opened without a lock and every write reports the read-only disk.
        """
        if self._fd is not None:
            return
        fd = self._open()
        if fd is None:
            return
        deadline = time.monotonic() + wait
        while not _try_lock(fd):
            holder = read_holder(self.folder)
            if time.monotonic() >= deadline or (holder is not None and holder.kind == "app"):
                os.close(fd)
                raise busy_error(self.folder, holder)
            time.sleep(_POLL_SECONDS)
        self._fd = fd
        _register(self)
        row = {"host": socket.gethostname(), "pid": os.getpid(), "kind": self.kind, "since": int(time.time())}
        with contextlib.suppress(OSError):  # a full disk must not stop the lock; the holder is only informative
            # One write of a fixed size, no truncation first: a reader sees the old or the new holder, not ''.
            os.pwrite(fd, json.dumps(row).encode("utf-8").ljust(_HOLDER_BYTES), 0)

    def release(self) -> None:
        """Let go of the lock (closing the file drops it)."""
        fd, self._fd = self._fd, None
        _unregister(self)
        if fd is not None:
            with contextlib.suppress(OSError):
                os.close(fd)

    def __enter__(self) -> VaultLock:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.release()

    def _open(self) -> int | None:
        path = lock_path(self.folder)
        ensure_private_dir(path.parent)
        flags = os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
        try:
            return os.open(path, os.O_RDWR | flags, PRIVATE_FILE_MODE)
        except OSError as exc:
            if not isinstance(exc, PermissionError) and exc.errno != errno.EROFS:
                raise
        try:  # a read-only disk: lock the existing file for reading, or do without
            return os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        except OSError:
            return None


def _try_lock(fd: int) -> bool:
    """Take the lock on ``fd`` without waiting; False when another open file holds it."""
    if sys.platform == "win32":
        import msvcrt

        os.lseek(fd, 1 << 30, os.SEEK_SET)  # lock a byte far past the holder text, which stays readable
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def hold(folder: Path, kind: HolderKind = "command", wait: float = COMMAND_WAIT_SECONDS) -> VaultLock:
    """The lock of ``folder``, taken (use as ``with hold(folder): …``)."""
    lock = VaultLock(folder, kind)
    lock.acquire(wait)
    return lock


_held: dict[str, VaultLock] = {}
"""The vault folders whose lock this process holds (the app's session or a command), by absolute path."""


def _key(folder: Path) -> str:
    return os.path.abspath(folder)


def _register(lock: VaultLock) -> None:
    _held[_key(lock.folder)] = lock


def _unregister(lock: VaultLock) -> None:
    if _held.get(_key(lock.folder)) is lock:
        del _held[_key(lock.folder)]


def held_by_this_process(folder: Path) -> bool:
    """True when this process holds the lock of ``folder``."""
    return _key(folder) in _held


@contextlib.contextmanager
def writing(folder: Path) -> Iterator[None]:
    """Hold the lock of ``folder`` for one write, unless this process already holds it (the app, a command).

    ``CaseStore`` wraps every write in this, so a store used without the app or a command (a script, a test)
    still never writes next to another writer.
    """
    if held_by_this_process(folder):
        yield
        return
    with hold(folder):
        yield


def refuse_if_app_holds(folder: Path) -> None:
    """Raise ``VaultBusy`` at once when the app holds the lock (before a command asks the passphrase).

    A lock held by another command is let be here: the command waits for it when it writes.
    """
    probe = VaultLock(folder, "command")
    try:
        probe.acquire()
    except VaultBusy:
        holder = read_holder(folder)
        if holder is not None and holder.kind == "app":
            raise  # unknown (still being written): let the command wait for it when it writes
    finally:
        probe.release()
