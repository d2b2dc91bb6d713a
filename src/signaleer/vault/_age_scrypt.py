"""The age v1 file format for one passphrase (the ``scrypt`` recipient), from the spec, with vetted primitives.

Why not pyrage here: rage (behind pyrage) refuses at decryption any scrypt work factor more than about 4
above what it measures on the spot ("Excessive work parameter"), so a healthy identity.age failed to open
on a busy or slow laptop; and its encryption calibrates the factor to the machine it runs on, so a key made
on a fast PC may never open on a slow one. This module writes a fixed factor and reads any factor up to
``MAX_WORK_FACTOR`` (age's own limit), whatever the load.

It follows the age specification (C2SP age.md) exactly, so the ``age`` CLI reads what it writes with the
passphrase alone, and it passes the official test vectors (C2SP/CCTV, ``tests/unit/age_vectors``):

- header: ``age-encryption.org/v1``, stanzas ``-> type args…`` with a base64 body (no padding, canonical,
  lines of 64 columns, the last one shorter), then ``--- `` and the header MAC;
- scrypt stanza (the only stanza of its file): ``-> scrypt <salt> <logN>``; wrap key =
  scrypt(passphrase, salt = "age-encryption.org/v1/scrypt" ‖ salt, N = 2^logN, r = 8, p = 1, 32 bytes);
  the body is ChaCha20-Poly1305(wrap key, nonce 0, the 16-byte file key);
- header MAC = HMAC-SHA256(HKDF-SHA256(file key, salt "", info "header"), header up to and including ``---``);
- payload: a 16-byte nonce, key = HKDF-SHA256(file key, salt nonce, info "payload"), then STREAM: 64 KiB
  chunks, ChaCha20-Poly1305 with nonce = 11-byte big-endian counter ‖ 0x01 for the last chunk, else 0x00.

Primitives: ``hashlib.scrypt`` (OpenSSL; ``cryptography``'s Scrypt above 2 GiB of memory, where hashlib's
``maxmem`` cannot go), ``cryptography``'s ChaCha20-Poly1305 and HKDF, ``hmac``. Nothing is hand-rolled
below the format level.

``cryptography`` is imported on first use, not with this module: the app process only reads the header here (the
work factor, in ``keys``); the crypto runs in the unlock worker. Loading it costs the app ~6.7 MiB of resident
memory for nothing (``bench/bench_tmux.py``'s memory figure).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import os
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

VERSION_LINE = b"age-encryption.org/v1\n"
SCRYPT_LABEL = b"age-encryption.org/v1/scrypt"
ARMOR_BEGIN = b"-----BEGIN AGE ENCRYPTED FILE-----"
ARMOR_END = b"-----END AGE ENCRYPTED FILE-----"
MAX_WORK_FACTOR = 22
"""The highest scrypt logN read (age's limit: 2^22 needs 4 GiB and many seconds)."""
FILE_KEY_BYTES = 16
SALT_BYTES = 16
NONCE_BYTES = 16
TAG_BYTES = 16
CHUNK_BYTES = 64 * 1024
COLUMNS = 64
_HASHLIB_MAXMEM_LIMIT = 2**31 - 1
_LOG_N = re.compile(rb"[1-9][0-9]{0,2}")
_B64_CHARS = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")


class AgeFormatError(Exception):
    """The file is not a well-formed age file (header failure); the message says what, never a secret."""


class WorkFactorTooHigh(AgeFormatError):
    """The scrypt work factor is above ``MAX_WORK_FACTOR``: a foreign or damaged file, never ours."""


class NoMatch(Exception):
    """No stanza opens with this passphrase: a wrong passphrase (or a damaged wrapped key; age cannot tell)."""


class NotPassphraseFile(NoMatch):
    """The file has no scrypt stanza at all (it is encrypted to keys, not to a passphrase)."""


class HeaderMacMismatch(Exception):
    """The passphrase opened the file key but the header MAC does not match: the header was changed."""


class PayloadDamaged(Exception):
    """The payload does not decrypt all the way to its end: truncated or changed."""


class ArmorError(AgeFormatError):
    """The ASCII armor is malformed."""


class Header:
    """A parsed age header: its stanzas, the bytes its MAC covers, the MAC, and the payload after it."""

    __slots__ = ("mac", "mac_input", "payload", "stanzas")

    def __init__(self, stanzas: list[tuple[list[bytes], bytes]], mac_input: bytes, mac: bytes, payload: bytes):
        self.stanzas = stanzas
        """(arguments, body) of each recipient stanza; the first argument is the type."""
        self.mac_input = mac_input
        self.mac = mac
        self.payload = payload
        """Everything after the header: the nonce and the STREAM chunks."""


def _b64encode(data: bytes) -> bytes:
    return base64.b64encode(data).rstrip(b"=")


def _b64decode(text: bytes) -> bytes:
    """Strict base64: standard alphabet, no padding, canonical (the unused bits are zero)."""
    if any(byte not in _B64_CHARS for byte in text) or len(text) % 4 == 1:
        raise AgeFormatError("invalid base64")
    try:
        data = base64.b64decode(text + b"=" * (-len(text) % 4), validate=True)
    except binascii.Error:
        raise AgeFormatError("invalid base64") from None
    if _b64encode(data) != text:
        raise AgeFormatError("non-canonical base64")
    return data


def _read_line(data: bytes, pos: int) -> tuple[bytes, int]:
    end = data.find(b"\n", pos)
    if end < 0:
        raise AgeFormatError("header line without a line feed")
    return data[pos:end], end + 1


def parse(data: bytes) -> Header:
    """Parse the header (and the payload nonce's presence) of a binary age file; raises ``AgeFormatError``."""
    if not data.startswith(VERSION_LINE):
        raise AgeFormatError("not an age v1 file")
    pos = len(VERSION_LINE)
    stanzas: list[tuple[list[bytes], bytes]] = []
    while True:
        line_start = pos
        line, pos = _read_line(data, pos)
        if line.startswith(b"---"):
            if not line.startswith(b"--- "):
                raise AgeFormatError("malformed MAC line")
            mac = _b64decode(line[4:])
            if len(mac) != 32:
                raise AgeFormatError("malformed MAC")
            mac_input = data[: line_start + 3]
            break
        if not line.startswith(b"-> "):
            raise AgeFormatError("malformed stanza")
        args = line[3:].split(b" ")
        if not args or any(not arg or any(b < 0x21 or b > 0x7E for b in arg) for arg in args):
            raise AgeFormatError("malformed stanza arguments")
        body_lines: list[bytes] = []
        while True:
            body_line, pos = _read_line(data, pos)
            if len(body_line) > COLUMNS:
                raise AgeFormatError("stanza body line too long")
            body_lines.append(body_line)
            if len(body_line) < COLUMNS:
                break
        stanzas.append((args, _b64decode(b"".join(body_lines))))
    if not stanzas:
        raise AgeFormatError("no recipient stanza")
    payload = data[pos:]
    if len(payload) < NONCE_BYTES:
        raise AgeFormatError("payload nonce missing")
    return Header(stanzas, mac_input, mac, payload)


def dearmor(data: bytes) -> bytes:
    """The binary file inside ASCII armor (strict as age: 64 columns, canonical padding, LF or CRLF)."""
    text = data.strip(b" \t\r\n")
    lines = text.replace(b"\r\n", b"\n").split(b"\n")
    if len(lines) < 2 or lines[0] != ARMOR_BEGIN or lines[-1] != ARMOR_END:
        raise ArmorError("malformed armor")
    body = lines[1:-1]
    if not body or any(not line or len(line) > COLUMNS for line in body[:-1]) or len(body[-1]) > COLUMNS:
        raise ArmorError("malformed armor")
    if any(len(line) != COLUMNS for line in body[:-1]) or not body[-1] or len(body[-1]) % 4:
        raise ArmorError("malformed armor lines")
    joined = b"".join(body)
    try:
        decoded = base64.b64decode(joined, validate=True)
    except binascii.Error:
        raise ArmorError("invalid armor base64") from None
    if base64.b64encode(decoded) != joined:
        raise ArmorError("non-canonical armor")
    return decoded


def _derive(passphrase: bytes | bytearray, salt: bytes, log_n: int) -> bytes:
    n, r = 1 << log_n, 8
    needed = 128 * r * (n + 2) + 128 * r + 1024 * 1024  # OpenSSL's own bound (V, B) plus slack
    if needed <= _HASHLIB_MAXMEM_LIMIT:
        return hashlib.scrypt(bytes(passphrase), salt=SCRYPT_LABEL + salt, n=n, r=r, p=1, maxmem=needed, dklen=32)
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    return Scrypt(salt=SCRYPT_LABEL + salt, length=32, n=n, r=r, p=1).derive(bytes(passphrase))


def _chacha(key: bytes) -> ChaCha20Poly1305:
    from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

    return ChaCha20Poly1305(key)


def _hkdf(file_key: bytes, salt: bytes, info: bytes) -> bytes:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=info).derive(file_key)


