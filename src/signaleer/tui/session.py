"""The unlocked vault of one session: the identity, the case store and the save queue. No Textual here.

What the App does with the vault that needs no screen lives here too, so it is tested without starting Textual
(``tests/unit/test_tui_session.py``): opening (and why it failed), deleting, saving the queue, comparing the
organisation recipients and re-encrypting. Those return a ``Notice`` (text, severity, how long) that the App only
shows.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from signaleer.errors import SignaleerError, VaultBusy, VaultError
from signaleer.i18n import t
from signaleer.tui.saver import CaseSaver, failure_text

if TYPE_CHECKING:
    from signaleer.domain.case import Case, CaseSummary
    from signaleer.domain.content import Content
    from signaleer.vault.keys import Identity
    from signaleer.vault.lock import VaultLock
    from signaleer.vault.store import CaseListing, CaseStore, FileProblem

Severity = Literal["information", "warning", "error"]
"""How a notice is shown (the values of Textual's ``SeverityLevel``)."""


@dataclass(frozen=True)
class Notice:
    """A message for the person, in the interface language; never case content."""

    text: str
    severity: Severity = "information"
    timeout: float = 10.0
    """Seconds it stays on the screen."""

    @property
    def ok(self) -> bool:
        """False for an error."""
        return self.severity != "error"


@dataclass(frozen=True)
class HandoverRequest:
    """What the hand-over dialog asked (docs/overdracht.md); ``VaultSession.hand_over`` checks it again."""

    to_recipient: str
    """The receiver's public key (``age1…``)."""
    to_label: str
    """The receiver's name or role, for the timeline."""
    from_label: str
    """The professional's own name or role, as the receiver sees it."""
    keep: bool
    """Keep the own copy (True) or delete it through the deletion log (False)."""
    output: Path
    """The hand-over file to write."""


Stamp = int
"""A file's modification time (ns) and size in one exact number (``stamp``): when both are unchanged, so is what
``CaseStore.listing`` read. One int, not a tuple of two: the list keeps one per case (10,000 cases: 1 MiB less)."""


def stamp(info: os.stat_result) -> Stamp:
    """``info``'s modification time and size, both recoverable: the size takes the low 64 bits."""
    return (info.st_mtime_ns << 64) | info.st_size


@dataclass
class _Listed:
    """What the last full ``CaseStore.listing`` read, kept up to date with this session's own saves."""

    stamps: dict[str, Stamp]
    """Every file the listing saw (cases and problems), by file name."""
    summaries: dict[str, CaseSummary] = field(default_factory=dict)
    """Readable cases, by file name."""
    problems: dict[str, FileProblem] = field(default_factory=dict)
    """Skipped files, by file name."""


def _stamps(folder: Path) -> dict[str, Stamp]:
    """Name → stamp of every file ``CaseStore.listing`` looks at (no key files, no temp files of a write)."""
    from signaleer.fsio import is_temp_name
    from signaleer.vault.store import KEY_FILES

    stamps: dict[str, Stamp] = {}
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return stamps
    for entry in entries:
        if entry.name in KEY_FILES or is_temp_name(entry.name):
            continue
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        stamps[entry.name] = stamp(info)
    return stamps


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
        self._listed: _Listed | None = None
        self._listed_lock = threading.Lock()
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

    def try_open(self, identity: Identity, org_recipients: list[str]) -> str | None:
        """``open``, or why it could not (open in another signaleer, a disk error); nothing is kept then."""
        try:
            self.open(identity, org_recipients)
        except (VaultBusy, OSError) as exc:
            self.close()
            return exc.render() if isinstance(exc, VaultBusy) else failure_text(exc)
        return None

    def read_only_notice(self) -> Notice | None:
        """The warning that changes cannot be saved, when the vault folder is read-only."""
        if self.read_only is None:
            return None
        return Notice(t("vault.read_only", error=failure_text(self.read_only)), "warning", 20)

    def set_recipients(self, org_recipients: list[str]) -> bool:
        """Encrypt the next saves to these organisation recipients as well.

        True when the vault is unlocked and the set of recipients changed: the existing cases must then be
        encrypted anew (``reencrypt_notice``), so a new key can read them and a removed one no longer can.
        """
        if self.identity is None or self.store is None:
            return False
        before = set(self.store.recipients)
        self._use(self.identity, org_recipients)
        return set(self.store.recipients) != before

    def save_queued(self) -> list[Notice]:
        """Write the queued cases one at a time (runs in a worker thread); a notice per failure, without content."""
        failures = self.saver.drain(self.write)
        return [Notice(t("save.failed", error=failure_text(exc)), "error", 15) for _case, exc in failures]

    def delete(self, case_id: str, reason: str) -> Notice:
        """Delete a case (noted in the deletion log; runs in a worker thread) and say how it went.

        Later saves of it are refused, so nothing brings it back; when the deletion fails they are accepted
        again. Wait for the saves already queued first (the App does, ``wait_for_saves``).
        """
        self.saver.drop(case_id)
        try:
            store = self.store
            if store is None:
                raise VaultError(t("vault.error.locked"), t("vault.error.locked.hint"))
            store.delete(case_id, reason)
        except SignaleerError as exc:
            self.saver.undrop(case_id)
            return Notice(t("case.delete_failed", error=exc.render()), "error", 15)
        return Notice(t("case.deleted"))

    def hand_over(self, case_id: str, request: HandoverRequest) -> Notice:
        """Hand a case over (runs in a worker thread): write the encrypted file, keep or delete the copy; how it went.

        Wait for the saves already queued first (the App does). A deleted copy is never saved again; when the
        hand-over fails, nothing changed and later saves are accepted again.
        """
        from signaleer import __version__
        from signaleer.advice_text import summarize
        from signaleer.domain.handover import short_recipient
        from signaleer.domain.snapshot import versions_used
        from signaleer.i18n import current_language
        from signaleer.vault import handover

        if not request.keep:
            self.saver.drop(case_id)
        try:
            store = self.store
            if store is None:
                raise VaultError(t("vault.error.locked"), t("vault.error.locked.hint"))
            content, lang = self.content(), current_language()
            with self.write_lock:
                done = handover.hand_over(
                    store,
                    case_id,
                    to_recipient=request.to_recipient,
                    to_label=request.to_label,
                    from_label=request.from_label,
                    keep=request.keep,
                    output=request.output,
                    summarize=lambda case: summarize(case, content, lang=lang),
                    versions=lambda case: versions_used(case, content),
                    app_version=__version__,
                )
        except (SignaleerError, OSError) as exc:
            if not request.keep:
                self.saver.undrop(case_id)
            error = exc.render() if isinstance(exc, SignaleerError) else failure_text(exc)
            return Notice(t("handover.failed", error=error), "error", 15)
        key = "handover.done_kept" if done.kept else "handover.done_deleted"
        label, short = done.receiver.label, short_recipient(done.receiver.recipient)
        return Notice(t(key, path=done.path, label=label, short=short), "information", 15)

    def reencrypt_notice(self) -> Notice:
        """``reencrypt`` (runs in a worker thread), and what to tell: how many, which were skipped, or why not."""
        try:
            done, problems = self.reencrypt()
        except SignaleerError as exc:
            return Notice(exc.render(), "error", 15)
        except OSError as exc:  # e.g. a full disk: the files written so far are whole, the rest unchanged
            return Notice(t("settings.reencrypt_failed", error=failure_text(exc)), "error", 15)
        text = t("settings.reencrypted", count=done)
        if problems:
            text += " " + t("settings.reencrypt_skipped", names=", ".join(problems))
        return Notice(text, "warning" if problems else "information", 10)

    def close(self) -> None:
        """Drop the identity and the store, and let go of the vault lock; failed saves stay queued."""
        self.identity = None
        self.store = None
        with self._listed_lock:
            self._listed = None  # the summaries name cases: not kept while locked
        vault_lock, self.vault_lock = self.vault_lock, None
        if vault_lock is not None:
            vault_lock.release()

    def write(self, case: Case) -> None:
        """Summarise and save one case (runs in a worker thread)."""
        from signaleer.advice_text import summarize
        from signaleer.i18n import current_language

        store = self.store
        if store is None:
            raise VaultError(t("vault.error.locked"), t("vault.error.locked.hint"))
        summary = summarize(case, self.content(), lang=current_language())
        with self.write_lock:
            store.save(case, summary)
            self._note_written(case.id, summary)

    def listing(self, today: dt.date | None = None) -> CaseListing:
        """The case list (runs in a worker thread), decrypting only when files changed behind this session's back.

        The first call decrypts every case (``CaseStore.listing``). Later calls compare each file's modification time
        and size with what was read, or with what this session wrote itself (``write`` notes it): unchanged files
        keep their summary, a removed file drops out, and any other change (a file added, replaced or changed by
        another program) reads the whole vault again. So a save during a walk costs no decryption of the vault.
        """
        from signaleer.vault.keys import CASE_SUFFIX
        from signaleer.vault.store import CaseListing, display_order

        store = self.store
        if store is None:
            raise VaultError(t("vault.error.locked"), t("vault.error.locked.hint"))
        stamps = _stamps(self.folder)  # before reading: a change made meanwhile shows as a change next time
        with self._listed_lock:
            listed = self._listed
            if listed is not None and all(listed.stamps.get(name) == stamp for name, stamp in stamps.items()):
                for gone in set(listed.stamps) - set(stamps):
                    del listed.stamps[gone]
                    listed.summaries.pop(gone, None)
                    listed.problems.pop(gone, None)
                summaries = sorted(listed.summaries.values(), key=display_order(today or dt.date.today()))
                return CaseListing(summaries, [listed.problems[name] for name in sorted(listed.problems)])
        # Not under the lock: saves go on meanwhile. A save now leaves its file's stamp newer than ``stamps``, so the
        # next call reads again; nothing stale is ever kept.
        listing = store.listing(today)
        fresh = _Listed(stamps)
        names = {name: name for name in stamps}  # key the summaries by the stamps' own strings, not by copies
        for summary in listing.summaries:
            name = f"{summary.id}{CASE_SUFFIX}"
            fresh.summaries[names.get(name, name)] = summary
        fresh.problems = {p.name: p for p in listing.problems}
        with self._listed_lock:
            if self.store is store:  # not locked meanwhile
                self._listed = fresh
        return listing

    def _note_written(self, case_id: str, summary: CaseSummary) -> None:
        """Remember what was just written, so ``listing`` need not decrypt it again."""
        from signaleer.vault.keys import CASE_SUFFIX

        name = f"{case_id}{CASE_SUFFIX}"
        with self._listed_lock:
            listed = self._listed
            if listed is None:
                return
            try:
                info = os.stat(self.folder / name, follow_symlinks=False)
            except OSError:
                return
            listed.stamps[name] = stamp(info)
            listed.summaries[name] = summary
            listed.problems.pop(name, None)

    def reencrypt(self) -> tuple[int, list[str]]:
        """Encrypt every case anew to the current recipients (runs in a worker thread); count and problem names."""
        store = self.store
        if store is None:
            raise VaultError(t("vault.error.locked"), t("vault.error.locked.hint"))
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
