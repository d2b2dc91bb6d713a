"""Installing a pack on a full disk or a read-only config folder: one clear line, nothing changed.

Real faults (``fault_support``): a small tmpfs filled to the last byte, and a read-only bind mount. Root only;
the tests skip with the reason otherwise.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from fault_support import fill, read_only, tmpfs
from pack_support import content_folder, invoke, make_key, tree

from signaleer.i18n import t
from signaleer.pack.state import read_state
from signaleer.paths import resolve_paths


@pytest.fixture
def laptop(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SIGNALEER_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("SIGNALEER_CONTENT", raising=False)
    monkeypatch.chdir(tmp_path)
    return tmp_path / "home"


def ready(tmp_path: Path, version: str = "1.0") -> Path:
    """A trusted key and a pack of ``version``; returns the pack file."""
    secret, public = make_key(tmp_path / "sleutels")
    assert invoke(["pakket", "vertrouw", str(public)]).exit_code == 0
    folder = content_folder(tmp_path / f"inhoud-{version}", phone=version)
    pack = tmp_path / f"{version}.tar"
    built = invoke(
        ["pakket", "maak", str(folder), "--sleutel", str(secret), "--versie", version, "--uitvoer", str(pack)]
    )
    assert built.exit_code == 0, built.output
    return pack


@pytest.mark.parametrize("first", [True, False], ids=["first-pack", "replacing-a-pack"])
def test_a_full_disk_changes_nothing(laptop: Path, tmp_path: Path, first: bool) -> None:
    config = laptop / "config"
    with tmpfs(config, size_kib=1024):
        pack = ready(tmp_path)
        if not first:
            assert invoke(["pakket", "installeer", str(pack)]).exit_code == 0
            pack = ready(tmp_path, "2.0")
        filler = fill(config)
        before = tree(laptop)
        result = invoke(["pakket", "installeer", str(pack)])
        assert result.exit_code == 1, result.output
        assert t("error.disk.cause.ENOSPC") in result.output and "Traceback" not in result.output
        assert tree(laptop) == before
        filler.unlink()
        state = read_state(resolve_paths().config)
        assert (state.huidig is None) if first else (state.huidig is not None and state.huidig.versie == "1.0")
        assert invoke(["pakket", "installeer", str(pack)]).exit_code == 0  # with room again, it installs


def test_a_read_only_config_folder_changes_nothing(laptop: Path, tmp_path: Path) -> None:
    pack = ready(tmp_path)
    config = laptop / "config"
    with read_only(config):
        before = tree(laptop)
        result = invoke(["pakket", "installeer", str(pack)])
        assert result.exit_code == 1, result.output
        assert t("error.disk.cause.EROFS") in result.output and "Traceback" not in result.output
        assert tree(laptop) == before
        herstel = invoke(["pakket", "herstel"])
        assert herstel.exit_code == 1 and "Traceback" not in herstel.output


def test_herstel_on_a_read_only_folder_changes_nothing(laptop: Path, tmp_path: Path) -> None:
    for version in ("1.0", "2.0"):
        assert invoke(["pakket", "installeer", str(ready(tmp_path, version))]).exit_code == 0
    config = laptop / "config"
    with read_only(config / "pakket"):
        before = tree(laptop)
        result = invoke(["pakket", "herstel"])
        assert result.exit_code == 1 and t("error.disk.cause.EROFS") in result.output, result.output
        assert tree(laptop) == before
