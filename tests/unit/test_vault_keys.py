"""The vault key: create, unlock off the GIL in a child process, wrong passphrase, rewrap, destroy."""

from __future__ import annotations

import itertools
import os
import subprocess
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from test_vault_support import PASSPHRASE, VaultTemplate, copy_vault, make_case, summary_of, vault_template

from signaleer.errors import VaultError, WrongPassphrase
from signaleer.vault.keys import change_passphrase, create_vault, destroy_vault, unlock, vault_exists
from signaleer.vault.store import CaseStore


@pytest.fixture
def template(tmp_path_factory: pytest.TempPathFactory) -> VaultTemplate:
    return vault_template(tmp_path_factory)


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
    folder: Path, template: VaultTemplate, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[tuple[list[str], dict[str, str]]] = []
    real_run = subprocess.run

    def recording_run(argv: list[str], **kwargs: Any) -> Any:
        calls.append((argv, kwargs["env"]))
        return real_run(argv, **kwargs)

    monkeypatch.setattr(subprocess, "run", recording_run)
    ticks: list[float] = []
    stop = threading.Event()

    def ticker() -> None:
        while not stop.is_set():
            ticks.append(time.perf_counter())
            time.sleep(0.01)

    thread = threading.Thread(target=ticker)
    thread.start()
    started = time.perf_counter()
    try:
        identity = unlock(folder, PASSPHRASE)
    finally:
        stop.set()
        thread.join()
    elapsed = time.perf_counter() - started

    assert identity.recipient == template.identity.recipient
    [(argv, env)] = calls
    assert all(PASSPHRASE not in part for part in argv)
    assert all(PASSPHRASE not in value for value in env.values())
    gaps = [later - earlier for earlier, later in itertools.pairwise(ticks)]
    assert elapsed > 0.3 and max(gaps) < 0.25, f"caller blocked for {max(gaps):.2f} s of {elapsed:.2f} s"


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
