"""Shared by the pack tests: a key, a small content folder, packs built (or forged) from real files."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import shutil
import tarfile
from pathlib import Path

from click.testing import CliRunner, Result

from signaleer.cli import main
from signaleer.pack.archive import build_archive, read_archive
from signaleer.pack.manifest import make_manifest
from signaleer.pack.signing import SigningKey, new_key_pair, open_secret_key, trusted_comment

ROOT = Path(__file__).resolve().parents[2]
DAY = dt.date(2026, 12, 1)


def invoke(args: list[str], stdin: str | None = None) -> Result:
    return CliRunner().invoke(main, args, input=stdin)


def make_key(folder: Path, name: str = "org") -> tuple[Path, Path]:
    """An unencrypted key pair on disk: (secret key file, public key file)."""
    secret, public, _ = new_key_pair(None)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.key").write_bytes(secret)
    (folder / f"{name}.pub").write_bytes(public)
    return folder / f"{name}.key", folder / f"{name}.pub"


def signing_key(secret: Path) -> SigningKey:
    return open_secret_key(secret.read_bytes(), None)


def content_folder(folder: Path, *, phone: str | None = None) -> Path:
    """A content folder with two of the bundled route files; ``phone`` changes a note so versions differ."""
    (folder / "meldroutes").mkdir(parents=True, exist_ok=True)
    for name in ("den_haag.yaml", "_sjabloon.yaml"):
        shutil.copy(ROOT / "meldroutes" / name, folder / "meldroutes" / name)
    if phone is not None:
        path = folder / "meldroutes" / "den_haag.yaml"
        path.write_text(path.read_text(encoding="utf-8") + f"# {phone}\n", encoding="utf-8")
    return folder


def forge(secret: Path, files: dict[str, bytes], version: str = "1.0", day: dt.date = DAY) -> bytes:
    """A pack signed with ``secret`` over ``files`` as they are: no check, as an attacker or a mistake would make."""
    manifest = make_manifest(files, version, day, "test").to_bytes()
    with signing_key(secret) as key:
        signature = key.sign(manifest, trusted_comment(version, day))
    return build_archive(manifest, signature, files)


def raw_tar(members: list[tuple[tarfile.TarInfo, bytes | None]]) -> bytes:
    """A tar with exactly ``members`` (any type, any name), for packs the builder would never make."""
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w", format=tarfile.GNU_FORMAT) as tar:
        for info, data in members:
            tar.addfile(info, io.BytesIO(data) if data is not None else None)
    return out.getvalue()


def member(name: str, data: bytes = b"", kind: bytes = tarfile.REGTYPE) -> tuple[tarfile.TarInfo, bytes | None]:
    info = tarfile.TarInfo(name)
    info.type = kind
    if kind == tarfile.REGTYPE:
        info.size = len(data)
        return info, data
    if kind == tarfile.SYMTYPE:
        info.linkname = "/etc/passwd"
    return info, None


def with_manifest_and_signature(pack: bytes, extra: list[tuple[tarfile.TarInfo, bytes | None]]) -> bytes:
    """``pack``'s signed manifest and signature, its files, then ``extra`` members."""
    contents = read_archive(pack, "x")
    members = [member("manifest.json", contents.manifest), member("manifest.json.minisig", contents.signature)]
    members += [member(name, data) for name, data in sorted(contents.files.items())]
    return raw_tar(members + extra)


def tree(folder: Path) -> dict[str, str]:
    """Every path under ``folder`` with its type, mode and (for files) sha256: to prove nothing changed."""
    found: dict[str, str] = {}
    if not folder.exists():
        return found
    for directory, subdirs, names in os.walk(folder):
        subdirs.sort()
        for name in sorted([*subdirs, *names]):
            path = Path(directory, name)
            st = path.lstat()
            digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""
            found[str(path.relative_to(folder))] = f"{st.st_mode:o} {digest}"
    return found
