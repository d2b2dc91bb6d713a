"""CaseStore: every case is one age file, encrypted to the user and the organisation recipients."""

from __future__ import annotations

import builtins
import contextlib
import datetime as dt
import os
import re
import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path

from signaleer.domain.case import Case, CaseSummary
from signaleer.errors import VaultError
from signaleer.vault import _age, audit, envelope
from signaleer.vault.atomic import ensure_private_dir, fsync_dir, is_temp_name, write_atomic
from signaleer.vault.envelope import CaseFileUnreadable
from signaleer.vault.keys import CASE_SUFFIX, IDENTITY_FILE, RECIPIENT_FILE, Identity, vault_exists

CASE_NAME = re.compile(r"^[0-9a-f]{16}\.age$")
MAX_CASE_FILE_BYTES = 32 * 1024 * 1024
STALE_TEMP_SECONDS = 3600
KEY_FILES = frozenset({IDENTITY_FILE, RECIPIENT_FILE, audit.AUDIT_FILE})
"""Files in the vault that are not cases."""


@dataclass(frozen=True)
class FileProblem:
    """A file in the vault that was skipped, with the reason in plain Dutch."""

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


class CaseStore:
    """Save, open, list, delete and purge the encrypted cases in one vault folder."""

    def __init__(self, folder: Path, identity: Identity, extra_recipients: builtins.list[str] | None = None) -> None:
        self.folder = folder
        self._identity = identity
        self._recipients = [identity.recipient]
        for recipient in extra_recipients or []:
            try:
                checked = _age.check_recipient(recipient)
            except _age.AgeError:
                raise VaultError(
                    f"De organisatiesleutel {recipient!r} is geen geldige age-sleutel.",
                    "Controleer 'org_recipients' in de instellingen: elke sleutel begint met age1.",
                ) from None
            if checked not in self._recipients:
                self._recipients.append(checked)

    @property
    def recipients(self) -> builtins.list[str]:
        """Everyone a saved case is encrypted to: the user first, then the organisation."""
        return builtins.list(self._recipients)

    def save(self, case: Case, summary: CaseSummary) -> None:
        """Encrypt and write ``case`` atomically and durably; a crash leaves the old or the new version."""
        if summary.id != case.id:
            raise VaultError("De samenvatting hoort niet bij deze casus.", "Dit is een fout in signaleer; meld hem.")
        if not vault_exists(self.folder):
            raise VaultError(
                f"De kluis in {self.folder} bestaat niet (meer).", "Maak een nieuwe kluis met 'signaleer vault init'."
            )
        ensure_private_dir(self.folder)
        ciphertext = _age.encrypt(envelope.encode(case, summary), self._recipients)
        write_atomic(self._path(case.id), ciphertext)

    def open(self, case_id: str) -> Case:
        """Decrypt one case; raises ``VaultError`` (naming the file) when it is missing or unreadable."""
        path = self._path(case_id)
        return envelope.decode_case(path.name, self._decrypt(path))

    def list(self, today: dt.date | None = None) -> CaseListing:
        """All readable cases in display order; every unreadable file is reported and skipped."""
        listing = CaseListing()
        for entry in sorted(os.scandir(self.folder), key=lambda item: item.name) if self.folder.is_dir() else []:
            if entry.name in KEY_FILES:
                continue
            if is_temp_name(entry.name):
                self._drop_if_stale(Path(entry.path))
                continue
            if not entry.is_file(follow_symlinks=False) or not CASE_NAME.match(entry.name):
                listing.problems.append(FileProblem(entry.name, "onbekend bestand; dit is geen casus van signaleer."))
                continue
            try:
                listing.summaries.append(envelope.decode_summary(entry.name, self._decrypt(Path(entry.path))))
            except CaseFileUnreadable as exc:
                listing.problems.append(FileProblem(exc.name, exc.reason))
        listing.summaries.sort(key=display_order(today or dt.date.today()))
        return listing

    def delete(self, case_id: str, reason: str = "verwijderd door de professional") -> None:
        """Remove one case file and note it in the deletion log (copies elsewhere are not affected)."""
        path = self._path(case_id)
        self.deletions()  # a damaged log stops the deletion before anything is removed
        try:
            path.unlink()
        except FileNotFoundError:
            raise VaultError(
                f"Casus {case_id} bestaat niet.", "Bekijk de casussen met 'signaleer cases list'."
            ) from None
        fsync_dir(self.folder)
        self._log([audit.entry("verwijderd", case_id, reason)])

    def deletions(self) -> builtins.list[audit.AuditEntry]:
        """The deletion log, oldest first."""
        return audit.read(self.folder, self._identity)

    def _log(self, entries: builtins.list[audit.AuditEntry]) -> None:
        try:
            audit.append(self.folder, self._identity, self._recipients, entries)
        except OSError as exc:
            raise VaultError(
                f"De casus is verwijderd, maar het verwijderlog kon niet worden bijgewerkt ({exc.strerror}).",
                "Noteer zelf welke casus je verwijderde en meld het aan je aandachtsfunctionaris.",
            ) from None

    def reencrypt(self, lock: AbstractContextManager[object] | None = None) -> tuple[int, builtins.list[FileProblem]]:
        """Encrypt every case file (and the deletion log) anew to the current recipients, content unchanged.

        Run after the organisation keys changed: a new key can then read the existing cases (a hand-over), and a
        removed key cannot read the new versions. Each file is rewritten atomically; unreadable files are left as
        they are and reported. ``lock`` is held around each file, so a save of the same case cannot interleave.
        Returns the number of files rewritten and the problems.
        """
        done, problems = 0, []
        names = sorted(os.listdir(self.folder)) if self.folder.is_dir() else []
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
                write_atomic(path, _age.encrypt(plain, self._recipients))
            done += 1
        return done, problems

    def exists(self, case_id: str) -> bool:
        """True when a case file with this id is in the vault (readable or not)."""
        return self._path(case_id).is_file()

    def expired(self, older_than_days: int, today: dt.date | None = None) -> builtins.list[CaseSummary]:
        """The readable cases last changed more than ``older_than_days`` days before ``today``."""
        if older_than_days < 0:
            raise VaultError("Het aantal dagen kan niet negatief zijn.", "Geef 0 of meer dagen op.")
        cutoff = (today or dt.date.today()) - dt.timedelta(days=older_than_days)
        return [s for s in self.list(today).summaries if s.updated_at.date() < cutoff]

    def purge(self, older_than_days: int, today: dt.date | None = None) -> builtins.list[str]:
        """Delete the cases last changed more than ``older_than_days`` days ago; return their ids."""
        expired = sorted(summary.id for summary in self.expired(older_than_days, today))
        if expired:
            self.deletions()  # a damaged log stops the purge before anything is removed
        for case_id in expired:
            self._path(case_id).unlink(missing_ok=True)
        if expired:
            fsync_dir(self.folder)
            reason = f"bewaartermijn: langer dan {older_than_days} dagen niet gewijzigd"
            self._log([audit.entry("opgeschoond", case_id, reason) for case_id in expired])
        return expired

    def _path(self, case_id: str) -> Path:
        name = f"{case_id}{CASE_SUFFIX}"
        if not CASE_NAME.match(name):
            raise VaultError(
                f"{case_id!r} is geen geldig casusnummer.", "Een casusnummer bestaat uit 16 tekens 0-9 en a-f."
            )
        return self.folder / name

    def _decrypt(self, path: Path) -> bytes:
        try:
            with open(path, "rb") as handle:
                data = handle.read(MAX_CASE_FILE_BYTES + 1)
        except FileNotFoundError:
            raise VaultError(
                f"Casus {path.stem} bestaat niet.", "Bekijk de casussen met 'signaleer cases list'."
            ) from None
        except OSError as exc:
            raise CaseFileUnreadable(path.name, f"het bestand kan niet worden gelezen ({exc.strerror}).") from None
        if len(data) > MAX_CASE_FILE_BYTES:
            raise CaseFileUnreadable(path.name, "het bestand is te groot voor een casus.")
        if not data.startswith(_age.AGE_HEADER):
            raise CaseFileUnreadable(path.name, "dit is geen versleuteld age-bestand.")
        try:
            return self._identity.decrypt(data)
        except _age.AgeError as exc:
            if _age.is_foreign(exc):
                reason = "niet versleuteld voor deze kluis, of de kop is beschadigd."
            else:
                reason = "beschadigd of afgekapt; het kan niet worden ontsleuteld."
            raise CaseFileUnreadable(path.name, reason) from None
        except BaseException as exc:  # a panic in the age parser is a damaged file, not a crash
            if isinstance(exc, KeyboardInterrupt | SystemExit | GeneratorExit | MemoryError):
                raise
            raise CaseFileUnreadable(path.name, "beschadigd; het kan niet worden ontsleuteld.") from None

    @staticmethod
    def _drop_if_stale(path: Path) -> None:
        """Remove a leftover temp file of an interrupted write (ciphertext only) after an hour."""
        with contextlib.suppress(OSError):
            if time.time() - path.stat().st_mtime > STALE_TEMP_SECONDS:
                path.unlink()


def display_order(today: dt.date) -> Callable[[CaseSummary], tuple[bool, bool, dt.date, float]]:
    """Sort key: open before closed, overdue first, then by due date, then most recently changed."""

    def key(summary: CaseSummary) -> tuple[bool, bool, dt.date, float]:
        overdue = not summary.closed and summary.due is not None and summary.due < today
        return (summary.closed, not overdue, summary.due or dt.date.max, -summary.updated_at.timestamp())

    return key
