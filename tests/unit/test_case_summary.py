"""The case list's summaries: read from the envelope without the case, compact in memory, same reasons for bad files.

A vault of 10,000 cases keeps 10,000 summaries in memory for the case list; they used to be pydantic models
(~1.3 KB each, every text its own copy) read by parsing the whole envelope, case included.
"""

from __future__ import annotations

import json

import pytest
from test_vault_support import make_case, summary_of

from signaleer.domain.case import CaseSummary, read_summary, summary_json
from signaleer.i18n import t
from signaleer.vault import envelope
from signaleer.vault.envelope import CaseFileUnreadable

NAME = "0123456789abcdef"


def test_summaries_share_their_common_texts_and_carry_no_dict() -> None:
    texts = {"phase": "Signalen", "next_action": "Bespreek de signalen met een collega."}
    first, second = (
        envelope.decode_summary(f"{case.id}.age", envelope.encode(case, summary_of(case, **texts)))
        for case in (make_case("Eén", id=NAME), make_case("Twee", id="fedcba9876543210"))
    )
    assert first.next_action == second.next_action == texts["next_action"]
    assert first.next_action is second.next_action  # one copy for every case with this next step
    assert first.phase is second.phase and first.gemeente is second.gemeente
    assert first.pseudonym != second.pseudonym
    assert not hasattr(first, "__dict__")


def test_a_summary_round_trips_through_its_json_and_rejects_unknown_fields() -> None:
    case = make_case("Rond", id=NAME)
    summary = summary_of(case, phase="Afwegen", due="2026-12-24", closed=True)
    data = json.loads(json.dumps(summary_json(summary)))
    assert data["due"] == "2026-12-24" and data["closed"] is True
    assert read_summary(data) == summary
    with pytest.raises(ValueError):
        read_summary({**data, "onbekend": 1})
    with pytest.raises(ValueError):
        CaseSummary(**{**data, "onbekend": 1})


def reason(plaintext: bytes) -> str:
    with pytest.raises(CaseFileUnreadable) as caught:
        envelope.decode_summary(f"{NAME}.age", plaintext)
    return caught.value.reason


def test_each_kind_of_bad_envelope_keeps_its_own_reason() -> None:
    case = make_case("Kapot", id=NAME)
    tree = json.loads(envelope.encode(case, summary_of(case)))
    bad = {
        b"": "vault.problem.not_json",
        b"\xff\xfe not utf-8": "vault.problem.not_json",
        b"[" * 100_000: "vault.problem.not_json",
        b'{"format": ': "vault.problem.not_json",
        b"null": "vault.problem.not_a_case",
        b"[]": "vault.problem.not_a_case",
        json.dumps({**tree, "format": "iets-anders"}).encode(): "vault.problem.not_a_case",
        json.dumps({**tree, "format_version": 2}).encode(): "vault.problem.newer_version",
        json.dumps({**tree, "format_version": True}).encode(): "vault.problem.bad_version",
        json.dumps({**tree, "format_version": "1"}).encode(): "vault.problem.bad_version",
        json.dumps({**tree, "summary": []}).encode(): "vault.problem.summary.missing",
        json.dumps({k: v for k, v in tree.items() if k != "summary"}).encode(): "vault.problem.summary.missing",
    }
    for plaintext, key in bad.items():
        assert reason(plaintext) == t(key), plaintext[:40]
    wrong = json.dumps({**tree, "summary": {**tree["summary"], "due": "gisteren"}}).encode()
    assert reason(wrong) == t("vault.problem.summary.invalid", field="due")
    other = json.dumps({**tree, "summary": {**tree["summary"], "id": "ffffffffffffffff"}}).encode()
    assert reason(other) == t("vault.problem.name_mismatch")
    assert envelope.decode_summary(f"{NAME}.age", json.dumps({**tree, "case": "niet eens een casus"}).encode())
