"""Keys and signatures in the minisign format (py-minisign), interoperable with the ``minisign`` CLI.

A public key is the base64 line of a minisign ``.pub`` file (``RWQ…``): the algorithm ``Ed``, an 8-byte key id and
the Ed25519 key. The key id is shown as the CLI shows it (the 8 bytes read as a little-endian number, hex
digits in capitals, no leading zeros). A signature is the CLI's four-line ``.minisig`` text; both prehashed (``ED``, the CLI's default) and
plain (``Ed``) signatures verify.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
from dataclasses import dataclass

import minisign

from signaleer.i18n import t
from signaleer.pack import PackRefused

KDF_OPSLIMIT = 33_554_432
"""scrypt limits for a secret key made by ``signaleer pakket sleutel-maak`` (256 MiB, about a second)."""
KDF_MEMLIMIT = 268_435_456
MAX_KEY_FILE_BYTES = 4096
MAX_SIGNATURE_BYTES = 16 * 1024


def _decode(line: str, length: int) -> bytes | None:
    try:
        raw = base64.b64decode(line.strip(), validate=True)
    except (binascii.Error, ValueError):
        return None
    return raw if len(raw) == length else None


def key_id_text(key_id: bytes) -> str:
    """The key id as the minisign CLI prints it: hexadecimal, capitals, without leading zeros (``FAF35E32F5012EC``,
    so up to 16 digits; one key in 16 has fewer). A padded id would not match the ``.pub`` file's comment."""
    return f"{int.from_bytes(key_id, 'little'):X}"


def same_key_id(shown: str, typed: str) -> bool:
    """Whether ``typed`` (by a person: any case, with or without leading zeros) names the key id ``shown``."""
    try:
        return int(shown, 16) == int(typed.strip(), 16)
    except ValueError:
        return False


def public_key_line(text: str) -> str:
    """The base64 line of a public key given as that line or as the whole ``.pub`` file; ``PackRefused`` otherwise."""
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    if len(lines) == 2 and lines[0].startswith("untrusted comment:"):
        lines = lines[1:]
    raw = _decode(lines[0], 42) if len(lines) == 1 else None
    if raw is None or raw[:2] != b"Ed":
        raise PackRefused(t("pack.key.invalid"), t("pack.key.invalid.hint"))
    return lines[0]


def public_key_id(line: str) -> str:
    """The key id of a public key line (already checked by :func:`public_key_line` or the settings)."""
    raw = _decode(line, 42)
    if raw is None:
        raise PackRefused(t("pack.key.invalid"), t("pack.key.invalid.hint"))
    return key_id_text(raw[2:10])


def signature_key_id(signature: bytes) -> str:
    """The id of the key that made ``signature`` (a ``.minisig`` text); ``PackRefused`` when it is not one."""
    lines = signature.splitlines()
    raw = _decode(lines[1].decode("ascii", "replace"), 74) if len(lines) == 4 else None
    if raw is None or raw[:2] not in {b"Ed", b"ED"}:
        raise PackRefused(t("pack.signature.invalid"), t("pack.signature.invalid.hint"))
    return key_id_text(raw[2:10])


def verify(manifest: bytes, signature: bytes, trusted: list[str]) -> str:
    """The id of the trusted key whose signature over ``manifest`` verifies; ``PackRefused`` otherwise.

    Refused: no trusted key at all, a signature by a key that is not trusted, or one that does not match the
    manifest's bytes (a changed manifest, a changed signature).
    """
    if not trusted:
        raise PackRefused(t("pack.verify.no_keys"), t("pack.verify.no_keys.hint"))
    signer = signature_key_id(signature)
    keys = [line for line in trusted if public_key_id(line) == signer]
    if not keys:
        raise PackRefused(t("pack.verify.untrusted", key=signer), t("pack.verify.untrusted.hint"))
    try:
        parsed = minisign.Signature.from_bytes(signature)
    except minisign.Error:
        raise PackRefused(t("pack.signature.invalid"), t("pack.signature.invalid.hint")) from None
    for line in keys:
        try:
            minisign.PublicKey.from_base64(line).verify(manifest, parsed)
            return signer
        except minisign.Error:
            continue
    raise PackRefused(t("pack.verify.failed", key=signer), t("pack.verify.failed.hint"))


@dataclass
class SigningKey:
    """A decrypted secret key, wiped when the ``with`` block ends."""

    key: minisign.SecretKey

    @property
    def key_id(self) -> str:
        """The id of its public key."""
        return public_key_id(self.public_line)

    @property
    def public_line(self) -> str:
        """Its public key line."""
        line: bytes = self.key.get_public_key().to_base64()
        return line.decode("ascii")

    def sign(self, data: bytes, comment: str) -> bytes:
        """A ``.minisig`` text over ``data`` (prehashed, as the CLI does), with ``comment`` as trusted comment."""
        signature: bytes = bytes(self.key.sign(data, trusted_comment=comment))
        return signature + b"\n"

    def __enter__(self) -> SigningKey:
        return self

    def __exit__(self, *_: object) -> None:
        self.key.wipe()


def secret_key_encrypted(raw: bytes) -> bool:
    """Whether the secret key file ``raw`` needs a password; ``PackRefused`` when it is no minisign secret key."""
    with _parse_secret(raw) as key:
        encrypted: bool = key.is_encrypted()
    return encrypted


def _parse_secret(raw: bytes) -> minisign.SecretKey:
    try:
        return minisign.SecretKey.from_bytes(raw)
    except (minisign.Error, ValueError):
        raise PackRefused(t("pack.secret.invalid"), t("pack.secret.invalid.hint")) from None


def open_secret_key(raw: bytes, password: str | None) -> SigningKey:
    """The secret key in ``raw`` (a minisign ``.key`` file), decrypted with ``password`` when it has one."""
    key = _parse_secret(raw)
    try:
        if key.is_encrypted():
            if password is None:
                raise PackRefused(t("pack.secret.needs_password"), t("pack.secret.needs_password.hint"))
            key.decrypt(password)
    except minisign.Error:
        key.wipe()
        raise PackRefused(t("pack.secret.wrong_password"), t("pack.secret.wrong_password.hint")) from None
    except BaseException:
        key.wipe()
        raise
    return SigningKey(key)


def new_key_pair(password: str | None) -> tuple[bytes, bytes, str]:
    """A new key pair: the secret key file (encrypted with ``password`` unless None), the public key file, the id."""
    pair = minisign.KeyPair.generate()
    with pair.secret_key as secret:
        if password is not None:
            secret.encrypt(password, opslimit=KDF_OPSLIMIT, memlimit=KDF_MEMLIMIT)
        secret_bytes: bytes = bytes(secret) + b"\n"
    line = pair.public_key.to_base64().decode("ascii")
    key_id = public_key_id(line)
    public = f"untrusted comment: minisign public key {key_id}\n{line}\n".encode("ascii")
    return secret_bytes, public, key_id


def trusted_comment(version: str, day: dt.date) -> str:
    """The signed comment of a pack signature: what it is, in ASCII (a minisign comment allows no more)."""
    return f"signaleer-pakket versie:{version} datum:{day.isoformat()}"
