"""Latency and memory of the real ``signaleer`` program in a real terminal (tmux), as ratios to bare Textual apps.

What a person feels: a key is sent to the pane (``tmux send-keys``) and the screen is polled with
``tmux capture-pane`` (every 10 ms) until it has not changed for 300 ms *and* the process used under 10 % of a core
in those 300 ms (a program that computes longer than 300 ms without painting, like a search run once per typed
letter, has not settled); the figure is the time from the key to the *last* change (the quiet is not counted). The
time to the first change is printed too. A tick is compared with the styles (``capture-pane -e``: a
``SelectionList`` tick changes only colours), everything else on the text, so a blinking cursor does not count.
Four programs run side by side at 120×40, each in its own tmux session:

- ``signaleer`` with a vault of 1 case, and ``signaleer`` with a vault of 10,000 cases (``python -m signaleer``, a
  temporary ``SIGNALEER_HOME``, unlocked by typing the passphrase as a person would; a new case is made with the
  "Nieuwe signalering" form and walked to the signal step);
- reference (a), ``bench/ref_apps/ref_selection_list.py``: a bare ``SelectionList`` of the shipped signals under an
  ``Input`` filter;
- reference (b), ``bench/ref_apps/ref_two_screens.py``: a bare app switching between two full screens.

After the timed rounds, two information rows (memory only, no budget) run reference (a) again holding more first:
``--content``, the bundled content validated into signaleer's pydantic models (what STYLE.md §7 alone costs), and
``--stack``, all of signaleer's libraries and modules as well (what signaleer's own screens cost on top).

The measurements are interleaved: each round does every figure once in every program, in an order that rotates per
round, so load on the machine hits all of them alike. Round 0 is a warm-up (its search is reported as "first
search") and is left out of the medians. Budgets (issue 12, item 8; ratio of medians to the reference):

====================  ===================================================  ======
figure                compared with                                        budget
====================  ===================================================  ======
tick                  Space on a found signal vs a ``SelectionList`` tick   1.2×
search word           "geld" typed as one burst vs the same in the filter  1.5×
page move             "next" (and "back") vs a screen switch               1.5×
outcome               the outcome key vs a screen switch                   1.5×
memory                VmRSS on the signal step vs reference (a)            1.3×
10,000 vs 1 case      every figure above (CPU per key; memory: RSS)        1.1×
====================  ===================================================  ======

The keys that drive the walk are in one place, ``WALK`` below, and what each of them must show is checked after it
(``CHECKS``: a tick must draw one found signal ticked and count it, a search must say what it found, a page move must
show the next step, the outcome key the outcome): a figure never measures a key that did something easier.

Usage::

    .venv/bin/python bench/bench_tmux.py            # 1 warm-up + 9 rounds (today's walk on a busy 2-core box: ~8 minutes)
    .venv/bin/python bench/bench_tmux.py --quick    # 1 warm-up + 5 rounds (~5 minutes; less once the walk is fast)
    .venv/bin/python bench/bench_tmux.py --rounds 7 --cases 10000 --strict   # exit 1 when a budget is missed
    .venv/bin/python bench/bench_tmux.py --quick --gc-ab    # also a 1-case signaleer without the gc.freeze, compared
    .venv/bin/python bench/bench_tmux.py --rounds 1 --cases 20 --trace   # each timed key's screen: check WALK after a change

Memory is the median VmRSS (``/proc/PID/status``) on the signal step after each round. The 10,000-case vault is
listed by the hidden case list under the walk; with it, a save must not read the vault again (see
``VaultSession.listing``).

Needs tmux. The vaults are made once per run in a temporary folder (one scrypt for the key, the cases encrypted
with the store's own format) and removed afterwards; nothing outside that folder is touched. The screens are only
ever compared, never stored: the bench case holds no real content.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import re
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
SIZE = (120, 40)
QUIET = 0.3
"""Seconds without a change after which the screen counts as settled."""
IDLE_CPU = 0.1
"""...and the program must have used at most this share of one core in those seconds: a program that computes
for longer than QUIET without painting (a search running letter by letter) has not settled."""
POLL = 0.01
"""Seconds between two captures while waiting."""
TRACE = False
"""With ``--trace``: print the screen after every timed step (to check the keys after a change of the walk)."""
TIMEOUT = 60.0
"""Seconds a key may take before the bench gives up (the first listing of 10,000 cases takes a while)."""
PASSPHRASE = "bench regen boom fiets paard"


@dataclass(frozen=True)
class Keys:
    """Keys sent in one ``tmux send-keys``: key names (``Tab``, ``C-n``, ``Space``), or ``text`` typed as a burst."""

    names: tuple[str, ...] = ()
    text: str = ""

    def args(self) -> list[str]:
        return ["-l", self.text] if self.text else list(self.names)

    def __str__(self) -> str:
        return repr(self.text) if self.text else " ".join(self.names)


def keys(*names: str) -> Keys:
    return Keys(names=names)


def typed(text: str) -> Keys:
    return Keys(text=text)


# --------------------------------------------------------------------------------------------------------------------
# THE KEYS. Everything the bench presses in signaleer's walk, in one place. After the walk rebuild, check each line
# against the new screen (run with --quick and look at the errors: a step that changes nothing is reported by name).
# Timed steps are single ``Keys``; untimed steps are lists (each entry is sent, then the screen is let settle).
# --------------------------------------------------------------------------------------------------------------------
WALK: dict[str, Keys | list[Keys]] = {
    # From the first page of a new case (acute safety) to the signal step; the search box has the focus there.
    "to_signal_step": [keys("C-n")],
    # Focus the signal search from wherever "back" leaves the signal step ("/" jumps to it from any field that
    # does not take text; after "back" the focus is on the step's first field, the search box, already).
    "focus_search": [],
    # Timed: a search word typed as one burst into the focused search box.
    "search": typed("geld"),
    # From the search box to the first signal found: Tab enters the one signal list, its highlight is on the
    # first signal the search let through.
    "to_first_found": [keys("Tab")],
    # Timed: tick the highlighted signal.
    "tick": keys("Space"),
    # Undo the tick: a removal asks for a reason, prefilled "Per ongeluk aangevinkt" in this visit; Enter confirms.
    "untick": [keys("Space"), keys("Enter")],
    # Back to the search box from the list.
    "back_to_search": [keys("/")],
    # Timed: empty the search box again (one burst).
    "clear_search": keys(*["BSpace"] * 4),
    # Timed: the next page, and back to the signal step.
    "next": keys("C-n"),
    "back": keys("C-b"),
    # Timed: open the outcome (from the signal step); then untimed back to a page from which it opens again.
    "outcome": keys("F4"),
    "outcome_back": [keys("C-b")],
}
SEARCH_WORD = "geld"
SIGNAL_STEP = "Stap 1 van 5: Signalen"
"""The walk's header on the signal step (``walk.progress``)."""
NEXT_STEP = "Stap 2 van 5:"
"""The header on the page after it."""
OUTCOME_TEXT = "Uitkomst en volgende stap"
"""The header of the outcome page (``walk.outcome.title``)."""
FOUND_TEXT = f"gevonden voor ‘{SEARCH_WORD}’"
"""The search status once the list shows the signals found (``walk.signal.found``)."""
SEARCH_HINT = "↑↓ kies een signaal"
"""The search status without a search (``walk.signal.keys``)."""


