"""fsio: the atomic writer the vault, the settings and exports share."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from signaleer.export_writer import write_export
from signaleer.fsio import is_temp_name, write_atomic


@pytest.fixture
def odd_umask() -> Iterator[None]:
    """A umask that takes the owner's write bit away: files must still end up exactly 0600."""
    old = os.umask(0o277)
    yield
    os.umask(old)


@pytest.mark.skipif(os.name == "nt", reason="no POSIX modes")
@pytest.mark.usefixtures("odd_umask")
def test_vault_files_and_exports_are_exactly_0600_and_leave_no_temp_file(tmp_path: Path) -> None:
    write_atomic(tmp_path / "case.age", b"versleuteld")
    written = write_export(tmp_path / "export.md", "# Export\n")

    for path in (tmp_path / "case.age", written):
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600, path.name
    assert written.read_text(encoding="utf-8") == "# Export\n"
    assert not [p.name for p in tmp_path.iterdir() if is_temp_name(p.name)]


def test_a_failed_write_leaves_the_old_file_and_no_temp_file(tmp_path: Path) -> None:
    target = tmp_path / "settings.json"
    write_atomic(target, b"old")
    (tmp_path / "blocked").mkdir()
    with pytest.raises(IsADirectoryError):
        write_atomic(tmp_path / "blocked", b"new")  # the rename over a folder fails after the temp file is written
    assert target.read_bytes() == b"old"
    assert not [p.name for p in tmp_path.iterdir() if is_temp_name(p.name)]


_KILLED_MID_EXPORT = """
import os, signal, sys
from pathlib import Path
from signaleer import fsio
from signaleer.export_writer import write_export

def killed(src, dst):  # the moment between the temp file's fsync and its rename: kill -9 lands here
    os.kill(os.getpid(), signal.SIGKILL)

fsio.os.replace = killed
write_export(Path(sys.argv[1]), "GEHEIM-CANARY onvoltooide export")
"""


@pytest.mark.skipif(os.name == "nt", reason="POSIX signals")
def test_a_temp_file_left_by_an_export_killed_mid_write_goes_with_the_next_export(tmp_path: Path) -> None:
    import subprocess
    import sys

    target = tmp_path / "casus.md"
    child = subprocess.run([sys.executable, "-c", _KILLED_MID_EXPORT, str(target)], check=False)
    assert child.returncode == -9
    left = [p for p in tmp_path.iterdir() if is_temp_name(p.name)]
    assert [b"GEHEIM-CANARY" in p.read_bytes() for p in left] == [True]  # what the kill leaves: plain text
    running = subprocess.Popen([sys.executable, "-c", "import sys; sys.stdin.read()"], stdin=subprocess.PIPE)
    try:
        busy = tmp_path / f".casus.md.{running.pid}.00000000.tmp"  # an export another process is writing now
        busy.write_bytes(b"half")
        dead_pid = left[0].name.split(".")[3]
        other = tmp_path / f".ander.md.{dead_pid}.00000000.tmp"  # another file's temp: not this export's to remove
        other.write_bytes(b"x")
        write_export(target, "# Nieuw\n")
        assert sorted(p.name for p in tmp_path.iterdir()) == sorted([target.name, busy.name, other.name])
        assert target.read_text(encoding="utf-8") == "# Nieuw\n"
    finally:
        running.communicate(b"")
