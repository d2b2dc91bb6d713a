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
