"""One writer per vault: the OS lock, its message, crash recovery, and the deletion log under parallel deletes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_vault_support import VaultTemplate, make_case, summary_of

import signaleer
from signaleer.cli import main
from signaleer.errors import VaultBusy
from signaleer.vault import _age
from signaleer.vault.lock import VaultLock, lock_path, read_holder
from signaleer.vault.store import CaseDeleted, CaseStore

SRC = str(Path(signaleer.__file__).resolve().parents[1])
"""Where the code under test lives, so the child processes run the same code."""


def test_a_second_holder_is_refused_with_where_the_vault_is_open(store: CaseStore) -> None:
    first = VaultLock(store.folder, "app")
    first.acquire()
    try:
        with pytest.raises(VaultBusy) as caught:
            VaultLock(store.folder, "command").acquire(wait=5)  # the app holds it: no waiting at all
        assert caught.value.exit_code == 2
        assert f"al geopend in signaleer (op deze computer, proces {os.getpid()})" in caught.value.message
        assert stat_mode(lock_path(store.folder)) == 0o600
    finally:
        first.release()
    second = VaultLock(store.folder, "command")
    second.acquire()
    second.release()


def stat_mode(path: Path) -> int:
    return os.stat(path).st_mode & 0o777


HOLDER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from signaleer.vault.lock import VaultLock
    lock = VaultLock(Path(sys.argv[1]), "app")
    lock.acquire()
    print("held", flush=True)
    sys.stdin.read()  # until killed
    """
)


def test_a_lock_left_by_a_killed_process_is_free_again(store: CaseStore) -> None:
    """kill -9 leaves the lock file, but the OS dropped the lock with the process: no stale lock."""
    env = {**os.environ, "PYTHONPATH": SRC}
    child = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(store.folder)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env
    )
    try:
        assert child.stdout is not None and child.stdout.readline() == b"held\n"
        holder = read_holder(store.folder)
        assert holder is not None and (holder.pid, holder.kind) == (child.pid, "app")
        with pytest.raises(VaultBusy, match=f"proces {child.pid}"):
            VaultLock(store.folder, "command").acquire()
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert lock_path(store.folder).exists()
    lock = VaultLock(store.folder, "command")
    lock.acquire()
    assert read_holder(store.folder) is not None and read_holder(store.folder).pid == os.getpid()  # type: ignore[union-attr]
    lock.release()


def test_cli_writers_stop_with_exit_2_before_the_passphrase_while_the_app_holds_the_vault(
    store: CaseStore, passfile: Path
) -> None:
    case = make_case("Open-in-app")
    store.save(case, summary_of(case))
    app = VaultLock(store.folder, "app")
    app.acquire()
    try:
        commands = [
            ["cases", "delete", case.id, "--ja"],
            ["cases", "purge", "--older-than", "0", "--ja"],
            ["cases", "import", str(Path(__file__).resolve().parents[2] / "examples" / "01_lotte.yaml")],
            ["vault", "rekey"],
            ["vault", "passwd"],
            ["vault", "destroy"],
        ]
        for command in commands:
            # no --passphrase-file and no input: a command that asked for the passphrase would fail otherwise
            result = CliRunner().invoke(main, command)
            assert result.exit_code == 2, (command, result.output)
            assert "is al geopend in signaleer (op deze computer" in result.stderr, command
            assert "Wachtwoordzin" not in result.stderr and "Traceback" not in result.output
    finally:
        app.release()
    assert store.exists(case.id)
    done = CliRunner().invoke(main, ["cases", "delete", case.id, "--ja", "--passphrase-file", str(passfile)])
    assert done.exit_code == 0, done.output


def test_a_store_refuses_to_write_back_a_deleted_case(store: CaseStore, template: VaultTemplate) -> None:
    """A second store (an app that still shows the case) must not bring back what another one deleted."""
    case = make_case("Weg-is-weg")
    store.save(case, summary_of(case))
    stale = CaseStore(store.folder, template.identity)
    stale.listing()
    store.delete(case.id)

    case.pseudonym = "Weg-is-weg (later getypt)"
    with pytest.raises(CaseDeleted, match="is verwijderd"):
        stale.save(case, summary_of(case))

    assert not store.exists(case.id)
    assert [e.case_id for e in store.deletions()] == [case.id]


DELETER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from signaleer.vault.keys import Identity
    from signaleer.vault.store import CaseStore
    folder, case_id = Path(sys.argv[1]), sys.argv[2]
    store = CaseStore(folder, Identity.from_secret(sys.stdin.readline().strip()))
    print("ready", flush=True)
    sys.stdin.readline()  # every process starts deleting at the same moment
    store.delete(case_id, "verwijderd door de professional")
    """
)
PARALLEL = int(os.environ.get("SIGNALEER_PARALLEL_DELETES", "10"))


def test_parallel_deletions_keep_every_entry_of_the_deletion_log(store: CaseStore, template: VaultTemplate) -> None:
    """10 processes delete 10 cases at once: without the lock the log kept 4 of 10 entries."""
    ids = []
    for number in range(PARALLEL):
        case = make_case(f"Parallel-{number}")
        store.save(case, summary_of(case))
        ids.append(case.id)
    secret = _age.secret_of(template.identity._key)  # test only: the child processes get the key on a pipe
    env = {**os.environ, "PYTHONPATH": SRC}
    children = [
        subprocess.Popen(
            [sys.executable, "-c", DELETER, str(store.folder), case_id],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
        )
        for case_id in ids
    ]
    for child in children:
        assert child.stdin is not None and child.stdout is not None
        child.stdin.write(f"{secret}\n".encode())
        child.stdin.flush()
        assert child.stdout.readline() == b"ready\n"
    for child in children:
        assert child.stdin is not None
        child.stdin.write(b"go\n")
        child.stdin.close()
    errors = []
    for child in children:
        assert child.stderr is not None
        errors.append(child.stderr.read())
        child.wait()
    assert [child.returncode for child in children] == [0] * PARALLEL, errors

    assert sorted(e.case_id for e in store.deletions()) == sorted(ids)
    assert store.listing().summaries == []
    assert not [name for name in os.listdir(store.folder) if name.endswith(".tmp")]


def test_a_command_waits_for_another_command_and_is_not_told_the_app_has_it(store: CaseStore) -> None:
    """The holder text may be unreadable for a moment: only a known app holder stops a command at once."""
    from signaleer.vault.lock import refuse_if_app_holds

    other = VaultLock(store.folder, "command")
    other.acquire()
    try:
        refuse_if_app_holds(store.folder)
        os.truncate(lock_path(store.folder), 0)  # as if caught between two writes of the holder
        refuse_if_app_holds(store.folder)
        with pytest.raises(VaultBusy, match="is al geopend in signaleer"):
            VaultLock(store.folder, "command").acquire(wait=0)
    finally:
        other.release()
