"""A case written by signaleer opens with the standard ``age`` CLI alone (driven through a pty)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pty_support import run_in_pty
from test_vault_support import CANARY, PASSPHRASE, VaultTemplate, copy_vault, make_case, summary_of, vault_template

from signaleer.vault import _age
from signaleer.vault.store import CaseStore


@pytest.fixture
def saved(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> tuple[Path, str]:
    template: VaultTemplate = vault_template(tmp_path_factory)
    folder = copy_vault(template, tmp_path / "kluis")
    case = make_case(CANARY)
    CaseStore(folder, template.identity).save(case, summary_of(case))
    return folder, case.id


def envelope_in(output: bytes) -> dict[str, object]:
    text = output.decode("utf-8", "replace")
    start = text.index("{")
    decoded: dict[str, object] = json.loads(text[start:].replace("\r\n", "\n"))
    return decoded


def test_age_opens_a_case_with_the_encrypted_identity_file_directly(age_binary: str, saved: tuple[Path, str]) -> None:
    folder, case_id = saved
    status, output = run_in_pty([age_binary, "-d", "-i", "identity.age", f"{case_id}.age"], folder, PASSPHRASE)

    assert status == 0, output
    envelope = envelope_in(output)
    assert envelope["format"] == "signaleer-case"
    case = envelope["case"]
    assert isinstance(case, dict) and case["pseudonym"] == CANARY and case["id"] == case_id


def test_age_unwraps_the_identity_then_opens_the_case_without_a_terminal(
    age_binary: str, saved: tuple[Path, str], tmp_path: Path
) -> None:
    folder, case_id = saved
    key_file = tmp_path / "key.txt"
    status, output = run_in_pty([age_binary, "-d", "-o", str(key_file), "identity.age"], folder, PASSPHRASE)
    assert status == 0, output
    assert "AGE-SECRET-KEY-1" in key_file.read_text()

    import subprocess

    done = subprocess.run(
        [age_binary, "-d", "-i", str(key_file), str(folder / f"{case_id}.age")], capture_output=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["case"]["pseudonym"] == CANARY


def test_organisation_key_opens_a_case_with_age(age_binary: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    import subprocess

    template = vault_template(tmp_path_factory)
    folder = copy_vault(template, tmp_path_factory.mktemp("org") / "kluis")
    org = _age.generate_key()
    key_file = folder.parent / "org-key.txt"
    key_file.write_text(_age.secret_of(org) + "\n")
    case = make_case(CANARY)
    CaseStore(folder, template.identity, [_age.recipient_of(org)]).save(case, summary_of(case))

    done = subprocess.run(
        [age_binary, "-d", "-i", str(key_file), str(folder / f"{case.id}.age")], capture_output=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["case"]["pseudonym"] == CANARY


def test_age_opens_a_key_made_at_the_real_work_factor_with_the_passphrase_alone(
    age_binary: str, real_work_factor: int, tmp_path: Path
) -> None:
    from signaleer.vault.keys import create_vault, identity_work_factor

    folder = tmp_path / "kluis"
    identity = create_vault(folder, PASSPHRASE)
    assert identity_work_factor(folder) == real_work_factor == 18
    case = make_case(CANARY)
    CaseStore(folder, identity).save(case, summary_of(case))

    status, output = run_in_pty([age_binary, "-d", "-i", "identity.age", f"{case.id}.age"], folder, PASSPHRASE)

    assert status == 0, output
    assert envelope_in(output)["case"]["pseudonym"] == CANARY  # type: ignore[index]


def test_a_file_age_encrypts_with_a_passphrase_opens_with_our_reader(age_binary: str, tmp_path: Path) -> None:
    from signaleer.vault import _age_scrypt

    plain = tmp_path / "plain.txt"
    plain.write_bytes(CANARY.encode() * 5000)  # more than one 64 KiB chunk
    sealed = tmp_path / "sealed.age"  # binary; armor is covered by the official vectors (test_age_scrypt.py)
    status, output = run_in_pty([age_binary, "-p", "-o", str(sealed), str(plain)], tmp_path, PASSPHRASE)
    assert status == 0, output
    data = sealed.read_bytes()
    assert _age_scrypt.work_factor_of(data) == 18  # age's own default, the one signaleer now writes
    assert _age_scrypt.decrypt(data, PASSPHRASE.encode()) == plain.read_bytes()
