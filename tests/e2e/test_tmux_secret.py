"""A passphrase typed into a start that fails (a broken content override) never reaches the shell or its history.

The real program runs in an interactive bash (own HISTFILE, history written at every prompt) inside tmux,
and the passphrase is typed key by key, as a person would, across the moment the background load fails.
"""

from __future__ import annotations

import os
import secrets
import shlex
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_tmux import SIZE, Tmux

from signaleer.paths import resolve_paths
from signaleer.settings import Settings, save_settings
from signaleer.vault.keys import create_vault

pytestmark = pytest.mark.e2e

PASSPHRASE = "Zonnebloem Kastanje Regenboog Vlinder"
FRAGMENTS = ("Zonnebloem", "Kastanje", "Regenboog", "Vlinder", "Kast", "boog", "inder")
KEY_PAUSE = 0.04
"""Seconds between two typed keys: a person's pace (input pacing only; nothing is asserted on time)."""


@pytest.fixture
def shell_tmux(tmp_path: Path) -> Iterator[Tmux]:
    if shutil.which("tmux") is None or shutil.which("bash") is None:
        if os.environ.get("CI"):
            pytest.fail("tmux and bash are required on CI")
        pytest.skip("tmux or bash is not installed")
    server = Tmux(f"signaleer-e2e-{secrets.token_hex(4)}")
    yield server
    subprocess.run(["tmux", "-L", server.socket, "-f", "/dev/null", "kill-server"], capture_output=True, check=False)


def type_slowly(tmux: Tmux, text: str) -> None:
    for char in text:
        tmux.type(char)
        time.sleep(KEY_PAUSE)


def test_a_passphrase_typed_into_a_failing_start_stays_out_of_the_shell(
    shell_tmux: Tmux, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tmux = shell_tmux
    home = tmp_path / "home"
    monkeypatch.setenv("SIGNALEER_HOME", str(home))
    paths = resolve_paths()
    save_settings(paths.settings_file, Settings(gemeente="leiden"))
    create_vault(paths.vault, PASSPHRASE)
    override = paths.config / "meldroutes" / "leiden.yaml"
    override.parent.mkdir(parents=True, exist_ok=True)
    override.write_text("gemeente: [niet afgesloten\n", encoding="utf-8")
    history = tmp_path / "bash_history"
    env = {
        "HOME": str(tmp_path),
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "TERM": "xterm-256color",
        "LANG": "C.UTF-8",
        "HISTFILE": str(history),
        "PROMPT_COMMAND": "history -a",
        "PS1": "prompt$ ",
        "SIGNALEER_HOME": str(home),
    }
    command = shlex.join(["env", "-i", *(f"{k}={v}" for k, v in env.items()), "bash", "--norc", "--noprofile", "-i"])
    width, height = SIZE
    tmux.run("new-session", "-d", "-s", "walk", "-x", str(width), "-y", str(height), command)
    tmux.wait_for("prompt$")
    tmux.type(f"{sys.executable} -m signaleer; echo SIGNALEER-EXITED-$?")
    tmux.keys("Enter")

    tmux.wait_for("Typ je wachtwoord")
    half = len(PASSPHRASE) // 2
    type_slowly(tmux, PASSPHRASE[:half])
    # Wait for the failure to show (or, in the old program, for the app to have exited): then type on.
    exited = "SIGNALEER-EXITED-1"  # the echo's output, not the command line that holds "-$?"
    tmux.wait(lambda s: "kan niet starten" in s or exited in s, "the start error or the exit")
    type_slowly(tmux, PASSPHRASE[half:])
    tmux.keys("Enter")
    on_screen = tmux.wait(lambda s: "kan niet starten" in s or exited in s, "the start error or the exit")
    waited_for_esc = "kan niet starten" in on_screen and "leiden.yaml" in on_screen and "Esc" in on_screen
    if waited_for_esc:
        tmux.keys("Escape")
        tmux.wait_for(exited)
    tmux.type("echo KLAAR-$((40+2))")  # once bash has run this, it has run everything typed before it
    tmux.keys("Enter")
    tmux.wait_for("KLAAR-42")

    pane = tmux.run("capture-pane", "-p", "-J", "-S", "-2000", "-t", "walk")  # -J: wrapped lines joined
    stored = history.read_text(encoding="utf-8", errors="replace") if history.exists() else ""
    assert "echo KLAAR" in stored  # the history is really written
    assert "leiden.yaml" in pane.replace("\n", "")  # the errors are in the terminal after the exit (a long path wraps)
    for fragment in FRAGMENTS:
        assert fragment not in stored, "part of the passphrase is in the shell history"
        assert fragment not in pane, "part of the passphrase reached the shell"
        assert all(fragment not in screen for screen in tmux.seen), "the screen showed the passphrase"
    assert waited_for_esc, "the app did not wait on its error screen"
