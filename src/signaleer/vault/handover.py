"""An encrypted hand-over: one case in one age file for one colleague's vault, and the organisation keys.

The file is encrypted (X25519, the same age format as the case files) to the receiver's public key and to the
sender's organisation keys (``org_recipients``), and to nobody else: the sender's own copy stays in the sender's
vault, or is deleted. Inside is a :class:`~signaleer.domain.handover.HandoverFile` as JSON, padded like a case
file. ``age -d -i <receiver's key> FILE`` opens it too.

Both sides write the timeline first: the sender records the hand-over in the case before the file is made (the
file carries that entry), the receiver records where it came from before saving it in their vault. The hand-over
file is written atomically (``fsio.write_atomic``: a 0600 temp file, renamed); it is encrypted before anything
touches the disk, so no plain text is ever written. When the sender's vault cannot be updated afterwards, the
new file is removed again while the case is still in the vault: nothing half-done stays behind.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from signaleer.domain.case import Case, CaseSummary, ContentVersion
from signaleer.domain.changes import record_handover, record_received
from signaleer.domain.handover import FORMAT, FORMAT_VERSION, HandoverFile, HandoverParty
from signaleer.errors import UsageError, disk_error
from signaleer.fsio import NotRegularFile, fsync_dir, read_regular_file, write_atomic
from signaleer.i18n import t
from signaleer.vault import _age
from signaleer.vault.envelope import FORMAT as CASE_FORMAT
from signaleer.vault.envelope import PAD_TO
from signaleer.vault.store import CASE_NAME, MAX_CASE_FILE_BYTES, CaseStore

MAX_HANDOVER_BYTES = MAX_CASE_FILE_BYTES
"""A bigger file is no hand-over of ours; it is refused before it is read whole."""
DELETION_REASON = "handed_over"
"""The reason in the deletion log when the sender deletes their copy (a code, worded when shown)."""
MAX_LABEL = 120


class HandoverRefused(UsageError):
    """A hand-over that cannot be made or imported as asked; ``code`` names the rule (``vault.handover.<code>``)."""

    def __init__(self, code: str, /, **values: object) -> None:
        message = t(f"vault.handover.{code}", lang=None, **values)
        super().__init__(message, t(f"vault.handover.{code}.hint", lang=None, **values))
        self.code = code


@dataclass(frozen=True)
class HandedOver:
    """A hand-over file written."""

    path: Path
    """The file, absolute."""
    case_id: str
    pseudonym: str
    receiver: HandoverParty
    also_readable_by: list[str]
    """The organisation keys that can open it too."""
    kept: bool
    """True when the sender's copy stayed in the vault (with the hand-over in its timeline)."""


@dataclass(frozen=True)
class Received:
    """A hand-over imported into this vault."""

    case_id: str
    pseudonym: str
    sender: HandoverParty
    handed_over_at: dt.datetime
    replaced: bool
    """True when it replaced this vault's older copy of the same case."""
    restored: bool
    """True when the case was in this vault's deletion log and was taken back on purpose."""


def check_label(label: str, which: str) -> str:
    """``label`` stripped; refused when empty or longer than ``MAX_LABEL`` (``which``: ``to`` or ``from``)."""
    stripped = " ".join(label.split())
    if not stripped:
        raise HandoverRefused(f"empty_label.{which}")
    if len(stripped) > MAX_LABEL:
        raise HandoverRefused(f"long_label.{which}", max=MAX_LABEL)
    if not stripped.isprintable():
        raise HandoverRefused(f"control_label.{which}")
    return stripped


def check_recipient(recipient: str) -> str:
    """A receiver's public key, checked; refused with one line when it is no X25519 age key."""
    try:
        return _age.check_recipient(recipient)
    except _age.AgeError:
        raise HandoverRefused("bad_recipient", recipient=recipient.strip()[:80]) from None


def check_case_id(case_id: str) -> str:
    """``case_id`` when it is a case number (16 hex characters); it also names the default file."""
    if not CASE_NAME.match(f"{case_id}.age"):
        raise UsageError(t("vault.error.bad_case_id", case_id=repr(case_id)), t("vault.error.bad_case_id.hint"))
    return case_id


def check_output(output: Path, vault_folder: Path) -> Path:
    """Where the hand-over file goes (absolute): a new file in an existing folder, outside the vault."""
    path = output.expanduser().absolute()
    if os.path.lexists(path):
        raise HandoverRefused("output_exists", path=path)
    if not path.parent.is_dir():
        raise HandoverRefused("no_folder", folder=path.parent)
    if path.parent.resolve() == vault_folder.resolve():
        raise HandoverRefused("output_in_vault", folder=vault_folder)
    return path


def encode(handover: HandoverFile) -> bytes:
    """The padded JSON plaintext of a hand-over file."""
    body = json.dumps(handover.model_dump(mode="json"), ensure_ascii=False, indent=2).encode("utf-8") + b"\n"
    return body + b" " * (-len(body) % PAD_TO)