SIGNAL_TICKED = re.compile(r"\[x\] [A-Z]{2}\d{2} ")
"""A ticked signal's line in the list (not the pane's ``[x] Eigen waarneming``)."""


def ticked_lines(screen: str) -> list[str]:
    """The signal lines drawn ticked (``[x] GB01 …``) on ``screen``."""
    return [line for line in screen.splitlines() if SIGNAL_TICKED.search(line)]


def check_search(before: str, after: str) -> str | None:
    if FOUND_TEXT not in after:
        return f"the search status does not say '{FOUND_TEXT}'"
    return None


def check_tick(before: str, after: str) -> str | None:
    """A tick must turn exactly one found signal's line from ``[ ]`` into ``[x]`` (and count it in its header)."""
    new = [line for line in ticked_lines(after) if line not in ticked_lines(before)]
    if len(new) != 1:
        return f"expected one signal line newly drawn ticked, found {len(new)}"
    if SEARCH_WORD not in new[0].casefold() or FOUND_TEXT not in after:
        return f"the ticked line is not a signal found for '{SEARCH_WORD}': {new[0].strip()}"
    if "— 1 aangevinkt" not in after:
        return "no category header counts the tick"
    return None


def check_untick(before: str, after: str) -> str | None:
    if ticked_lines(after):
        return "a signal is still ticked after the untick (did the reason dialog take Enter?)"
    return None


