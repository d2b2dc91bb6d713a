"""The unlocked vault of one session: the identity, the case store and the save queue. No Textual here."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from signaleer.errors import VaultError
from signaleer.tui.saver import CaseSaver

if TYPE_CHECKING:
    from signaleer.domain.case import Case
    from signaleer.domain.content import Content
    from signaleer.vault.keys import Identity
    from signaleer.vault.lock import VaultLock
    from signaleer.vault.store import CaseStore


class VaultSession:
    """Holds the key material only while unlocked; ``close`` drops it from memory."""

    def __init__(self, folder: Path, content: Callable[[], Content]) -> None:
        self.folder = folder
        """The vault folder."""
        self.content = content
        """Gives the content used to summarise cases for the case list (it may still be loading)."""
        self.identity: Identity | None = None
        """The unlocked identity; None while locked."""
        self.store: CaseStore | None = None
        """The case store; None while locked."""
        self.saver = CaseSaver()
        """Cases waiting to be written."""
        self.write_lock = threading.Lock()
        """Held while one case file is written, by a save or by re-encryption, so they never interleave."""
        self.vault_lock: VaultLock | None = None
        """The vault's OS lock, held while unlocked: no other signaleer writes meanwhile (docs/kluis.md)."""
        self.read_only: OSError | None = None
        """Why the vault folder cannot be written (a read-only disk, no permission), found when it was opened."""

    @property
    def unlocked(self) -> bool:
        """True while the identity is in memory."""
        return self.identity is not None

    def open(self, identity: Identity, org_recipients: list[str]) -> None:
        """Start working with ``identity``; cases are also encrypted to ``org_recipients``.

        Takes the vault lock first (``VaultBusy`` when another signaleer has the vault open; nothing is kept
        then), removes the temp files interrupted writes left, and notes a read-only vault in ``read_only``.
        """
        from signaleer.vault.lock import VaultLock

        if self.vault_lock is None:
            vault_lock = VaultLock(self.folder, "app")
            vault_lock.acquire()
            self.vault_lock = vault_lock
        self._use(identity, org_recipients)
        assert self.store is not None
        self.store.remove_leftovers()
        self.read_only = _write_problem(self.folder)

    def _use(self, identity: Identity, org_recipients: list[str]) -> None:
        from signaleer.vault.store import CaseStore

        self.identity = identity
        self.store = CaseStore(self.folder, identity, extra_recipients=list(org_recipients) or None)

    def set_recipients(self, org_recipients: list[str]) -> None:
        """Encrypt the next saves to these organisation recipients as well."""
        if self.identity is not None:
            self._use(self.identity, org_recipients)

    def close(self) -> None:
        """Drop the identity and the store, and let go of the vault lock; failed saves stay queued."""
        self.identity = None
        self.store = None
        vault_lock, self.vault_lock = self.vault_lock, None
        if vault_lock is not None:
            vault_lock.release()

    def write(self, case: Case) -> None:
        """Summarise and save one case (runs in a worker thread)."""
        from signaleer.domain.advice import summarize

        store = self.store
        if store is None:
            raise VaultError("De kluis is vergrendeld.", "Open de kluis opnieuw met je wachtwoord.")
        summary = summarize(case, self.content())
        with self.write_lock:
            store.save(case, summary)

    def reencrypt(self) -> tuple[int, list[str]]:
        """Encrypt every case anew to the current recipients (runs in a worker thread); count and problem names."""
        store = self.store
        if store is None:
            raise VaultError("De kluis is vergrendeld.", "Open de kluis opnieuw met je wachtwoord.")
        done, problems = store.reencrypt(self.write_lock)
        return done, [problem.name for problem in problems]


def _write_problem(folder: Path) -> OSError | None:
    """Why nothing can be written in ``folder`` (read-only disk, no permission), or None; writes nothing."""
    import errno
    import os

    if os.name == "nt" or os.access(folder, os.W_OK | os.X_OK):
        return None
    try:
        read_only = bool(os.statvfs(folder).f_flag & getattr(os, "ST_RDONLY", 1))
    except OSError as exc:
        return exc
    code = errno.EROFS if read_only else errno.EACCES
    return OSError(code, os.strerror(code), str(folder))
