"""The real ``signaleer`` program in tmux, typed as a person would; then the screen and the encrypted file."""

from __future__ import annotations

import os
import re
import secrets
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path

import pytest

from signaleer.paths import Paths, resolve_paths
from signaleer.settings import Settings, save_settings

pytestmark = pytest.mark.e2e

PASSPHRASE = "regen boom fiets paard"
SIZE = (100, 30)
TIMEOUT = 20.0
"""Seconds to wait for one keystroke's effect (creating the vault takes a few)."""


class Tmux:
    """One private tmux server (own socket, no user config) running one pane."""

    def __init__(self, socket: str) -> None:
        self.socket = socket
        self.seen: list[str] = []
        """Every distinct screen captured, to check what was shown along the way."""

    def run(self, *args: str) -> str:
        done = subprocess.run(
            ["tmux", "-L", self.socket, "-f", "/dev/null", *args], capture_output=True, text=True, check=True
        )
        return done.stdout

    def screen(self) -> str:
        text = self.run("capture-pane", "-p", "-t", "walk")
        if not self.seen or self.seen[-1] != text:
            self.seen.append(text)
        return text

    def styled(self) -> str:
        return self.run("capture-pane", "-p", "-e", "-t", "walk")

    def wait(self, condition: Callable[[str], bool], what: str) -> str:
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            text = self.screen()
            if condition(text):
                return text
            time.sleep(0.05)
        # The screens go into the failure message only: never into a file (they show the test case).
        history = "\n=====\n".join(self.seen[-3:])
        raise AssertionError(f"timed out waiting for {what}; last screens:\n{history}")

    def wait_for(self, *texts: str) -> str:
        return self.wait(lambda screen: all(t in screen for t in texts), " and ".join(map(repr, texts)))

    def keys(self, *keys: str) -> None:
        self.run("send-keys", "-t", "walk", *keys)

    def type(self, text: str) -> None:
        self.run("send-keys", "-t", "walk", "-l", text)

    def press_and_see_change(self, key: str) -> None:
        """Press ``key`` and wait until the screen (with styles, e.g. the focus) changes."""
        before = self.styled()
        self.keys(key)
        deadline = time.monotonic() + TIMEOUT
        while self.styled() == before:
            if time.monotonic() > deadline:
                raise AssertionError(f"{key} changed nothing on screen")
            time.sleep(0.03)


def answer_shown(screen: str, question: str) -> str | None:
    """The chosen answer ('Ja'/'Nee') shown under the question that starts with ``question``, if visible."""
    lines = screen.splitlines()
    for index, line in enumerate(lines):
        if line.strip().startswith(question):
            for below in lines[index + 1 : index + 9]:
                chosen = re.search(r"\[x\] (Ja|Nee)", below)
                if chosen:
                    return chosen.group(1)
                if "[ ] Ja" in below:
                    return None
    return None


def is_no_for(question: str, screen: str) -> bool:
    """True when 'Nee' is the answer shown under ``question``."""
    return answer_shown(screen, question) == "Nee"


@pytest.fixture
def tmux(tmp_path: Path) -> Iterator[Tmux]:
    if shutil.which("tmux") is None:
        if os.environ.get("CI"):
            pytest.fail("tmux is required on CI")
        pytest.skip("tmux is not installed")
    server = Tmux(f"signaleer-e2e-{secrets.token_hex(4)}")
    yield server
    subprocess.run(["tmux", "-L", server.socket, "-f", "/dev/null", "kill-server"], capture_output=True, check=False)


