"""The signal search box paints the typed word together with its results, and never keeps it hidden."""

from __future__ import annotations

from shell_helpers import SIZE, make_app, screen_text, settle
from textual.app import App, ComposeResult
from walk_driver import go_to, open_walk

from signaleer.domain.content import Content
from signaleer.paths import Paths
from signaleer.tui.textual_compat import drawn_frames
from signaleer.tui.widgets.signal_picker import SearchBox, SignalPicker
from signaleer.vault.keys import Identity


async def test_a_typed_burst_shows_the_word_with_its_results(home: Paths, content: Content, identity: Identity) -> None:
    app = make_app(home, content)
    async with app.run_test(size=SIZE) as pilot:
        await open_walk(pilot, identity, "Zoek-1")
        screen = await go_to(pilot, "signalen")
        box = screen.query_one("#signal-search", SearchBox)
        box.focus()
        await pilot.press(*"geld")
        await settle(pilot)
        assert box.searched_value == "geld" and not box._held
        text = screen_text(app)
        assert any(line.strip() == "geld" for line in text.splitlines())  # the box, painted
        assert "gevonden voor ‘geld’" in text


def held(box: SearchBox) -> bool:
    """Whether the box holds back a repaint (read afresh: mypy would keep an earlier assert's narrowing)."""
    return box._held


async def test_the_box_is_held_back_until_its_value_is_searched_then_painted_once(
    home: Paths, content: Content, identity: Identity
) -> None:
    app = make_app(home, content)
    async with app.run_test(size=SIZE) as pilot:
        await open_walk(pilot, identity, "Zoek-2")
        screen = await go_to(pilot, "signalen")
        box = screen.query_one("#signal-search", SearchBox)
        picker = screen.query_one(SignalPicker)
        box.value = "dure"  # synchronously: the picker has not searched yet
        assert held(box) and box.searched_value == ""  # its repaint waits for the results
        picker._search_settled()  # what the picker runs once the burst is in
        assert not held(box) and box.searched_value == "dure"
        assert picker.searched == "dure"


class LoneBox(App[None]):
    def compose(self) -> ComposeResult:
        yield SearchBox(id="box")


async def test_a_box_nobody_searches_for_shows_what_was_typed_all_the_same() -> None:
    app = LoneBox()
    async with app.run_test() as pilot:
        box = app.query_one(SearchBox)
        box.focus()
        await pilot.press("x")
        for _ in range(100):  # wait for the state, not for a time: the hold ends by itself
            if not box._held:
                break
            await pilot.pause(0.01)
        assert not box._held and box.searched_value == "x"
        await pilot.pause()
        assert box.render_line(0).text.strip().startswith("x")


async def test_a_search_that_scrolls_the_page_draws_its_status_in_the_same_frame(
    home: Paths, content: Content, identity: Identity
) -> None:
    """From the top of the signal step a search scrolls the box up: the status ("… gevonden") is drawn in the frame
    that scrolls the page and shows the rows, never a frame later (nor, worse, before the rows moved)."""
    app = make_app(home, content)
    async with app.run_test(size=SIZE) as pilot:
        await open_walk(pilot, identity, "Zoek-2")
        screen = await go_to(pilot, "signalen")
        box = screen.query_one("#signal-search", SearchBox)
        box.focus(scroll_visible=False)
        await settle(pilot)
        page = screen.query_one("#page-signalen")
        assert page.scroll_y == 0 and page.max_scroll_y > 0  # the search will scroll it
        frames = drawn_frames(app)
        await pilot.press("g")
        await settle(pilot)
        assert page.scroll_y > 0
        assert frames and "gevonden voor ‘g’" in frames[0]