def check_cleared(before: str, after: str) -> str | None:
    if SEARCH_HINT not in after or FOUND_TEXT in after:
        return "the search status still shows a search"
    return None


def check_on(text: str) -> Callable[[str, str], str | None]:
    def check(before: str, after: str) -> str | None:
        return None if text in after else f"the screen does not show '{text}'"

    return check


CHECKS: dict[str, Callable[[str, str], str | None]] = {
    "search": check_search,
    "tick": check_tick,
    "untick": check_untick,
    "back_to_search": lambda before, after: None,
    "clear_search": check_cleared,
    "next": check_on(NEXT_STEP),
    "back": check_on(SIGNAL_STEP),
    "outcome": check_on(OUTCOME_TEXT),
    "to_signal_step": check_on(SIGNAL_STEP),
}
"""What each step of ``WALK`` must have done, checked on the screen after it (a figure must measure its name)."""
REF_LIST: dict[str, Keys | list[Keys]] = {
    "search": typed(SEARCH_WORD),
    "to_first_found": [keys("Tab")],
    "tick": keys("Space"),
    "untick": [keys("Space")],
    "back_to_search": [keys("BTab")],
    "clear_search": keys(*["BSpace"] * 4),
}
REF_SCREENS: dict[str, Keys | list[Keys]] = {"next": keys("C-n"), "back": keys("C-b")}
# Texts of the shell screens (not the walk) the start waits for.
UNLOCK_TEXT = "Typ je wachtwoord"
HOME_TEXT = "Jouw casussen"
HOME_LOADING = "Casussen worden geladen"
NEW_CASE_TEXT = "Nieuwe signalering"
CASE_NAME = "Bench"
# --------------------------------------------------------------------------------------------------------------------


Check = Callable[[str, str], "str | None"]
"""What a step must have done: given the screen before and after, the problem, or None."""


class BenchError(Exception):
    """A step did not do what the bench expects; the message says which (adapt ``WALK``)."""


@dataclass
class Sample:
    """One timed key: seconds to the first and to the last change of the screen, and the CPU it cost."""

    first: float
    last: float
    cpu: float = 0.0
    """CPU seconds of the program (all threads) from the key until settled: far less sensitive to a busy machine
    than the wall-clock figures, so the 10,000-vs-1-case comparison uses it."""


