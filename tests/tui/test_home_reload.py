"""The case list under a walk: a save costs no decryption of the vault, and coming back shows the saved case.

Textual's ``Screen.is_current`` is also true for the screen just below the top, so the hidden case list used to
decrypt every case file after every save of the walk above it (10,000 cases: seconds of CPU per save).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from shell_helpers import SIZE, make_app, settle, start_unlocked, unlocked_home

from signaleer.advice_text import summarize
from signaleer.domain import changes
from signaleer.domain.case import Case
from signaleer.domain.content import Content
from signaleer.paths import Paths
from signaleer.tui.screens.home import HomeScreen
from signaleer.tui.widgets.case_table import CaseTable
from signaleer.vault.keys import Identity
from signaleer.vault.store import CaseStore

CASES = 25


class DecryptSpy:
    """Counts the case files ``CaseStore`` decrypts (every read of a case or summary goes through ``_decrypt``)."""

    def __init__(self) -> None:
        self.count = 0


@pytest.fixture
def decrypts(monkeypatch: pytest.MonkeyPatch) -> Iterator[DecryptSpy]:
    spy = DecryptSpy()
    original = CaseStore._decrypt

    def counting(store: CaseStore, path: object) -> bytes:
        spy.count += 1
        return original(store, path)  # type: ignore[arg-type]

    monkeypatch.setattr(CaseStore, "_decrypt", counting)
    yield spy


def fill_vault(home: Paths, identity: Identity, content: Content) -> list[Case]:
    store = CaseStore(home.vault, identity)
    cases = [changes.new_case(f"Casus{index:02d}", 15, "meisje", "leiden", "wijkteam") for index in range(CASES)]
    for case in cases:
        store.save(case, summarize(case, content))
    return cases


def phase_shown(home: HomeScreen, case_id: str) -> str:
    table = home.query_one("#cases", CaseTable)
    row = [summary.id for summary in home.summaries].index(case_id)
    return table.row_text(row)[2]


async def test_a_save_during_a_walk_decrypts_nothing_and_home_shows_it_after(
    home: Paths, identity: Identity, content: Content, decrypts: DecryptSpy
) -> None:
    cases = fill_vault(home, identity, content)
    app = make_app(home, content)
    async with app.run_test(size=SIZE) as pilot:
        start = await unlocked_home(pilot, identity)
        assert len(start.summaries) == CASES
        assert decrypts.count >= CASES  # the first listing reads every case once

        walked = cases[3]
        start._show_case(walked)
        await settle(pilot)
        walk = app.screen
        assert walk is not start
        decrypts.count = 0

        case: Case = walk.case  # type: ignore[attr-defined]
        changes.close_case(case, "opgelost")
        app.save_case(case)
        await app.wait_for_saves()
        await settle(pilot)
        assert app.session.saver.saved_count >= 1
        assert decrypts.count == 0, "the hidden case list decrypted the vault after a save"

        app.pop_screen()
        await settle(pilot)
        assert app.screen is start and isinstance(start, HomeScreen)
        assert phase_shown(start, walked.id) == "afgesloten"
        assert decrypts.count == 0, "coming back decrypted files this session wrote itself"


async def test_a_case_written_by_another_program_shows_when_coming_back(
    home: Paths, identity: Identity, content: Content, decrypts: DecryptSpy
) -> None:
    fill_vault(home, identity, content)
    app = make_app(home, content)
    async with app.run_test(size=SIZE) as pilot:
        start = await unlocked_home(pilot, identity)
        from signaleer.tui.screens.help import HelpScreen

        await app.push_screen(HelpScreen())
        await settle(pilot)
        other = changes.new_case("Elders", 16, "jongen", "leiden", "wijkteam")
        CaseStore(home.vault, identity).save(other, summarize(other, content))  # e.g. `signaleer` in another terminal
        app.pop_screen()
        await settle(pilot)
        assert [s.id for s in start.summaries].count(other.id) == 1
        assert len(start.summaries) == CASES + 1


async def test_a_deleted_case_leaves_the_list_without_reading_the_others(
    home: Paths, identity: Identity, content: Content, decrypts: DecryptSpy
) -> None:
    cases = fill_vault(home, identity, content)
    app = make_app(home, content)
    async with app.run_test(size=SIZE) as pilot:
        await start_unlocked(pilot, identity)
        decrypts.count = 0
        assert await app.delete_case(cases[0].id, "dubbel aangemaakt")
        await settle(pilot)
        start = app.screen
        assert isinstance(start, HomeScreen) and start.loaded
        assert cases[0].id not in [s.id for s in start.summaries]
        assert len(start.summaries) == CASES - 1
        assert decrypts.count <= 1, "the case list decrypted the vault again after a deletion"  # the deletion log


async def test_a_reload_after_the_person_moved_down_keeps_the_highlight_on_the_chosen_case(
    home: Paths, identity: Identity, content: Content
) -> None:
    """Coming back from a case, the list is read once on showing and again when the walk's last save lands; a
    person who pressed Down in between must still open the case they highlighted (the table used to be rebuilt
    with the cursor back on the first row: found by the tmux test, where Enter opened the wrong case)."""
    fill_vault(home, identity, content)
    app = make_app(home, content)
    async with app.run_test(size=SIZE) as pilot:
        start = await unlocked_home(pilot, identity)
        table = start.query_one("#cases", CaseTable)
        assert app.focused is table and table.cursor_row == 0
        await pilot.press("down", "down")
        chosen = start.summaries[2].id
        assert table.cursor_row == 2

        start.reload()  # the same rows: the table is left alone
        await settle(pilot)
        assert table.cursor_row == 2

        other = changes.new_case("Aaa-nieuw", 16, "jongen", "leiden", "wijkteam")
        CaseStore(home.vault, identity).save(other, summarize(other, content))  # a new row, maybe above
        start.reload()
        await settle(pilot)
        assert len(start.summaries) == CASES + 1
        assert [s.id for s in start.summaries][table.cursor_row] == chosen

        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is not start
        assert app.screen.case.id == chosen  # type: ignore[attr-defined]


async def test_coming_back_from_a_case_highlights_that_case(home: Paths, identity: Identity, content: Content) -> None:
    """As a file manager does for the folder you came from: Enter opens the case just left again, Down the next."""
    cases = fill_vault(home, identity, content)
    app = make_app(home, content)
    async with app.run_test(size=SIZE) as pilot:
        start = await unlocked_home(pilot, identity)
        table = start.query_one("#cases", CaseTable)
        walked = start.summaries[7].id
        start._show_case(next(case for case in cases if case.id == walked))
        await settle(pilot)
        app.pop_screen()
        await settle(pilot)
        assert app.screen is start and isinstance(start, HomeScreen)
        assert start.summaries[table.cursor_row].id == walked
        await pilot.press("down")
        below = start.summaries[table.cursor_row].id
        start.reload()  # the walk's last save, heard after the Down
        await settle(pilot)
        assert start.summaries[table.cursor_row].id == below != walked
