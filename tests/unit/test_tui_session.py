"""The vault session without Textual: open (and why not), save the queue, delete, recipients, re-encryption notices."""

from __future__ import annotations

import errno
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from engine_content import make_content
from test_vault_support import CANARY, VaultTemplate, copy_vault, make_case

from signaleer.domain.content import Content
from signaleer.i18n import t
from signaleer.tui.saver import failure_text
from signaleer.tui.session import VaultSession
from signaleer.vault import _age
from signaleer.vault.keys import CASE_SUFFIX, Identity

CONTENT = make_content()


def _content() -> Content:
    return CONTENT


@pytest.fixture
def session(template: VaultTemplate, tmp_path: Path) -> Iterator[VaultSession]:
    folder = copy_vault(template, tmp_path / "kluis")
    opened = VaultSession(folder, _content)
    opened.open(template.identity, [])
    yield opened
    opened.close()


def test_a_second_session_says_why_it_cannot_open_and_keeps_nothing(template: VaultTemplate, tmp_path: Path) -> None:
    folder = copy_vault(template, tmp_path / "kluis")
    first = VaultSession(folder, _content)
    first.open(template.identity, [])
    second = VaultSession(folder, _content)

    problem = second.try_open(template.identity, [])

    assert problem and not second.unlocked
    assert (second.store, second.vault_lock) == (None, None)
    first.close()
    assert second.try_open(template.identity, []) is None
    assert second.store is not None
    second.close()


def test_a_writable_vault_gives_no_read_only_notice(session: VaultSession) -> None:
    assert session.read_only_notice() is None
    session.read_only = OSError(errno.EROFS, "Read-only file system")
    notice = session.read_only_notice()
    assert notice is not None and notice.severity == "warning"
    assert notice.text == t("vault.read_only", error=failure_text(session.read_only))


def test_deleting_a_case_refuses_its_later_saves(session: VaultSession) -> None:
    case = make_case(CANARY)
    session.write(case)
    path = session.folder / f"{case.id}{CASE_SUFFIX}"
    assert path.exists()

    notice = session.delete(case.id, "test")

    assert notice.ok and notice.text == t("case.deleted") and not path.exists()
    assert session.saver.submit(case) is False  # a late save must not bring it back
    assert [entry.case_id for entry in session.store.deletions()] == [case.id]  # type: ignore[union-attr]


def test_a_failed_deletion_is_an_error_notice_and_accepts_saves_again(session: VaultSession) -> None:
    never_saved = make_case(CANARY)
    notice = session.delete(never_saved.id, "test")

    assert not notice.ok and notice.severity == "error"
    assert notice.text.startswith(t("case.delete_failed", error="").rstrip())
    assert session.saver.submit(never_saved) is True


def test_a_failed_save_is_reported_without_case_content(session: VaultSession) -> None:
    case = make_case(CANARY)
    session.saver.submit(case)
    session.store = None  # locked meanwhile: the write fails

    notices = session.save_queued()

    assert len(notices) == 1 and notices[0].severity == "error"
    assert CANARY not in notices[0].text and case.id in session.saver.failed


def test_recipients_need_reencryption_only_when_the_set_changes(template: VaultTemplate, tmp_path: Path) -> None:
    one, two = (_age.recipient_of(_age.generate_key()) for _ in range(2))
    locked = VaultSession(copy_vault(template, tmp_path / "kluis"), _content)
    assert locked.set_recipients([one]) is False  # nothing to re-encrypt while locked
    locked.open(template.identity, [one])

    assert locked.set_recipients([one]) is False
    assert locked.set_recipients([one, two]) is True
    assert locked.set_recipients([two, one]) is False  # the same keys in another order
    assert locked.set_recipients([]) is True
    locked.close()


def test_reencryption_counts_the_files_and_names_the_skipped_ones(session: VaultSession) -> None:
    key = _age.generate_key()
    case = make_case(CANARY)
    session.write(case)
    session.set_recipients([_age.recipient_of(key)])

    notice = session.reencrypt_notice()

    assert notice.severity == "information" and notice.text == t("settings.reencrypted", count=1)
    path = session.folder / f"{case.id}{CASE_SUFFIX}"
    assert json.loads(Identity(key).decrypt(path.read_bytes()))["case"]["pseudonym"] == CANARY

    (session.folder / f"0123456789abcdef{CASE_SUFFIX}").write_bytes(b"geen age")
    notice = session.reencrypt_notice()
    assert notice.severity == "warning"
    expected = t("settings.reencrypted", count=1) + " " + t("settings.reencrypt_skipped", names="0123456789abcdef.age")
    assert notice.text == expected


def test_a_disk_error_while_reencrypting_is_an_error_notice(session: VaultSession) -> None:
    full = OSError(errno.ENOSPC, "No space left on device")

    def refuse(*_args: object) -> tuple[int, list[object]]:
        raise full

    session.store.reencrypt = refuse  # type: ignore[method-assign,union-attr]
    notice = session.reencrypt_notice()

    assert notice.severity == "error"
    assert notice.text == t("settings.reencrypt_failed", error=failure_text(full))
