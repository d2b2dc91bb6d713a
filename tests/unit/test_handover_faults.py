"""Disk faults during a hand-over, on a real full tmpfs and a real read-only bind mount (root only; skipped with
the reason otherwise): a message naming the cause, never a traceback, no file and no temp file left, vaults
unchanged. When the sender's vault cannot be updated after the file was written, the file is taken back."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import Result
from fault_support import fill, read_only, snapshot, tmpfs
from handover_support import (
    Laptop,
    handed,
    load_content_once,
    make,
)

from signaleer.content import loader
from signaleer.domain.case import Case
from signaleer.domain.content import Content

CAUSE = {"full": "de schijf is vol", "ro": "alleen-lezen"}


@pytest.fixture(scope="module")
def content() -> Content:
    return loader.load_content_or_raise()


@pytest.fixture(autouse=True)
def _content_once(content: Content, monkeypatch: pytest.MonkeyPatch) -> None:
    load_content_once(content, monkeypatch)


def assert_disk_message(result: Result, fault: str) -> None:
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    assert result.exit_code != 0, result.output
    assert CAUSE[fault] in result.stderr and "→" in result.stderr, result.stderr


@pytest.mark.parametrize("copy", ["behouden", "verwijderen"])
def test_a_full_output_disk_writes_nothing_and_keeps_the_case(
    sender: Laptop, receiver: Laptop, case: Case, tmp_path: Path, copy: str
) -> None:
    before = snapshot(sender.vault)
    with tmpfs(tmp_path / "usb", size_kib=64) as usb:
        fill(usb)
        names = sorted(p.name for p in usb.iterdir())

        result = make(sender, case.id, receiver.recipient, usb / "x.age", copy=copy)

        assert_disk_message(result, "full")
        assert sorted(p.name for p in usb.iterdir()) == names, "no file, no temp file"
    assert snapshot(sender.vault) == before
    assert sender.store().open(case.id).timeline == case.timeline, "the hand-over is not recorded"


def test_a_read_only_output_folder_writes_nothing(sender: Laptop, receiver: Laptop, case: Case, tmp_path: Path) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    before = snapshot(sender.vault)
    with read_only(usb):
        result = make(sender, case.id, receiver.recipient, usb / "x.age", copy="verwijderen")
        assert_disk_message(result, "ro")
    assert list(usb.iterdir()) == []
    assert snapshot(sender.vault) == before


@pytest.mark.parametrize("copy", ["behouden", "verwijderen"])
def test_a_read_only_sender_vault_takes_the_written_file_back(
    sender: Laptop, receiver: Laptop, case: Case, tmp_path: Path, copy: str
) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    before = snapshot(sender.vault)
    with read_only(sender.vault):
        result = make(sender, case.id, receiver.recipient, usb / "x.age", copy=copy)
        assert_disk_message(result, "ro")
    assert list(usb.iterdir()) == [], "the file was written first, then removed when the vault could not follow"
    assert snapshot(sender.vault) == before


def test_a_full_receiver_vault_imports_nothing(sender: Laptop, receiver: Laptop, case: Case, tmp_path: Path) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    out = handed(sender, receiver, case, usb)
    kept = tmp_path / "vault-copy"
    shutil.copytree(receiver.vault, kept)
    with tmpfs(receiver.vault, size_kib=256):
        for item in kept.iterdir():
            shutil.copy2(item, receiver.vault / item.name)
        filler = fill(receiver.vault)
        before = snapshot(receiver.vault)

        result = receiver.run("overdracht", "importeer", str(out))

        assert_disk_message(result, "full")
        assert snapshot(receiver.vault) == before
        assert not [p.name for p in receiver.vault.iterdir() if p.name.endswith(".tmp")]
        filler.unlink()
        assert not receiver.store().exists(case.id)
