"""A typed seam over pyrage (which ships no type information); the only module that imports it.

pyrage does the X25519 case files. The passphrase-wrapped identity.age is ``_age_scrypt``'s job: pyrage
refuses a scrypt work factor it estimates too slow under the current load and cannot be told otherwise.
"""

from __future__ import annotations

from typing import Protocol, cast

import pyrage  # type: ignore[import-untyped, unused-ignore]
from pyrage import x25519  # type: ignore[import-untyped, unused-ignore]

AGE_HEADER = b"age-encryption.org/v1\n"
SCRYPT_STANZA = b"-> scrypt "
ARMOR_HEADER = b"-----BEGIN AGE ENCRYPTED FILE-----"

AgeError: tuple[type[Exception], ...] = (
    pyrage.DecryptError,
    pyrage.EncryptError,
    pyrage.IdentityError,
    pyrage.RecipientError,
)
"""Everything pyrage raises for bad input."""


class Key(Protocol):
    """A pyrage X25519 identity (the secret stays inside pyrage's Rust memory)."""

    def to_public(self) -> object: ...


def generate_key() -> Key:
    """A fresh X25519 identity."""
    return cast(Key, x25519.Identity.generate())


def parse_key(secret: str) -> Key:
    """Parse an ``AGE-SECRET-KEY-1…`` line; raises one of ``AgeError``."""
    return cast(Key, x25519.Identity.from_str(secret.strip()))


def secret_of(key: Key) -> str:
    """The ``AGE-SECRET-KEY-1…`` text; only for wrapping it with a passphrase."""
    return str(key)


def recipient_of(key: Key) -> str:
    """The public ``age1…`` recipient of an identity."""
    return str(key.to_public())


def check_recipient(recipient: str) -> str:
    """Return ``recipient`` when it is a valid X25519 recipient; raises one of ``AgeError``."""
    return str(x25519.Recipient.from_str(recipient.strip()))


def encrypt(data: bytes, recipients: list[str]) -> bytes:
    """Encrypt ``data`` to every recipient (binary age format)."""
    parsed = [x25519.Recipient.from_str(recipient) for recipient in recipients]
    return cast(bytes, pyrage.encrypt(data, parsed))


def decrypt(data: bytes, key: Key) -> bytes:
    """Decrypt an age file with one identity; raises one of ``AgeError``."""
    return cast(bytes, pyrage.decrypt(data, [key]))


def is_foreign(error: Exception) -> bool:
    """True when no identity matched the file's recipients (or its header was damaged)."""
    return isinstance(error, pyrage.DecryptError) and "No matching keys" in str(error)
