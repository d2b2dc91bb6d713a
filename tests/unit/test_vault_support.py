"""Shared helpers for the vault tests: one real vault per session, copied per test (scrypt is slow)."""

from __future__ import annotations

import os
import secrets
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from signaleer.domain.case import Case, CaseSummary, ObservedSignal, read_summary
from signaleer.vault.keys import Identity, create_vault

PASSPHRASE = "correct paard batterij nietje"
CANARY = f"KANARIE-{secrets.token_hex(6)}"
"""Made at run time, so no source file or editor copy ever contains it."""


@dataclass(frozen=True)
class VaultTemplate:
    """A vault created once per session; tests copy its folder."""

    folder: Path
    identity: Identity


_template: list[VaultTemplate] = []


def vault_template(factory: pytest.TempPathFactory) -> VaultTemplate:
    """The session's template vault (created on first use)."""
    if not _template:
        folder = factory.mktemp("vault-template") / "kluis"
        _template.append(VaultTemplate(folder, create_vault(folder, PASSPHRASE)))
    return _template[0]


def copy_vault(template: VaultTemplate, destination: Path) -> Path:
    """A private copy of the template vault at ``destination``."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    shutil.copytree(template.folder, destination)
    os.chmod(destination, 0o700)
    return destination


def make_case(pseudonym: str = "Casus A", **fields: object) -> Case:
    """A small valid case."""
    case = Case(pseudonym=pseudonym, gemeente="utrecht")
    case.signals.append(ObservedSignal(signal_id="GB01", observation=f"Nieuwe telefoon ({pseudonym})"))
    for name, value in fields.items():
        setattr(case, name, value)
    return case


def summary_of(case: Case, **fields: object) -> CaseSummary:
    """A summary for ``case``; tests set phase, due and so on through ``fields``."""
    values: dict[str, object] = {
        "id": case.id,
        "pseudonym": case.pseudonym,
        "gemeente": case.gemeente,
        "updated_at": case.updated_at,
    }
    values.update(fields)
    return read_summary(values)
