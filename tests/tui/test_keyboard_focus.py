"""Keyboard and focus like a good form: Enter opens the selected case, '/' finds a signal, unlocking returns to
the same screen and field, Dutch prompts, one 'Onbekend', a footer that fits 80 columns, CoMensha checked first.
"""

# mypy: warn-unreachable=False
from __future__ import annotations

import pytest
from shell_helpers import PASSPHRASE, SIZE, make_app, screen_text, settle, start_unlocked, unlocked_home
from textual.widgets import Button, Input, Select

from signaleer.advice_text import summarize
from signaleer.domain import changes
from signaleer.domain.case import Case, Conversation
from signaleer.domain.content import Content
from signaleer.paths import Paths
from signaleer.tui import actions
from signaleer.tui.followup import FollowUpScreen
from signaleer.tui.screens.confirm import ConfirmScreen
from signaleer.tui.screens.hidden import NotesScreen
from signaleer.tui.screens.new_case import NewCaseScreen
from signaleer.tui.screens.unlock import UnlockScreen
from signaleer.tui.textual_compat import all_screen_stacks, select_overlay
from signaleer.tui.walk import WalkScreen
from signaleer.tui.widgets.case_table import CaseTable
from signaleer.vault.keys import Identity
from signaleer.vault.store import CaseStore


def stored(home: Paths, identity: Identity, content: Content, *cases: Case) -> None:
    store = CaseStore(home.vault, identity)
    for case in cases:
        store.save(case, summarize(case, content))


def every_case_screen(app: object) -> list[object]:
    stacks = all_screen_stacks(app).values()  # type: ignore[arg-type]
    return [s for stack in stacks for s in stack if isinstance(s, WalkScreen | FollowUpScreen)]


async def test_enter_on_the_start_screen_opens_the_selected_case(
    home: Paths, content: Content, identity: Identity
) -> None:
    first = changes.new_case("Anna-enter", 15, "meisje", None, "wijkteam")
    second = changes.new_case("Bram-enter", 16, "jongen", None, "wijkteam")
    stored(home, identity, content, first, second)
    app = make_app(home, content)
    async with app.run_test(size=SIZE) as pilot:
        home_screen = await unlocked_home(pilot, identity)
        table = home_screen.query_one("#cases", CaseTable)
        assert app.focused is table
        target = home_screen.summaries[1]
        await pilot.press("down")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, WalkScreen), type(app.screen).__name__
        assert app.screen.case.id == target.id
        assert f"Signalering: {target.pseudonym}" in screen_text(app)
        await app.wait_for_saves()


async def test_enter_on_an_empty_list_starts_a_new_signalering(
    home: Paths, content: Content, identity: Identity
) -> None:
    app = make_app(home, content)
    async with app.run_test(size=SIZE) as pilot:
        await start_unlocked(pilot, identity)
        assert app.focused is app.screen.query_one("#new", Button)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, NewCaseScreen)


async def test_slash_jumps_to_the_signal_search(home: Paths, content: Content, identity: Identity) -> None:
    case = changes.new_case("Cas-zoek", 15, "meisje", None, "wijkteam")
    app = make_app(home, content)
    async with app.run_test(size=SIZE) as pilot:
        await start_unlocked(pilot, identity)
        app.screen._show_case(case)  # type: ignore[attr-defined]
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, WalkScreen) and screen.page == "acuut"
        assert "/ Signaal zoeken" in screen_text(app)
        await pilot.press("slash")
        await settle(pilot)
        assert screen.page == "signalen"
        assert app.focused is not None and app.focused.id == "signal-search"
        await pilot.press("s", "l", "a", "a", "p")
        await settle(pilot)
        assert screen.query_one("#signal-search", Input).value == "slaap"
        await pilot.press("slash")  # typed in the search field, a slash is a slash
        assert screen.query_one("#signal-search", Input).value == "slaap/"
        await app.wait_for_saves()


