"""Only regular files are cases; nothing decryptable outlives a delete; folders 0700; content size limit."""

from __future__ import annotations

import datetime as dt
import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_vault_support import VaultTemplate, copy_vault, make_case, summary_of

from signaleer.cli import main
from signaleer.errors import VaultError
from signaleer.vault.store import CaseStore


def run(*args: str, stdin: str | None = None) -> object:
    return CliRunner().invoke(main, list(args), input=stdin)


def leftover_copy(store: CaseStore, case_id: str, tag: str = "4242.abcd") -> Path:
    """What a kill -9 during fsync leaves: a complete copy of the case under a temp name."""
    temp = store.folder / f".{case_id}.age.{tag}.tmp"
    temp.write_bytes((store.folder / f"{case_id}.age").read_bytes())
    return temp


def test_a_deleted_case_leaves_no_decryptable_temp_copy(store: CaseStore, passfile: Path) -> None:
    case = make_case("Tijdelijk-Geheim")
    other = make_case("Blijft")
    for item in (case, other):
        store.save(item, summary_of(item))
    temp = leftover_copy(store, case.id)
    assert b"Tijdelijk-Geheim" in store._identity.decrypt(temp.read_bytes())  # it really holds the case

    store.delete(case.id)

    assert not temp.exists()
    assert store.exists(other.id) and [s.pseudonym for s in store.listing().summaries] == ["Blijft"]


def test_purge_removes_the_temp_files_too(store: CaseStore, passfile: Path) -> None:
    old = make_case("Oud-Tijdelijk")
    store.save(old, summary_of(old, updated_at=dt.datetime.now(dt.UTC) - dt.timedelta(days=100)))
    temp = leftover_copy(store, old.id)

    result = CliRunner().invoke(
        main, ["cases", "purge", "--older-than", "30", "--ja", "--passphrase-file", str(passfile)]
    )

    assert result.exit_code == 0, result.output
    assert not temp.exists() and not store.exists(old.id)


@pytest.mark.parametrize("command", [["cases", "list"], ["cases", "deletions"]])
def test_every_vault_open_removes_leftover_temp_files(store: CaseStore, passfile: Path, command: list[str]) -> None:
    case = make_case("Open-Ruimt-Op")
    store.save(case, summary_of(case))
    temp = leftover_copy(store, case.id)
    audit_temp = store.folder / ".verwijderlog.age.77.beef.tmp"
    audit_temp.write_bytes(b"age-encryption.org/v1\n")

    result = CliRunner().invoke(main, [*command, "--passphrase-file", str(passfile)])

    assert result.exit_code == 0, result.output
    assert not temp.exists() and not audit_temp.exists() and store.exists(case.id)