class Pane:
    """One program in its own session of a private tmux server."""

    def __init__(self, server: Tmux, name: str, command: str) -> None:
        self.server = server
        self.name = name
        width, height = SIZE
        server.run("new-session", "-d", "-s", name, "-x", str(width), "-y", str(height), command)
        self.pid = int(server.run("display-message", "-p", "-t", name, "#{pane_pid}").strip())

    def capture(self, styled: bool = False) -> str:
        return self.server.run("capture-pane", "-p", *(["-e"] if styled else []), "-t", self.name)

    def send(self, step: Keys) -> None:
        self.server.run("send-keys", "-t", self.name, *step.args())

    def cpu_seconds(self) -> float:
        """CPU time of all the program's threads so far (nanosecond resolution, from the scheduler)."""
        total = 0
        for task in Path(f"/proc/{self.pid}/task").iterdir():
            try:
                total += int((task / "schedstat").read_text().split()[0])
            except (OSError, ValueError, IndexError):
                continue  # a thread that just ended
        return total / 1e9

    def rss_mib(self) -> float:
        """Resident memory of the program (the pane's process: the command runs under ``exec``)."""
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        raise BenchError(f"{self.name}: no VmRSS for process {self.pid} (did it exit?)")

    def wait_for(self, what: str, condition: Callable[[str], bool], timeout: float = TIMEOUT) -> str:
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            screen = self.capture()
            if condition(screen):
                return screen
            time.sleep(POLL * 5)
        raise BenchError(f"{self.name}: timed out waiting for {what}; the screen:\n{self.capture()}")

    def timed(self, label: str, step: Keys, styled: bool = False, check: Check | None = None) -> Sample:
        """Send ``step``; seconds until the first and the last change of the screen before it is settled.

        ``check`` (before, after) says what is wrong when the settled screen does not show what the key must do.
        """
        plain_before = self.capture()
        before = previous = self.capture(styled) if styled else plain_before
        start = time.perf_counter()
        self.send(step)
        first = last = None
        window = [(start, self.cpu_seconds())]
        while True:
            time.sleep(POLL)
            screen = self.capture(styled)
            now = time.perf_counter()
            window.append((now, self.cpu_seconds()))
            if screen != previous:
                previous, last = screen, now
                first = first if first is not None else now
            elif last is not None and now - last >= QUIET and self._idle(window, now):
                break
            elif last is None and now - start > TIMEOUT:
                raise BenchError(f"{self.name}: {label} ({step}) changed nothing on screen; adapt the keys.\n{before}")
        assert first is not None
        self._verify(label, step, check, plain_before)
        if TRACE:
            print(f"----- {self.name}: {label} ({step}): {(last - start) * 1000:.0f} ms\n{self.capture()}", flush=True)
        return Sample(first - start, last - start, window[-1][1] - window[0][1])

    def _verify(self, label: str, step: Keys | None, check: Check | None, before: str) -> None:
        if check is None:
            return
        after = self.capture()
        problem = check(before, after)
        if problem:
            raise BenchError(
                f"{self.name}: {label} ({step}): {problem}; adapt the keys. Before:\n{before}\nAfter:\n{after}"
            )

    @staticmethod
    def _idle(window: list[tuple[float, float]], now: float) -> bool:
        """True when the program used at most IDLE_CPU of a core in the last QUIET seconds of ``window``."""
        since = next(((t, cpu) for t, cpu in window if now - t <= QUIET), window[-1])
        return window[-1][1] - since[1] <= IDLE_CPU * (now - since[0])

    def settle(self, step: Keys | None = None) -> None:
        """Send ``step`` (if any) and wait until the styled screen is quiet and the program idle (no change needed)."""
        previous = self.capture(styled=True)
        if step is not None:
            self.send(step)
        quiet_since = start = time.perf_counter()
        window = [(start, self.cpu_seconds())]
        while True:
            time.sleep(POLL * 2)
            screen = self.capture(styled=True)
            now = time.perf_counter()
            window.append((now, self.cpu_seconds()))
            if screen != previous:
                previous, quiet_since = screen, now
            elif now - quiet_since >= QUIET and self._idle(window, now):
                return
            if now - start > TIMEOUT:
                return  # e.g. a blinking cursor that never rests longer than QUIET

    def steps(self, plan: dict[str, Keys | list[Keys]], name: str, check: Check | None = None) -> None:
        """Send the untimed steps ``plan[name]``, letting the screen settle after each; then ``check`` the screen."""
        before = self.capture()
        value = plan[name]
        for step in value if isinstance(value, list) else [value]:
            self.settle(step)
        self._verify(name, None, check, before)


class Tmux:
    """A private tmux server (own socket, no user configuration)."""

    def __init__(self) -> None:
        self.socket = f"signaleer-bench-{secrets.token_hex(4)}"

    def run(self, *args: str) -> str:
        done = subprocess.run(
            ["tmux", "-L", self.socket, "-f", "/dev/null", *args], capture_output=True, text=True, check=False
        )
        if done.returncode:
            raise BenchError(f"tmux {' '.join(args[:2])} failed: {done.stderr.strip()}")
        return done.stdout

    def close(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True, check=False)


# ------------------------------------------------------------------------------------------------------------ vaults


def make_homes(root: Path, many: int) -> dict[str, Path]:
    """Two SIGNALEER_HOMEs with the same vault key: one with 1 case, one with ``many`` cases."""
    os.environ["SIGNALEER_HOME"] = str(root / "template")
    from signaleer.advice_text import summarize
    from signaleer.content.loader import load_content_or_raise
    from signaleer.domain import changes
    from signaleer.paths import resolve_paths
    from signaleer.settings import Settings, save_settings
    from signaleer.vault import _age, envelope
    from signaleer.vault.keys import create_vault

    template = resolve_paths()
    save_settings(template.settings_file, Settings(gemeente="leiden"))
    identity = create_vault(template.vault, PASSPHRASE)  # the one scrypt of the run
    content = load_content_or_raise()
    homes = {}
    for label, count in (("1", 1), ("1-nofreeze", 1), (str(many), many)):
        home = root / f"home-{label}"
        shutil.copytree(root / "template", home)
        vault = template.vault.relative_to(root / "template")
        for index in range(count):
            # Each case is a real, encrypted case file in the store's format (no fsync: this is only a bench).
            case = changes.new_case(f"Casus {index:05d}", 12 + index % 6, "meisje", "leiden", "wijkteam")
            if index % 3 == 0:
                changes.set_acute(case, "vermist", False)
            plain = envelope.encode(case, summarize(case, content))
            path = home / vault / f"{case.id}.age"
            path.write_bytes(_age.encrypt(plain, [identity.recipient]))
            path.chmod(0o600)
        homes[label] = home
    return homes


