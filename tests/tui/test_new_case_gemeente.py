"""The new-case form: a type-ahead over every gemeente (CBS name, common name, code) at 80×24."""

from __future__ import annotations

from shell_helpers import SIZE, make_app, screen_text, settle, start_unlocked
from textual.widgets import Button, Input

from signaleer.domain.content import Content
from signaleer.paths import Paths
from signaleer.tui.screens.new_case import NewCaseScreen
from signaleer.vault.keys import Identity
from signaleer.vault.store import CaseStore


async def _open_form(pilot: object, app: object, identity: Identity) -> NewCaseScreen:
    await start_unlocked(pilot, identity)  # type: ignore[arg-type]
    await pilot.press("n")  # type: ignore[attr-defined]
    await settle(pilot)  # type: ignore[arg-type]
    form = app.screen  # type: ignore[attr-defined]
    assert isinstance(form, NewCaseScreen)
    return form


async def test_typing_part_of_a_name_suggests_the_gemeente_and_stores_its_cbs_name(
    home: Paths, content: Content, identity: Identity
) -> None:
    assert SIZE == (80, 24)
    app = make_app(home, content)
    async with app.run_test(size=SIZE) as pilot:
        form = await _open_form(pilot, app, identity)
        form.query_one("#pseudonym", Input).value = "Sanne-t"
        field = form.query_one("#gemeente", Input)
        field.focus()
        await pilot.press("Z", "w", "o")
        await settle(pilot)
        assert "Zwolle" in screen_text(app)  # the suggestion is shown in the field
        field.value = "Den Bo"  # a unique start of a common name
        form.query_one("#create", Button).press()
        await settle(pilot)
    [summary] = CaseStore(home.vault, identity).listing().summaries
    stored = CaseStore(home.vault, identity).open(summary.id)
    assert stored.gemeente == "'s-Hertogenbosch"


async def test_an_ambiguous_or_unknown_gemeente_is_asked_again_not_guessed(
    home: Paths, content: Content, identity: Identity
) -> None:
    app = make_app(home, content)
    async with app.run_test(size=SIZE) as pilot:
        form = await _open_form(pilot, app, identity)
        form.query_one("#pseudonym", Input).value = "Sanne-t"
        form.query_one("#gemeente", Input).value = "Bergen"
        form.query_one("#create", Button).press()
        await settle(pilot)
        text = screen_text(app)
        assert "Welke gemeente bedoel je?" in text and "Bergen (L.)" in text and "Bergen (NH.)" in text
        form.query_one("#gemeente", Input).value = "Atlantis"
        form.query_one("#create", Button).press()
        await settle(pilot)
        assert "Gemeente 'Atlantis' niet gevonden" in screen_text(app)
        form.query_one("#gemeente", Input).value = "GM0363"
        form.query_one("#create", Button).press()
        await settle(pilot)
    [summary] = CaseStore(home.vault, identity).listing().summaries
    assert CaseStore(home.vault, identity).open(summary.id).gemeente == "Amsterdam"


def test_a_contact_card_says_whether_the_number_was_really_checked(content: Content) -> None:
    import datetime as dt

    from signaleer.tui.widgets.contact_card import ContactCard

    [_national, line] = content.route("Leiden").by_role("veilig_thuis")
    copied = ContactCard(line, "nl").provenance()
    assert copied.startswith("Niet gecontroleerd") and "2026-11-29" in copied
    checked = line.model_copy(update={"gecontroleerd_op": dt.date(2026, 11, 30)})
    assert ContactCard(checked, "nl").provenance() == "Gecontroleerd op 2026-11-30"
