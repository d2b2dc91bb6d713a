"""Every CLI command on a full disk (tmpfs), a read-only mount, without permission (as nobody) and with EIO.

Each run must end with a Dutch message that names the cause, exit non-zero, print no traceback, and leave
the vault exactly as it was (no temp file, no half file, no plain text): or, where the command frees space
itself (delete, purge, destroy on a full disk), succeed completely.
"""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from fault_support import fill, read_only, snapshot, tmpfs
from test_vault_support import PASSPHRASE, VaultTemplate, make_case, summary_of

import signaleer
from signaleer.cli import main
from signaleer.vault.store import CaseStore

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "01_lotte.yaml"
CAUSE = {"full": "de schijf is vol", "ro": "alleen-lezen", "denied": "geen toestemming", "eio": "lees- of schrijffout"}


@dataclass
class World:
    home: Path
    vault: Path
    out: Path
    passfile: Path
    newpass: Path
    old_case: str
    template: VaultTemplate

    def store(self) -> CaseStore:
        return CaseStore(self.vault, self.template.identity)


def make_world(root: Path, template: VaultTemplate, monkeypatch: pytest.MonkeyPatch) -> World:
    home = root / "home"
    monkeypatch.setenv("SIGNALEER_HOME", str(home))
    monkeypatch.delenv("SIGNALEER_PASSPHRASE_FILE", raising=False)
    passfile, newpass = root / "wachtwoord", root / "nieuw"
    passfile.write_text(PASSPHRASE + "\n")
    newpass.write_text("een heel andere zin\n")
    for path in (passfile, newpass):
        path.chmod(0o600)
    (root / "uit").mkdir(mode=0o700)
    return World(home, home / "data" / "kluis", root / "uit", passfile, newpass, "", template)


def populate(world: World) -> None:
    world.vault.mkdir(parents=True, exist_ok=True, mode=0o700)
    shutil.copytree(world.template.folder, world.vault, dirs_exist_ok=True)
    store = world.store()
    old = make_case("Oud-Fout")
    store.save(old, summary_of(old, updated_at=dt.datetime.now(dt.UTC) - dt.timedelta(days=100)))
    fresh = make_case("Vers-Fout")
    store.save(fresh, summary_of(fresh))
    world.old_case = old.id


COMMANDS: dict[str, Callable[[World], list[str]]] = {
    "import": lambda w: ["cases", "import", str(EXAMPLE), "--passphrase-file", str(w.passfile)],
    "delete": lambda w: ["cases", "delete", w.old_case, "--ja", "--passphrase-file", str(w.passfile)],
    "purge": lambda w: ["cases", "purge", "--older-than", "30", "--ja", "--passphrase-file", str(w.passfile)],
    "rekey": lambda w: ["vault", "rekey", "--passphrase-file", str(w.passfile)],
    "passwd": lambda w: [
        "vault",
        "passwd",
        "--passphrase-file",
        str(w.passfile),
        "--new-passphrase-file",
        str(w.newpass),
    ],
    "export": lambda w: ["cases", "export", w.old_case, "--uitvoer", str(w.out), "--passphrase-file", str(w.passfile)],
    "destroy": lambda w: ["vault", "destroy"],
    "init": lambda w: ["vault", "init", "--passphrase-file", str(w.passfile)],
}
FREES_SPACE = {"delete", "purge", "destroy"}
"""On a full disk these remove files first, so they may succeed; then they must succeed completely."""


def invoke(args: list[str]) -> Result:
    return CliRunner().invoke(main, args, input="VERWIJDEREN\n")


def assert_message_not_traceback(result: Result, fault: str) -> None:
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    assert result.exit_code != 0, result.output
    assert CAUSE[fault] in result.stderr, result.stderr
    assert "→" in result.stderr  # what to do next


def assert_complete(name: str, world: World, result: Result) -> None:
    assert result.exit_code == 0, result.output
    if name == "destroy":
        assert not (world.vault / "identity.age").exists()
    else:
        assert not world.store().exists(world.old_case)
        assert world.old_case in [e.case_id for e in world.store().deletions()]


def fault_target(name: str, world: World) -> Path:
    return world.out if name == "export" else world.home / "data" if name == "init" else world.vault


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_a_full_disk_is_a_message_and_changes_nothing(
    name: str, tmp_path: Path, template: VaultTemplate, monkeypatch: pytest.MonkeyPatch
) -> None:
    world = make_world(tmp_path, template, monkeypatch)
    target = fault_target(name, world)
    with tmpfs(target, size_kib=256):
        if name != "init":
            populate(world)
        filler = fill(target)
        before = snapshot(target)

        result = invoke(COMMANDS[name](world))

        leftovers = [p.name for p in target.iterdir() if p.name.endswith(".tmp")]
        if name in FREES_SPACE and result.exit_code == 0:
            assert_complete(name, world, result)
        else:
            assert_message_not_traceback(result, "full")
            assert snapshot(target) == before and leftovers == []
        filler.unlink()


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_a_read_only_disk_is_a_message_and_changes_nothing(
    name: str, tmp_path: Path, template: VaultTemplate, monkeypatch: pytest.MonkeyPatch
) -> None:
    world = make_world(tmp_path, template, monkeypatch)
    if name != "init":
        populate(world)
    target = fault_target(name, world)
    target.mkdir(parents=True, exist_ok=True)
    before = snapshot(target)
    with read_only(target):
        result = invoke(COMMANDS[name](world))
        assert_message_not_traceback(result, "ro")
    assert snapshot(target) == before
    assert not [p.name for p in target.iterdir() if p.name.endswith(".tmp")]


