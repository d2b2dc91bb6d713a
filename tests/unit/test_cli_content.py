"""`signaleer check`, `schema` and `routes` as an author uses them, through the real CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from signaleer.cli import COMMANDS, main
from signaleer.content.schema import schemas
from signaleer.i18n import nt, t

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures"


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SIGNALEER_HOME", str(tmp_path / "home"))


def test_every_command_is_listed_in_the_top_help() -> None:
    # The help texts themselves, in both languages: tests/unit/test_cli_texts.py.
    top = CliRunner().invoke(main, ["--help"])
    assert top.exit_code == 0
    for name, (_, _, short) in COMMANDS.items():
        assert f"{name}  " in top.output and t(short, lang="nl") in top.output, name


def test_version() -> None:
    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0 and result.output.startswith("signaleer ")


def test_check_passes_on_bundled_content() -> None:
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("In orde:")
    assert nt("cli.check.gemeenten", 342, lang="nl") in result.stdout
    # Gaps are warnings on stderr, never errors (exit 0).
    assert "waarschuwing:" in result.stderr and "gat:" in result.stderr


def test_check_reports_file_and_line_and_exits_1() -> None:
    broken = FIXTURES / "broken" / "leading_zero_number.yaml"
    result = CliRunner().invoke(main, ["check", str(broken)])
    assert result.exit_code == 1
    assert "leading_zero_number.yaml:7:" in result.stderr
    files = nt("cli.check.files", int(result.stdout.split(" in ")[1].split()[0]), lang="nl")
    assert result.stdout == nt("cli.check.errors", 1, lang="nl", files=files) + "\n"  # one error, no "fout(en)"
    assert "Traceback" not in result.output


def test_check_usage_error_exits_2() -> None:
    result = CliRunner().invoke(main, ["check", "/bestaat/niet.yaml"])
    assert result.exit_code == 2
    assert t("cli.check.no_path", lang="nl", path="/bestaat/niet.yaml") in result.stderr


def test_committed_schemas_equal_generated() -> None:
    for name, text in schemas().items():
        committed = REPO / "schemas" / name
        assert committed.exists(), f"run 'signaleer schema': {name} missing"
        assert committed.read_text(encoding="utf-8") == text, f"run 'signaleer schema': {name} is outdated"


def test_every_shipped_yaml_names_its_schema() -> None:
    for path in [*REPO.joinpath("checklists").rglob("*.yaml"), *REPO.joinpath("meldroutes").rglob("*.yaml")]:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        target = (path.parent / first.split("=", 1)[1].strip()).resolve()
        assert target.exists(), f"{path}: schema {target} does not exist"
        kind = next(line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("kind:"))
        assert target.name == kind.split(":", 1)[1].strip() + ".schema.json", path


def test_routes_lists_municipalities_and_merges_contacts() -> None:
    runner = CliRunner()
    listing = runner.invoke(main, ["routes", "--json"])
    assert listing.exit_code == 0, listing.output
    rows = json.loads(listing.stdout)
    assert len(rows) == 342 and len({r["cbs_code"] for r in rows}) == 342
    assert {"enschede", "leiden"} <= {row["bestand"] for row in rows}
    shown = runner.invoke(main, ["routes", "leiden", "--json"])
    data = json.loads(shown.stdout)
    assert set(data) >= {"gemeente", "cbs_code", "politie_eenheid", "veilig_thuis", "contacts"}
    assert (data["gemeente"], data["cbs_code"], data["politie_eenheid"]) == ("Leiden", "GM0546", "Eenheid Den Haag")
    assert data["veilig_thuis"]["phone"] == "0800-2000"
    keys = {"role", "name", "phone", "web", "hours", "source", "overgenomen_op", "gecontroleerd_op"}
    assert all(keys <= set(c) for c in data["contacts"])
    roles = {c["role"] for c in data["contacts"]}
    assert {"alarm", "veilig_thuis", "comensha"} <= roles
    assert any(c["origin"] == "lokaal" or c["origin"] == "regionaal" for c in data["contacts"])
    assert all(c["gecontroleerd_op"] is None and c["overgenomen_op"] for c in data["contacts"])


def test_routes_warns_about_stale_contacts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SIGNALEER_CONTENT", str(FIXTURES / "minimal"))
    result = CliRunner().invoke(main, ["routes", "testdorp", "--max-maanden", "1"])
    assert result.exit_code == 0, result.output
    assert "waarschuwing" in result.stderr and "Veilig Thuis Testregio" in result.stderr


def test_routes_unknown_gemeente_is_a_usage_error() -> None:
    result = CliRunner().invoke(main, ["routes", "Atlantis"])
    assert result.exit_code == 2
    assert t("cli.routes.not_found", lang="nl", query="Atlantis") in result.stderr
    assert t("cli.routes.not_found.hint", lang="nl") in result.stderr


def test_core_and_cli_do_not_import_textual() -> None:
    code = (
        "import sys\n"
        "import signaleer, signaleer.cli, signaleer.domain.content, signaleer.content.loader\n"
        "import signaleer.settings, signaleer.paths, signaleer.commands.content\n"
        "from click.testing import CliRunner\n"
        "r = CliRunner().invoke(signaleer.cli.main, ['check'])\n"
        "assert r.exit_code == 0, r.output\n"
        "CliRunner().invoke(signaleer.cli.main, ['--help'])\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in {'textual', 'rich'} or m.startswith('signaleer.tui'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"the core or CLI imported: {out.stdout.strip()}"


def test_a_reader_that_stops_early_is_no_disk_error(tmp_path: Path) -> None:
    # `signaleer routes | head` said "De opdracht is mislukt: Broken pipe. Controleer de schijf". The pipe's read end
    # is closed before the program starts, so its first write fails for certain (no race with the reader).
    import os

    read_end, write_end = os.pipe()
    os.close(read_end)
    env = {**os.environ, "SIGNALEER_HOME": str(tmp_path / "home")}
    try:
        done = subprocess.run(
            [sys.executable, "-m", "signaleer", "routes"],
            stdout=write_end,
            stderr=subprocess.PIPE,
            env=env,
            check=False,
        )
    finally:
        os.close(write_end)
    stderr = done.stderr.decode("utf-8", "replace")
    assert "mislukt" not in stderr and "schijf" not in stderr and "Traceback" not in stderr, stderr
    assert done.returncode != 0  # the output did not arrive: never a silent success