def _header_mac(file_key: bytes, mac_input: bytes) -> bytes:
    return hmac.new(_hkdf(file_key, b"", b"header"), mac_input, hashlib.sha256).digest()


def work_factor_of(data: bytes) -> int:
    """The scrypt logN of a passphrase-encrypted age file (armored or not); raises ``AgeFormatError``/``NoMatch``."""
    salt_and_log_n = _scrypt_stanza(parse(_binary(data)))
    return salt_and_log_n[1]


def _binary(data: bytes) -> bytes:
    return dearmor(data) if data.lstrip(b" \t\r\n").startswith(b"-----BEGIN") else data


def _scrypt_stanza(header: Header) -> tuple[bytes, int, bytes]:
    """(salt, logN, body) of the file's scrypt stanza, checked as the spec says."""
    scrypt = [stanza for stanza in header.stanzas if stanza[0][0] == b"scrypt"]
    if not scrypt:
        raise NotPassphraseFile("no scrypt stanza")
    if len(header.stanzas) != 1:
        raise AgeFormatError("a scrypt stanza must be alone in the header")
    args, body = scrypt[0]
    if len(args) != 3:
        raise AgeFormatError("the scrypt stanza needs a salt and a work factor")
    salt = _b64decode(args[1])
    if len(salt) != SALT_BYTES:
        raise AgeFormatError("the scrypt salt must be 16 bytes")
    if not _LOG_N.fullmatch(args[2]):
        raise AgeFormatError("malformed scrypt work factor")
    log_n = int(args[2])
    if log_n > MAX_WORK_FACTOR:
        raise WorkFactorTooHigh(f"scrypt work factor {log_n} is above {MAX_WORK_FACTOR}")
    if len(body) != FILE_KEY_BYTES + TAG_BYTES:
        raise AgeFormatError("the scrypt stanza body must hold a 16-byte file key")
    return salt, log_n, body


