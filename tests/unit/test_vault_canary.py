"""After a full scripted session no file in the vault, the temp folder or any log holds case content."""

from __future__ import annotations

import os
import secrets
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_vault_support import CANARY, PASSPHRASE, VaultTemplate, copy_vault, make_case, summary_of, vault_template

from signaleer.cli import main
from signaleer.domain.case import ObservedSignal
from signaleer.errors import VaultError
from signaleer.vault.store import CaseStore

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "01_lotte.yaml"
SECOND_CANARY = f"KANARIE-{secrets.token_hex(6)}"


def files_under(root: Path, newer_than: float = 0.0) -> Iterator[Path]:
    for folder, _, names in os.walk(root):
        for name in names:
            path = Path(folder) / name
            try:
                info = path.lstat()
            except OSError:
                continue
            if path.is_file() and not path.is_symlink() and info.st_mtime >= newer_than and info.st_size < 50_000_000:
                yield path


def holds_canary(path: Path) -> bool:
    try:
        data = path.read_bytes()
    except OSError:
        return False
    needles = [c.encode(enc) for c in (CANARY, SECOND_CANARY) for enc in ("utf-8", "utf-16-le")]
    return any(needle in data for needle in needles)


def test_no_plain_case_content_anywhere_after_a_session(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    started = time.time() - 1
    template: VaultTemplate = vault_template(tmp_path_factory)
    home, session_temp, inputs = tmp_path / "home", tmp_path / "tmp", tmp_path / "input"
    for folder in (session_temp, inputs):
        folder.mkdir()
    monkeypatch.setenv("SIGNALEER_HOME", str(home))
    monkeypatch.setenv("TMPDIR", str(session_temp))
    monkeypatch.setattr(tempfile, "tempdir", None)
    passfile = inputs / "wachtwoord"
    passfile.write_text(PASSPHRASE + "\n")
    training = inputs / "casus.yaml"
    training.write_text(EXAMPLE.read_text(encoding="utf-8").replace("pseudoniem: Lotte", f"pseudoniem: {CANARY}"))
    folder = copy_vault(template, home / "data" / "kluis")

    # the CLI: import a training case, list it as JSON on stdout
    runner = CliRunner()
    imported = runner.invoke(main, ["cases", "import", str(training), "--passphrase-file", str(passfile)])
    assert imported.exit_code == 0, imported.output
    shown = runner.invoke(main, ["cases", "list", "--json", "--passphrase-file", str(passfile)])
    assert CANARY in shown.stdout

    # the store, as the wizard uses it: many saves while typing, a damaged file, delete, purge
    store = CaseStore(folder, template.identity)
    case = make_case(CANARY)
    for step in range(20):
        case.signals.append(ObservedSignal(signal_id="GB02", observation=f"{SECOND_CANARY} stap {step}"))
        store.save(case, summary_of(case, next_action=f"Bel {CANARY}"))
    (folder / "00000000000000ff.age").write_bytes((folder / f"{case.id}.age").read_bytes()[:300])
    listing = store.listing()
    assert [p.name for p in listing.problems] == ["00000000000000ff.age"]
    with pytest.raises(VaultError) as damaged:
        store.open("00000000000000ff")
    assert CANARY not in damaged.value.render()
    assert store.open(case.id) == case
    spare = make_case(CANARY)
    store.save(spare, summary_of(spare))
    store.delete(spare.id)
    assert store.purge(3650) == []

    places = [home, session_temp]
    leaks = [p for root in places for p in files_under(root) if holds_canary(p)]
    leaks += [p for p in files_under(Path.cwd(), started) if p.suffix == ".log" and holds_canary(p)]
    assert leaks == [], leaks
    assert len(list(files_under(folder))) >= 4  # identity, recipient, the case and the damaged copy were scanned
