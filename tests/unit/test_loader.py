"""The loader pinpoints every kind of mistake with file:line and a useful Dutch message."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from signaleer.content.loader import collect_files, load_files
from signaleer.content.yaml_io import parse_yaml

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
MINIMAL = FIXTURES / "minimal"
BROKEN = sorted((FIXTURES / "broken").glob("*.yaml"))
PAGES = {
    "page_no_front_matter.md": (1, "kop (front matter) ontbreekt"),
    "page_missing_sources.md": (4, "minstens 1 item"),
}


def _header(path: Path) -> tuple[str, int, str]:
    """The key the fixture takes, and its expected line and message fragment, from its comment header."""
    text = path.read_text(encoding="utf-8")
    target = re.search(r"^# (?:replaces|adds): (\S+)$", text, re.M)
    expect = re.search(r"^# expect: (\d+): (.+)$", text, re.M)
    assert target and expect, f"{path.name} needs '# replaces:' or '# adds:' and '# expect:' lines"
    return target.group(1), int(expect.group(1)), expect.group(2)


def test_minimal_fixture_is_valid() -> None:
    result = load_files(collect_files([MINIMAL]))
    assert result.errors == []
    assert result.content is not None
    phones = [c.phone for c in result.content.route("testdorp").by_role("veilig_thuis")]
    assert phones == ["0800-2000", "012-345 6789"]  # the local line comes beside the national one


@pytest.mark.parametrize("path", BROKEN, ids=[p.stem for p in BROKEN])
def test_broken_fixture_is_pinpointed(path: Path) -> None:
    key, line, fragment = _header(path)
    files = collect_files([MINIMAL])
    files[key] = path
    result = load_files(files)
    assert result.content is None
    matching = [e for e in result.errors if e.path == path and fragment in e.message + e.hint]
    assert matching, f"expected '{fragment}' in {path.name}, got:\n" + "\n".join(map(str, result.errors))
    assert matching[0].line == line, str(matching[0])
    assert str(matching[0]).startswith(f"{matching[0].location()}: ")
    assert re.search(rf":{line}:\d+: ", str(matching[0]))


@pytest.mark.parametrize("name", sorted(PAGES))
def test_broken_page_is_pinpointed(name: str) -> None:
    line, fragment = PAGES[name]
    files = collect_files([MINIMAL])
    path = FIXTURES / "broken" / name
    files["checklists/kennis/" + name] = path
    result = load_files(files)
    matching = [e for e in result.errors if e.path == path and fragment in e.message]
    assert matching, "\n".join(map(str, result.errors))
    assert matching[0].line == line


def test_every_error_is_collected_not_only_the_first() -> None:
    files = collect_files([MINIMAL])
    for path in BROKEN:
        if "afwegingskader" not in _header(path)[0]:
            files[_header(path)[0] + "." + path.stem] = path
    result = load_files(files)
    assert len({e.path for e in result.errors}) >= 10


def test_yes_no_hint_tells_author_to_quote() -> None:
    files = collect_files([MINIMAL])
    files["meldroutes/testdorp.yaml"] = FIXTURES / "broken" / "yes_no_as_bool.yaml"
    error = load_files(files).errors[0]
    assert "aanhalingstekens" in error.hint


def test_missing_core_file_is_reported() -> None:
    files = {k: v for k, v in collect_files([MINIMAL]).items() if not k.endswith("stappenplan.yaml")}
    errors = load_files(files).errors
    assert any("geen stappenplan" in e.message for e in errors)


def test_positions_follow_keys_and_items() -> None:
    doc = parse_yaml("a:\n  - b: 1\n  - b: 2\n    c: x\n", Path("x.yaml"))
    assert doc.position_of(("a", 1, "c")) == (4, 5)
    assert doc.line_of(("a", 0)) == 2
    assert doc.line_of(("nope",)) == 1


def test_user_folder_overrides_bundled_file_by_name(tmp_path: Path) -> None:
    user = tmp_path / "meldroutes"
    user.mkdir()
    (user / "testdorp.yaml").write_text(
        (MINIMAL / "meldroutes" / "testdorp.yaml").read_text(encoding="utf-8").replace("012-345 6789", "013-111 2222"),
        encoding="utf-8",
    )
    result = load_files(collect_files([MINIMAL, tmp_path]))
    assert result.content is not None
    assert result.content.route("Testdorp").by_role("veilig_thuis")[-1].phone == "013-111 2222"


def test_unreadable_bytes_give_an_error_not_a_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "meldroutes"
    bad.mkdir()
    (bad / "kapot.yaml").write_bytes(b"\xff\xfe\x00kind: x")
    result = load_files(collect_files([MINIMAL, tmp_path]))
    assert any(e.path.name == "kapot.yaml" for e in result.errors)
