"""Build a pack from a content folder; install, restore and describe the installed pack.

Installing checks everything before anything is written in the pack folder: the file is a pack (``archive.py``),
the manifest's signature verifies against a trusted key (``signing.py``), the files are exactly those of the
manifest with its hashes and sizes, the version is newer than the installed one. The files are then written to a
new folder under ``<config>/pakket/`` and ``check`` runs on it (bundled content plus the pack; then, when the user
has files of their own, with those on top, as the program will use it) while a thread fsyncs the new files. Only then does the state file change (one atomic replace); a failure before that removes the new
folder, so the config folder is as it was.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import shutil
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from signaleer.errors import disk_error
from signaleer.i18n import nt, t
from signaleer.pack import PackRefused
from signaleer.pack.archive import PackContents, build_archive, read_archive
from signaleer.pack.manifest import (
    MANIFEST_NAME,
    MAX_FILE_BYTES,
    SIGNATURE_NAME,
    Manifest,
    make_manifest,
    parse_manifest,
    version_key,
)
from signaleer.pack.signing import SigningKey, trusted_comment, verify
from signaleer.pack.state import InstalledPack, PackState, pack_folder, read_state, state_file

STAGING_PREFIX = ".nieuw-"


def content_errors(roots: list[Path], shown_as: tuple[Path, str] | None = None) -> list[str]:
    """The ``check`` errors of the content in ``roots`` (bundled first), each as ``file:line:col: message``.

    ``shown_as`` (folder, name): paths under that folder are shown as ``name:path`` (a pack's files, not a temp
    folder that is gone by the time a person reads the line).
    """
    from signaleer.content.loader import collect_files, load_files

    result = load_files(collect_files(roots))
    lines = [str(error) for error in result.errors]
    if shown_as is not None:
        folder, name = shown_as
        prefixes = {str(folder) + os.sep, os.path.relpath(folder) + os.sep}
        for prefix in sorted(prefixes, key=len, reverse=True):
            lines = [line.replace(prefix, f"{name}:") for line in lines]
    return lines


def _refuse_content(errors: list[str], message: str) -> PackRefused:
    shown = "\n".join(errors[:20])
    more = "\n" + nt("content.error.invalid.more", len(errors) - 20) if len(errors) > 20 else ""
    return PackRefused(nt(message, len(errors), shown=shown, more=more), t("pack.content.invalid.hint"))


def folder_files(folder: Path) -> dict[str, bytes]:
    """The content files of ``folder`` (its checklists/ and meldroutes/) by pack path, with their bytes."""
    from signaleer.content.loader import collect_files
    from signaleer.fsio import NotRegularFile, read_regular_file

    files: dict[str, bytes] = {}
    for key, path in collect_files([folder]).items():
        try:
            data = read_regular_file(path, MAX_FILE_BYTES)
        except NotRegularFile as exc:
            raise PackRefused(
                t("pack.build.not_regular", path=path, kind=exc.kind), t("pack.build.bad_path.hint")
            ) from None
        if len(data) > MAX_FILE_BYTES:
            raise PackRefused(t("pack.build.too_big", path=key), t("pack.build.too_big.hint"))
        files[key] = data
    if not files:
        raise PackRefused(t("pack.build.empty_folder", folder=folder), t("pack.build.empty.hint"))
    return files


def checked_folder_files(folder: Path) -> dict[str, bytes]:
    """:func:`folder_files`, refused when ``check`` finds errors in the bundled content plus ``folder``."""
    from signaleer.paths import bundled_content_root

    files = folder_files(folder)
    errors = content_errors([bundled_content_root(), folder])
    if errors:
        raise _refuse_content(errors, "pack.build.content_invalid")
    return files


def build_manifest(folder: Path, version: str, day: dt.date, author: str) -> tuple[Manifest, dict[str, bytes]]:
    """The manifest of the checked ``folder`` and its files."""
    files = checked_folder_files(folder)
    return make_manifest(files, version, day, author), files


def build_pack(folder: Path, key: SigningKey, version: str, day: dt.date, author: str) -> tuple[bytes, Manifest]:
    """A signed pack of ``folder`` (checked first), and its manifest."""
    manifest, files = build_manifest(folder, version, day, author)
    raw = manifest.to_bytes()
    signature = key.sign(raw, trusted_comment(version, day))
    return build_archive(raw, signature, files), manifest


def pack_from_signed_manifest(folder: Path, manifest_raw: bytes, signature: bytes) -> tuple[bytes, Manifest]:
    """A pack of ``folder`` with a manifest signed elsewhere (``minisign -Sm manifest.json``).

    The folder's files must be exactly those of the manifest, byte for byte; the signature is put in as it is
    (``installeer`` verifies it).
    """
    manifest = parse_manifest(manifest_raw)
    files = checked_folder_files(folder)
    _match_files(manifest, files, str(folder))
    return build_archive(manifest_raw, signature, files), manifest


def _match_files(manifest: Manifest, files: dict[str, bytes], name: str) -> None:
    listed = {entry.pad: entry for entry in manifest.bestanden}
    extra = sorted(set(files) - set(listed))
    if extra:
        raise PackRefused(t("pack.verify.extra_file", name=name, path=extra[0]), t("pack.verify.tampered.hint"))
    for path, entry in sorted(listed.items()):
        data = files.get(path)
        if data is None:
            raise PackRefused(t("pack.verify.missing_file", name=name, path=path), t("pack.read.truncated.hint"))
        if len(data) != entry.grootte or hashlib.sha256(data).hexdigest() != entry.sha256:
            raise PackRefused(t("pack.verify.changed_file", name=name, path=path), t("pack.verify.tampered.hint"))


@dataclass(frozen=True)
class VerifiedPack:
    """A pack whose signature, files and manifest were checked."""

    manifest: Manifest
    key_id: str
    contents: PackContents


def verify_pack(data: bytes, name: str, trusted: list[str]) -> VerifiedPack:
    """Read ``data`` and check its signature against ``trusted`` and its files against the manifest."""
    contents = read_archive(data, name)
    key_id = verify(contents.manifest, contents.signature, trusted)
    manifest = parse_manifest(contents.manifest)
    _match_files(manifest, contents.files, name)
    return VerifiedPack(manifest=manifest, key_id=key_id, contents=contents)


def _write_folder(folder: Path, contents: PackContents) -> list[Path]:
    """Write the pack's files under the new ``folder`` (0600, folders 0700); every path written, for :func:`_sync`.

    Nothing is fsync'd here: :func:`install_pack` syncs them while the content check runs."""
    folder.mkdir(mode=0o700)
    made = [folder]
    items = [(MANIFEST_NAME, contents.manifest), (SIGNATURE_NAME, contents.signature), *contents.files.items()]
    written: list[Path] = []
    for relative, data in sorted(items):
        target = folder / relative
        for parent in reversed(target.relative_to(folder).parents[:-1]):
            sub = folder / parent
            if sub not in made:
                sub.mkdir(mode=0o700, exist_ok=True)
                made.append(sub)
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        written.append(target)
    return [*written, *sorted(made, key=lambda p: len(p.parts), reverse=True)]