def test_a_fifo_named_like_a_case_is_skipped_and_never_opened(store: CaseStore, passfile: Path) -> None:
    """It used to hang 'vault rekey' (and 'cases list') forever on open()."""
    case = make_case("Naast-Fifo")
    store.save(case, summary_of(case))
    fifo = store.folder / ("f" * 16 + ".age")
    os.mkfifo(fifo)

    done, problems = store.reencrypt()
    assert done == 1 and [p.name for p in problems] == [fifo.name]
    assert "FIFO" in problems[0].message and "niet geopend" in problems[0].message

    listing = store.listing()
    assert [s.pseudonym for s in listing.summaries] == ["Naast-Fifo"]
    assert [(p.name, "FIFO" in p.message) for p in listing.problems] == [(fifo.name, True)]

    rekey = CliRunner().invoke(main, ["vault", "rekey", "--passphrase-file", str(passfile)])
    assert rekey.exit_code == 1 and "FIFO" in rekey.stderr and "Traceback" not in rekey.output
    status = CliRunner().invoke(main, ["vault", "status"])
    assert "Casusbestanden: 1" in status.stdout
    with pytest.raises(VaultError, match="FIFO"):
        store.open("f" * 16)
    with pytest.raises(VaultError, match="FIFO"):
        store.delete("f" * 16)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_a_symlinked_case_is_not_followed_shown_or_unlinked(store: CaseStore, passfile: Path, tmp_path: Path) -> None:
    elsewhere = make_case("Elders")
    outside = CaseStore(copy_vault(vault_template_of(store), tmp_path / "andere"), store._identity)
    outside.save(elsewhere, summary_of(elsewhere))
    target = outside.folder / f"{elsewhere.id}.age"
    link = store.folder / target.name
    link.symlink_to(target)

    listing = store.listing()
    assert listing.summaries == [] and "symbolische koppeling" in listing.problems[0].message
    shown = CliRunner().invoke(main, ["cases", "show", elsewhere.id, "--pijp", "--passphrase-file", str(passfile)])
    assert shown.exit_code == 1 and "symbolische koppeling" in shown.stderr and "Elders" not in shown.stdout
    deleted = CliRunner().invoke(main, ["cases", "delete", elsewhere.id, "--ja", "--passphrase-file", str(passfile)])
    assert deleted.exit_code != 0 and "symbolische koppeling" in deleted.stderr
    assert link.is_symlink() and target.is_file()
    with pytest.raises(VaultError, match="symbolische koppeling"):
        store.delete(elsewhere.id)
    with pytest.raises(VaultError, match="symbolische koppeling"):
        store.save(elsewhere, summary_of(elsewhere))
    assert target.read_bytes().startswith(b"age-encryption.org/v1")


def vault_template_of(store: CaseStore) -> VaultTemplate:
    return VaultTemplate(store.folder, store._identity)


def test_a_read_only_vault_is_never_chmodded_back(store: CaseStore) -> None:
    os.chmod(store.folder, 0o500)
    try:
        case = make_case("Alleen-Lezen")
        try:
            store.save(case, summary_of(case))  # root may still write; a user gets 'geen toestemming'
        except VaultError as exc:
            assert "toestemming" in exc.message
        assert stat.S_IMODE(os.stat(store.folder).st_mode) == 0o500
    finally:
        os.chmod(store.folder, 0o700)


def test_settings_saved_before_a_vault_exists_make_only_0700_folders(tmp_path: Path) -> None:
    from signaleer.settings import Settings, save_settings

    root = tmp_path / "nieuw"
    path = root / "a" / "config" / "instellingen.json"
    old = os.umask(0o022)
    try:
        save_settings(path, Settings())
    finally:
        os.umask(old)

    for folder in (root, root / "a", root / "a" / "config"):
        assert stat.S_IMODE(os.stat(folder).st_mode) == 0o700, folder
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600


def test_a_content_file_over_2_mib_is_refused_before_parsing(tmp_path: Path) -> None:
    from signaleer.content.yaml_io import MAX_CONTENT_BYTES, load_yaml

    big = tmp_path / "groot.yaml"
    with open(big, "w", encoding="utf-8") as handle:
        handle.write("items:\n")
        line = "  - " + "x" * 60 + "\n"
        handle.write(line * (MAX_CONTENT_BYTES // len(line) + 2))

    doc = load_yaml(big)

    assert doc.data is None and len(doc.errors) == 1
    error = doc.errors[0]
    assert (error.path, error.line, error.col) == (big, 1, 1)
    # The path is shown relative to the working folder when that is shorter (a clone next to the temp folder).
    assert str(error).startswith(f"{error.location()}: te groot (meer dan 2 MiB)")

    fifo = tmp_path / "pijp.yaml"
    os.mkfifo(fifo)
    assert "geen gewoon bestand" in str(load_yaml(fifo).errors[0])  # and it did not hang on open()


def test_a_content_file_just_under_the_limit_is_still_read(tmp_path: Path) -> None:
    from signaleer.content.yaml_io import MAX_CONTENT_BYTES, load_yaml

    path = tmp_path / "net.yaml"
    path.write_text("tekst: '" + "x" * (MAX_CONTENT_BYTES - 20) + "'\n", encoding="utf-8")
    doc = load_yaml(path)
    assert doc.errors == [] and len(doc.data["tekst"]) == MAX_CONTENT_BYTES - 20
