"""``VaultSession.hand_over`` without Textual: the notice it gives, and the save queue around a deleted copy."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from engine_content import make_content
from test_vault_support import CANARY, VaultTemplate, copy_vault, make_case, summary_of, vault_template

from signaleer.i18n import t
from signaleer.tui.session import HandoverRequest, VaultSession
from signaleer.vault import _age, handover

CONTENT = make_content()


@pytest.fixture
def session(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> Iterator[VaultSession]:
    template: VaultTemplate = vault_template(tmp_path_factory)
    opened = VaultSession(copy_vault(template, tmp_path / "kluis"), lambda: CONTENT)
    opened.open(template.identity, [])
    yield opened
    opened.close()


def _request(tmp_path: Path, keep: bool) -> tuple[HandoverRequest, _age.Key]:
    receiver = _age.generate_key()
    request = HandoverRequest(_age.recipient_of(receiver), "Zorgcoördinator", "Wijkcoach", keep, tmp_path / "x.age")
    return request, receiver


def test_a_deleted_copy_is_never_saved_again(session: VaultSession, tmp_path: Path) -> None:
    assert session.store is not None
    case = make_case(CANARY)
    session.store.save(case, summary_of(case))
    request, receiver = _request(tmp_path, keep=False)

    notice = session.hand_over(case.id, request)

    assert notice.ok and str(request.output) in notice.text, notice.text
    assert not session.store.exists(case.id) and case.id in session.saver.deleted
    assert handover.decode(request.output.read_bytes(), lambda data: _age.decrypt(data, receiver)).case.id == case.id


def test_a_failed_hand_over_says_why_and_accepts_saves_again(session: VaultSession, tmp_path: Path) -> None:
    assert session.store is not None
    case = make_case(CANARY)
    session.store.save(case, summary_of(case))
    (session.folder / "verwijderlog.age").write_bytes(b"kapot")
    request, _ = _request(tmp_path, keep=False)

    notice = session.hand_over(case.id, request)

    assert not notice.ok and notice.text.startswith(t("handover.failed", error="")[:10]), notice.text
    assert CANARY not in notice.text
    assert session.store.exists(case.id) and case.id not in session.saver.deleted
    assert not request.output.exists()


def test_keep_saves_the_copy_with_the_hand_over(session: VaultSession, tmp_path: Path) -> None:
    assert session.store is not None
    case = make_case(CANARY)
    session.store.save(case, summary_of(case))
    request, _ = _request(tmp_path, keep=True)

    assert session.hand_over(case.id, request).ok
    assert session.store.open(case.id).timeline[-1].code == "handed_over"
    assert [s.id for s in session.listing().summaries] == [case.id]


def test_a_locked_session_hands_nothing_over(session: VaultSession, tmp_path: Path) -> None:
    session.close()
    request, _ = _request(tmp_path, keep=True)
    notice = session.hand_over("0123456789abcdef", request)
    assert not notice.ok and not request.output.exists()