# ------------------------------------------------------------------------------------------------------------ programs


def program(home: Path | None, argv: Sequence[str]) -> str:
    env = f"TERM=xterm-256color LANG=C.UTF-8 COLORTERM=truecolor{f' SIGNALEER_HOME={home}' if home else ''}"
    return f"exec env {env} {' '.join(argv)}"


NO_FREEZE = (
    "import runpy, signaleer.tui.app as app; app.freeze_long_lived = lambda: None; "
    "runpy.run_module('signaleer', run_name='__main__', alter_sys=True)"
)
"""``python -m signaleer`` without the ``gc.freeze`` after loading the content (for ``--gc-ab``)."""


def start_signaleer(server: Tmux, name: str, home: Path, freeze: bool = True) -> Pane:
    argv = [sys.executable, "-m", "signaleer"] if freeze else [sys.executable, "-c", f'"{NO_FREEZE}"']
    pane = Pane(server, name, program(home, argv))
    pane.wait_for("the unlock screen", lambda s: UNLOCK_TEXT in s)
    pane.settle(typed(PASSPHRASE))
    pane.send(keys("Enter"))
    pane.wait_for("the case list", lambda s: HOME_TEXT in s and HOME_LOADING not in s and "Casus 0" in s)
    return pane


def walk_to_signals(pane: Pane) -> None:
    """Make a new case through the form and walk it to the signal step."""
    pane.settle(keys("n"))
    pane.wait_for("the new-case form", lambda s: NEW_CASE_TEXT in s)
    pane.settle(typed(CASE_NAME))
    pane.settle(keys("Tab"))
    pane.settle(typed("15"))
    pane.send(keys("C-s"))
    pane.wait_for("the walk", lambda s: NEW_CASE_TEXT not in s and HOME_TEXT not in s)
    pane.settle()
    pane.steps(WALK, "to_signal_step", CHECKS["to_signal_step"])


# ------------------------------------------------------------------------------------------------------------ rounds


@dataclass
class Figures:
    """Every sample of one program, by figure."""

    samples: dict[str, list[Sample]] = field(default_factory=dict)
    memory: list[float] = field(default_factory=list)
    first_search: Sample | None = None

    def add(self, figure: str, sample: Sample) -> None:
        self.samples.setdefault(figure, []).append(sample)

    def median(self, figure: str) -> float:
        return statistics.median(s.last for s in self.samples[figure])

    def median_first(self, figure: str) -> float:
        return statistics.median(s.first for s in self.samples[figure])

    def median_cpu(self, figure: str) -> float:
        return statistics.median(s.cpu for s in self.samples[figure])


def step(plan: dict[str, Keys | list[Keys]], name: str) -> Keys:
    value = plan[name]
    assert isinstance(value, Keys), f"{name} is a timed step: one Keys"
    return value


def signaleer_round(pane: Pane, figures: Figures, warm_up: bool) -> None:
    pane.steps(WALK, "focus_search")
    search = pane.timed("search", step(WALK, "search"), check=CHECKS["search"])
    pane.steps(WALK, "to_first_found")
    tick = pane.timed("tick", step(WALK, "tick"), styled=True, check=CHECKS["tick"])
    pane.steps(WALK, "untick", CHECKS["untick"])
    pane.steps(WALK, "back_to_search")
    clear = pane.timed("clear search", step(WALK, "clear_search"), check=CHECKS["clear_search"])
    move = pane.timed("next", step(WALK, "next"), check=CHECKS["next"])
    back = pane.timed("back", step(WALK, "back"), check=CHECKS["back"])
    pane.settle()
    if warm_up:
        figures.first_search = search
        return
    for figure, sample in (("search", search), ("tick", tick), ("clear", clear), ("next", move), ("back", back)):
        figures.add(figure, sample)
    time.sleep(0.5)
    figures.memory.append(pane.rss_mib())


def signaleer_outcome_round(pane: Pane, figures: Figures) -> None:
    figures.add("outcome", pane.timed("outcome", step(WALK, "outcome"), check=CHECKS["outcome"]))
    pane.steps(WALK, "outcome_back")


