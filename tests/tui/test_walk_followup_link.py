"""From the outcome the professional carries on with the case; quitting never loses what was just typed."""

from __future__ import annotations

from shell_helpers import SIZE, make_app, screen_text, settle, start_unlocked
from textual.widgets import Button, Input, Select, TextArea
from walk_driver import calm, go_to, walk_screen

from signaleer.domain import changes
from signaleer.domain.content import Content
from signaleer.paths import Paths
from signaleer.tui.followup import FollowUpScreen
from signaleer.tui.walk import WalkScreen
from signaleer.tui.walk.pages import OUTCOME
from signaleer.tui.widgets.field_input import FieldInput
from signaleer.vault.keys import Identity
from signaleer.vault.store import CaseStore


async def test_outcome_opens_the_comensha_registration_of_the_same_case(
    home: Paths, content: Content, identity: Identity
) -> None:
    case = changes.new_case("Vervolg-1", 15, "meisje", "leiden", "wijkteam")
    app = make_app(home, content)
    async with app.run_test(size=SIZE) as pilot:
        await start_unlocked(pilot, identity)
        app.screen._show_case(case)  # type: ignore[attr-defined]
        await settle(pilot)
        await go_to(pilot, OUTCOME)
        button = walk_screen(pilot).query_one("#followup-comensha", Button)
        assert str(button.label) == "CoMensha-registratie"
        button.press()
        await calm(pilot)
        assert isinstance(app.screen, FollowUpScreen)
        assert app.screen.case is case
        assert "Vervolg-1" in screen_text(app)
        await pilot.press("escape")
        await calm(pilot)
        assert isinstance(app.screen, WalkScreen)


async def test_quit_saves_text_that_was_still_being_typed(home: Paths, content: Content, identity: Identity) -> None:
    case = changes.new_case("Typen-1", 14, "jongen", None, "wijkteam")
    app = make_app(home, content)
    async with app.run_test(size=SIZE) as pilot:
        await start_unlocked(pilot, identity)
        app.screen._show_case(case)  # type: ignore[attr-defined]
        await settle(pilot)
        screen = await go_to(pilot, "signalen")
        widget = screen.query_one("#field-ontbrekend", FieldInput).query_one(".field-value")
        assert isinstance(widget, TextArea | Input | Select)
        if isinstance(widget, TextArea):
            widget.text = "Nog navragen bij school"
        else:
            widget.value = "Nog navragen bij school"
        await pilot.pause()  # within the typing debounce: nothing forces a save yet
        await app.action_quit()
        await pilot.pause()
    stored = CaseStore(home.vault, identity).open(case.id)
    assert stored.answers.get("signalen", {}).get("ontbrekend") == "Nog navragen bij school"
