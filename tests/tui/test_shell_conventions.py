"""Conventions: one action registry behind keys, footer, palette and help; both languages complete; safe crashes."""

from __future__ import annotations

import threading

import pytest
from shell_helpers import SIZE, make_app, screen_text, settle, start_unlocked

from signaleer.domain.changes import new_case
from signaleer.domain.content import Content
from signaleer.i18n import has_text, set_language, t
from signaleer.paths import Paths
from signaleer.tui import actions
from signaleer.tui.crash import safe_crash_report
from signaleer.tui.saver import CaseSaver
from signaleer.tui.screens.help import HelpScreen
from signaleer.tui.textual_compat import key_bindings
from signaleer.vault.keys import Identity
from signaleer.vault.store import CaseStore


def test_every_registered_action_has_texts_in_both_languages() -> None:
    actions.load_all()
    for spec in actions.registered():
        for key in (spec.title, spec.help, f"scope.{spec.scope}"):
            assert has_text(key, "nl") and has_text(key, "en"), key


def test_t_falls_back_and_fills_values() -> None:
    set_language("en")
    assert t("home.problem", name="x.age", message="kapot") == "Note: file x.age could not be read: kapot"
    assert t("no.such.key") == "no.such.key"


async def test_help_lists_every_registered_action(home: Paths, content: Content) -> None:
    app = make_app(home, content)
    async with app.run_test(size=(120, 80)) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        text = " ".join(screen_text(app).split())
        for spec in actions.registered():
            assert f"{actions.format_keys(spec.keys)} {t(spec.title)}" in text, spec.id
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, HelpScreen)


async def test_footer_shows_registered_titles_and_hide_first(home: Paths, content: Content, identity: Identity) -> None:
    app = make_app(home, content)
    async with app.run_test(size=SIZE) as pilot:
        await start_unlocked(pilot, identity)
        footer = screen_text(app).splitlines()[-1]
        assert footer.strip().startswith("F12 Verbergen")
        assert "N Nieuwe signalering" in footer and "F1 Hulp" in footer
        bound = {binding.id for bindings in key_bindings(app.screen).values() for binding in bindings}
        assert {"home.new_case", "home.settings"} <= bound


@pytest.mark.parametrize(("language", "title", "english"), [("nl", "Menu sluiten", False), ("en", "Close menu", True)])
async def test_textual_own_footer_keys_are_in_the_chosen_language(
    language: str, title: str, english: bool, home: Paths, content: Content, identity: Identity
) -> None:
    """An open Select menu shows Escape in the footer; Textual names it 'Dismiss menu' in English only."""
    from textual.widgets import Select

    from signaleer.settings import Settings, save_settings

    save_settings(home.settings_file, Settings(language=language))  # type: ignore[arg-type]
    app = make_app(home, content)
    async with app.run_test(size=SIZE) as pilot:
        await start_unlocked(pilot, identity)
        await pilot.press("n")
        await settle(pilot)
        app.screen.query_one("#gender", Select).focus()
        await pilot.press("enter")  # opens the menu, which takes the focus
        await settle(pilot)
        footer = " ".join(screen_text(app).splitlines()[-3:])  # the footer wraps at 80 columns
        assert f"esc {title}" in footer.replace("Esc", "esc")
        assert english or "Dismiss menu" not in footer


def test_crash_report_has_no_values_or_messages() -> None:
    def explode(pseudonym: str) -> None:
        raise ValueError(f"kapot bij {pseudonym}")

    try:
        explode("Geheime-Naam")
    except ValueError:
        report = safe_crash_report().plain
    assert "Geheime-Naam" not in report
    assert "ValueError" in report and "explode" in report


async def test_quit_waits_for_pending_saves(home: Paths, content: Content, identity: Identity) -> None:
    case = new_case("Quit-case", 16, "jongen", None, "wijkteam")
    app = make_app(home, content)
    async with app.run_test(size=SIZE) as pilot:
        await start_unlocked(pilot, identity)
        app.save_case(case)
        await pilot.press("ctrl+q")
    assert app.return_code == 0
    assert CaseStore(home.vault, identity).open(case.id).pseudonym == "Quit-case"


def test_saver_keeps_the_latest_version_and_saves_one_at_a_time() -> None:
    saver = CaseSaver()
    case = new_case("A", 15, None, None, None)
    assert saver.submit(case) is True
    case.role = "wijkcoach"
    assert saver.submit(case) is False, "a drain is already due"
    other = new_case("B", 15, None, None, None)
    saver.submit(other)
    written: list[tuple[str, str]] = []
    active = threading.Lock()

    def save(saved: object) -> None:
        assert active.acquire(blocking=False), "two saves at once"
        written.append((saved.pseudonym, saved.role))  # type: ignore[attr-defined]
        active.release()

    assert saver.drain(save) == []
    assert written == [("A", "wijkcoach"), ("B", "")]
    assert not saver.busy and saver.saved_count == 2


def test_saver_keeps_failed_cases_for_another_try() -> None:
    saver = CaseSaver()
    case = new_case("A", 15, None, None, None)
    saver.submit(case)

    def fail(_: object) -> None:
        raise OSError("disk full")

    failures = saver.drain(fail)
    assert [c.id for c, _ in failures] == [case.id] and saver.has_unsaved
    assert saver.retry_failed() is True
    assert saver.drain(lambda _: None) == [] and not saver.has_unsaved
