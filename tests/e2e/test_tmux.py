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

    def click(self, x: int, y: int) -> None:
        """A left click at column ``x``, row ``y`` (0-based) as the terminal sends it in SGR mouse mode."""
        self.type(f"\x1b[<0;{x + 1};{y + 1}M\x1b[<0;{x + 1};{y + 1}m")

    def find(self, text: str) -> tuple[int, int]:
        """Column and row (0-based) where ``text`` is on the screen now."""
        for row, line in enumerate(self.screen().splitlines()):
            column = line.find(text)
            if column >= 0:
                return column, row
        raise AssertionError(f"{text!r} is not on the screen")

    def paste(self, text: str) -> None:
        """Paste ``text`` as a terminal does (bracketed paste when the program asked for it)."""
        self.run("set-buffer", "-b", "plak", text)
        self.run("paste-buffer", "-p", "-d", "-b", "plak", "-t", "walk")

    def settled(self, quiet: float = 0.3) -> str:
        """The screen once it has not changed for ``quiet`` seconds (the program has caught up)."""
        deadline = time.monotonic() + TIMEOUT
        last, since = self.styled(), time.monotonic()
        while time.monotonic() - since < quiet:
            if time.monotonic() > deadline:
                raise AssertionError("the screen kept changing")
            time.sleep(0.05)
            now = self.styled()
            if now != last:
                last, since = now, time.monotonic()
        return self.screen()

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
    # A tmux server started without a terminal hands COLUMNS=80 and LINES=24 to the pane, which would pin the
    # program at 80x24 whatever the window size: unset them, so it follows the window as in a real terminal.
    command = f"env -u COLUMNS -u LINES {env} sh -c '{program}'"
    tmux.run("new-session", "-d", "-s", "walk", "-x", str(width), "-y", str(height), command)

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
    tmux.press_and_see_change("Tab")  # the list, GB01 highlighted
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