def start_with_a_new_vault(tmux: Tmux, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Paths:
    """Start ``signaleer`` in tmux on an empty home, create the vault as a person would, wait for the home screen."""
    home = tmp_path / "home"
    monkeypatch.setenv("SIGNALEER_HOME", str(home))
    paths = resolve_paths()
    save_settings(paths.settings_file, Settings(gemeente="leiden"))
    program = f"{sys.executable} -m signaleer; echo SIGNALEER-EXITED; sleep 60"
    env = f"SIGNALEER_HOME={home} TERM=xterm-256color LANG=C.UTF-8"
    width, height = SIZE
    tmux.run("new-session", "-d", "-s", "walk", "-x", str(width), "-y", str(height), f"env {env} sh -c '{program}'")

    tmux.wait_for("Welkom bij signaleer")
    tmux.type(PASSPHRASE)
    tmux.wait(lambda s: "■■" in s, "the strength meter")
    tmux.press_and_see_change("Enter")  # on to the second field
    tmux.type(PASSPHRASE)
    tmux.keys("Enter")
    tmux.wait_for("Jouw casussen", "Nog geen casussen")
    return paths


def test_a_person_records_a_case_in_the_real_program(
    tmux: Tmux, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = start_with_a_new_vault(tmux, tmp_path, monkeypatch)
    canary = f"Canary-{secrets.token_hex(4)}"

    tmux.keys("n")
    tmux.wait_for("Nieuwe signalering", "Casusnaam")
    tmux.type(canary)
    tmux.wait_for(canary)
    tmux.press_and_see_change("Tab")  # on to the age
    tmux.type("15")
    tmux.wait(lambda s: re.search(r"▊\s+15\s", s) is not None and f"{canary}15" not in s, "the age")
    tmux.keys("C-s")
    tmux.wait_for("Acute veiligheid (nog open)")

    for number, question in enumerate(("Is iemand nu", "Is er in de afgelopen 7 dagen", "Is de jongere vermist")):
        if number:
            tmux.press_and_see_change("Tab")  # yes (the first question's yes has the focus already)
        tmux.press_and_see_change("Tab")  # no
        tmux.keys("Enter")
        tmux.wait(partial(is_no_for, question), f"'Nee' for {question!r}")
    tmux.press_and_see_change("Tab")  # onthulling: yes
    tmux.keys("Enter")
    tmux.wait_for("Acuut: doe dit nu", "0800-2000")  # issue 14: the 24/7 line first, 088 beside it
    tmux.keys("Enter")  # Verder
    tmux.wait_for("Acute veiligheid (klaar)")

    tmux.keys("C-n")
    tmux.wait_for("Stap 1 van 5: Signalen")
    tmux.type("dure spullen")  # the search box has the focus
    tmux.wait_for("gevonden voor ‘dure spullen’", "Geld, spullen en telefoon", "GB01")  # the search is done
    tmux.press_and_see_change("Tab")  # the category
    tmux.press_and_see_change("Tab")  # GB01
    tmux.keys("Space")
    tmux.wait_for("[x] GB01", "✔ aangevinkt", "telefoon — 1 aangevinkt", "(klaar)")  # every effect of the tick
    tmux.press_and_see_change("Tab")  # the observation
    tmux.type(f"{canary} heeft een nieuwe dure tas")
    tmux.wait_for(f"{canary} heeft een")

    tmux.keys("F4")
    tmux.wait_for("Uitkomst en volgende stap", "Volgende stap:", "Veilig Thuis")

    tmux.keys("C-q")
    tmux.wait_for("SIGNALEER-EXITED")
    after_exit = tmux.screen()
    assert canary not in after_exit
    assert any("0800-2000" in screen for screen in tmux.seen)

    case_files = [p for p in paths.vault.iterdir() if re.fullmatch(r"[0-9a-f]{16}\.age", p.name)]
    assert len(case_files) == 1
    assert canary.encode() not in case_files[0].read_bytes()
    from signaleer.vault.keys import unlock
    from signaleer.vault.store import CaseStore

    case = CaseStore(paths.vault, unlock(paths.vault, PASSPHRASE)).open(case_files[0].stem)
    assert case.pseudonym == canary and case.age == 15 and (case.gemeente or "").casefold() == "leiden"
    assert case.acute == {"direct_gevaar": False, "seksueel_geweld_7d": False, "vermist": False, "onthulling": True}
    assert [(s.signal_id, s.observation) for s in case.signals] == [("GB01", f"{canary} heeft een nieuwe dure tas")]
    assert case.position == "uitkomst"


def test_keys_sent_in_one_burst_act_in_order(tmux: Tmux, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A password manager's auto-type, or a fast typist on a slow laptop, sends many keys at once.

    Textual resolves Tab and Backspace only after they have bubbled through every container, so without
    ``KeyOrder`` the typo's Backspace acted late and the age went into the name (checked against the old code).
    """
    start_with_a_new_vault(tmux, tmp_path, monkeypatch)
    tmux.keys("n")
    tmux.wait_for("Nieuwe signalering", "Casusnaam")
    tmux.keys("Noax", "BSpace", "Tab", "15")
    tmux.wait(lambda s: re.search(r"Casusnaam\s+▊\s+Noa\s", s) is not None, "the corrected name")
    tmux.wait(lambda s: re.search(r"Leeftijd\s+▊\s+15\s", s) is not None, "the age")
    tmux.keys("C-q")
    tmux.wait_for("SIGNALEER-EXITED")


def create_case(tmux: Tmux, name: str) -> None:
    """'Nieuwe signalering' with a name and age, then back to the case list."""
    tmux.keys("n")
    tmux.wait_for("Nieuwe signalering", "Casusnaam")
    tmux.type(name)
    tmux.wait_for(name)
    tmux.press_and_see_change("Tab")
    tmux.type("15")
    tmux.wait(lambda s: re.search(r"▊\s+15\s", s) is not None, "the age")
    tmux.keys("C-s")
    tmux.wait_for(f"Signalering: {name}", "Acute veiligheid (nog open)")
    tmux.keys("Escape")
    tmux.wait_for("Jouw casussen", name)


def test_enter_opens_the_selected_case_and_unlocking_returns_to_the_field(
    tmux: Tmux, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Enter on the start screen opens the highlighted case; after F12 and the passphrase the typing goes on in
    the same field of the same step (the signal search), though the lock dropped every screen with case data."""
    start_with_a_new_vault(tmux, tmp_path, monkeypatch)
    names = [f"Alfa-{secrets.token_hex(3)}", f"Beta-{secrets.token_hex(3)}"]
    for name in names:
        create_case(tmux, name)
    screen = tmux.wait_for(*names)
    rows = sorted(names, key=lambda name: screen.index(name))
    second = rows[1]

    tmux.keys("Down")
    tmux.keys("Enter")
    tmux.wait_for(f"Signalering: {second}", "Acute veiligheid")

    tmux.keys("/")
    tmux.wait_for("Stap 1 van 5: Signalen")
    tmux.type("slaap")
    tmux.wait_for("gevonden voor ‘slaap’")

    tmux.keys("F12")
    tmux.wait(lambda s: "Notities" in s and second not in s and "Signalen" not in s, "the neutral screen")
    tmux.keys("Enter")
    tmux.wait_for("Typ je wachtwoord om je notities te openen")
    tmux.type(PASSPHRASE)
    tmux.keys("Enter")
    tmux.wait_for(f"Signalering: {second}", "Stap 1 van 5: Signalen")
    tmux.type("dure spullen")  # lands in the search field again, not on a tick box or the case list
    tmux.wait_for("gevonden voor ‘dure spullen’")

    tmux.keys("C-q")
    tmux.wait_for("SIGNALEER-EXITED")
