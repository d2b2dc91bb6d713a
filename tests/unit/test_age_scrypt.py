"""``_age_scrypt`` against the official age test vectors (C2SP/CCTV) and the ``age`` CLI's view of the format."""

from __future__ import annotations

import hashlib
import subprocess
import sys
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from signaleer.vault import _age_scrypt as age

VECTORS = Path(__file__).parent / "age_vectors"


@dataclass
class Vector:
    name: str
    expect: str
    data: bytes
    payload: str | None = None
    file_key: bytes | None = None
    passphrases: list[str] = field(default_factory=list)
    identities: list[str] = field(default_factory=list)
    armored: bool = False


def load(path: Path) -> Vector:
    raw = path.read_bytes()
    head, _, body = raw.partition(b"\n\n")
    vector = Vector(path.name, "", body)
    for line in head.decode("utf-8").splitlines():
        key, _, value = line.partition(": ")
        if key == "expect":
            vector.expect = value
        elif key == "payload":
            vector.payload = value
        elif key == "file key":
            vector.file_key = bytes.fromhex(value)
        elif key == "passphrase":
            vector.passphrases.append(value)
        elif key == "identity":
            vector.identities.append(value)
        elif key == "armored":
            vector.armored = value == "yes"
        elif key == "compressed":
            assert value == "zlib"
            vector.data = zlib.decompress(body)
    return vector


ALL = sorted((load(p) for p in VECTORS.iterdir() if p.name != "README.md"), key=lambda v: v.name)
PASSPHRASE_ONLY = [v for v in ALL if v.passphrases and (not v.identities or v.name.startswith("scrypt"))]
"""The vectors for a passphrase: every scrypt rule, incl. "a scrypt stanza must be alone" next to an X25519 one."""
EXPECTED_ERROR: dict[str, type[Exception]] = {
    "header failure": age.AgeFormatError,
    "armor failure": age.ArmorError,
    "no match": age.NoMatch,
    "HMAC failure": age.HeaderMacMismatch,
    "payload failure": age.PayloadDamaged,
}


def test_the_vectors_are_all_there() -> None:
    assert len(ALL) == 143 and len(PASSPHRASE_ONLY) == 26
    assert {v.expect for v in ALL} == {"success", *EXPECTED_ERROR}


@pytest.mark.parametrize("vector", PASSPHRASE_ONLY, ids=lambda v: v.name)
def test_every_scrypt_vector_decrypts_or_fails_as_the_spec_says(vector: Vector) -> None:
    if vector.expect == "success":
        plaintext = age.decrypt(vector.data, vector.passphrases[0].encode())
        assert hashlib.sha256(plaintext).hexdigest() == vector.payload
        return
    for passphrase in vector.passphrases:
        with pytest.raises(EXPECTED_ERROR[vector.expect]):
            age.decrypt(vector.data, passphrase.encode())


KEY_VECTORS = [
    v
    for v in ALL
    if v.identities
    and v not in PASSPHRASE_ONLY
    and v.file_key is not None
    and (v.expect in {"success", "HMAC failure", "payload failure", "armor failure"} or v.expect == "header failure")
    and not (v.expect == "header failure" and v.name.startswith(("x25519", "hybrid", "armor_x25519", "armor_hybrid")))
]
"""Vectors for other recipient types: header, MAC, STREAM and armor with the vector's file key.

Header failures specific to X25519 or ML-KEM stanzas (a low-order share, a long share) are left out: this
module unwraps only scrypt stanzas, so for those the generic parse rightly succeeds.
"""


@pytest.mark.parametrize("vector", KEY_VECTORS, ids=lambda v: v.name)
def test_header_mac_stream_and_armor_vectors_with_the_file_key(vector: Vector) -> None:
    assert vector.file_key is not None

    def run() -> bytes:
        data = age.dearmor(vector.data) if vector.armored else vector.data
        return age.decrypt_with_file_key(age.parse(data), vector.file_key or b"")

    if vector.expect == "success":
        assert hashlib.sha256(run()).hexdigest() == vector.payload
    else:
        with pytest.raises(EXPECTED_ERROR[vector.expect]):
            run()


@pytest.mark.parametrize("size", [0, 1, age.CHUNK_BYTES - 1, age.CHUNK_BYTES, age.CHUNK_BYTES + 1, 3 * age.CHUNK_BYTES])
def test_encrypt_then_decrypt_round_trips_at_every_chunk_boundary(size: int) -> None:
    plaintext = bytes(range(256)) * (size // 256) + b"x" * (size % 256)
    sealed = age.encrypt(plaintext, b"een wachtwoordzin", 4)
    assert sealed.startswith(b"age-encryption.org/v1\n-> scrypt ")
    assert age.work_factor_of(sealed) == 4
    assert age.decrypt(sealed, b"een wachtwoordzin") == plaintext
    with pytest.raises(age.NoMatch):
        age.decrypt(sealed, b"een andere zin")


def test_a_changed_header_or_payload_is_damage_not_a_wrong_passphrase() -> None:
    sealed = age.encrypt(b"geheim", b"zin", 4)
    header_end = sealed.index(b"\n---") + 1
    mac_at = header_end + 4
    other_mac = sealed[:mac_at] + (b"B" if sealed[mac_at : mac_at + 1] == b"A" else b"A") + sealed[mac_at + 1 :]
    with pytest.raises(age.HeaderMacMismatch):
        age.decrypt(other_mac, b"zin")
    with pytest.raises(age.PayloadDamaged):
        age.decrypt(sealed[:-1] + bytes([sealed[-1] ^ 1]), b"zin")
    with pytest.raises(age.PayloadDamaged):
        age.decrypt(sealed[:-5], b"zin")
    with pytest.raises(age.WorkFactorTooHigh):
        age.decrypt(sealed[:header_end].replace(b" 4\n", b" 30\n") + sealed[header_end:], b"zin")


def test_a_work_factor_outside_age_limits_is_refused_when_writing() -> None:
    for factor in (0, 23):
        with pytest.raises(ValueError, match="work factor"):
            age.encrypt(b"x", b"zin", factor)


def test_the_app_process_does_not_load_cryptography() -> None:
    """The header is read in the app process, the crypto only in the unlock worker: importing the app, the unlock
    screen and ``keys``, and reading a file's work factor, leave ``cryptography`` (~6.7 MiB resident) unloaded.
    Decrypting loads it (so the check can fail)."""
    sealed = age.encrypt(b"x", b"pw", 2).hex()
    code = (
        "import sys, signaleer.tui.app, signaleer.tui.screens.unlock, signaleer.vault.keys\n"
        "from signaleer.vault import _age_scrypt\n"
        f"data = bytes.fromhex('{sealed}')\n"
        "assert _age_scrypt.work_factor_of(data) == 2\n"
        "assert 'cryptography' not in sys.modules, sorted(m for m in sys.modules if m.startswith('cryptography'))\n"
        "assert _age_scrypt.decrypt(data, b'pw') == b'x'\n"
        "assert 'cryptography' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)