def test_a_disk_error_eio_is_a_message(
    tmp_path: Path, template: VaultTemplate, monkeypatch: pytest.MonkeyPatch
) -> None:
    """EIO cannot be made on demand without a broken device: fsync reports it here, as a failing disk would."""
    world = make_world(tmp_path, template, monkeypatch)
    populate(world)
    before = snapshot(world.vault)

    def failing_fsync(fd: int) -> None:
        raise OSError(errno.EIO, os.strerror(errno.EIO))

    monkeypatch.setattr(os, "fsync", failing_fsync)
    result = invoke(COMMANDS["import"](world))
    monkeypatch.undo()

    assert_message_not_traceback(result, "eio")
    assert snapshot(world.vault) == before


NOBODY = 65534
AS_NOBODY = """
import json, sys
from pathlib import Path
from signaleer.domain.case import Case, CaseSummary
from signaleer.errors import DiskError
from signaleer.vault.keys import Identity
from signaleer.vault.store import CaseStore
folder, case_id = Path(sys.argv[1]), sys.argv[2]
store = CaseStore(folder, Identity.from_secret(sys.stdin.readline().strip()))
case = Case(pseudonym="Nobody-Nieuw")
summary = CaseSummary(id=case.id, pseudonym=case.pseudonym, updated_at=case.updated_at)
results = {}
for name, action in [
    ("save", lambda: store.save(case, summary)),
    ("delete", lambda: store.delete(case_id)),
    ("reencrypt", lambda: store.reencrypt()),
    ("purge", lambda: store.purge(0)),
]:
    try:
        action()
        results[name] = "ok"
    except DiskError as exc:
        results[name] = exc.render()
print(json.dumps(results))
"""


def as_nobody(args: list[str], home: Path, stdin: str) -> subprocess.CompletedProcess[str]:
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "SIGNALEER_HOME": str(home),
        "PYTHONPATH": str(Path(signaleer.__file__).resolve().parents[1]),
        "LANG": "C.UTF-8",
    }
    command = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups", sys.executable]
    return subprocess.run([*command, *args], env=env, capture_output=True, text=True, input=stdin, cwd=home)


def test_no_permission_as_a_normal_user_is_a_message(template: VaultTemplate) -> None:
    """As root a chmod stops nothing: so this runs as 'nobody' on a vault it owns but made read-only (0500).

    The CLI's unlock starts a child Python, which 'nobody' may not be allowed to execute on this machine
    (the interpreter lives under /root); so the store's writes run in one process as 'nobody', and the CLI
    runs 'vault destroy', which needs no passphrase.
    """
    if os.geteuid() != 0:
        pytest.skip("needs root to run as another user; as a normal user the chmod tests above already apply")
    if not shutil.which("setpriv"):
        pytest.skip("setpriv (util-linux) is not installed")
    from signaleer.vault import _age

    root = Path(tempfile.mkdtemp(prefix="signaleer-nobody-"))
    try:
        home = root / "home"
        vault = home / "data" / "kluis"
        shutil.copytree(template.folder, vault)
        store = CaseStore(vault, template.identity)
        old = make_case("Nobody-Fout")
        store.save(old, summary_of(old, updated_at=dt.datetime.now(dt.UTC) - dt.timedelta(days=100)))
        for path in [root, *root.rglob("*")]:
            os.chown(path, NOBODY, NOBODY)
        os.chmod(vault, 0o500)
        before = snapshot(vault)

        secret = _age.secret_of(template.identity._key)  # test only, over a pipe
        writes = as_nobody(["-c", AS_NOBODY, str(vault), old.id], home, secret + "\n")
        destroy = as_nobody(["-m", "signaleer", "vault", "destroy"], home, "VERWIJDEREN\n")

        assert writes.returncode == 0 and "Traceback" not in writes.stderr, writes.stderr
        results = json.loads(writes.stdout)
        assert sorted(results) == ["delete", "purge", "reencrypt", "save"]
        for name, text in results.items():
            assert CAUSE["denied"] in text and "→" in text, (name, text)
        assert destroy.returncode == 1 and "Traceback" not in destroy.stderr + destroy.stdout, destroy.stderr
        assert CAUSE["denied"] in destroy.stderr, destroy.stderr
        assert snapshot(vault) == before
    finally:
        for path in [root, *root.rglob("*")]:
            if path.is_dir():
                os.chmod(path, 0o700)
        shutil.rmtree(root)
