"""The vault key: an X25519 identity wrapped with the user's passphrase in ``identity.age``.

The slow scrypt work runs in a child process (``_unlock_worker``), so the caller (the TUI) keeps
answering keys; the identity comes back over a pipe and lives in memory only.

The scrypt work factor is fixed, not measured on the machine: ``WORK_FACTOR`` (logN 18, age's default)
for every new or rewrapped key, so a vault made on a fast PC opens on a slow laptop, and any factor up
to age's limit (22) opens however busy the machine is (see ``_age_scrypt``).
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import NoReturn

from signaleer.errors import VaultError, WrongPassphrase
from signaleer.fsio import NotRegularFile, ensure_private_dir, fsync_dir, is_temp_name, read_regular_file, write_atomic
from signaleer.i18n import t
from signaleer.vault import _age, _age_scrypt

IDENTITY_FILE = "identity.age"
RECIPIENT_FILE = "recipient.txt"
CASE_SUFFIX = ".age"
WORKER_MODULE = "signaleer.vault._unlock_worker"
WORKER_TIMEOUT_SECONDS = 300
MAX_IDENTITY_BYTES = 64 * 1024
"""identity.age holds one wrapped key (a few hundred bytes); a larger file is not a vault key."""
WORK_FACTOR = 18
"""scrypt logN for new and rewrapped keys: age's default (2^18, 256 MiB, about a second).

Tests lower it for speed (``tests/conftest.py`` sets this module attribute for the test session, or they
pass ``work_factor=``); the tests that check the real factor restore 18. Never lower it in production.
"""


class Identity:
    """The unlocked vault key. It is never written anywhere in plain text; drop it to lock."""

    __slots__ = ("_key", "recipient")

    recipient: str
    """The public key (``age1…``) that every case file is encrypted to."""

    def __init__(self, key: _age.Key) -> None:
        self._key = key
        self.recipient = _age.recipient_of(key)

    @classmethod
    def from_secret(cls, secret: str) -> Identity:
        """An identity from its ``AGE-SECRET-KEY-1…`` text."""
        try:
            return cls(_age.parse_key(secret))
        except _age.AgeError:
            raise VaultError(t("vault.error.bad_key"), t("vault.error.restore_identity")) from None

    def decrypt(self, data: bytes) -> bytes:
        """Decrypt an age file encrypted to this identity; raises one of ``_age.AgeError``."""
        return _age.decrypt(data, self._key)

    def __repr__(self) -> str:
        return f"Identity(recipient={self.recipient!r})"

    def __reduce__(self) -> NoReturn:
        raise TypeError("Identity cannot be pickled: the key never leaves memory")


def vault_exists(folder: Path) -> bool:
    """True when ``folder`` holds identity.age: the vault key, or something in its place (a link, a FIFO) that
    unlocking then reports, so a new vault is never made over it."""
    return os.path.lexists(folder / IDENTITY_FILE)


def _factor(work_factor: int | None) -> int:
    factor = WORK_FACTOR if work_factor is None else work_factor
    if not 1 <= factor <= _age_scrypt.MAX_WORK_FACTOR:
        raise ValueError(f"work_factor must be 1 to {_age_scrypt.MAX_WORK_FACTOR}")
    return factor


def create_vault(folder: Path, passphrase: str, *, work_factor: int | None = None) -> Identity:
    """Create a new vault key in ``folder`` protected by ``passphrase``; refuses to overwrite one.

    ``work_factor`` is the scrypt logN of identity.age; None means ``WORK_FACTOR`` (18). Only tests pass less.
    """
    if vault_exists(folder):
        raise VaultError(t("vault.error.exists", folder=folder), t("vault.error.exists.hint"))
    ensure_private_dir(folder)
    key = _age.generate_key()
    factor = _factor(work_factor)
    request: dict[str, str | int] = {
        "op": "wrap",
        "secret": _age.secret_of(key),
        "passphrase": passphrase,
        "work_factor": factor,
    }
    del passphrase  # best effort: see _run_worker
    reply = _run_worker(request)
    identity = Identity(key)
    write_atomic(folder / RECIPIENT_FILE, f"{identity.recipient}\n".encode("ascii"))
    write_atomic(folder / IDENTITY_FILE, base64.b64decode(reply["identity_file"]))  # the commit point
    return identity


def unlock(folder: Path, passphrase: str) -> Identity:
    """Open the vault key with ``passphrase`` (blocks for the key derivation); raises ``WrongPassphrase``."""
    wrapped = _read_identity_file(folder)
    request: dict[str, str | int] = {
        "op": "unlock",
        "identity_file": base64.b64encode(wrapped).decode("ascii"),
        "passphrase": passphrase,
    }
    del passphrase  # best effort: see _run_worker
    reply = _run_worker(request)
    identity = Identity.from_secret(reply["secret"])
    _repair_recipient_file(folder, identity.recipient)
    return identity


def change_passphrase(folder: Path, old: str, new: str, *, work_factor: int | None = None) -> None:
    """Rewrap the vault key with ``new``; only identity.age changes, atomically, after a check.

    The new identity.age gets ``work_factor`` (None: ``WORK_FACTOR``), so an older key made with a factor
    measured on the machine (16 to 20 were seen) is brought to the fixed one.
    """
    wrapped = _read_identity_file(folder)
    encoded = base64.b64encode(wrapped).decode("ascii")
    request: dict[str, str | int] = {
        "op": "rewrap",
        "identity_file": encoded,
        "old": old,
        "new": new,
        "work_factor": _factor(work_factor),
    }
    del old, new  # best effort: see _run_worker
    reply = _run_worker(request)
    write_atomic(folder / IDENTITY_FILE, base64.b64decode(reply["identity_file"]))


def identity_work_factor(folder: Path) -> int:
    """The scrypt logN of the vault's identity.age (no passphrase needed); raises ``VaultError``."""
    try:
        return _age_scrypt.work_factor_of(_read_identity_file(folder))
    except (_age_scrypt.AgeFormatError, _age_scrypt.NoMatch):
        _raise_for("damaged")


