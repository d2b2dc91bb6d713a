"""The pack file: an uncompressed tar in a fixed order with nothing of the maker's machine in it.

Order: ``manifest.json``, ``manifest.json.minisig``, then the content files by path. Every member is a regular
file with mode 0644, owner and group 0 without names, and time 0, so the same manifest, signature and files
always give the same bytes. Reading accepts nothing else: no folders, links, devices or FIFOs, no path outside
``checklists/`` and ``meldroutes/``, no name twice, and limits on the number of members and their sizes.
"""

from __future__ import annotations

import io
import re
import tarfile
from dataclasses import dataclass

from signaleer.i18n import t
from signaleer.pack import PackRefused
from signaleer.pack.manifest import (
    MANIFEST_NAME,
    MAX_FILE_BYTES,
    MAX_FILES,
    MAX_MANIFEST_BYTES,
    MAX_PACK_BYTES,
    PATH_PATTERN,
    SIGNATURE_NAME,
)
from signaleer.pack.signing import MAX_SIGNATURE_BYTES


def _member(name: str, data: bytes) -> tuple[tarfile.TarInfo, io.BytesIO]:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mode = 0o644
    info.mtime = 0
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    info.type = tarfile.REGTYPE
    return info, io.BytesIO(data)


def build_archive(manifest: bytes, signature: bytes, files: dict[str, bytes]) -> bytes:
    """The pack's bytes (see the module docstring)."""
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w", format=tarfile.USTAR_FORMAT) as tar:
        for name, data in [(MANIFEST_NAME, manifest), (SIGNATURE_NAME, signature), *sorted(files.items())]:
            tar.addfile(*_member(name, data))
    return out.getvalue()


@dataclass(frozen=True)
class PackContents:
    """What a pack file holds, read but not yet trusted."""

    manifest: bytes
    signature: bytes
    files: dict[str, bytes]


def _not_a_pack(name: str) -> PackRefused:
    return PackRefused(t("pack.read.not_a_pack", name=name), t("pack.read.not_a_pack.hint"))


def _truncated(name: str) -> PackRefused:
    return PackRefused(t("pack.read.truncated", name=name), t("pack.read.truncated.hint"))


def read_archive(data: bytes, name: str) -> PackContents:
    """The manifest, signature and files of the pack ``data`` (shown as ``name``); ``PackRefused`` when it is none.

    Not a tar, or not starting with ``manifest.json``: not a pack. Without the tar's end marker (two zero blocks
    after the last member) or not a whole number of 10 KiB records (as tar writes every pack): truncated, also
    when only the padding at the end was lost.
    A member that is no regular file, has an unsafe or unknown name, appears twice or is too large: refused.
    """
    if len(data) > MAX_PACK_BYTES + 1024 * 1024:
        raise PackRefused(t("pack.read.too_big", name=name), t("pack.read.too_big.hint"))
    try:
        tar = tarfile.open(fileobj=io.BytesIO(data), mode="r:")  # noqa: SIM115 (closed by the with below)
    except (tarfile.TarError, EOFError, ValueError):
        raise _not_a_pack(name) from None
    found: dict[str, bytes] = {}
    total = 0
    end = 0
    with tar:
        index = 0
        while True:
            try:
                member = tar.next()
            except (tarfile.TarError, EOFError, ValueError):
                raise (_not_a_pack(name) if index == 0 else _truncated(name)) from None
            if member is None:
                break
            if index == 0 and member.name != MANIFEST_NAME:
                raise _not_a_pack(name)
            index += 1
            if index > MAX_FILES + 2:
                raise PackRefused(t("pack.read.too_many", name=name), t("pack.read.too_big.hint"))
            _check_member(member, name, found)
            limit = {MANIFEST_NAME: MAX_MANIFEST_BYTES, SIGNATURE_NAME: MAX_SIGNATURE_BYTES}.get(
                member.name, MAX_FILE_BYTES
            )
            total += member.size
            if member.size > limit or total > MAX_PACK_BYTES:
                raise PackRefused(
                    t("pack.read.member_too_big", name=name, member=member.name), t("pack.read.too_big.hint")
                )
            handle = tar.extractfile(member)
            try:
                content = handle.read() if handle is not None else b""
            except (tarfile.TarError, EOFError, OSError):
                raise _truncated(name) from None
            if len(content) != member.size:
                raise _truncated(name)
            found[member.name] = content
            end = member.offset_data + -(-member.size // tarfile.BLOCKSIZE) * tarfile.BLOCKSIZE
    if index == 0:
        raise _not_a_pack(name)
    marker = data[end : end + 2 * tarfile.BLOCKSIZE] == bytes(2 * tarfile.BLOCKSIZE) and not any(data[end:])
    if not marker or len(data) % tarfile.RECORDSIZE:
        raise _truncated(name)  # no end marker, something after it, or not whole 10 KiB records as tar writes
    if SIGNATURE_NAME not in found:
        raise PackRefused(t("pack.read.no_signature", name=name), t("pack.read.no_signature.hint"))
    manifest = found.pop(MANIFEST_NAME)
    signature = found.pop(SIGNATURE_NAME)
    return PackContents(manifest=manifest, signature=signature, files=found)


def _check_member(member: tarfile.TarInfo, name: str, found: dict[str, bytes]) -> None:
    if not member.isreg() or member.type not in (tarfile.REGTYPE, tarfile.AREGTYPE):
        raise PackRefused(t("pack.read.not_a_file", name=name, member=member.name), t("pack.read.not_a_file.hint"))
    if member.name in found:
        raise PackRefused(t("pack.read.twice", name=name, member=member.name), t("pack.read.not_a_file.hint"))
    if member.name in (MANIFEST_NAME, SIGNATURE_NAME):
        return
    if not re.fullmatch(PATH_PATTERN, member.name) or len(member.name) > 200:
        raise PackRefused(t("pack.read.bad_path", name=name, member=member.name[:200]), t("pack.read.not_a_file.hint"))