@pytest.mark.parametrize("how", ["f12", "idle"])
async def test_unlocking_returns_to_the_same_page_and_field(
    how: str, home: Paths, content: Content, identity: Identity
) -> None:
    case = changes.new_case("Dewi-terug", 15, "meisje", None, "wijkteam")
    now = [0.0]
    app = make_app(home, content, idle_seconds=60, clock=lambda: now[0])
    async with app.run_test(size=SIZE) as pilot:
        await start_unlocked(pilot, identity)
        app.screen._show_case(case)  # type: ignore[attr-defined]
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, WalkScreen)
        await screen.go_to(screen.pages.index("overleg"))
        await settle(pilot)
        advice = screen.query_one("#consult-advice", Input)
        advice.focus()
        await settle(pilot)
        if how == "f12":
            await pilot.press("f12")
        else:
            now[0] = 61.0
            app.check_idle_lock()
        await settle(pilot)
        assert isinstance(app.screen, NotesScreen)
        assert not every_case_screen(app), "a screen with case data survived the lock"
        assert app.store is None
        app.show_gate()  # what Enter on the neutral screen does (tests/tui/test_shell_lock.py presses it)
        await settle(pilot)
        assert isinstance(app.screen, UnlockScreen)
        app.screen.query_one("#passphrase", Input).value = PASSPHRASE
        await pilot.press("enter")
        await settle(pilot)
        back = app.screen
        assert isinstance(back, WalkScreen), type(back).__name__
        assert back is not screen and back.case.id == case.id and back.page == "overleg"
        assert app.focused is not None and app.focused.id == "consult-advice"
        assert "Stap 2 van 5: Overleggen" in screen_text(app)
        await app.wait_for_saves()


async def test_the_idle_timer_firing_again_during_a_slow_save_keeps_the_lock_and_the_place(
    home: Paths, content: Content, identity: Identity
) -> None:
    """The idle check runs every 5 s. When it fired again while the lock waited for a save, a second lock replaced
    the first: Textual then failed the first (a crash) and the second remembered the neutral screen, not the case.
    """
    case = changes.new_case("Fenna-traag", 15, "meisje", None, "wijkteam")
    now = [0.0]
    app = make_app(home, content, idle_seconds=60, clock=lambda: now[0])
    async with app.run_test(size=SIZE) as pilot:
        await start_unlocked(pilot, identity)
        app.screen._show_case(case)  # type: ignore[attr-defined]
        await settle(pilot)
        walk = app.screen
        assert isinstance(walk, WalkScreen)
        await walk.go_to(walk.pages.index("overleg"))
        await settle(pilot)
        with app.session.write_lock:  # the save the lock waits for cannot finish yet
            app.save_case(case)
            now[0] = 61.0
            app.check_idle_lock()
            await pilot.pause()
            assert isinstance(app.screen, NotesScreen)
            app.check_idle_lock()  # the timer again, while the first lock still waits for the save
            await pilot.pause()
        await settle(pilot)
        assert app.store is None
        assert app.return_to is not None and app.return_to.case_id == case.id
        app.show_gate()
        await settle(pilot)
        app.screen.query_one("#passphrase", Input).value = PASSPHRASE
        await pilot.press("enter")
        await settle(pilot)
        back = app.screen
        assert isinstance(back, WalkScreen) and back.case.id == case.id and back.page == "overleg"
        await app.wait_for_saves()


async def test_unlocking_returns_to_the_follow_up_tab(home: Paths, content: Content, identity: Identity) -> None:
    case = changes.new_case("Eef-tab", 15, "meisje", None, "wijkteam")
    stored(home, identity, content, case)
    app = make_app(home, content)
    async with app.run_test(size=SIZE) as pilot:
        await start_unlocked(pilot, identity)
        app.push_screen(FollowUpScreen(case, "comensha"))
        await settle(pilot)
        app.screen.query_one("#comensha-note", Input).focus()
        await settle(pilot)
        await pilot.press("f12")
        await settle(pilot)
        assert not every_case_screen(app)
        app.open_vault(identity)
        await settle(pilot)
        assert isinstance(app.screen, FollowUpScreen)
        assert app.focused is not None and app.focused.id == "comensha-note"


async def test_choice_fields_ask_in_dutch_not_select(home: Paths, content: Content, identity: Identity) -> None:
    case = changes.new_case("Fien-kies", 15, "meisje", None, "wijkteam")
    app = make_app(home, content)
    async with app.run_test(size=(100, 200)) as pilot:
        await start_unlocked(pilot, identity)
        app.screen._show_case(case)  # type: ignore[attr-defined]
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, WalkScreen)
        # The signal step has no dropdown since its fixed observation pane; Netwerk has choice fields.
        for page, has_choices in (("signalen", False), ("netwerk", True)):
            await screen.go_to(screen.pages.index(page))
            await settle(pilot)
            text = screen_text(app)
            assert ("Kies een antwoord" in text) is has_choices, page
            assert "Select" not in text, page
        await app.wait_for_saves()