def destroy_vault(folder: Path) -> None:
    """Delete everything signaleer keeps in the vault, key first: after this no case can be opened."""
    if not folder.is_dir():
        return
    identity_path = folder / IDENTITY_FILE
    if identity_path.is_file():
        _overwrite(identity_path)
        identity_path.unlink()
        fsync_dir(folder)
    for entry in list(os.scandir(folder)):
        if entry.is_file(follow_symlinks=False) and _is_vault_file(entry.name):
            os.unlink(entry.path)
    fsync_dir(folder)
    with contextlib.suppress(OSError):
        folder.rmdir()  # stays when foreign files remain


def _is_vault_file(name: str) -> bool:
    return name.endswith(CASE_SUFFIX) or name == RECIPIENT_FILE or is_temp_name(name)


def _overwrite(path: Path) -> None:
    """Overwrite a file with random bytes before unlinking it (best effort on SSDs and journals)."""
    size = path.stat().st_size
    with open(path, "r+b") as handle:
        handle.write(os.urandom(size))
        handle.flush()
        os.fsync(handle.fileno())


def _read_identity_file(folder: Path) -> bytes:
    path = folder / IDENTITY_FILE
    try:
        data = read_regular_file(path, MAX_IDENTITY_BYTES)  # a FIFO here would otherwise hang the unlock
    except FileNotFoundError:
        raise VaultError(t("vault.error.missing", folder=folder), t("vault.error.missing.hint")) from None
    except NotRegularFile as exc:
        raise VaultError(
            t("vault.error.identity_not_regular", file=IDENTITY_FILE, kind=exc.kind), t("vault.error.restore_identity")
        ) from None
    except OSError as exc:
        raise VaultError(
            t("vault.error.identity_unreadable", file=IDENTITY_FILE, cause=exc.strerror),
            t("vault.error.identity_unreadable.hint"),
        ) from None
    if len(data) > MAX_IDENTITY_BYTES or not (
        data.startswith(_age.AGE_HEADER + _age.SCRYPT_STANZA) or data.startswith(_age.ARMOR_HEADER)
    ):
        raise VaultError(t("vault.error.not_passphrase_key", file=IDENTITY_FILE), t("vault.error.restore_identity"))
    return data


def _repair_recipient_file(folder: Path, recipient: str) -> None:
    """recipient.txt is informational; rewrite it when it is missing or does not match the key."""
    path = folder / RECIPIENT_FILE
    with contextlib.suppress(OSError):
        if path.read_text(encoding="ascii").strip() == recipient:
            return
    with contextlib.suppress(OSError):
        write_atomic(path, f"{recipient}\n".encode("ascii"))


def _run_worker(request: dict[str, str | int]) -> dict[str, str]:
    """Run one request in a fresh Python process; secrets go over stdin and stdout only.

    The request's passphrases are dropped (from the dict, then the encoded copy) once the child has them.
    Best effort only: Python strings are immutable and cannot be wiped, so the memory they used stays
    until the allocator reuses it, and the caller may still hold its own reference.
    """
    payload = json.dumps(request).encode("utf-8")
    for field in ("passphrase", "old", "new"):
        request.pop(field, None)
    env = dict(os.environ)
    package_root = str(Path(__file__).resolve().parent.parent.parent)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [package_root, env.get("PYTHONPATH")]))
    try:
        done = subprocess.run(
            [sys.executable, "-P", "-m", WORKER_MODULE],
            input=payload,
            capture_output=True,
            env=env,
            timeout=WORKER_TIMEOUT_SECONDS,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        raise VaultError(t("vault.error.worker_failed"), t("vault.error.try_again")) from None
    finally:
        del payload
    try:
        reply: dict[str, str] = json.loads(done.stdout)
    except ValueError:
        reply = {"error": "internal"}
    if done.returncode == 0 and "error" not in reply:
        return reply
    _raise_for(reply.get("error", "internal"))


def _raise_for(code: str) -> NoReturn:
    """The error for a worker's reply code, in the current language (``vault.error.<code>``)."""
    if code == "wrong_passphrase":
        raise WrongPassphrase(t("vault.error.wrong_passphrase"), t("vault.error.wrong_passphrase.hint"))
    if code in {"damaged", "not_identity"}:
        raise VaultError(t("vault.error.damaged", file=IDENTITY_FILE), t("vault.error.damaged.hint"))
    if code == "work_factor":
        raise VaultError(
            t("vault.error.work_factor", file=IDENTITY_FILE, max=_age_scrypt.MAX_WORK_FACTOR),
            t("vault.error.work_factor.hint"),
        )
    if code == "out_of_memory":
        raise VaultError(t("vault.error.out_of_memory"), t("vault.error.out_of_memory.hint"))
    raise VaultError(t("vault.error.worker_failed.unchanged"), t("vault.error.try_again"))
