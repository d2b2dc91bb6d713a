"""What a user installing signaleer gets: the schema command writes where it is asked, the practice
cases and the user docs are reachable from the CLI, and the wheel carries them with the licence."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from signaleer.cli import main
from signaleer.content.schema import schemas

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SIGNALEER_HOME", str(tmp_path / "home"))


def test_schema_without_options_writes_into_the_current_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bundled = sorted((REPO / "schemas").iterdir())
    before = {path: path.stat().st_mtime_ns for path in bundled}
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["schema"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "schemas").iterdir()) == sorted(schemas())
    assert {path: path.stat().st_mtime_ns for path in bundled} == before, "the bundled schemas were rewritten"


@pytest.mark.parametrize("target", ["/proc/x", "/dev/null/schemas"])
def test_schema_into_an_unwritable_folder_is_one_line_and_exit_1(target: str) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "signaleer", "schema", "--map", target],
        capture_output=True,
        text=True,
        timeout=60,
        env=os.environ.copy(),
    )
    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and target in lines[0] and "--map" in lines[0], run.stderr


def test_a_bundled_practice_case_by_name() -> None:
    result = CliRunner().invoke(main, ["advies", "--voorbeeld", "lotte"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Lotte")


@pytest.mark.parametrize(
    "args",
    [["advies"], ["advies", "--voorbeeld", "niemand"], ["advies", "x.yaml", "--voorbeeld", "lotte"]],
)
def test_advies_asks_for_exactly_one_case(args: list[str]) -> None:
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2
    assert "lotte" in result.output


def test_docs_lists_and_prints_the_user_docs() -> None:
    listing = CliRunner().invoke(main, ["docs"])
    assert listing.exit_code == 0
    for name in ("kluis", "oefencasus", "yaml-handleiding"):
        assert name in listing.output
    for name in ("architecture", "glossary"):  # for engineers, in English: shipped, not listed as a user guide
        assert (REPO / "docs" / f"{name}.md").is_file() and name not in listing.output
        assert CliRunner().invoke(main, ["docs", name]).exit_code == 2
    page = CliRunner().invoke(main, ["docs", "kluis"])
    assert page.exit_code == 0
    assert page.output == (REPO / "docs" / "kluis.md").read_text(encoding="utf-8")
    assert CliRunner().invoke(main, ["docs", "bestaat-niet"]).exit_code == 2
    assert "signaleer docs" in CliRunner().invoke(main, ["--help"]).output


@pytest.mark.skipif(importlib.util.find_spec("hatchling") is None, reason="hatchling (a dev dependency) is missing")
def test_the_wheel_carries_content_docs_examples_and_the_licence(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(REPO),
        ],
        check=True,
        timeout=300,
    )
    (wheel,) = tmp_path.glob("signaleer-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for repo_folder in ("checklists", "meldroutes", "schemas", "examples", "docs"):
        shipped = {p.relative_to(REPO).as_posix() for p in (REPO / repo_folder).rglob("*") if p.is_file()}
        for path in shipped:
            assert f"signaleer/_bundled/{path}" in names, path
    locale = REPO / "src" / "signaleer" / "i18n" / "locale"
    compiled = [p.relative_to(REPO / "src").as_posix() for p in locale.rglob("*.mo")]
    assert compiled and all(name in names for name in compiled), "the compiled text catalogues must be in the wheel"
    assert any(name.endswith(".dist-info/licenses/LICENSE") or name.endswith("/LICENSE") for name in names)