async def test_gender_list_shows_onbekend_once(home: Paths, content: Content, identity: Identity) -> None:
    app = make_app(home, content)
    async with app.run_test(size=(80, 40)) as pilot:
        await start_unlocked(pilot, identity)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, NewCaseScreen)
        select = app.screen.query_one("#gender", Select)
        select.focus()
        await pilot.press("enter")  # opens the list
        await settle(pilot)
        overlay = select.query_one(select_overlay())
        labels = [str(overlay.get_option_at_index(i).prompt) for i in range(overlay.option_count)]
        assert labels.count("Onbekend") == 1, labels
        assert "Onbekend" in screen_text(app)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_footer_fits_and_shows_the_palette_key_once(
    size: tuple[int, int], home: Paths, content: Content, identity: Identity
) -> None:
    case = changes.new_case("Gijs-voet", 15, "jongen", None, "wijkteam")
    app = make_app(home, content)
    async with app.run_test(size=size) as pilot:
        await start_unlocked(pilot, identity)
        app.screen._show_case(case)  # type: ignore[attr-defined]
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, WalkScreen)
        await screen.go_to(screen.pages.index("signalen"))
        await settle(pilot)
        text = screen_text(app)
        footer = " ".join(text.splitlines()[-3:])
        assert footer.count("Ctrl+P Zoeken") == 1
        shown = [b for _, b, enabled, _ in screen.active_bindings.values() if b.show and enabled]
        for binding in shown:
            spec = next(s for s in actions.registered() if s.id == binding.id) if binding.id else None
            label = f"{binding.key_display} {binding.description}" if spec else ""
            assert label in footer, f"cut or missing in the footer: {label!r}"
        await app.wait_for_saves()


def minor_with_parents_endangering() -> Case:
    case = changes.new_case("Hanna-co", 14, "meisje", None, "wijkteam")
    changes.set_conversation(case, "ouders", Conversation(held=False, skip_reason="gevaar", endangers=True))
    return case


async def test_comensha_wrong_signer_is_not_saved_without_saying_why(
    home: Paths, content: Content, identity: Identity
) -> None:
    """14 years old: the parents sign. Choosing the young person asks first, with the rule; 'no' saves nothing."""
    case = changes.new_case("Ilse-co", 14, "meisje", None, "wijkteam")
    app = make_app(home, content)
    async with app.run_test(size=(100, 40)) as pilot:
        await start_unlocked(pilot, identity)
        app.push_screen(FollowUpScreen(case, "comensha"))
        await settle(pilot)
        pane = app.screen
        pane.query_one("#status", Select).value = "gevraagd"
        pane.query_one("#signer", Select).value = "jongere"
        pane.query_one("#consent-date", Input).value = "01-11-2026"
        await settle(pilot)
        before = len(case.timeline)
        pane.query_one("#save-comensha", Button).press()
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert "leeftijdsregel tekent iemand anders" in screen_text(app)  # the dialog says why
        assert case.comensha.signer is None and len(case.timeline) == before
        app.screen.query_one("#no", Button).press()
        await settle(pilot)
        assert case.comensha.signer is None and len(case.timeline) == before
        assert "Niet opgeslagen" in " ".join(screen_text(app).split())
        pane.query_one("#save-comensha", Button).press()
        await settle(pilot)
        app.screen.query_one("#yes", Button).press()  # the professional decides, knowing the rule
        await settle(pilot)
        assert case.comensha.signer == "jongere"
        await app.wait_for_saves()


async def test_comensha_parents_may_not_sign_when_that_endangers(
    home: Paths, content: Content, identity: Identity
) -> None:
    case = minor_with_parents_endangering()
    app = make_app(home, content)
    async with app.run_test(size=(100, 40)) as pilot:
        await start_unlocked(pilot, identity)
        app.push_screen(FollowUpScreen(case, "comensha"))
        await settle(pilot)
        pane = app.screen
        pane.query_one("#status", Select).value = "gevraagd"
        pane.query_one("#signer", Select).value = "ouders_of_voogd"
        pane.query_one("#consent-date", Input).value = "01-11-2026"
        pane.query_one("#save-comensha", Button).press()
        await settle(pilot)
        assert isinstance(app.screen, FollowUpScreen)
        assert case.comensha.signer is None
        text = " ".join(screen_text(app).split())
        assert "Niet opgeslagen: Toestemming via de ouders is niet mogelijk" in text
        await app.wait_for_saves()
