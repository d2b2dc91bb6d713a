"""The manifest of a pack: what it is, who made it, and the sha256 and size of every content file.

``manifest.json`` is the one file that is signed; the files are bound to it by their hashes. Its bytes are
deterministic (sorted keys, two-space indent, one trailing newline), so building the same folder twice with the
same version, date and author gives the same manifest, and the same signature checks both.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from typing import Annotated, Final, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from signaleer.i18n import t
from signaleer.pack import PackRefused

FORMAT: Final = "signaleer-pakket"
SCHEMA_VERSION: Final = 1
MANIFEST_NAME = "manifest.json"
SIGNATURE_NAME = "manifest.json.minisig"
MAX_FILES = 2000
MAX_FILE_BYTES = 4 * 1024 * 1024
"""One content file: the largest bundled file is far below this."""
MAX_MANIFEST_BYTES = 1024 * 1024
MAX_PACK_BYTES = 64 * 1024 * 1024
"""All content files together; a pack is refused above this (a tar bomb cannot fill the disk)."""

VERSION_PATTERN = r"^[0-9]{1,9}(\.[0-9]{1,9}){0,3}$"
"""A pack version: one to four numbers with dots (``2026.12``, ``1.4.0``), compared number by number."""

_PART = r"[A-Za-z0-9_-][A-Za-z0-9._-]{0,99}"
PATH_PATTERN = rf"^(checklists|meldroutes)/({_PART}/){{0,4}}{_PART}\.(yaml|yml|md)$"
"""A content file's path in a pack: under checklists/ or meldroutes/, no part starting with a dot (so no ``..``),
no absolute path, no backslash, ASCII only."""

Version = Annotated[str, StringConstraints(pattern=VERSION_PATTERN)]
ContentPath = Annotated[str, StringConstraints(pattern=PATH_PATTERN, max_length=200)]
Author = Annotated[str, StringConstraints(pattern=r"^[^\x00-\x1f\x7f]*$", min_length=1, max_length=200)]


def version_key(version: str) -> tuple[int, int, int, int]:
    """``version`` as four numbers (missing ones are 0): ``2026.12`` == ``2026.12.0`` < ``2026.12.1``."""
    parts = [int(part) for part in version.split(".")]
    padded = [*parts, 0, 0, 0, 0][:4]
    return (padded[0], padded[1], padded[2], padded[3])


def check_version(version: str) -> str:
    """``version`` when it is a valid pack version, else ``PackRefused`` saying what one looks like."""
    if not re.fullmatch(VERSION_PATTERN, version):
        raise PackRefused(t("pack.version.invalid", version=version), t("pack.version.invalid.hint"))
    return version


class PackFile(BaseModel):
    """One content file of the pack."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)

    pad: ContentPath
    """Its path in the pack, e.g. ``meldroutes/enschede.yaml``."""
    sha256: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
    """The SHA-256 of its bytes, 64 lowercase hex digits."""
    grootte: Annotated[int, Field(ge=0, le=MAX_FILE_BYTES)]
    """Its size in bytes."""


class Manifest(BaseModel):
    """``manifest.json`` of a signaleer content pack: signed (minisign) by the organisation, checked on install."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)

    formaat: Literal["signaleer-pakket"]
    """Always ``signaleer-pakket``."""
    schema_versie: Literal[1]
    """The version of this manifest format; a laptop refuses one it does not know."""
    versie: Version
    """The pack's version: one to four numbers with dots, compared number by number; must rise with every pack."""
    datum: dt.date
    """The pack's date (ISO)."""
    auteur: Author
    """Who made the pack (name or role)."""
    bestanden: Annotated[list[PackFile], Field(min_length=1, max_length=MAX_FILES)]
    """Every content file of the pack, sorted by path; the pack holds no other file."""

    def to_bytes(self) -> bytes:
        """The deterministic bytes that are signed."""
        data = self.model_dump(mode="json")
        return (json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8")


def make_manifest(files: dict[str, bytes], version: str, day: dt.date, author: str) -> Manifest:
    """The manifest of ``files`` (pack path → bytes); ``PackRefused`` when a path, the version or author is not allowed."""
    check_version(version)
    for path, data in files.items():
        if not re.fullmatch(PATH_PATTERN, path) or len(path) > 200:
            raise PackRefused(t("pack.build.bad_path", path=path), t("pack.build.bad_path.hint"))
        if len(data) > MAX_FILE_BYTES:
            raise PackRefused(t("pack.build.too_big", path=path), t("pack.build.too_big.hint"))
    if not files:
        raise PackRefused(t("pack.build.empty"), t("pack.build.empty.hint"))
    entries = [
        PackFile(pad=path, sha256=hashlib.sha256(data).hexdigest(), grootte=len(data))
        for path, data in sorted(files.items())
    ]
    try:
        return Manifest(
            formaat=FORMAT,
            schema_versie=SCHEMA_VERSION,
            versie=version,
            datum=day,
            auteur=author,
            bestanden=entries,
        )
    except ValidationError:
        raise PackRefused(t("pack.build.bad_author"), t("pack.build.bad_author.hint")) from None


def parse_manifest(raw: bytes) -> Manifest:
    """The manifest in ``raw``; ``PackRefused`` when it is not one (after its signature was verified)."""
    try:
        manifest = Manifest.model_validate_json(raw)
    except (ValidationError, ValueError):
        raise PackRefused(t("pack.manifest.invalid"), t("pack.manifest.invalid.hint")) from None
    paths = [entry.pad for entry in manifest.bestanden]
    if len(set(paths)) != len(paths):
        raise PackRefused(t("pack.manifest.invalid"), t("pack.manifest.invalid.hint"))
    return manifest
