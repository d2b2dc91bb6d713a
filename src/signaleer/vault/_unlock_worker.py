"""Child process for the slow passphrase work (scrypt), so the caller's GIL stays free.

Reads one JSON request on stdin and writes one JSON reply on stdout. Secrets travel only over
these pipes: never in argv, the environment, a file or stderr.
"""

from __future__ import annotations

import base64
import json
import sys
from typing import Any

from signaleer.vault import _age

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


def _unwrap(identity_file: bytes, secret_passphrase: str) -> str:
    try:
        text = _age.passphrase_decrypt(identity_file, secret_passphrase)
    except _age.AgeError as exc:
        raise WorkerFailure("wrong_passphrase" if _age.is_wrong_passphrase(exc) else "damaged") from None
    return secret_from_identity_text(text)


def _wrap(secret: str, secret_passphrase: str) -> bytes:
    return _age.passphrase_encrypt(identity_file_text(_age.parse_key(secret)), secret_passphrase)


def handle(request: dict[str, Any]) -> dict[str, str]:
    """Serve one request: ``unlock``, ``wrap`` or ``rewrap``."""
    op = request.get("op")
    if op == "unlock":
        secret = _unwrap(base64.b64decode(request["identity_file"]), request["passphrase"])
        return {"secret": secret}
    if op == "wrap":
        wrapped = _wrap(request["secret"], request["passphrase"])
        return {"identity_file": base64.b64encode(wrapped).decode("ascii")}
    if op == "rewrap":
        secret = _unwrap(base64.b64decode(request["identity_file"]), request["old"])
        wrapped = _wrap(secret, request["new"])
        if _unwrap(wrapped, request["new"]) != secret:  # verify before the caller replaces the old file
            raise WorkerFailure("verify_failed")
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