def ref_list_round(pane: Pane, figures: Figures, warm_up: bool) -> None:
    search = pane.timed("search", step(REF_LIST, "search"))
    pane.steps(REF_LIST, "to_first_found")
    tick = pane.timed("tick", step(REF_LIST, "tick"), styled=True)
    pane.steps(REF_LIST, "untick")
    pane.steps(REF_LIST, "back_to_search")
    clear = pane.timed("clear search", step(REF_LIST, "clear_search"))
    pane.settle()
    if warm_up:
        figures.first_search = search
        return
    for figure, sample in (("search", search), ("tick", tick), ("clear", clear)):
        figures.add(figure, sample)
    time.sleep(0.5)
    figures.memory.append(pane.rss_mib())


def ref_screens_round(pane: Pane, figures: Figures, warm_up: bool) -> None:
    forth = pane.timed("switch", step(REF_SCREENS, "next"))
    back = pane.timed("switch back", step(REF_SCREENS, "back"))
    if not warm_up:
        figures.add("switch", forth)
        figures.add("switch", back)


# ------------------------------------------------------------------------------------------------------------ report


def table(one: Figures, many: Figures, ref_list: Figures, ref_screens: Figures, many_label: str) -> tuple[str, bool]:
    switch = ref_screens.median("switch")
    Row = tuple[str, str, float, float, float | None]
    rows: list[Row] = [
        ("tick", "tick", ref_list.median("tick"), 1.2, 1.1),
        ("search word", "search", ref_list.median("search"), 1.5, 1.1),
        ("page move: next", "next", switch, 1.5, 1.1),
        ("page move: back", "back", switch, 1.5, 1.1),
        ("outcome", "outcome", switch, 1.5, 1.1),
        ("clear search (info)", "clear", ref_list.median("clear"), 0.0, None),
    ]
    ok_all = True
    head = f"{'figure':<22}{'1 case':>9}{many_label + ' cases':>11}{'reference':>11}{'ratio':>8}{'budget':>9}  "
    head += f"{'cpu 1':>7}{'cpu ' + many_label:>9}{many_label + '/1 cpu':>11}{'cpu ref':>9}{'cpu ratio':>10}"
    lines = [head, "-" * (len(head) + 2)]

    def mark(ok: bool) -> str:
        return "✔" if ok else "✘"

    cpu_refs = {
        "tick": ref_list.median_cpu("tick"),
        "search": ref_list.median_cpu("search"),
        "clear": ref_list.median_cpu("clear"),
        "next": ref_screens.median_cpu("switch"),
        "back": ref_screens.median_cpu("switch"),
        "outcome": ref_screens.median_cpu("switch"),
    }
    for title, figure, ref, budget, growth_budget in rows:
        a, b = one.median(figure), many.median(figure)
        cpu_a, cpu_b = one.median_cpu(figure), many.median_cpu(figure)
        ratio, growth = a / ref, cpu_b / cpu_a
        ok, grown = ratio <= budget, growth_budget is None or growth <= growth_budget
        if growth_budget is not None:
            ok_all = ok_all and ok and grown
        budget_text = f"{budget:.1f}× {mark(ok)}" if growth_budget is not None else "–"
        growth_text = f"{growth:6.2f} {mark(grown) if growth_budget is not None else ' '}"
        lines.append(
            f"{title:<22}{a * 1000:7.0f}ms{b * 1000:9.0f}ms{ref * 1000:9.0f}ms{ratio:7.2f}×{budget_text:>9}  "
            f"{cpu_a * 1000:5.0f}ms{cpu_b * 1000:7.0f}ms{growth_text:>11}"
            f"{cpu_refs[figure] * 1000:7.0f}ms{cpu_a / cpu_refs[figure]:9.2f}×"
        )
    assert one.first_search and many.first_search and ref_list.first_search
    first_a, first_b, first_ref = one.first_search, many.first_search, ref_list.first_search
    lines.append(
        f"{'first search (info)':<22}{first_a.last * 1000:7.0f}ms{first_b.last * 1000:9.0f}ms"
        f"{first_ref.last * 1000:9.0f}ms{first_a.last / first_ref.last:7.2f}×{'–':>9}  "
        f"{first_a.cpu * 1000:5.0f}ms{first_b.cpu * 1000:7.0f}ms{first_b.cpu / first_a.cpu:9.2f}"
    )
    mem_a, mem_b, mem_ref = (statistics.median(f.memory) for f in (one, many, ref_list))
    ratio, growth = mem_a / mem_ref, mem_b / mem_a
    ok_all = ok_all and ratio <= 1.3 and growth <= 1.1
    lines.append(
        f"{'memory (VmRSS)':<22}{mem_a:6.1f}MiB{mem_b:8.1f}MiB{mem_ref:8.1f}MiB{ratio:7.2f}×"
        f"{f'1.3× {mark(ratio <= 1.3)}':>9}  {'':>14}{f'{growth:6.2f} {mark(growth <= 1.1)}':>11}  (RSS)"
    )
    lines.append("")
    lines.append(
        "first change (ms, info): "
        + ", ".join(
            f"{name} {one.median_first(name) * 1000:.0f}" for name in ("tick", "search", "next", "back", "outcome")
        )
    )
    lines.append(
        f"first change of the references (ms): tick {ref_list.median_first('tick') * 1000:.0f}, search "
        f"{ref_list.median_first('search') * 1000:.0f}, switch {ref_screens.median_first('switch') * 1000:.0f}"
    )
    return "\n".join(lines), ok_all