def test_a_click_on_the_case_list_highlights_and_a_second_click_or_a_double_click_opens(
    tmux: Tmux, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The case list in the real terminal with SGR mouse clicks: one click on another case only highlights it (the
    list does not move), a click on the highlighted case opens it, and so does a double click."""
    start_with_a_new_vault(tmux, tmp_path, monkeypatch)
    older, newer = f"Alfa-{secrets.token_hex(3)}", f"Beta-{secrets.token_hex(3)}"
    for name in (older, newer):
        create_case(tmux, name)
    tmux.wait_for(older, newer)
    tmux.settled()  # the highlight is on the case just worked on: the newer one

    x, y = tmux.find(older)
    before = tmux.styled()
    tmux.click(x + 2, y + 1)  # the second line of its row
    tmux.wait(lambda _: tmux.styled() != before, "the highlight on the clicked case")
    after = tmux.settled()
    assert "Jouw casussen" in after and tmux.find(older) == (x, y), "one click opened the case or moved the list"

    tmux.click(x + 2, y)
    tmux.wait_for(f"Signalering: {older}", "Acute veiligheid")
    tmux.keys("Escape")
    tmux.wait_for("Jouw casussen", older, newer)
    tmux.settled()  # now the highlight is on the older case, the one just left

    x, y = tmux.find(newer)
    tmux.click(x, y)
    tmux.click(x, y)  # a double click, as the terminal sends it
    tmux.wait_for(f"Signalering: {newer}", "Acute veiligheid")

    tmux.keys("C-q")
    tmux.wait_for("SIGNALEER-EXITED")


def test_clicks_bursts_a_conversation_an_edit_and_a_resize_as_a_person_does(
    tmux: Tmux, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The walk in the real program: three quick clicks on search results tick exactly those three, a burst and
    a paste of 10,000 characters land in the observation, a resize to 60x20 loses nothing, the conversation
    step after "Gesprek gehouden" takes keys where they are seen, and an edit of a saved observation keeps
    every key and asks its reason when it is done."""
    paths = start_with_a_new_vault(tmux, tmp_path, monkeypatch)
    tmux.run("set-option", "-w", "-t", "walk", "window-size", "manual")  # no client attached: size by hand
    tmux.run("resize-window", "-t", "walk", "-x", "120", "-y", "40")
    assert tmux.run("display", "-p", "-t", "walk", "#{window_width}x#{window_height}").strip() == "120x40"
    tmux.keys("n")
    tmux.wait_for("Nieuwe signalering", "Casusnaam")
    tmux.type("Klik-1")
    tmux.press_and_see_change("Tab")
    tmux.type("15")
    tmux.wait(lambda s: re.search(r"▊\s+15\s", s) is not None, "the age")
    tmux.keys("C-s")
    tmux.wait_for("Signalering: Klik-1", "Acute veiligheid (nog open)")
    tmux.keys("C-n")
    tmux.wait_for("Stap 1 van 5: Signalen")
    tmux.type("school")
    tmux.wait_for("gevonden voor ‘school’", "SD03", "SD04")
    tmux.wait_for("SR03")

    for signal_id in ("SD03", "SD04", "SR03"):  # a person clicking down a list of results
        tmux.click(*tmux.find(f"[ ] {signal_id}"))
        time.sleep(0.15)  # the person's pace, not a wait for the program
    tmux.wait_for("[x] SD03", "[x] SD04", "[x] SR03")
    screen = tmux.wait(lambda s: len(re.findall(r"\[x\] [A-Z]{2}\d\d", s)) == 3, "exactly three ticked signals")
    assert "✔ aangevinkt" in screen

    burst = "Wordt opgewacht bij de poort, dinsdag 3 maart, door een oudere jongen"
    tmux.press_and_see_change("Tab")  # the observation of SR03, the last one clicked
    tmux.type(burst)
    tmux.wait_for(burst[-30:])
    long_text = " " + ("abcdefghij" * 1000)
    tmux.paste(long_text)
    tmux.run("resize-window", "-t", "walk", "-x", "60", "-y", "20")  # mid-walk, while the paste is handled
    assert tmux.run("display", "-p", "-t", "walk", "#{window_width}x#{window_height}").strip() == "60x20"
    tmux.wait(lambda s: "Signalen" in s and len(s.splitlines()) <= 20, "the 60x20 screen")
    tmux.run("resize-window", "-t", "walk", "-x", "120", "-y", "40")
    tmux.wait(lambda s: "SR03" in s and "abcdefghij" in s, "the screen at full size with the pasted text")

    tmux.keys("C-n")
    tmux.wait_for("Stap 2 van 5")
    tmux.keys("C-n")
    tmux.wait_for("Stap 3 van 5: In gesprek met de jongere")
    tmux.keys("Enter")  # the first field, "Gesprek gehouden", has the focus
    tmux.wait_for("[x] Gesprek gehouden")
    for _ in range(5):  # "overgeslagen", date, present, summary, the flag system: each drawn where the focus goes
        tmux.press_and_see_change("Tab")
    tmux.type("Groen: toestemming en gelijkwaardig")
    tmux.wait_for("Vlaggensysteem: zes criteria", "Groen: toestemming")

    tmux.keys("C-b")
    tmux.wait_for("Stap 2 van 5")
    tmux.keys("C-b")
    tmux.wait_for("Stap 1 van 5: Signalen")
    tmux.type("SR03")  # the search box has the focus
    tmux.wait_for("gevonden voor ‘SR03’")
    tmux.press_and_see_change("Tab")  # the list, SR03 highlighted
    tmux.press_and_see_change("Tab")  # its saved observation
    tmux.keys("End")
    tmux.type(" xyz")  # an edit of an earlier answer: every key stays in the observation
    tmux.wait_for("abcdefghij xyz")
    assert "Geef een korte reden" not in tmux.screen()  # no dialog took the keys after the first
    tmux.keys("BTab")  # done with it: back to the list
    tmux.wait_for("Je wijzigt een eerder antwoord", "Geef een korte reden")
    tmux.type("Beter gekeken")
    tmux.keys("Enter")
    tmux.wait(lambda s: "Geef een korte reden" not in s and "Stap 1 van 5" in s, "the walk again")

    tmux.keys("C-q")
    tmux.wait_for("SIGNALEER-EXITED")
    from signaleer.vault.keys import unlock
    from signaleer.vault.store import CaseStore

    case_files = [p for p in paths.vault.iterdir() if re.fullmatch(r"[0-9a-f]{16}\.age", p.name)]
    case = CaseStore(paths.vault, unlock(paths.vault, PASSPHRASE)).open(case_files[0].stem)
    assert sorted(s.signal_id for s in case.signals) == ["SD03", "SD04", "SR03"]
    sr03 = next(s for s in case.signals if s.signal_id == "SR03")
    assert sr03.observation == burst + long_text + " xyz"
    assert case.answers["gesprek_jongere"]["vlaggensysteem"] == "Groen: toestemming en gelijkwaardig"
    assert case.conversations["jongere"].held is True and not case.conversations["jongere"].summary
    assert case.timeline[-1].reason == "Beter gekeken" and not case.pending_edits
