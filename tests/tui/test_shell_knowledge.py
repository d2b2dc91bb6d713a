"""Knowledge pages: list, search, language, and the command palette that finds pages and actions."""

from __future__ import annotations

from shell_helpers import SIZE, make_app, screen_text, settle, start_unlocked
from textual.command import CommandPalette
from textual.widgets import Input, Markdown, OptionList

from signaleer.domain.content import Content
from signaleer.i18n import set_language
from signaleer.paths import Paths
from signaleer.tui.screens.knowledge import KnowledgeScreen
from signaleer.tui.screens.settings import SettingsScreen
from signaleer.vault.keys import Identity


async def test_knowledge_pages_list_search_and_show(home: Paths, content: Content, identity: Identity) -> None:
    pages = content.pages_in("nl")
    target = next(page for page in pages if page.matches("CoMensha"))
    app = make_app(home, content)
    async with app.run_test(size=SIZE) as pilot:
        await start_unlocked(pilot, identity)
        await pilot.press("k")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, KnowledgeScreen)
        assert screen.query_one("#pages", OptionList).option_count == len(pages)
        screen.query_one("#search", Input).value = "CoMensha toestemming"
        await settle(pilot)
        assert screen.shown and all(page.matches("CoMensha toestemming") for page in screen.shown)
        assert len(screen.shown) < len(pages)
        screen.query_one("#search", Input).value = "zzzgeenwoordzzz"
        await settle(pilot)
        assert "Geen pagina gevonden" in screen_text(app)
        screen.show_page(target.id)
        await settle(pilot)
        assert screen.page_id == target.id
        source = screen.query_one("#page", Markdown).source
        assert target.body.strip()[:60] in source and "Bronnen" in source
        assert target.meta.titel.split()[0] in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, KnowledgeScreen)


async def test_knowledge_pages_follow_the_language(home: Paths, content: Content, identity: Identity) -> None:
    english = {page.id: page for page in content.pages if page.language == "en"}
    app = make_app(home, content)
    async with app.run_test(size=SIZE) as pilot:
        await start_unlocked(pilot, identity)
        set_language("en")
        app.push_screen(KnowledgeScreen())
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, KnowledgeScreen)
        shown = {page.id: page.language for page in screen.shown}
        assert shown and all(shown[page_id] == "en" for page_id in english)


async def test_palette_finds_pages_and_actions(home: Paths, content: Content, identity: Identity) -> None:
    # The page about it (other pages may mention it too, e.g. prevention at vindplekken).
    target = next(page for page in content.pages_in("nl") if "Vlaggensysteem" in page.meta.titel)
    app = make_app(home, content)
    async with app.run_test(size=SIZE) as pilot:
        await start_unlocked(pilot, identity)
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert CommandPalette.is_open(app)  # type: ignore[arg-type]  # Textual types it as App[object]
        palette = app.screen
        palette.query_one(Input).value = "Vlaggensysteem"
        await settle(pilot)
        text = screen_text(app)
        assert f"Kennis: {target.meta.titel}"[:40] in text
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, KnowledgeScreen) and app.screen.page_id == target.id
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        app.screen.query_one(Input).value = "Instell"
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, SettingsScreen)


async def test_palette_offers_no_screenshot(home: Paths, content: Content, identity: Identity) -> None:
    app = make_app(home, content)
    async with app.run_test(size=SIZE) as pilot:
        await start_unlocked(pilot, identity)
        await pilot.press("ctrl+p")
        await settle(pilot)
        app.screen.query_one(Input).value = "screenshot"
        await settle(pilot)
        assert "Save an SVG" not in screen_text(app)


async def test_palette_is_closed_while_locked(home: Paths, content: Content) -> None:
    app = make_app(home, content)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert not CommandPalette.is_open(app)  # type: ignore[arg-type]  # Textual types it as App[object]
