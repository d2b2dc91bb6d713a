"""The vault key: create, unlock off the GIL in a child process, wrong passphrase, rewrap, destroy."""

from __future__ import annotations

import os
import subprocess
import threading
from pathlib import Path
from typing import Any

import pytest
from test_vault_support import PASSPHRASE, VaultTemplate, copy_vault, make_case, summary_of

from signaleer.errors import VaultError, WrongPassphrase
from signaleer.vault import _age_scrypt, keys
from signaleer.vault.keys import (
    change_passphrase,
    create_vault,
    destroy_vault,
    identity_work_factor,
    unlock,
    vault_exists,
)
from signaleer.vault.store import CaseStore


@pytest.fixture
def folder(template: VaultTemplate, tmp_path: Path) -> Path:
    return copy_vault(template, tmp_path / "kluis")


def test_created_vault_holds_only_the_wrapped_key_and_the_recipient(template: VaultTemplate) -> None:
    assert vault_exists(template.folder)
    assert sorted(os.listdir(template.folder)) == ["identity.age", "recipient.txt"]
    wrapped = (template.folder / "identity.age").read_bytes()
    assert wrapped.startswith(b"age-encryption.org/v1\n-> scrypt ")
    assert b"AGE-SECRET-KEY" not in wrapped
    assert (template.folder / "recipient.txt").read_text() == f"{template.identity.recipient}\n"


def test_create_refuses_to_overwrite_a_vault(folder: Path) -> None:
    before = (folder / "identity.age").read_bytes()
    with pytest.raises(VaultError, match="al een kluis"):
        create_vault(folder, "een ander wachtwoord")
    assert (folder / "identity.age").read_bytes() == before


