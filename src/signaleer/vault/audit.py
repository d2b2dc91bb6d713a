"""The deletion log: when which case file was removed and why, encrypted like the cases.

A local note is a working note; the organisation's dossier is the record. So notes are deleted after export
or after the retention period, and a privacy officer must be able to see that this happened. The log holds
only the random case id, the moment and a fixed reason: never a pseudonym or anything from the case.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from signaleer.errors import VaultError
from signaleer.fsio import NotRegularFile, read_regular_file, write_atomic
from signaleer.i18n import t
from signaleer.vault import _age
from signaleer.vault.keys import Identity

AUDIT_FILE = "verwijderlog.age"
"""The log's file name in the vault folder."""

UNREADABLE: tuple[type[Exception], ...] = (*_age.AgeError, ValueError, KeyError, TypeError)
"""What a damaged or foreign log raises while it is read."""

MAX_LOG_BYTES = 32 * 1024 * 1024
"""Far more than a lifetime of deletions; a bigger file is not our log."""

AuditAction = Literal["verwijderd", "opgeschoond"]
"""Deleted by the professional (after export), or purged after the retention period."""


@dataclass(frozen=True)
class AuditEntry:
    """One removed case file."""

    at: dt.datetime
    """When it was removed (local time, to the second)."""
    action: AuditAction
    """How it was removed."""
    case_id: str
    """The random id (the file name); says nothing about the young person."""
    reason: str
    """A fixed reason chosen by signaleer, never free text."""


def read(folder: Path, identity: Identity) -> list[AuditEntry]:
    """Every entry, oldest first; an empty list when nothing was ever removed."""
    path = folder / AUDIT_FILE
    try:
        data = read_regular_file(path, MAX_LOG_BYTES)
    except FileNotFoundError:
        return []
    except NotRegularFile as exc:
        raise VaultError(
            t("vault.error.log_not_regular", path=path, kind=exc.kind), t("vault.error.log_not_regular.hint")
        ) from None
    except OSError as exc:
        raise VaultError(
            t("vault.error.log_unreadable", path=path, cause=exc.strerror), t("vault.error.log_unreadable.hint")
        ) from None
    try:
        if len(data) > MAX_LOG_BYTES:
            raise ValueError(MAX_LOG_BYTES)  # caught below: a damaged log
        plain = identity.decrypt(data)
        rows = [json.loads(line) for line in plain.decode("utf-8").splitlines() if line.strip()]
        return [
            AuditEntry(
                at=dt.datetime.fromisoformat(row["at"]),
                action=row["action"],
                case_id=row["case_id"],
                reason=row["reason"],
            )
            for row in rows
        ]
    except UNREADABLE as exc:
        raise VaultError(
            t("vault.error.log_damaged", path=path, cause=type(exc).__name__), t("vault.error.log_damaged.hint")
        ) from None


def append(folder: Path, identity: Identity, recipients: list[str], entries: list[AuditEntry]) -> None:
    """Add ``entries`` to the log: decrypt, add, encrypt to ``recipients``, write atomically.

    This reads, adds and rewrites the whole file, so the caller must hold the vault lock
    (``CaseStore`` does): two deletions at once would otherwise each write back the log without the other.
    """
    if not entries:
        return
    lines = [_line(entry) for entry in [*read(folder, identity), *entries]]
    ciphertext = _age.encrypt(("\n".join(lines) + "\n").encode("utf-8"), recipients)
    write_atomic(folder / AUDIT_FILE, ciphertext)


def entry(action: AuditAction, case_id: str, reason: str) -> AuditEntry:
    """An entry stamped now."""
    return AuditEntry(dt.datetime.now().astimezone().replace(microsecond=0), action, case_id, reason)


def _line(item: AuditEntry) -> str:
    return json.dumps(
        {"at": item.at.isoformat(), "action": item.action, "case_id": item.case_id, "reason": item.reason}
    )