def unwrap_file_key(header: Header, passphrase: bytes | bytearray) -> bytes:
    """The file key from the scrypt stanza; raises ``AgeFormatError``, ``NoMatch``."""
    salt, log_n, body = _scrypt_stanza(header)
    wrap_key = _derive(passphrase, salt, log_n)
    from cryptography.exceptions import InvalidTag

    try:
        return _chacha(wrap_key).decrypt(b"\x00" * 12, body, None)
    except InvalidTag:
        raise NoMatch("the passphrase does not open the scrypt stanza") from None


def decrypt_with_file_key(header: Header, file_key: bytes) -> bytes:
    """Check the header MAC and decrypt the whole payload; raises ``HeaderMacMismatch``, ``PayloadDamaged``."""
    if not hmac.compare_digest(_header_mac(file_key, header.mac_input), header.mac):
        raise HeaderMacMismatch("header MAC mismatch")
    nonce, stream = header.payload[:NONCE_BYTES], header.payload[NONCE_BYTES:]
    from cryptography.exceptions import InvalidTag

    aead = _chacha(_hkdf(file_key, nonce, b"payload"))
    sealed_chunk = CHUNK_BYTES + TAG_BYTES
    if not stream:
        raise PayloadDamaged("no payload chunk")
    parts: list[bytes] = []
    counter, pos = 0, 0
    while True:
        chunk = stream[pos : pos + sealed_chunk]
        last = pos + sealed_chunk >= len(stream)
        if len(chunk) < TAG_BYTES:
            raise PayloadDamaged("truncated chunk")
        try:
            plain = aead.decrypt(counter.to_bytes(11, "big") + (b"\x01" if last else b"\x00"), chunk, None)
        except InvalidTag:
            raise PayloadDamaged(f"chunk {counter} does not decrypt") from None
        if last and not plain and counter:
            raise PayloadDamaged("empty last chunk")
        parts.append(plain)
        if last:
            return b"".join(parts)
        counter, pos = counter + 1, pos + sealed_chunk


def decrypt(data: bytes, passphrase: bytes | bytearray) -> bytes:
    """Decrypt a passphrase-encrypted age file (binary or armored) at any factor up to ``MAX_WORK_FACTOR``.

    Raises ``AgeFormatError`` (incl. ``WorkFactorTooHigh``), ``NoMatch`` (wrong passphrase; ``NotPassphraseFile``
    when the file has no scrypt stanza), ``HeaderMacMismatch`` or ``PayloadDamaged``.
    """
    header = parse(_binary(data))
    file_key = unwrap_file_key(header, passphrase)
    return decrypt_with_file_key(header, file_key)


def encrypt(plaintext: bytes, passphrase: bytes | bytearray, work_factor: int) -> bytes:
    """Encrypt ``plaintext`` to ``passphrase`` as a binary age file with scrypt logN ``work_factor``."""
    if not 1 <= work_factor <= MAX_WORK_FACTOR:
        raise ValueError(f"the scrypt work factor must be 1 to {MAX_WORK_FACTOR}")
    file_key, salt = os.urandom(FILE_KEY_BYTES), os.urandom(SALT_BYTES)
    body = _chacha(_derive(passphrase, salt, work_factor)).encrypt(b"\x00" * 12, file_key, None)
    encoded = _b64encode(body)
    body_lines = [encoded[i : i + COLUMNS] for i in range(0, len(encoded), COLUMNS)]
    if not body_lines or len(body_lines[-1]) == COLUMNS:
        body_lines.append(b"")
    stanza = b"-> scrypt " + _b64encode(salt) + b" " + str(work_factor).encode("ascii") + b"\n"
    mac_input = VERSION_LINE + stanza + b"".join(line + b"\n" for line in body_lines) + b"---"
    header = mac_input + b" " + _b64encode(_header_mac(file_key, mac_input)) + b"\n"
    nonce = os.urandom(NONCE_BYTES)
    aead = _chacha(_hkdf(file_key, nonce, b"payload"))
    chunks = [plaintext[i : i + CHUNK_BYTES] for i in range(0, len(plaintext), CHUNK_BYTES)] or [b""]
    sealed = [
        aead.encrypt(index.to_bytes(11, "big") + (b"\x01" if index == len(chunks) - 1 else b"\x00"), chunk, None)
        for index, chunk in enumerate(chunks)
    ]
    return header + nonce + b"".join(sealed)