def stack_lines(one: Figures, ref_list: Figures, ref_content: Figures, ref_stack: Figures) -> str:
    """Information: the memory of reference (a) holding signaleer's content, and its whole stack, first."""
    mem_a, mem_ref = statistics.median(one.memory), statistics.median(ref_list.memory)
    mem_content, mem_stack = statistics.median(ref_content.memory), statistics.median(ref_stack.memory)
    return (
        f"reference (a) holding the content in pydantic models (info): {mem_content:.1f} / {mem_ref:.1f} MiB = "
        f"{mem_content / mem_ref:.2f}× the bare reference (STYLE.md §7 alone: ref_selection_list.py --content)\n"
        f"memory against reference (a) on signaleer's stack (info): {mem_a:.1f} / {mem_stack:.1f} MiB = "
        f"{mem_a / mem_stack:.2f}× (Textual, pydantic and the loaded content, pyrage, rich Markdown: "
        f"ref_selection_list.py --stack)"
    )


def gc_table(frozen: Figures, unfrozen: Figures) -> str:
    """``--gc-ab``: the 1-case figures with and without the ``gc.freeze`` after loading the content."""
    lines = [f"{'gc.freeze (1 case)':<22}{'with':>9}{'without':>11}{'without/with':>14}"]
    for name in ("tick", "search", "clear", "next", "back", "outcome"):
        on, off = frozen.median(name), unfrozen.median(name)
        lines.append(f"{name:<22}{on * 1000:7.0f}ms{off * 1000:9.0f}ms{off / on:13.2f}×")
    on, off = statistics.median(frozen.memory), statistics.median(unfrozen.memory)
    lines.append(f"{'memory (VmRSS)':<22}{on:6.1f}MiB{off:8.1f}MiB{off / on:13.2f}×")
    return "\n".join(lines)


# ------------------------------------------------------------------------------------------------------------ main


