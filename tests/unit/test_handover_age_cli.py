"""A hand-over file opens with the standard ``age`` CLI and the receiver's key alone (driven through a pty),
and with an organisation key; the sender's own key cannot open it. A file ``age`` encrypts imports too."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from handover_support import (
    OTHER_PASSPHRASE,
    Laptop,
    handed,
    load_content_once,
    make,
)
from pty_support import run_in_pty
from test_vault_support import CANARY, PASSPHRASE

from signaleer.content import loader
from signaleer.domain.case import Case
from signaleer.domain.content import Content
from signaleer.vault import _age


@pytest.fixture(scope="module")
def content() -> Content:
    return loader.load_content_or_raise()


@pytest.fixture(autouse=True)
def _content_once(content: Content, monkeypatch: pytest.MonkeyPatch) -> None:
    load_content_once(content, monkeypatch)


def envelope_in(output: bytes) -> dict[str, object]:
    text = output.decode("utf-8", "replace")
    decoded: dict[str, object] = json.loads(text[text.index("{") :].replace("\r\n", "\n"))
    return decoded


def test_age_opens_the_file_with_the_receivers_identity_file(
    age_binary: str, sender: Laptop, receiver: Laptop, case: Case, outbox: Path
) -> None:
    out = handed(sender, receiver, case, outbox)

    status, output = run_in_pty([age_binary, "-d", "-i", "identity.age", str(out)], receiver.vault, OTHER_PASSPHRASE)

    assert status == 0, output
    envelope = envelope_in(output)
    assert envelope["format"] == "signaleer-overdracht" and envelope["format_version"] == 1
    inner = envelope["case"]
    assert isinstance(inner, dict) and inner["pseudonym"] == CANARY and inner["id"] == case.id
    assert inner["timeline"][-1]["code"] == "handed_over"


def test_age_with_the_senders_own_key_cannot_open_it(
    age_binary: str, sender: Laptop, receiver: Laptop, case: Case, outbox: Path
) -> None:
    out = handed(sender, receiver, case, outbox)

    status, output = run_in_pty([age_binary, "-d", "-i", "identity.age", str(out)], sender.vault, PASSPHRASE)

    assert status != 0 and CANARY.encode() not in output
    assert b"no identity matched" in output.lower(), output


def test_age_opens_it_with_an_organisation_key(
    age_binary: str, sender: Laptop, receiver: Laptop, case: Case, outbox: Path, tmp_path: Path
) -> None:
    org = _age.generate_key()
    key_file = tmp_path / "organisatie.key"
    key_file.write_text(_age.secret_of(org) + "\n")
    key_file.chmod(0o600)
    sender.set_org([_age.recipient_of(org)])
    out = outbox / "x.age"
    assert make(sender, case.id, receiver.recipient, out).exit_code == 0

    done = subprocess.run([age_binary, "-d", "-i", str(key_file), str(out)], capture_output=True, check=False)

    assert done.returncode == 0, done.stderr
    envelope = json.loads(done.stdout)
    assert envelope["case"]["pseudonym"] == CANARY and envelope["also_readable_by"] == [_age.recipient_of(org)]


def test_a_file_the_age_cli_encrypts_for_the_receiver_imports(
    age_binary: str, sender: Laptop, receiver: Laptop, case: Case, outbox: Path
) -> None:
    out = handed(sender, receiver, case, outbox)
    plain = receiver.identity.decrypt(out.read_bytes())
    again = outbox / "door-age.age"
    done = subprocess.run(
        [age_binary, "-r", receiver.recipient, "-o", str(again)], input=plain, capture_output=True, check=False
    )
    assert done.returncode == 0, done.stderr

    imported = receiver.run("overdracht", "importeer", str(again))

    assert imported.exit_code == 0, imported.output
    assert receiver.store().open(case.id).timeline[-1].code == "received"