SYNC_THREADS = 8
"""fsyncs at once: a journaling file system commits concurrent fsyncs together, one after another each waits."""


def _sync_one(path: Path) -> None:
    from signaleer.fsio import fsync_dir

    if path.is_dir():
        fsync_dir(path)
        return
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _sync(paths: list[Path]) -> None:
    """fsync every file and folder in ``paths``, several at once; raises the first ``OSError``."""
    with ThreadPoolExecutor(max_workers=SYNC_THREADS) as pool:
        for done in [pool.submit(_sync_one, path) for path in paths]:
            done.result()


@dataclass(frozen=True)
class Installed:
    """What an install did."""

    pack: InstalledPack
    replaced: InstalledPack | None


def install_pack(
    config: Path,
    data: bytes,
    name: str,
    trusted: list[str],
    *,
    same_version: bool = False,
    now: Callable[[], dt.datetime] = dt.datetime.now,
) -> Installed:
    """Install the pack ``data`` (named ``name`` in messages) into ``config``; see the module docstring.

    ``same_version``: also install a pack of the version that is installed now (to repair it). An older version
    is always refused: ``herstel`` goes back one pack, a newer pack replaces a bad one.
    """
    from signaleer.fsio import ensure_private_dir, fsync_dir, write_atomic
    from signaleer.paths import bundled_content_root

    state = read_state(config)
    verified = verify_pack(data, name, trusted)
    manifest = verified.manifest
    _check_version(manifest, state.huidig, same_version)
    root = pack_folder(config)
    created = [p for p in (root, *root.parents) if not p.exists()]
    folder_name = f"{manifest.versie}-{os.urandom(8).hex()}"
    staging = root / f"{STAGING_PREFIX}{folder_name}"
    final = root / folder_name
    committed = False
    lock: int | None = None
    try:
        try:
            ensure_private_dir(root)
            lock = _lock(root)
            current = read_state(config).huidig  # again, under the lock: another install may have come first
            _check_version(manifest, current, same_version)
            written = _write_folder(staging, verified.contents)
        except OSError as exc:
            raise disk_error(exc, t("pack.install.what")) from exc
        # The files reach the disk (fsync, which waits on the disk and lets go of the GIL) while the check runs.
        with ThreadPoolExecutor(max_workers=1) as pool:
            synced = pool.submit(_sync, written)
            errors = content_errors([bundled_content_root(), staging], (staging, name))
            if not errors and _has_own_files(config):  # the stack as it will be used: the user's files on top
                errors = content_errors([bundled_content_root(), staging, config], (staging, name))
            try:
                synced.result()
            except OSError as exc:
                raise disk_error(exc, t("pack.install.what")) from exc
        if errors:
            raise _refuse_content(errors, "pack.install.content_invalid")
        entry = InstalledPack(
            folder=folder_name,
            versie=manifest.versie,
            datum=manifest.datum.isoformat(),
            auteur=manifest.auteur,
            sleutel=verified.key_id,
            geinstalleerd_op=now().replace(microsecond=0).isoformat(),
        )
        try:
            os.rename(staging, final)
            fsync_dir(root)
            write_atomic(state_file(config), PackState(huidig=entry, vorige=current).to_json())
            committed = True
        except OSError as exc:
            raise disk_error(exc, t("pack.install.what")) from exc
        _remove_unused(config, PackState(huidig=entry, vorige=current))
    finally:
        if not committed:
            for leftover in (staging, final):
                with contextlib.suppress(OSError):
                    shutil.rmtree(leftover)
            for folder in created:  # made for this install only: take them away again, innermost first
                with contextlib.suppress(OSError):
                    folder.rmdir()
        if lock is not None:
            os.close(lock)  # closing the descriptor releases the lock
    return Installed(pack=entry, replaced=current)


