"""The plaintext inside a case file: a JSON envelope with the summary next to the case.

The summary travels inside the encryption so the case list needs no content, and no plain file
on disk names or describes a case. The JSON is padded to a multiple of 4 KiB so file sizes say
little about how much was written.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError

from signaleer.domain.case import SUMMARY_FIELDS, Case, CaseSummary, read_summary, summary_json
from signaleer.errors import VaultError
from signaleer.i18n import t

FORMAT = "signaleer-case"
FORMAT_VERSION = 1
PAD_TO = 4096

Record = TypeVar("Record", Case, CaseSummary)


class CaseFileUnreadable(VaultError):
    """A file in the vault that is not a readable signaleer case; the message names the file."""

    def __init__(self, name: str, reason: str) -> None:
        super().__init__(f"{name}: {reason}", t("vault.problem.hint"))
        self.name = name
        self.reason = reason


def encode(case: Case, summary: CaseSummary) -> bytes:
    """The padded JSON plaintext for ``case`` and its ``summary``."""
    envelope = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "summary": summary_json(summary),
        "case": case.model_dump(mode="json"),
    }
    body = json.dumps(envelope, ensure_ascii=False, indent=2).encode("utf-8") + b"\n"
    return body + b" " * (-len(body) % PAD_TO)


class _Head(BaseModel):
    """The parts of an envelope the case list reads; the case itself is skipped by the JSON parser.

    ``json.loads`` built every object of the case only to throw it away: for 10,000 cases, seconds of CPU and
    megabytes of scattered garbage left behind in the heap under the summaries that stay.
    """

    model_config = ConfigDict(extra="ignore")
    format: object = None
    format_version: object = None
    summary: object = None


def decode_summary(name: str, plaintext: bytes) -> CaseSummary:
    """The summary from a decrypted envelope; raises ``CaseFileUnreadable``."""
    try:
        head = _Head.model_validate_json(plaintext)
    except ValidationError as exc:
        not_json = any(error["type"] == "json_invalid" for error in exc.errors())
        raise CaseFileUnreadable(
            name, t("vault.problem.not_json" if not_json else "vault.problem.not_a_case")
        ) from None
    _check_head(name, head.format, head.format_version)
    summary = _validate(name, read_summary, SUMMARY_FIELDS, head.summary, "summary")
    _check_id(name, summary.id)
    return summary


def decode_case(name: str, plaintext: bytes) -> Case:
    """The case from a decrypted envelope; raises ``CaseFileUnreadable``."""
    envelope = _envelope(name, plaintext)
    case = _validate(name, Case.model_validate, Case.model_fields, envelope.get("case"), "case")
    _check_id(name, case.id)
    return case


def _envelope(name: str, plaintext: bytes) -> dict[str, Any]:
    try:
        envelope = json.loads(plaintext.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise CaseFileUnreadable(name, t("vault.problem.not_json")) from None
    if not isinstance(envelope, dict):
        raise CaseFileUnreadable(name, t("vault.problem.not_a_case"))
    _check_head(name, envelope.get("format"), envelope.get("format_version"))
    return envelope


def _check_head(name: str, form: object, version: object) -> None:
    if form != FORMAT:
        raise CaseFileUnreadable(name, t("vault.problem.not_a_case"))
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise CaseFileUnreadable(name, t("vault.problem.bad_version"))
    if version > FORMAT_VERSION:
        raise CaseFileUnreadable(name, t("vault.problem.newer_version"))


def _validate(
    name: str, validate: Callable[[object], Record], fields: Collection[str], data: object, what: str
) -> Record:
    """``data`` (the envelope's ``what``) through ``validate``; a failure names only the field, from ``fields``."""
    if not isinstance(data, dict):
        raise CaseFileUnreadable(name, t(f"vault.problem.{what}.missing"))
    try:
        return validate(data)
    except ValidationError as exc:  # the error text holds case content: report only where, never what
        first = exc.errors()[0]["loc"][:1]
        field = first[0] if first and first[0] in fields else "?"
        raise CaseFileUnreadable(name, t(f"vault.problem.{what}.invalid", field=field)) from None


def _check_id(name: str, case_id: str) -> None:
    if name != f"{case_id}.age":
        raise CaseFileUnreadable(name, t("vault.problem.name_mismatch"))
