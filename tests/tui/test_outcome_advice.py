"""The outcome screen says what `signaleer advies` says, and the walk numbers its steps as the step plan does.

Each vignette of examples/ is opened in the real App (real content, real vault) on its outcome page; the
screen text must carry the same headline (where the case stands, the outcome) and the same next step as the
command line on the same file, and list the contacts in the same order.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from shell_helpers import make_app, screen_text, settle, start_unlocked

from signaleer.commands.advies import advies
from signaleer.content.casefile import load_case_file
from signaleer.domain import changes
from signaleer.domain.case import Case
from signaleer.domain.content import Content
from signaleer.paths import Paths
from signaleer.tui.walk import WalkScreen
from signaleer.vault.keys import Identity

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
VIGNETTES = sorted(p.stem for p in EXAMPLES.glob("[0-9]*.yaml"))
TALL = (100, 260)
"""Tall enough that the whole outcome page is on screen."""
FRAME = re.compile(r"[┃│▊▎┏┓┗┛━╭╮╰╯─▔▁▇▄▃]")


def flat(text: str) -> str:
    """The screen text without frames and line breaks: wrapped sentences read as one line again."""
    return " ".join(FRAME.sub(" ", text).split())


def cli_advice(path: Path, today: dt.date) -> dict[str, object]:
    """Headline, next step and contact names as `signaleer advies` prints them for ``path`` on ``today``."""
    result = CliRunner().invoke(advies, [str(path), "--datum", today.isoformat()])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    headline = lines[0].split(" — ", 1)[1]
    outcome = next((ln.split(": ", 1)[1] for ln in lines if ln.startswith("Uitkomst: ")), None)
    norm = re.search(r" \((norm \d+)\)$", outcome or "")
    if outcome and norm:
        outcome = outcome[: norm.start()]
    step = next(ln.removeprefix("Volgende stap: ") for ln in lines if ln.startswith("Volgende stap: "))
    start = lines.index("Bellen:") + 1 if "Bellen:" in lines else len(lines)
    names = []
    for line in lines[start:]:
        if not line.startswith("  - "):
            break
        names.append(line[4:].rsplit(": ", 1)[0])
    return {
        "headline": headline,
        "acute": "!! ACUUT" in result.output,
        "outcome": outcome,
        "norm": norm.group(1) if norm else None,
        "step": step,
        "names": names,
    }


async def outcome_text(app: object, pilot: object, case: Case) -> str:
    app.screen._show_case(case)  # type: ignore[attr-defined]  # what Home does when a case is opened
    await settle(pilot)  # type: ignore[arg-type]
    screen = app.screen  # type: ignore[attr-defined]
    assert isinstance(screen, WalkScreen)
    await screen.action_outcome()
    await settle(pilot)  # type: ignore[arg-type]
    return screen_text(app)  # type: ignore[arg-type]


def assert_same_advice(text: str, expected: dict[str, object]) -> None:
    shown = flat(text)
    assert f"Waar de casus staat: {expected['headline']}" in shown
    assert f"Volgende stap: {' '.join(str(expected['step']).split())}" in shown
    if expected["outcome"]:
        assert f"Uitkomst van de afwegingen: {expected['outcome']}" in shown
    if expected["norm"]:
        assert f"{expected['norm']})" in shown
    if expected["acute"]:
        assert "Acuut: handel nu, de rest kan later." in shown
    names = [str(n) for n in expected["names"]]  # type: ignore[attr-defined]
    assert all(name in shown for name in names), [n for n in names if n not in shown]
    # Each contact after the one before it (a name may also stand earlier, in the advice text itself).
    position = -1
    for name in names:
        position = shown.find(name, position + 1)
        assert position >= 0, f"the contacts are not in the engine's order: {name} comes too early"


@pytest.mark.slow
@pytest.mark.parametrize("name", VIGNETTES)
async def test_outcome_screen_says_what_advies_says(
    name: str, home: Paths, content: Content, identity: Identity
) -> None:
    path = EXAMPLES / f"{name}.yaml"
    expected = cli_advice(path, dt.date.today())
    app = make_app(home, content)
    async with app.run_test(size=TALL) as pilot:
        await start_unlocked(pilot, identity)
        text = await outcome_text(app, pilot, load_case_file(path, content))
        assert_same_advice(text, expected)
        await app.wait_for_saves()


async def test_missing_child_leads_with_the_police_and_112_first(
    home: Paths, content: Content, identity: Identity, tmp_path: Path
) -> None:
    """Only 'vermist = ja': report it to the police now, 112 listed before the police's non-emergency line."""
    path = tmp_path / "vermist.yaml"
    path.write_text(
        "pseudoniem: Test\nleeftijd: 14\ngeslacht: meisje\ngemeente: leiden\nsector: wijkteam\nacuut:\n  vermist: ja\n",
        encoding="utf-8",
    )
    expected = cli_advice(path, dt.date.today())
    assert str(expected["step"]).startswith("Meld de vermissing nu bij de politie")
    case = changes.new_case("Test", 14, "meisje", "leiden", "wijkteam")
    changes.set_acute(case, "vermist", True, "")
    app = make_app(home, content)
    async with app.run_test(size=TALL) as pilot:
        await start_unlocked(pilot, identity)
        raw = await outcome_text(app, pilot, case)
        assert_same_advice(raw, expected)
        text = flat(raw)
        assert "Volgende stap: Meld de vermissing nu bij de politie" in text
        assert text.find("Alarmnummer 112") < text.find("Politie (geen spoed)")
        assert "Doe eerst de acute check" not in text.split("Waarom")[0]
        await app.wait_for_saves()


async def test_walk_numbers_steps_as_the_plan_and_ticks_only_complete_steps(
    home: Paths, content: Content, identity: Identity
) -> None:
    """'Stap 1 van 5' on the signals step (its title says 'Stap 1'); one afweging of five is no ✔."""
    case = load_case_file(EXAMPLES / "01_lotte.yaml", content)
    first = next(iter(case.afwegingen))
    case.afwegingen = {first: case.afwegingen[first]}
    app = make_app(home, content)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_unlocked(pilot, identity)
        app.screen._show_case(case)  # type: ignore[attr-defined]
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, WalkScreen)
        screen.index = screen.pages.index("signalen")
        await screen.show_page()
        await settle(pilot)
        text = screen_text(app)
        assert "Stap 1 van 5: Signalen verzamelen en vastleggen" in text
        assert "Stap 1: Signalen verzamelen en vastleggen" in text
        assert "[1✔]" in text
        assert " 5○ " in text, "the afwegingen show done after one answer"
        screen.index = screen.pages.index("netwerk")
        await screen.show_page()
        await settle(pilot)
        assert "Stap 4 van 5: Netwerk" in screen_text(app)
        await app.wait_for_saves()


async def test_case_list_shows_the_plans_step_whole_and_the_municipality_by_name(
    home: Paths, content: Content, identity: Identity
) -> None:
    """At 80×24 the case list shows 'Stap 5 – Afwegen en beslissen' (wrapped, not cut) and 'Den Haag'."""
    from signaleer.advice_text import summarize
    from signaleer.vault.store import CaseStore

    case = load_case_file(EXAMPLES / "04_youssef.yaml", content)
    CaseStore(home.vault, identity).save(case, summarize(case, content))
    app = make_app(home, content)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_unlocked(pilot, identity)
        text = screen_text(app)
        row = next(line for line in text.splitlines() if case.pseudonym in line)
        below = text.splitlines()[text.splitlines().index(row) + 1]
        assert "Stap 5 – Afwegen" in row and "en beslissen" in below
        assert "Den Haag" in row and "den_haag" not in text
