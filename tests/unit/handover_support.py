"""Shared set-up for the hand-over tests: two (or three) real vaults, each in its own SIGNALEER_HOME."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from test_vault_support import CANARY, PASSPHRASE, VaultTemplate, copy_vault, summary_of, vault_template

from signaleer.cli import main
from signaleer.content import loader
from signaleer.domain.case import Case, Consultation
from signaleer.domain.changes import add_consultation, new_case
from signaleer.domain.content import Content
from signaleer.i18n import t
from signaleer.vault.keys import Identity, create_vault
from signaleer.vault.store import CaseStore

OTHER_PASSPHRASE = "zonnige fiets lantaarn brug"


@dataclass
class Laptop:
    """One professional's laptop: a SIGNALEER_HOME with a real vault and a passphrase file."""

    home: Path
    identity: Identity
    passfile: Path

    @property
    def vault(self) -> Path:
        return self.home / "data" / "kluis"

    @property
    def recipient(self) -> str:
        return self.identity.recipient

    def store(self, org: list[str] | None = None) -> CaseStore:
        return CaseStore(self.vault, self.identity, org)

    def run(self, *args: str, stdin: str | None = None) -> Result:
        env = {"SIGNALEER_HOME": str(self.home), "SIGNALEER_PASSPHRASE_FILE": str(self.passfile)}
        return CliRunner().invoke(main, list(args), input=stdin, env=env)

    def set_org(self, recipients: list[str]) -> None:
        config = self.home / "config"
        config.mkdir(parents=True, exist_ok=True)
        (config / "instellingen.json").write_text(json.dumps({"org_recipients": recipients}), encoding="utf-8")


_second: list[tuple[Path, Identity]] = []


def _other_template(factory: pytest.TempPathFactory) -> tuple[Path, Identity]:
    """A second real vault with its own key (made once per session, copied per test)."""
    if not _second:
        folder = factory.mktemp("vault-template-b") / "kluis"
        _second.append((folder, create_vault(folder, OTHER_PASSPHRASE)))
    return _second[0]


def _laptop(root: Path, folder: Path, identity: Identity, passphrase: str) -> Laptop:
    home = root / "home"
    copy_vault(VaultTemplate(folder, identity), home / "data" / "kluis")
    passfile = root / "wachtwoord"
    passfile.write_text(passphrase + "\n")
    passfile.chmod(0o600)
    return Laptop(home, identity, passfile)


def sender_laptop(factory: pytest.TempPathFactory, root: Path) -> Laptop:
    """The sender: a copy of the session's template vault."""
    template = vault_template(factory)
    return _laptop(root / "a", template.folder, template.identity, PASSPHRASE)


def receiver_laptop(factory: pytest.TempPathFactory, root: Path) -> Laptop:
    """The receiver: a copy of a second template vault, with its own key and passphrase."""
    folder, identity = _other_template(factory)
    return _laptop(root / "b", folder, identity, OTHER_PASSPHRASE)


def stranger_laptop(root: Path) -> Laptop:
    """A third vault, made for this test."""
    folder = root / "c-template" / "kluis"
    identity = create_vault(folder, PASSPHRASE)
    return _laptop(root / "c", folder, identity, PASSPHRASE)


def saved_case(laptop: Laptop) -> Case:
    """A case whose pseudonym and consultation advice carry the canary, saved in ``laptop``'s vault."""
    made = new_case(CANARY, 15, "meisje", "utrecht", "wijkteam")
    add_consultation(made, Consultation(who="aandachtsfunctionaris", advice=f"advies {CANARY}"))
    laptop.store().save(made, summary_of(made))
    return made


def load_content_once(content: Content, monkeypatch: pytest.MonkeyPatch) -> None:
    """The commands load the bundled content; give them the same real content, loaded once (speed)."""
    monkeypatch.setattr(loader, "load_content_or_raise", lambda *args, **kwargs: content)


def make(sender: Laptop, case_id: str, to: str, out: Path, *extra: str, copy: str = "behouden") -> Result:
    args = ["overdracht", "maak", case_id, "--aan", to, "--naam", "Zorgcoördinator Noord", "--van", "Wijkcoach Sanne"]
    return sender.run(*args, "--kopie", copy, "--uitvoer", str(out), *extra)


def handed(sender: Laptop, receiver: Laptop, case: Case, outbox: Path, copy: str = "behouden") -> Path:
    out = outbox / "overdracht.age"
    result = make(sender, case.id, receiver.recipient, out, copy=copy)
    assert result.exit_code == 0, result.output
    return out


def refused(result: Result, code: str, **values: object) -> None:
    """Exit non-zero with the one line (and hint) of ``vault.handover.<code>``, never a traceback."""
    assert result.exit_code != 0, result.output
    assert "Traceback" not in result.output
    assert result.stderr.startswith(f"signaleer: {t(f'vault.handover.{code}', lang='nl', **values)}"), result.stderr
    assert t(f"vault.handover.{code}.hint", lang="nl", **values) in result.stderr


# --- fixtures (re-exported by tests/unit/conftest.py) ---------------------------------------------------------------


@pytest.fixture
def sender(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> Laptop:
    """The laptop that hands a case over (the session's vault, copied)."""
    return sender_laptop(tmp_path_factory, tmp_path)


@pytest.fixture
def receiver(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> Laptop:
    """The colleague's laptop: a vault with a key of its own."""
    return receiver_laptop(tmp_path_factory, tmp_path)


@pytest.fixture
def case(sender: Laptop) -> Case:
    """A case saved in the sender's vault."""
    return saved_case(sender)


@pytest.fixture
def outbox(tmp_path: Path) -> Path:
    """A folder standing for the USB stick the file goes on."""
    folder = tmp_path / "usb"
    folder.mkdir()
    return folder
