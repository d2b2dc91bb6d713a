"""CaseStore: every case is one age file, encrypted to the user and the organisation recipients."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import stat
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path

from signaleer.domain.case import Case, CaseSummary
from signaleer.errors import VaultError, disk_error
from signaleer.fsio import (
    NotRegularFile,
    ensure_private_dir,
    file_kind,
    fsync_dir,
    is_regular_file,
    is_temp_name,
    read_regular_file,
    remove_temp_files,
    write_atomic,
)
from signaleer.i18n import nt, t
from signaleer.vault import _age, audit, envelope
from signaleer.vault import lock as lock_module
from signaleer.vault.envelope import CaseFileUnreadable
from signaleer.vault.keys import CASE_SUFFIX, IDENTITY_FILE, RECIPIENT_FILE, Identity, vault_exists

CASE_NAME = re.compile(r"^[0-9a-f]{16}\.age$")
MAX_CASE_FILE_BYTES = 32 * 1024 * 1024
KEY_FILES = frozenset({IDENTITY_FILE, RECIPIENT_FILE, audit.AUDIT_FILE})
"""Files in the vault that are not cases."""


@dataclass(frozen=True)
class FileProblem:
    """A file in the vault that was skipped, with the reason in the current language."""

    name: str
    """File name inside the vault folder."""
    message: str
    """Why it was skipped."""


@dataclass
class CaseListing:
    """The case list: readable cases in display order, and the files that were skipped."""

    summaries: list[CaseSummary] = field(default_factory=list)
    """Overdue first, then by due date, then most recently changed; closed cases last."""
    problems: list[FileProblem] = field(default_factory=list)
    """Corrupt, truncated or foreign files, by name."""


class CaseDeleted(VaultError):
    """A save of a case that is in the deletion log: it is never written back."""

    def __init__(self, case_id: str) -> None:
        super().__init__(t("vault.error.case_deleted", case_id=case_id), t("vault.error.case_deleted.hint"))
        self.case_id = case_id


class CaseStore:
    """Save, open, list, delete and purge the encrypted cases in one vault folder."""

    def __init__(self, folder: Path, identity: Identity, extra_recipients: list[str] | None = None) -> None:
        self.folder = folder
        self._identity = identity
        self._recipients = [identity.recipient]
        for recipient in extra_recipients or []:
            try:
                checked = _age.check_recipient(recipient)
            except _age.AgeError:
                raise VaultError(
                    t("vault.error.bad_org_recipient", recipient=repr(recipient)),
                    t("vault.error.bad_org_recipient.hint"),
                ) from None
            if checked not in self._recipients:
                self._recipients.append(checked)
        self._deleted_cache: tuple[tuple[int, int, int], set[str]] | None = None

    @property
    def recipients(self) -> list[str]:
        """Everyone a saved case is encrypted to: the user first, then the organisation."""
        return list(self._recipients)

    def save(self, case: Case, summary: CaseSummary, *, revive: bool = False) -> None:
        """Encrypt and write ``case`` atomically and durably; a crash leaves the old or the new version.

        A case in the deletion log is never written back (an app that still showed it, a queued save):
        ``CaseDeleted`` is raised instead, unless ``revive`` (a deliberate import of the same training case).
        Held under the vault lock. A disk error raises ``DiskError`` naming the cause.
        """
        if summary.id != case.id:
            raise VaultError(t("vault.error.summary_mismatch"), t("vault.error.summary_mismatch.hint"))
        if not vault_exists(self.folder):
            raise VaultError(t("vault.error.vault_gone", folder=self.folder), t("vault.error.vault_gone.hint"))
        path = self._path(case.id)
        ciphertext = _age.encrypt(envelope.encode(case, summary), self._recipients)
        with lock_module.writing(self.folder):
            if not revive and case.id in self._deleted_ids():
                raise CaseDeleted(case.id)
            if os.path.lexists(path) and not is_regular_file(path):
                raise VaultError(
                    t("vault.error.save_not_regular", name=path.name, kind=file_kind(os.lstat(path).st_mode)),
                    t("vault.error.save_not_regular.hint"),
                )
            try:
                ensure_private_dir(self.folder)
                write_atomic(path, ciphertext)
            except OSError as exc:
                raise disk_error(exc, t("error.disk.what.save_case")) from exc

    def open(self, case_id: str) -> Case:
        """Decrypt one case; raises ``VaultError`` (naming the file) when it is missing or unreadable."""
        path = self._path(case_id)
        return envelope.decode_case(path.name, self._decrypt(path))

    def listing(self, today: dt.date | None = None) -> CaseListing:
        """All readable cases in display order; every unreadable file is reported and skipped."""
        listing = CaseListing()
        for entry in sorted(os.scandir(self.folder), key=lambda item: item.name) if self.folder.is_dir() else []:
            if entry.name in KEY_FILES:
                continue
            if is_temp_name(entry.name):
                continue  # removed under the lock when the vault is opened (``remove_leftovers``)
            if not entry.is_file(follow_symlinks=False):
                kind = file_kind(entry.stat(follow_symlinks=False).st_mode)
                listing.problems.append(FileProblem(entry.name, t("vault.problem.not_regular", kind=kind)))
                continue
            if not CASE_NAME.match(entry.name):
                listing.problems.append(FileProblem(entry.name, t("vault.problem.unknown_file")))
                continue
            try:
                listing.summaries.append(envelope.decode_summary(entry.name, self._decrypt(Path(entry.path))))
            except CaseFileUnreadable as exc:
                listing.problems.append(FileProblem(exc.name, exc.reason))
        listing.summaries.sort(key=display_order(today or dt.date.today()))
        return listing

    def delete(self, case_id: str, reason: str = "verwijderd door de professional") -> None:
        """Remove one case file and its temp files, fsync the folder, note it in the deletion log.

        Copies elsewhere are not affected. Held under the vault lock, so no log entry is lost to a parallel
        deletion. A symlink, FIFO or device named like the case is refused, never followed.
        """
        path = self._path(case_id)
        with lock_module.writing(self.folder):
            self.deletions()  # a damaged log stops the deletion before anything is removed
            try:
                mode = os.lstat(path).st_mode
            except FileNotFoundError:
                raise VaultError(t("vault.error.no_case", case_id=case_id), t("vault.error.no_case.hint")) from None
            if not stat.S_ISREG(mode):
                raise VaultError(
                    t("vault.error.delete_not_regular", name=path.name, kind=file_kind(mode)),
                    t("vault.error.delete_not_regular.hint"),
                )
            try:
                path.unlink()
                remove_temp_files(self.folder, f".{path.name}.")
                fsync_dir(self.folder)
            except OSError as exc:
                raise disk_error(exc, t("error.disk.what.delete_case", case_id=case_id)) from exc
            self._log([audit.entry("verwijderd", case_id, reason)])

    def deletions(self) -> list[audit.AuditEntry]:
        """The deletion log, oldest first."""
        return audit.read(self.folder, self._identity)

    def remove_leftovers(self) -> int:
        """Remove every temp file of an interrupted write (it may hold a whole case); the number removed.

        Run when the vault is opened with the lock held: then no write is under way and each one is a leftover.
        """
        try:
            return remove_temp_files(self.folder)
        except OSError:
            return 0  # a read-only vault: nothing can be removed, and nothing is written either

    def _deleted_ids(self) -> set[str]:
        """The case ids in the deletion log (cached while the log file is unchanged); empty when unreadable."""
        try:
            info = os.stat(self.folder / audit.AUDIT_FILE)
        except OSError:
            return set()
        key = (info.st_ino, info.st_size, info.st_mtime_ns)
        if self._deleted_cache is None or self._deleted_cache[0] != key:
            try:
                ids = {item.case_id for item in self.deletions()}
            except VaultError:
                ids = set()  # a damaged log must not stop saving; it stops deletions instead
            self._deleted_cache = (key, ids)
        return self._deleted_cache[1]

    def _log(self, entries: list[audit.AuditEntry]) -> None:
        try:
            audit.append(self.folder, self._identity, self._recipients, entries)
        except OSError as exc:
            raise VaultError(
                t("vault.error.log_not_updated", cause=exc.strerror), t("vault.error.log_not_updated.hint")
            ) from None

    def reencrypt(self, lock: AbstractContextManager[object] | None = None) -> tuple[int, list[FileProblem]]:
        """Encrypt every case file (and the deletion log) anew to the current recipients, content unchanged.

        Run after the organisation keys changed: a new key can then read the existing cases (a hand-over), and a
        removed key cannot read the new versions. Each file is rewritten atomically; unreadable files are left as
        they are and reported. ``lock`` is held around each file, so a save of the same case cannot interleave.
        Returns the number of files rewritten and the problems.
        """
        done, problems = 0, []
        names = sorted(os.listdir(self.folder)) if self.folder.is_dir() else []
        with lock_module.writing(self.folder):
            for name in names:
                if not (CASE_NAME.match(name) or name == audit.AUDIT_FILE):
                    continue
                path = self.folder / name
                with lock or contextlib.nullcontext():
                    try:
                        plain = self._decrypt(path)
                    except CaseFileUnreadable as exc:
                        problems.append(FileProblem(exc.name, exc.reason))
                        continue
                    except VaultError:
                        continue  # removed meanwhile
                    try:
                        write_atomic(path, _age.encrypt(plain, self._recipients))
                    except OSError as exc:
                        raise disk_error(exc, nt("error.disk.what.reencrypt", done)) from exc
                done += 1
        return done, problems

    def decrypt_file(self, data: bytes) -> bytes:
        """Decrypt an age file encrypted to this vault's key (a hand-over); raises one of ``_age.AgeError``."""
        return self._identity.decrypt(data)

    def was_deleted(self, case_id: str) -> bool:
        """True when ``case_id`` is in the deletion log (so ``save`` refuses it unless revived)."""
        return case_id in self._deleted_ids()

    def exists(self, case_id: str) -> bool:
        """True when a case file with this id is in the vault (readable or not); a symlink is no case file."""
        return is_regular_file(self._path(case_id))

    def expired(self, older_than_days: int, today: dt.date | None = None) -> list[CaseSummary]:
        """The readable cases last changed more than ``older_than_days`` days before ``today``."""
        if older_than_days < 0:
            raise VaultError(t("vault.error.negative_days"), t("vault.error.negative_days.hint"))
        cutoff = (today or dt.date.today()) - dt.timedelta(days=older_than_days)
        return [s for s in self.listing(today).summaries if s.updated_at.date() < cutoff]

    def purge(self, older_than_days: int, today: dt.date | None = None) -> list[str]:
        """Delete the cases last changed more than ``older_than_days`` days ago, and every temp file; their ids.

        Held under the vault lock; the folder is fsync'd before the deletion log is written.
        """
        with lock_module.writing(self.folder):
            expired = sorted(summary.id for summary in self.expired(older_than_days, today))
            if expired:
                self.deletions()  # a damaged log stops the purge before anything is removed
            try:
                for case_id in expired:
                    self._path(case_id).unlink(missing_ok=True)
                remove_temp_files(self.folder)
                fsync_dir(self.folder)
            except OSError as exc:
                raise disk_error(exc, t("error.disk.what.purge")) from exc
            if expired:
                reason = f"bewaartermijn: langer dan {older_than_days} dagen niet gewijzigd"
                self._log([audit.entry("opgeschoond", case_id, reason) for case_id in expired])
        return expired

    def _path(self, case_id: str) -> Path:
        name = f"{case_id}{CASE_SUFFIX}"
        if not CASE_NAME.match(name):
            raise VaultError(t("vault.error.bad_case_id", case_id=repr(case_id)), t("vault.error.bad_case_id.hint"))
        return self.folder / name

    def _decrypt(self, path: Path) -> bytes:
        try:
            data = read_regular_file(path, MAX_CASE_FILE_BYTES)
        except FileNotFoundError:
            raise VaultError(t("vault.error.no_case", case_id=path.stem), t("vault.error.no_case.hint")) from None
        except NotRegularFile as exc:
            raise CaseFileUnreadable(path.name, t("vault.problem.not_regular", kind=exc.kind)) from None
        except OSError as exc:
            raise CaseFileUnreadable(path.name, t("vault.problem.unreadable", cause=exc.strerror)) from None
        if len(data) > MAX_CASE_FILE_BYTES:
            raise CaseFileUnreadable(path.name, t("vault.problem.too_large"))
        if not data.startswith(_age.AGE_HEADER):
            raise CaseFileUnreadable(path.name, t("vault.problem.not_age"))
        try:
            return self._identity.decrypt(data)
        except _age.AgeError as exc:
            reason = t("vault.problem.foreign" if _age.is_foreign(exc) else "vault.problem.damaged")
            raise CaseFileUnreadable(path.name, reason) from None
        except BaseException as exc:  # a panic in the age parser is a damaged file, not a crash
            if isinstance(exc, KeyboardInterrupt | SystemExit | GeneratorExit | MemoryError):
                raise
            raise CaseFileUnreadable(path.name, t("vault.problem.panic")) from None


def display_order(today: dt.date) -> Callable[[CaseSummary], tuple[bool, bool, dt.date, float]]:
    """Sort key: open before closed, overdue first, then by due date, then most recently changed."""

    def key(summary: CaseSummary) -> tuple[bool, bool, dt.date, float]:
        overdue = not summary.closed and summary.due is not None and summary.due < today
        return (summary.closed, not overdue, summary.due or dt.date.max, -summary.updated_at.timestamp())

    return key
