"""Child process for the slow passphrase work (scrypt), so the caller's GIL stays free.

Reads one JSON request on stdin and writes one JSON reply on stdout. Secrets travel only over
these pipes: never in argv, the environment, a file or stderr.

identity.age is read and written by ``_age_scrypt`` (the age format from its spec), not by pyrage: rage
refuses a work factor it guesses too slow for the machine's current load, which made a healthy key look
damaged. Here any factor up to age's limit opens, however busy the machine is.

The passphrase is dropped as soon as the key is derived (see ``_passphrase_bytes``). Python cannot promise
more: the ``str`` the JSON parser made is immutable and stays in freed memory until it is reused, and
copies may exist in the caller. This process is short-lived, has core dumps disabled, and exits right after.
"""

from __future__ import annotations

import base64
import json
import sys
from typing import Any

from signaleer.vault import _age, _age_scrypt

SECRET_PREFIX = "AGE-SECRET-KEY-1"


class WorkerFailure(Exception):
    """A request that cannot be served; the message is a short code, never a secret."""


def identity_file_text(key: _age.Key) -> bytes:
    """The plain identity file (as ``age-keygen`` writes it) that identity.age wraps."""
    recipient = _age.recipient_of(key)
    lines = ["# signaleer: geheime sleutel van de kluis", f"# public key: {recipient}", _age.secret_of(key), ""]
    return "\n".join(lines).encode("ascii")


def secret_from_identity_text(text: bytes) -> str:
    """The ``AGE-SECRET-KEY-1…`` line of an identity file; raises ``WorkerFailure`` when absent."""
    try:
        lines = text.decode("ascii").splitlines()
    except UnicodeDecodeError:
        raise WorkerFailure("not_identity") from None
    secrets = [line.strip() for line in lines if line.strip().startswith(SECRET_PREFIX)]
    if len(secrets) != 1:
        raise WorkerFailure("not_identity")
    try:
        _age.parse_key(secrets[0])
    except _age.AgeError:
        raise WorkerFailure("not_identity") from None
    return secrets[0]


def _passphrase_bytes(request: dict[str, Any], field: str) -> bytearray:
    """The passphrase of ``field`` as UTF-8 in a buffer the caller wipes; the request drops its reference."""
    text = request.pop(field, None)
    if not isinstance(text, str):
        raise WorkerFailure("bad_request")
    encoded = bytearray(text.encode("utf-8"))
    del text
    return encoded


def _wipe(buffer: bytearray) -> None:
    buffer[:] = bytes(len(buffer))


def _unwrap(identity_file: bytes, secret_passphrase: bytearray) -> str:
    try:
        text = _age_scrypt.decrypt(identity_file, secret_passphrase)
    except _age_scrypt.NotPassphraseFile:
        raise WorkerFailure("not_identity") from None
    except _age_scrypt.NoMatch:
        raise WorkerFailure("wrong_passphrase") from None
    except _age_scrypt.WorkFactorTooHigh:
        raise WorkerFailure("work_factor") from None
    except (_age_scrypt.AgeFormatError, _age_scrypt.HeaderMacMismatch, _age_scrypt.PayloadDamaged):
        raise WorkerFailure("damaged") from None
    except MemoryError:
        raise WorkerFailure("out_of_memory") from None
    return secret_from_identity_text(text)


def _wrap(secret: str, secret_passphrase: bytearray, work_factor: int) -> bytes:
    try:
        return _age_scrypt.encrypt(identity_file_text(_age.parse_key(secret)), secret_passphrase, work_factor)
    except MemoryError:
        raise WorkerFailure("out_of_memory") from None


def _work_factor(request: dict[str, Any]) -> int:
    value = request.get("work_factor")
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= _age_scrypt.MAX_WORK_FACTOR:
        raise WorkerFailure("bad_request")
    return value


def handle(request: dict[str, Any]) -> dict[str, str]:
    """Serve one request: ``unlock``, ``wrap`` or ``rewrap``; every passphrase is wiped once used."""
    op = request.get("op")
    if op == "unlock":
        passphrase = _passphrase_bytes(request, "passphrase")
        try:
            secret = _unwrap(base64.b64decode(request["identity_file"]), passphrase)
        finally:
            _wipe(passphrase)
        return {"secret": secret}
    if op == "wrap":
        work_factor, passphrase = _work_factor(request), _passphrase_bytes(request, "passphrase")
        try:
            wrapped = _wrap(request["secret"], passphrase, work_factor)
        finally:
            _wipe(passphrase)
        return {"identity_file": base64.b64encode(wrapped).decode("ascii")}
    if op == "rewrap":
        work_factor = _work_factor(request)
        old, new = _passphrase_bytes(request, "old"), _passphrase_bytes(request, "new")
        try:
            secret = _unwrap(base64.b64decode(request["identity_file"]), old)
            _wipe(old)
            wrapped = _wrap(secret, new, work_factor)
            if _unwrap(wrapped, new) != secret:  # verify before the caller replaces the old file
                raise WorkerFailure("verify_failed")
        finally:
            _wipe(old)
            _wipe(new)
        return {"identity_file": base64.b64encode(wrapped).decode("ascii")}
    raise WorkerFailure("bad_request")


def main() -> int:
    """Read the request, write the reply; exit 0 on success, 1 with ``{"error": code}`` otherwise."""
    from signaleer.vault.hardening import disable_core_dumps

    disable_core_dumps()
    try:
        request = json.loads(sys.stdin.buffer.read())
        reply = handle(request)
    except WorkerFailure as exc:
        reply, status = {"error": str(exc)}, 1
    except Exception:  # never let a traceback (with secrets in it) reach stderr
        reply, status = {"error": "internal"}, 1
    else:
        status = 0
    sys.stdout.write(json.dumps(reply))
    sys.stdout.flush()
    return status


if __name__ == "__main__":
    sys.exit(main())
