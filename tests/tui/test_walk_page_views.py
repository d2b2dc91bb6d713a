"""Each page's view is mounted once and shown again by ``display`` (a remount cost ~6 layouts; bench_tmux measures it).

A hidden view is out of the focus chain, and a kept view never shows a stale case: what changed on another page is
drawn when its page shows again.
"""

from __future__ import annotations

from shell_helpers import SIZE, make_app
from textual.containers import VerticalScroll
from walk_driver import calm, go_to, kept_signal_step, open_walk

from signaleer.domain.content import Content
from signaleer.paths import Paths
from signaleer.tui.walk import WalkScreen
from signaleer.tui.walk.outcome_view import OutcomeView
from signaleer.tui.walk.pages import OUTCOME
from signaleer.tui.walk.step_view import StepView
from signaleer.tui.widgets.tick_list import TickList
from signaleer.vault.keys import Identity


def check_only_the_shown_view_takes_focus(screen: WalkScreen) -> list[str]:
    """Every focusable widget of the walk's body is in the view shown; every other view is hidden."""
    shown = screen.view()
    assert shown is not None
    problems = []
    body = screen.query_one("#walk-body")
    for widget in screen.focus_chain:
        if body in widget.ancestors and shown not in widget.ancestors_with_self and widget is not shown.parent:
            problems.append(f"{screen.page}: {widget!r} of a hidden view is in the focus chain")
    for scroller in body.children:  # each view scrolls in its own container
        if (shown in scroller.children) != scroller.display:
            problems.append(f"{screen.page}: {scroller!r} display={scroller.display}")
    return problems


async def test_a_page_move_shows_the_same_view_again(home: Paths, content: Content, identity: Identity) -> None:
    app = make_app(home, content)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_walk(pilot, identity, "Blijft-1")
        await go_to(pilot, "signalen")
        signals = screen.query_one("#step-signalen", StepView)
        picker_list = signals.query_one("#signal-list")
        await screen.action_next()
        await calm(pilot)
        following = screen.view()
        await screen.action_back()
        await calm(pilot)
        assert screen.view() is signals and signals.display
        assert signals.query_one("#signal-list") is picker_list
        await screen.action_next()
        await calm(pilot)
        assert screen.view() is following
        await screen.action_outcome()
        await calm(pilot)
        outcome = screen.view()
        assert isinstance(outcome, OutcomeView)
        await go_to(pilot, "signalen")
        await screen.action_outcome()
        await calm(pilot)
        assert screen.view() is outcome  # nothing changed in between: the same widgets
        assert outcome.parent in screen.query_one("#walk-body").children


async def test_hidden_views_are_out_of_the_focus_chain(home: Paths, content: Content, identity: Identity) -> None:
    app = make_app(home, content)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_walk(pilot, identity, "Focus-2")
        problems: list[str] = []
        pages = screen.pages
        for page in [*pages, *reversed(pages)]:  # every view mounted, then each shown again with the others hidden
            await go_to(pilot, page)
            problems += check_only_the_shown_view_takes_focus(screen)
            for _ in range(len(screen.focus_chain) + 1):  # Tab as a person does: never into a hidden page
                screen.focus_next()
                focused = screen.focused
                body = screen.query_one("#walk-body")
                if focused is not None and body in focused.ancestors:
                    view = screen.view()
                    assert view is not None
                    if view not in focused.ancestors and focused is not view.parent:  # the page's own scroller
                        problems.append(f"{page}: Tab focused {focused!r} outside the page shown")
        assert len(screen.query_one("#walk-body").children) == len(pages)
        assert not problems, "\n".join(problems)


async def test_a_kept_view_draws_what_changed_on_another_page(
    home: Paths, content: Content, identity: Identity
) -> None:
    app = make_app(home, content)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_walk(pilot, identity, "Vers-1")
        await go_to(pilot, OUTCOME)
        before = screen.view()
        assert isinstance(before, OutcomeView)
        await go_to(pilot, "signalen")
        signals = screen.view()
        assert signals is not None
        signals.query_one("#signal-list", TickList).action_select()
        await calm(pilot)
        assert len(screen.case.signals) == 1
        await screen.action_outcome()
        await calm(pilot)
        after = screen.view()
        assert isinstance(after, OutcomeView)
        assert after is not before and not before.is_attached  # the advice changed: drawn again, the old one gone
        assert after.advice == screen.advice()
        await go_to(pilot, "signalen")
        assert screen.view() is signals  # its own tick changed nothing it does not show already
        assert signals.query_one("#signal-list", TickList).ticked == {screen.case.signals[0].signal_id}


async def test_a_page_shows_again_from_its_top_in_its_first_frame(
    home: Paths, content: Content, identity: Identity
) -> None:
    """A page left scrolled down shows again at its top at once: a deferred scroll drew it first where it was left
    (after a search had scrolled the signal step), then jumped a frame later, under the pointer."""
    app = make_app(home, content)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_walk(pilot, identity, "Bovenaan-1")
        await go_to(pilot, "signalen")
        scroller = screen.query_one("#page-signalen", VerticalScroll)
        scroller.scroll_end(animate=False, immediate=True)
        await calm(pilot)
        assert scroller.scroll_y > 0, "the signal step must be taller than the screen for this test"
        await screen.action_next()
        await calm(pilot)
        await screen.action_back()
        assert scroller.scroll_y == 0  # before any refresh: the first frame after the move draws the top


async def test_moving_to_a_kept_view_moves_the_focus_once(home: Paths, content: Content, identity: Identity) -> None:
    """From the old step's field straight to the new step's first field: each focus change restyles the fields and
    their ancestors, so a detour through 'nothing focused' cost a second restyle on every page move."""
    app = make_app(home, content)
    async with app.run_test(size=SIZE) as pilot:
        screen = await kept_signal_step(pilot, identity, "Focus-1")
        assert screen.focused is not None and screen.view() in screen.focused.ancestors
        seen: list[object] = []

        def focused(widget: object) -> None:
            seen.append(widget)

        screen.watch(screen, "focused", focused, init=False)
        await screen.action_next()
        await calm(pilot)
        view = screen.view()
        assert screen.focused is not None and view is not None and view in screen.focused.ancestors
        assert seen == [screen.focused]