def test_unlock_runs_in_a_child_process_keeps_threads_running_and_passes_no_secret_in_argv_or_env(
    folder: Path, template: VaultTemplate, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The child waits at a gate that only another thread of this process opens: unlock cannot finish unless
    that thread ran while unlock was blocked (no timing involved)."""
    calls: list[tuple[list[str], dict[str, str]]] = []
    real_run = subprocess.run

    def recording_run(argv: list[str], **kwargs: Any) -> Any:
        calls.append((argv, kwargs["env"]))
        return real_run(argv, **kwargs)

    gate = tmp_path / "gate"
    os.mkfifo(gate)
    monkeypatch.setattr(subprocess, "run", recording_run)
    monkeypatch.setattr(keys, "WORKER_MODULE", "gated_unlock_worker")
    monkeypatch.setenv("PYTHONPATH", str(Path(__file__).parent))
    monkeypatch.setenv("SIGNALEER_TEST_GATE", str(gate))
    opened = threading.Event()

    def open_the_gate() -> None:
        with open(gate, "wb") as writer:  # blocks until the child opens the FIFO
            writer.write(b"g")
        opened.set()

    thread = threading.Thread(target=open_the_gate, daemon=True)
    thread.start()
    identity = unlock(folder, PASSPHRASE)
    thread.join()

    assert opened.is_set() and identity.recipient == template.identity.recipient
    [(argv, env)] = calls
    assert argv[-2:] == ["-m", "gated_unlock_worker"]
    assert all(PASSPHRASE not in part for part in argv)
    assert all(PASSPHRASE not in value for value in env.values())


def test_wrong_passphrase_is_clear_and_changes_nothing(folder: Path) -> None:
    before = {name: (folder / name).read_bytes() for name in os.listdir(folder)}
    with pytest.raises(WrongPassphrase) as caught:
        unlock(folder, "verkeerde wachtwoordzin")
    assert "wachtwoordzin klopt niet" in caught.value.message and caught.value.hint
    assert {name: (folder / name).read_bytes() for name in os.listdir(folder)} == before


def test_missing_or_foreign_identity_file_is_a_vault_error_not_a_wrong_passphrase(tmp_path: Path) -> None:
    with pytest.raises(VaultError, match="geen kluis") as missing:
        unlock(tmp_path, PASSPHRASE)
    assert not isinstance(missing.value, WrongPassphrase)
    (tmp_path / "identity.age").write_bytes(b"AGE-SECRET-KEY-1 plain text key must never be here")
    with pytest.raises(VaultError, match=r"identity\.age") as foreign:
        unlock(tmp_path, PASSPHRASE)
    assert not isinstance(foreign.value, WrongPassphrase)


def test_a_fifo_or_link_in_place_of_the_key_is_refused_without_opening_it_and_never_overwritten(tmp_path: Path) -> None:
    # A FIFO named identity.age once hung the unlock (the read waited for a writer forever), and as it is not a
    # file the app offered to make a new vault over it. Now it counts as there, and unlocking names what it is.
    fifo_vault = tmp_path / "fifo"
    fifo_vault.mkdir()
    os.mkfifo(fifo_vault / "identity.age")
    assert vault_exists(fifo_vault)
    with pytest.raises(VaultError, match=r"identity\.age is een FIFO") as fifo:
        unlock(fifo_vault, PASSPHRASE)  # returns: a blocking open would hang here, with no writer
    assert not isinstance(fifo.value, WrongPassphrase)
    with pytest.raises(VaultError, match="al een kluis"):
        create_vault(fifo_vault, PASSPHRASE, work_factor=10)
    link_vault = tmp_path / "link"
    link_vault.mkdir()
    (tmp_path / "elsewhere.age").write_bytes(b"age-encryption.org/v1\n")
    (link_vault / "identity.age").symlink_to(tmp_path / "elsewhere.age")
    with pytest.raises(VaultError, match="symbolische koppeling"):
        unlock(link_vault, PASSPHRASE)


def test_an_oversized_identity_file_is_not_read_whole(tmp_path: Path) -> None:
    big = tmp_path / "identity.age"
    with open(big, "wb") as handle:
        handle.write(b"age-encryption.org/v1\n-> scrypt ")
        handle.truncate(1 << 30)  # sparse: 1 GiB that reads as zeros
    with pytest.raises(VaultError, match=r"identity\.age"):
        unlock(tmp_path, PASSPHRASE)


def test_change_passphrase_rewrites_only_the_key_and_keeps_cases_readable(
    folder: Path, template: VaultTemplate
) -> None:
    store = CaseStore(folder, template.identity)
    case = make_case()
    store.save(case, summary_of(case))
    case_bytes = (folder / f"{case.id}.age").read_bytes()
    old_wrapped = (folder / "identity.age").read_bytes()

    change_passphrase(folder, PASSPHRASE, "nieuwe wachtwoordzin 2")

    assert (folder / "identity.age").read_bytes() != old_wrapped
    assert (folder / f"{case.id}.age").read_bytes() == case_bytes
    assert sorted(os.listdir(folder)) == sorted(["identity.age", "recipient.txt", f"{case.id}.age"])
    identity = unlock(folder, "nieuwe wachtwoordzin 2")
    assert CaseStore(folder, identity).open(case.id) == case
    with pytest.raises(WrongPassphrase):
        unlock(folder, PASSPHRASE)


def test_change_passphrase_with_wrong_old_passphrase_changes_nothing(folder: Path) -> None:
    before = (folder / "identity.age").read_bytes()
    with pytest.raises(WrongPassphrase):
        change_passphrase(folder, "niet de oude", "nieuwe wachtwoordzin 2")
    assert (folder / "identity.age").read_bytes() == before


def test_destroy_removes_key_cases_and_folder_but_not_foreign_files(folder: Path, template: VaultTemplate) -> None:
    store = CaseStore(folder, template.identity)
    case = make_case()
    store.save(case, summary_of(case))

    destroy_vault(folder)

    assert not folder.exists() and not vault_exists(folder)
    destroy_vault(folder)  # idempotent

    copy = copy_vault(template, folder.parent / "kluis2")
    (copy / "eigen-notitie.txt").write_text("niet van signaleer")
    destroy_vault(copy)
    assert os.listdir(copy) == ["eigen-notitie.txt"]


def test_passwd_rewraps_an_older_key_at_age_default_work_factor(
    real_work_factor: int, template: VaultTemplate, tmp_path: Path
) -> None:
    """New keys at 18: test_vault_age_cli.py::test_age_opens_a_key_made_at_the_real_work_factor_…"""
    assert real_work_factor == 18
    older = copy_vault(template, tmp_path / "ouder")
    assert identity_work_factor(older) < 18  # the session's template (logN 10), as an old calibrated key
    change_passphrase(older, PASSPHRASE, PASSPHRASE)  # the worker unwraps the new file before it is written
    assert identity_work_factor(older) == 18
    assert (older / "identity.age").read_bytes().split(b"\n")[1].endswith(b" 18")


def test_tests_make_vaults_at_the_low_factor_through_the_documented_parameter(tmp_path: Path) -> None:
    assert keys.WORK_FACTOR == 10  # set for the session by tests/conftest.py, never in the package
    create_vault(tmp_path / "a", PASSPHRASE, work_factor=4)
    assert identity_work_factor(tmp_path / "a") == 4
    with pytest.raises(ValueError, match="work_factor"):
        create_vault(tmp_path / "b", PASSPHRASE, work_factor=23)
    assert not vault_exists(tmp_path / "b")


def _with_work_factor(folder: Path, factor: bytes) -> None:
    path = folder / "identity.age"
    version, stanza, rest = path.read_bytes().split(b"\n", 2)
    path.write_bytes(b"\n".join([version, stanza.rsplit(b" ", 1)[0] + b" " + factor, rest]))


def test_a_work_factor_above_age_limit_is_not_called_damage(folder: Path) -> None:
    _with_work_factor(folder, b"23")
    with pytest.raises(VaultError) as caught:
        unlock(folder, PASSPHRASE)
    assert not isinstance(caught.value, WrongPassphrase)
    assert "rekenwerk" in caught.value.message and "beschadigd" not in caught.value.render()


def test_only_real_damage_is_called_damage_with_the_way_back(folder: Path) -> None:
    path = folder / "identity.age"
    data = bytearray(path.read_bytes())
    data[-1] ^= 1  # the payload (the wrapped secret key) no longer authenticates
    path.write_bytes(bytes(data))
    with pytest.raises(VaultError) as caught:
        unlock(folder, PASSPHRASE)
    assert not isinstance(caught.value, WrongPassphrase)
    assert "beschadigd" in caught.value.message and "reservekopie" in caught.value.hint


def test_the_identity_file_is_plain_age_at_the_requested_factor(folder: Path) -> None:
    wrapped = (folder / "identity.age").read_bytes()
    assert _age_scrypt.work_factor_of(wrapped) == 10
    assert b"AGE-SECRET-KEY-1" in _age_scrypt.decrypt(wrapped, PASSPHRASE.encode())


@pytest.mark.parametrize("weak", ["negentien", "welkom welkom 123"])  # 9 characters (the CLI took 8); a known word
def test_vault_init_and_passwd_apply_the_one_passphrase_rule_with_its_message(
    weak: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, template: VaultTemplate
) -> None:
    from click.testing import CliRunner

    from signaleer.cli import main
    from signaleer.vault.passphrase_rule import problem, refusal

    assert problem(weak) == refusal("nl") and problem(weak, "en") == refusal("en") != refusal("nl")
    monkeypatch.setenv("SIGNALEER_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("SIGNALEER_PASSPHRASE_FILE", raising=False)
    init = CliRunner().invoke(main, ["vault", "init"], input=f"{weak}\n{weak}\n")
    assert init.exit_code == 2 and refusal("nl") in init.stderr
    assert not vault_exists(tmp_path / "home" / "data" / "kluis")

    copy_vault(template, tmp_path / "home" / "data" / "kluis")
    passfile = tmp_path / "oud"
    passfile.write_text(PASSPHRASE + "\n")
    passfile.chmod(0o600)
    passwd = CliRunner().invoke(main, ["vault", "passwd", "--passphrase-file", str(passfile)], input=f"{weak}\n")
    assert passwd.exit_code == 2 and refusal("nl") in passwd.stderr