def run(rounds: int, outcome_rounds: int, cases: int, gc_ab: bool = False) -> tuple[str, bool]:
    if shutil.which("tmux") is None:
        raise BenchError("tmux is not installed (apt-get install tmux)")
    root = Path(tempfile.mkdtemp(prefix="signaleer-bench-tmux-"))
    server = Tmux()
    try:
        started = time.perf_counter()
        homes = make_homes(root, cases)
        print(f"vaults: 1 and {cases} cases in {time.perf_counter() - started:.0f} s", flush=True)
        many_label = f"{cases // 1000}k" if cases >= 1000 else str(cases)
        python = sys.executable
        ref_list = Pane(server, "ref-list", program(None, [python, str(BENCH / "ref_apps" / "ref_selection_list.py")]))
        ref_screens = Pane(
            server, "ref-screens", program(None, [python, str(BENCH / "ref_apps" / "ref_two_screens.py")])
        )
        one = start_signaleer(server, "signaleer-1", homes["1"])
        many = start_signaleer(server, f"signaleer-{many_label}", homes[str(cases)])
        unfrozen = start_signaleer(server, "signaleer-1-nofreeze", homes["1-nofreeze"], freeze=False) if gc_ab else None
        for pane in (one, many) if unfrozen is None else (one, many, unfrozen):
            walk_to_signals(pane)
        ref_list.wait_for("reference (a)", lambda s: "AU01" in s)
        ref_screens.wait_for("reference (b)", lambda s: "Scherm A" in s)
        print(f"programs ready after {time.perf_counter() - started:.0f} s", flush=True)
        figures = {
            name: Figures()
            for name in ("one", "many", "ref_list", "ref_screens", "ref_content", "ref_stack", "unfrozen")
        }
        players: list[tuple[str, Callable[[bool], None]]] = [
            ("one", lambda warm: signaleer_round(one, figures["one"], warm)),
            ("many", lambda warm: signaleer_round(many, figures["many"], warm)),
            ("ref_list", lambda warm: ref_list_round(ref_list, figures["ref_list"], warm)),
            ("ref_screens", lambda warm: ref_screens_round(ref_screens, figures["ref_screens"], warm)),
        ]
        if unfrozen is not None:
            players.append(("unfrozen", lambda warm: signaleer_round(unfrozen, figures["unfrozen"], warm)))
        for number in range(rounds + 1):
            turn = number % len(players)
            for _, play in players[turn:] + players[:turn]:
                play(number == 0)
            print(f"round {number}/{rounds} done after {time.perf_counter() - started:.0f} s", flush=True)
        outcome_players: list[Callable[[], None]] = [
            lambda: signaleer_outcome_round(one, figures["one"]),
            lambda: signaleer_outcome_round(many, figures["many"]),
            lambda: ref_screens_round(ref_screens, figures["ref_screens"], False),
        ]
        if unfrozen is not None:
            outcome_players.append(lambda: signaleer_outcome_round(unfrozen, figures["unfrozen"]))
        for number in range(outcome_rounds):
            turn = number % len(outcome_players)
            for play_outcome in outcome_players[turn:] + outcome_players[:turn]:
                play_outcome()
        print(f"outcome rounds done after {time.perf_counter() - started:.0f} s", flush=True)
        # Memory only, after every timed key: a fifth program alive during the rounds slowed the others.
        for flag, name, what in (
            ("--content", "ref_content", "reference (a) holding the content"),
            ("--stack", "ref_stack", "reference (a) on signaleer's stack"),
        ):
            held = Pane(server, name, program(None, [python, str(BENCH / "ref_apps" / "ref_selection_list.py"), flag]))
            held.wait_for(what, lambda s: "AU01" in s)
            for number in range(3):
                ref_list_round(held, figures[name], number == 0)
        text, ok = table(figures["one"], figures["many"], figures["ref_list"], figures["ref_screens"], many_label)
        text += "\n" + stack_lines(figures["one"], figures["ref_list"], figures["ref_content"], figures["ref_stack"])
        if unfrozen is not None:
            text += "\n\n" + gc_table(figures["one"], figures["unfrozen"])
        return text, ok
    finally:
        server.close()
        shutil.rmtree(root, ignore_errors=True)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="5 rounds instead of 9 (for a check after a change)")
    parser.add_argument("--rounds", type=int, help="timed rounds after the warm-up (default 9, quick 5)")
    parser.add_argument("--cases", type=int, default=10_000, help="cases in the big vault (default 10000)")
    parser.add_argument("--gc-ab", action="store_true", help="also run signaleer without gc.freeze and compare")
    parser.add_argument("--trace", action="store_true", help="print the screen after every timed step")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a budget is missed")
    args = parser.parse_args(argv)
    rounds = args.rounds or (5 if args.quick else 9)
    cases = args.cases
    global TRACE
    TRACE = args.trace
    if importlib.util.find_spec("signaleer") is None:
        print("bench_tmux: this Python has no signaleer; run the bench with the project's own:", file=sys.stderr)
        print("    .venv/bin/python bench/bench_tmux.py   (the README's test command makes .venv)", file=sys.stderr)
        return 2
    try:
        text, ok = run(rounds, rounds, cases, gc_ab=args.gc_ab)
    except BenchError as exc:
        print(f"bench_tmux: {exc}", file=sys.stderr)
        return 2
    print(
        f"\nrounds: {rounds} (+1 warm-up), medians, key → last change before {QUIET * 1000:.0f} ms of quiet, "
        f"tmux {SIZE[0]}×{SIZE[1]}"
    )
    print(text)
    return 1 if args.strict and not ok else 0


if __name__ == "__main__":
    sys.exit(main())
