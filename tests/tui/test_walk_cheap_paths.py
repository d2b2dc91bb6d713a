"""The walk's key paths do no work for screens and widgets that do not change (bench/bench_tmux.py measures the time).

Each test counts the work itself (recomposes, focus restyles, messages to a hidden screen), never time.
"""

from __future__ import annotations

from typing import Any

from shell_helpers import SIZE, make_app, screen_text, settle
from textual.widgets import Button, Input
from walk_driver import calm, go_to, kept_signal_step, open_walk

from signaleer.domain.content import Content
from signaleer.paths import Paths
from signaleer.tui.footer import ShellFooter
from signaleer.tui.screens.home import HomeScreen
from signaleer.tui.textual_compat import FooterKey
from signaleer.tui.widgets.signal_picker import SignalPicker
from signaleer.tui.widgets.yes_no import YesNo
from signaleer.vault.keys import Identity
from signaleer.vault.store import CaseStore


def count_composes(footer: ShellFooter) -> list[int]:
    """Count the footer's composes from now on (in the one element of the list returned)."""
    composed = [0]
    compose = footer.compose

    def counting() -> Any:
        composed[0] += 1
        return compose()

    footer.compose = counting  # type: ignore[method-assign]
    return composed


async def test_footer_is_rebuilt_only_when_its_keys_change(home: Paths, content: Content, identity: Identity) -> None:
    app = make_app(home, content)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_walk(pilot, identity, "Voet-1")
        await go_to(pilot, "signalen")
        footer = screen.query_one(ShellFooter)
        composed = count_composes(footer)
        for _ in range(3):  # focus moves between fields: the same keys, so the same footer
            screen.focus_next()
            await calm(pilot)
        assert composed[0] == 0
        assert "F12 Verbergen" in screen_text(app) and "F2 Uitleg" in screen_text(app)
        screen.check_action = lambda action, parameters: action != "guidance"  # type: ignore[method-assign]
        screen.refresh_bindings()  # a key that stops working must leave the footer
        await calm(pilot)
        assert composed[0] == 1
        assert "F2 Uitleg" not in screen_text(app)


async def test_the_way_to_the_outcome_builds_no_new_footer_and_dims_next(
    home: Paths, content: Content, identity: Identity
) -> None:
    # On the outcome page 'next' cannot work. It used to leave the footer, so the footer composed a dozen new
    # widgets on the way there (and the keys after it moved). Now it stays, dimmed, and the footer only dims it.
    app = make_app(home, content)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_walk(pilot, identity, "Voet-2")
        await go_to(pilot, screen.pages[-2])
        footer = screen.query_one(ShellFooter)
        composed = count_composes(footer)
        next_key = next(k for k in footer.query(FooterKey) if k.action == "next")

        def dimmed() -> bool:
            return next_key.disabled

        assert not dimmed()
        await go_to(pilot, screen.pages[-1])
        assert composed[0] == 0
        assert next_key.is_attached and dimmed()  # the same widget, dimmed
        await go_to(pilot, screen.pages[-2])
        assert composed[0] == 0 and not dimmed()


async def test_a_page_move_never_focuses_the_scrolling_body(home: Paths, content: Content, identity: Identity) -> None:
    app = make_app(home, content)
    async with app.run_test(size=SIZE) as pilot:
        screen = await kept_signal_step(pilot, identity, "Focus-1")
        focused: list[bool] = []
        for scroller in screen.query_one("#walk-body").children:  # each page's view scrolls in its own container
            restyle = scroller.watch_has_focus

            def watch_has_focus(has_focus: bool, restyle: Any = restyle) -> None:  # each call restyles the step
                focused.append(has_focus)
                restyle(has_focus)

            scroller.watch_has_focus = watch_has_focus  # type: ignore[method-assign,assignment]
        await screen.action_next()
        await calm(pilot)
        await screen.action_back()
        await calm(pilot)
        assert focused == []
        assert screen.focused is not None and screen.focused.id == "signal-search"


async def test_the_hidden_case_list_hears_no_saves_and_shows_them_on_return(
    home: Paths, content: Content, identity: Identity
) -> None:
    app = make_app(home, content)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_walk(pilot, identity, "Verborgen-1")
        home_screen = next(s for s in app.screen_stack if isinstance(s, HomeScreen))
        heard: list[object] = []
        call_next = home_screen.call_next

        def hearing(*args: Any, **kwargs: Any) -> None:  # how a signal reaches its subscriber: its message loop
            heard.append(args)
            call_next(*args, **kwargs)

        home_screen.call_next = hearing  # type: ignore[method-assign]
        await go_to(pilot, "signalen")
        picker_list = screen.query_one("#signal-list")
        picker_list.action_select()  # type: ignore[attr-defined]
        await calm(pilot)
        await app.wait_for_saves()
        await calm(pilot)
        assert heard == []  # each save heard under the walk ran the hidden screen's loop: a full repaint
        saved = CaseStore(home.vault, identity).open(screen.case.id)
        assert len(saved.signals) == 1
        screen.action_close()
        await settle(pilot)
        assert app.screen is home_screen
        assert "Verborgen-1" in screen_text(app)


async def test_a_tick_restyles_no_field_of_the_pane(home: Paths, content: Content, identity: Identity) -> None:
    app = make_app(home, content)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_walk(pilot, identity, "Vinkje-1")
        await go_to(pilot, "signalen")
        picker = screen.query_one(SignalPicker)
        pane = picker.pane
        source = pane.query_one(YesNo)
        fields = [*pane.query(Input), *source.query(Button)]
        assert fields and not any(f.focusable for f in fields)  # nothing ticked: the fields are inert
        restyled: list[object] = []
        update_styles = app.update_styles

        def counting(node: Any, *args: Any, **kwargs: Any) -> None:  # a (pseudo-)class change restyles the node
            if any(node is f or f in node.ancestors_with_self for f in (*fields, source)):
                restyled.append(node)
            update_styles(node, *args, **kwargs)

        app.update_styles = counting  # type: ignore[method-assign]
        picker.tick_list.focus()
        await calm(pilot)
        restyled.clear()
        picker.tick_list.action_select()
        await calm(pilot)
        assert all(f.focusable for f in fields)  # ticked: usable
        assert restyled == []
        picker.tick_list.action_select()  # untick: asks a reason
        await settle(pilot)
        app.screen.dismiss("per ongeluk")
        await settle(pilot)
        assert not screen.case.signals
        assert not any(f.focusable for f in fields)
        assert restyled == []
        chosen = source.value
        source.query_one(".no" if chosen else ".yes", Button).press()  # a click on an inert field changes nothing
        await calm(pilot)
        assert source.value is chosen
        picker.tick_list.action_select()
        await calm(pilot)
        source.query_one(".no" if chosen else ".yes", Button).press()  # usable again: the click counts
        await calm(pilot)
        assert source.value is not chosen