def _has_own_files(config: Path) -> bool:
    """Whether the user has content files of their own (``<config>/checklists``, ``<config>/meldroutes``)."""
    from signaleer.content.loader import collect_files

    return bool(collect_files([config]))


def _check_version(manifest: Manifest, current: InstalledPack | None, same_version: bool) -> None:
    """Refuse a pack that is older than ``current``, or as old unless ``same_version``."""
    if current is None:
        return
    new, old = version_key(manifest.versie), version_key(current.versie)
    if new < old:
        raise PackRefused(
            t("pack.install.older", version=manifest.versie, installed=current.versie), t("pack.install.older.hint")
        )
    if new == old and not same_version:
        raise PackRefused(t("pack.install.same", version=manifest.versie), t("pack.install.same.hint"))


def _lock(root: Path) -> int:
    """Hold an OS lock on the pack folder itself (no lock file: nothing is left behind); the descriptor to close.

    One install or restore at a time: a second one waits for the first, then sees its state. Windows has no
    ``flock``; there the folder is opened only."""
    fd = os.open(root, os.O_RDONLY)
    try:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_EX)
    except ImportError:
        pass
    except BaseException:
        os.close(fd)
        raise
    return fd


def _remove_unused(config: Path, state: PackState) -> None:
    """Remove pack folders the state no longer names (best effort: a leftover only takes room)."""
    keep = {entry.folder for entry in (state.huidig, state.vorige) if entry is not None}
    root = pack_folder(config)
    with contextlib.suppress(OSError):
        for child in root.iterdir():
            if child.name not in keep and child.is_dir() and not child.is_symlink():
                with contextlib.suppress(OSError):
                    shutil.rmtree(child)


