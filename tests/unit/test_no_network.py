"""signaleer never opens a network socket: every module (TUI aside), a vault round trip, the content loader.

The check runs in a child Python whose ``sitecustomize`` makes every socket connect, lookup and
send raise, so the unlock worker process (started by the vault) is guarded too.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from test_vault_support import PASSPHRASE, VaultTemplate, vault_template

GUARD = textwrap.dedent(
    """
    import os, socket

    class NetworkForbidden(RuntimeError):
        pass

    def _forbidden(what):
        def refuse(*args, **kwargs):
            with open(os.environ["SIGNALEER_NET_LOG"], "a", encoding="utf-8") as log:
                log.write(f"{os.getpid()} {what} {args!r}\\n")
            raise NetworkForbidden(f"network use is forbidden: {what}")
        return refuse

    for name in ("connect", "connect_ex", "sendto", "bind"):
        setattr(socket.socket, name, _forbidden(f"socket.{name}"))
    socket.create_connection = _forbidden("create_connection")
    socket.getaddrinfo = _forbidden("getaddrinfo")
    socket.gethostbyname = _forbidden("gethostbyname")
    """
)

SESSION = textwrap.dedent(
    """
    import importlib, pkgutil, shutil, sys, socket
    from pathlib import Path

    try:
        socket.create_connection(("127.0.0.1", 9), timeout=0.1)
    except RuntimeError:
        pass
    else:
        sys.exit("the network guard is not active")

    import signaleer
    imported = []
    for module in pkgutil.walk_packages(signaleer.__path__, "signaleer."):
        if module.name.startswith("signaleer.tui") or module.name == "signaleer.__main__":
            continue
        importlib.import_module(module.name)
        imported.append(module.name)

    from signaleer.content.loader import load_content_or_raise
    from signaleer.domain.case import Case, CaseSummary
    from signaleer.paths import resolve_paths
    from signaleer.vault.keys import unlock
    from signaleer.vault.store import CaseStore

    content = load_content_or_raise()
    folder = resolve_paths().vault
    shutil.copytree(sys.argv[1], folder)
    store = CaseStore(folder, unlock(folder, sys.stdin.readline().rstrip("\\n")))
    case = Case(pseudonym="Netwerkproef")
    store.save(case, CaseSummary(id=case.id, pseudonym=case.pseudonym, updated_at=case.updated_at))
    assert store.open(case.id) == case and len(store.listing().summaries) == 1
    print(len(imported), "modules", len(content.signal_lists), "signal lists")
    """
)


def test_no_module_opens_a_network_socket(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> None:
    template: VaultTemplate = vault_template(tmp_path_factory)
    guard_dir = tmp_path / "guard"
    guard_dir.mkdir()
    (guard_dir / "sitecustomize.py").write_text(GUARD)
    log = tmp_path / "network.log"
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(guard_dir), os.environ.get("PYTHONPATH")])),
        "SIGNALEER_HOME": str(tmp_path / "home"),
        "SIGNALEER_NET_LOG": str(log),
    }

    done = subprocess.run(
        [sys.executable, "-c", SESSION, str(template.folder)],
        input=PASSPHRASE + "\n",
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )

    assert done.returncode == 0, done.stderr[-3000:]
    attempts = [line for line in log.read_text().splitlines() if "('127.0.0.1', 9)" not in line]
    assert attempts == [], attempts
    assert int(done.stdout.split()[0]) >= 10


def test_the_guard_also_reaches_child_processes(tmp_path: Path) -> None:
    guard_dir = tmp_path / "guard"
    guard_dir.mkdir()
    (guard_dir / "sitecustomize.py").write_text(GUARD)
    log = tmp_path / "network.log"
    env = {**os.environ, "PYTHONPATH": str(guard_dir), "SIGNALEER_NET_LOG": str(log)}

    done = subprocess.run(
        [sys.executable, "-P", "-c", "import socket; socket.getaddrinfo('example.org', 443)"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )

    assert done.returncode != 0 and "NetworkForbidden" in done.stderr
    assert "getaddrinfo" in log.read_text()
