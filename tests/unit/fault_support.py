"""Real disk faults for tests: a full tmpfs and a read-only bind mount (root with mount rights only).

Every helper says why it cannot run, so a test skips with that reason instead of passing vacuously.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest


@functools.cache
def mount_unavailable() -> str | None:
    """None when this process can mount a tmpfs; otherwise the reason."""
    if os.name != "posix" or not shutil.which("mount"):
        return "no mount(8) here"
    if os.geteuid() != 0:
        return "mounting a tmpfs needs root"
    probe = Path(tempfile.mkdtemp(prefix="signaleer-mount-probe-"))
    try:
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(probe)], capture_output=True)
        if done.returncode != 0:
            return f"mount refused: {done.stderr.decode(errors='replace').strip()}"
        subprocess.run(["umount", str(probe)], check=True)
        return None
    finally:
        probe.rmdir()


def need_mount() -> None:
    """Skip the test (with the reason) when no tmpfs can be mounted."""
    reason = mount_unavailable()
    if reason:
        pytest.skip(reason)


@contextlib.contextmanager
def tmpfs(path: Path, size_kib: int = 512) -> Iterator[Path]:
    """A small tmpfs mounted on ``path`` (created 0700 if missing)."""
    need_mount()
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size_kib}k,mode=0700", "tmpfs", str(path)],
        check=True,
        capture_output=True,
    )
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=True, capture_output=True)


def fill(folder: Path) -> Path:
    """Fill the file system of ``folder`` to the last byte; the filler file (remove it to free space)."""
    filler = folder / "vulsel.bin"
    with open(filler, "wb", buffering=0) as handle:
        block = b"\0" * 4096
        with contextlib.suppress(OSError):
            while True:
                handle.write(block)
        with contextlib.suppress(OSError):
            while True:
                handle.write(b"\0")
    with pytest.raises(OSError) as caught:
        (folder / "probe").write_bytes(b"x")
    assert caught.value.errno == errno.ENOSPC
    return filler


@contextlib.contextmanager
def read_only(path: Path) -> Iterator[Path]:
    """``path`` bind-mounted onto itself read-only (EROFS), undone afterwards."""
    need_mount()
    subprocess.run(["mount", "--bind", str(path), str(path)], check=True, capture_output=True)
    try:
        subprocess.run(["mount", "-o", "remount,ro,bind", str(path)], check=True, capture_output=True)
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=True, capture_output=True)


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file in ``folder`` by name, with its bytes (to prove nothing changed); the empty lock file aside."""
    return {
        p.name: p.read_bytes()
        for p in sorted(folder.iterdir())
        if p.is_file() and p.name != "vulsel.bin" and not p.name.endswith(".lock")
    }