def restore_pack(config: Path) -> PackState:
    """Make the previous pack the current one again (and the current one the previous); the new state."""
    if read_state(config).vorige is None:
        raise PackRefused(t("pack.restore.none"), t("pack.restore.none.hint"))
    return _change_state(config, "pack.restore.what", lambda state: _swapped(config, state))


def _swapped(config: Path, state: PackState) -> PackState:
    if state.vorige is None:
        raise PackRefused(t("pack.restore.none"), t("pack.restore.none.hint"))
    if not (pack_folder(config) / state.vorige.folder).is_dir():
        raise PackRefused(
            t("pack.state.missing_folder", path=pack_folder(config) / state.vorige.folder),
            t("pack.state.damaged.hint", path=state_file(config)),
        )
    return PackState(huidig=state.vorige, vorige=state.huidig)


def remove_pack(config: Path) -> PackState:
    """Stop using the installed pack: the bundled content (and the user's own files) count again; the new state.

    The pack stays on disk as the previous one, so ``herstel`` brings it back. Refused when no pack is installed,
    and when the user's own files would fail ``check`` without the pack (they may build on it).
    """
    if read_state(config).huidig is None:
        raise PackRefused(t("pack.remove.none"), t("pack.remove.none.hint"))
    removed = _change_state(config, "pack.remove.what", lambda state: _without_pack(config, state))
    _remove_unused(config, removed)
    return removed


def _without_pack(config: Path, state: PackState) -> PackState:
    from signaleer.paths import bundled_content_root

    if state.huidig is None:
        raise PackRefused(t("pack.remove.none"), t("pack.remove.none.hint"))
    if _has_own_files(config):
        errors = content_errors([bundled_content_root(), config])
        if errors:
            raise _refuse_content(errors, "pack.remove.content_invalid")
    return PackState(huidig=None, vorige=state.huidig)


def _change_state(config: Path, what: str, change: Callable[[PackState], PackState]) -> PackState:
    """Under the pack folder's lock: read the state again, let ``change`` check it and give the new one (or raise
    ``PackRefused``), and write that atomically. ``what`` names the step in a disk error (a catalogue key)."""
    from signaleer.fsio import write_atomic

    try:
        lock = _lock(pack_folder(config))
    except OSError as exc:
        raise disk_error(exc, t(what)) from exc
    try:
        new = change(read_state(config))
        try:
            write_atomic(state_file(config), new.to_json())
        except OSError as exc:
            raise disk_error(exc, t(what)) from exc
        return new
    finally:
        os.close(lock)


def changed_files(config: Path, entry: InstalledPack) -> list[str]:
    """The installed files of ``entry`` that differ from its manifest (changed, missing or added) on this laptop."""
    from signaleer.content.loader import collect_files
    from signaleer.fsio import NotRegularFile, read_regular_file

    folder = pack_folder(config) / entry.folder
    try:
        manifest = parse_manifest(read_regular_file(folder / MANIFEST_NAME, 1024 * 1024))
    except (OSError, NotRegularFile, PackRefused):
        return [MANIFEST_NAME]
    present = collect_files([folder])
    listed = {item.pad: item for item in manifest.bestanden}
    changed = sorted(set(present) - set(listed))
    for path, item in sorted(listed.items()):
        try:
            data = read_regular_file(folder / path, MAX_FILE_BYTES)
        except (OSError, NotRegularFile):
            changed.append(path)
            continue
        if len(data) != item.grootte or hashlib.sha256(data).hexdigest() != item.sha256:
            changed.append(path)
    return sorted(changed)