def decode(data: bytes, decrypt: Callable[[bytes], bytes]) -> HandoverFile:
    """Decrypt and read a hand-over file; every refusal is one ``HandoverRefused`` line, never its content."""
    if len(data) > MAX_HANDOVER_BYTES:
        raise HandoverRefused("too_large")
    if not data.startswith(_age.AGE_HEADER):
        raise HandoverRefused("not_age")
    try:
        plain = decrypt(data)
    except _age.AgeError as exc:
        raise HandoverRefused("not_for_you" if _age.is_foreign(exc) else "damaged") from None
    except BaseException as exc:  # a panic in the age parser is a damaged file, not a crash
        if isinstance(exc, KeyboardInterrupt | SystemExit | GeneratorExit | MemoryError):
            raise
        raise HandoverRefused("damaged") from None
    try:
        envelope: Any = json.loads(plain.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise HandoverRefused("not_handover") from None
    if not isinstance(envelope, dict):
        raise HandoverRefused("not_handover")
    if envelope.get("format") == CASE_FORMAT:
        raise HandoverRefused("case_file")
    if envelope.get("format") != FORMAT:
        raise HandoverRefused("not_handover")
    version = envelope.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise HandoverRefused("bad_version")
    if version > FORMAT_VERSION:
        raise HandoverRefused("newer_version", version=version)
    try:
        return HandoverFile.model_validate(envelope)
    except ValidationError as exc:  # the error text holds case content: report only where, never what
        first = exc.errors()[0]["loc"][:1]
        field = first[0] if first and first[0] in HandoverFile.model_fields else "?"
        raise HandoverRefused("invalid", field=field) from None


def read_handover_file(path: Path) -> bytes:
    """The bytes of a hand-over file: a regular file only, not too large; refused with one line otherwise."""
    try:
        data = read_regular_file(path, MAX_HANDOVER_BYTES)
    except FileNotFoundError:
        raise HandoverRefused("missing", path=path) from None
    except NotRegularFile as exc:
        raise HandoverRefused("not_regular", path=path, kind=exc.kind) from None
    except OSError as exc:
        raise disk_error(exc, t("vault.handover.what.read", path=path)) from exc
    if len(data) > MAX_HANDOVER_BYTES:
        raise HandoverRefused("too_large")
    if not data.startswith(_age.AGE_HEADER):
        raise HandoverRefused("not_age")
    return data


def hand_over(
    store: CaseStore,
    case_id: str,
    *,
    to_recipient: str,
    to_label: str,
    from_label: str,
    keep: bool,
    output: Path,
    summarize: Callable[[Case], CaseSummary],
    versions: Callable[[Case], list[ContentVersion]],
    app_version: str,
) -> HandedOver:
    """Hand ``case_id`` over: record it in the timeline, write the encrypted file, then keep or delete the copy.

    The file is encrypted to ``to_recipient`` and the store's organisation keys only. ``keep``: the case is saved
    with the hand-over in its timeline; otherwise it is deleted through ``CaseStore.delete`` (the deletion log
    says ``handed_over``). When that step fails while the case is still in the vault, the file is removed again.
    """
    to_label, from_label = check_label(to_label, "to"), check_label(from_label, "from")
    receiver = check_recipient(to_recipient)
    own, *org = store.recipients
    if receiver == own:
        raise HandoverRefused("own_recipient")
    path = check_output(output, store.folder)
    case = store.open(case_id)
    if case.pending_edits:  # a typed change still waiting for its reason: the receiver cannot give the sender's reason
        raise HandoverRefused("pending_edits", case_id=case.id)
    if not keep:
        store.deletions()  # a damaged log stops the deletion before anything is written
    moment = record_handover(case, to_label, receiver)
    also = [recipient for recipient in org if recipient != receiver]
    envelope = HandoverFile(
        handed_over_at=moment,
        sender=HandoverParty(label=from_label, recipient=own),
        receiver=HandoverParty(label=to_label, recipient=receiver),
        also_readable_by=also,
        app_version=app_version,
        content_versions=versions(case),
        case=case,
    )
    ciphertext = _age.encrypt(encode(envelope), [receiver, *also])
    summary = summarize(case) if keep else None
    try:
        write_atomic(path, ciphertext)
    except OSError as exc:
        raise disk_error(exc, t("vault.handover.what.write", path=path)) from exc
    try:
        if summary is not None:
            store.save(case, summary)
        else:
            store.delete(case.id, DELETION_REASON)
    except BaseException:
        if store.exists(case.id):  # the vault is as it was: take the file back too
            with contextlib.suppress(OSError):
                path.unlink()
                fsync_dir(path.parent)
        raise
    return HandedOver(path, case.id, case.pseudonym, envelope.receiver, also, keep)


def receive(
    store: CaseStore,
    data: bytes,
    *,
    replace: bool = False,
    restore: bool = False,
    summarize: Callable[[Case], CaseSummary],
) -> Received:
    """Import a hand-over file's case into ``store``, with 'received from' in its timeline.

    Refused (nothing written) when the file is not for this vault, damaged, of another format or a newer version;
    when this vault has the case already (``replace`` takes the file's version, but only when it contains every
    entry of this vault's timeline, so nothing recorded here is lost); and when the case is in this vault's
    deletion log (``restore`` takes it back on purpose; the log keeps its entry).
    """
    handover = decode(data, store.decrypt_file)
    if handover.receiver.recipient != store.recipients[0]:
        raise HandoverRefused("not_addressed", label=handover.receiver.label)
    case = handover.case
    exists = store.exists(case.id)
    if exists:
        if not replace:
            raise HandoverRefused("exists", case_id=case.id)
        if not _extends(case, store.open(case.id)):
            raise HandoverRefused("exists_changed", case_id=case.id)
    deleted = not exists and store.was_deleted(case.id)
    if deleted and not restore:
        raise HandoverRefused("was_deleted", case_id=case.id)
    record_received(case, handover.sender.label, handover.sender.recipient, handover.handed_over_at)
    store.save(case, summarize(case), revive=deleted)
    return Received(case.id, case.pseudonym, handover.sender, handover.handed_over_at, exists, deleted)


def _extends(incoming: Case, local: Case) -> bool:
    """True when ``local``'s timeline is the start of ``incoming``'s: replacing it loses no entry."""
    ours = [event.model_dump(mode="json") for event in local.timeline]
    theirs = [event.model_dump(mode="json") for event in incoming.timeline[: len(ours)]]
    return len(incoming.timeline) >= len(ours) and ours == theirs
