"""Home → Overdragen (key d): the form checks what it can, the real hand-over writes the file and keeps or
deletes the copy, and the case list follows. Through the real App, with the vault of the test session."""

from __future__ import annotations

import json
from pathlib import Path

from shell_helpers import SIZE, make_app, screen_text, settle, start_unlocked
from textual.widgets import Button, Input, Select

from signaleer.domain.case import CaseSummary
from signaleer.domain.changes import new_case
from signaleer.domain.content import Content
from signaleer.i18n import t
from signaleer.paths import Paths
from signaleer.tui.app import SignaleerApp
from signaleer.tui.screens.handover import HandoverScreen
from signaleer.tui.screens.home import HomeScreen
from signaleer.tui.textual_compat import notifications
from signaleer.vault import _age
from signaleer.vault.keys import Identity
from signaleer.vault.store import CaseStore


def _store_case(paths: Paths, identity: Identity, pseudonym: str) -> str:
    case = new_case(pseudonym, 15, "meisje", None, "wijkteam")
    summary = CaseSummary(id=case.id, pseudonym=pseudonym, phase="Signalen", updated_at=case.updated_at)
    CaseStore(paths.vault, identity).save(case, summary)
    return case.id


def on_top(app: SignaleerApp, form: HandoverScreen) -> bool:
    return app.screen is form


def _fill(form: HandoverScreen, recipient: str, output: Path, copy: str | None) -> None:
    form.query_one("#recipient", Input).value = recipient
    form.query_one("#to", Input).value = "Zorgcoördinator Noord"
    form.query_one("#from", Input).value = "Wijkcoach Sanne"
    form.query_one("#output", Input).value = str(output)
    if copy is not None:
        form.query_one("#copy", Select).value = copy


async def test_hand_over_from_the_case_list_deletes_the_copy_when_chosen(
    home: Paths, content: Content, identity: Identity, tmp_path: Path
) -> None:
    case_id = _store_case(home, identity, "Overdracht-casus")
    receiver = _age.generate_key()
    usb = tmp_path / "usb"
    usb.mkdir()
    app = make_app(home, content)
    async with app.run_test(size=SIZE) as pilot:
        await start_unlocked(pilot, identity)
        await pilot.press("d")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, HandoverScreen)
        assert "Casus overdragen: Overdracht-casus" in screen_text(app)

        _fill(form, _age.recipient_of(receiver), usb / "x.age", None)  # keep or delete: not chosen yet
        form.query_one("#confirm", Button).press()
        await settle(pilot)
        assert on_top(app, form) and t("handover.need_copy") in screen_text(app)

        _fill(form, "age1nietgoed", usb / "x.age", "delete")
        form.query_one("#confirm", Button).press()
        await settle(pilot)
        assert on_top(app, form) and "age1nietgoed is geen publieke sleutel" in screen_text(app)

        _fill(form, identity.recipient, usb / "x.age", "delete")
        form.query_one("#confirm", Button).press()
        await settle(pilot)
        assert on_top(app, form) and "sleutel van je eigen kluis" in screen_text(app)
        assert list(usb.iterdir()) == []

        form.query_one("#recipient", Input).value = _age.recipient_of(receiver)
        form.query_one("#confirm", Button).press()
        await settle(pilot)

        assert isinstance(app.screen, HomeScreen)
        assert any("Je kopie is verwijderd" in n.message for n in notifications(app))
        assert "Overdracht-casus" not in screen_text(app)
    envelope = json.loads(_age.decrypt((usb / "x.age").read_bytes(), receiver))
    assert envelope["case"]["id"] == case_id and envelope["case"]["timeline"][-1]["code"] == "handed_over"
    store = CaseStore(home.vault, identity)
    assert not store.exists(case_id)
    assert [(e.case_id, e.reason) for e in store.deletions()] == [(case_id, "handed_over")]


async def test_hand_over_keeps_the_copy_with_the_entry_and_cancel_changes_nothing(
    home: Paths, content: Content, identity: Identity, tmp_path: Path
) -> None:
    case_id = _store_case(home, identity, "Blijft-casus")
    receiver = _age.generate_key()
    app = make_app(home, content)
    async with app.run_test(size=SIZE) as pilot:
        await start_unlocked(pilot, identity)
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert [e.code for e in CaseStore(home.vault, identity).open(case_id).timeline] == ["created"]

        await pilot.press("d")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, HandoverScreen)
        _fill(form, _age.recipient_of(receiver), tmp_path / "x.age", "keep")
        form.query_one("#confirm", Button).press()
        await settle(pilot)

        assert isinstance(app.screen, HomeScreen) and "Blijft-casus" in screen_text(app)
        assert any("Je kopie blijft" in n.message for n in notifications(app))
    kept = CaseStore(home.vault, identity).open(case_id)
    assert [e.code for e in kept.timeline] == ["created", "handed_over"]
    assert json.loads(_age.decrypt((tmp_path / "x.age").read_bytes(), receiver))["case"]["timeline"] == [
        event.model_dump(mode="json") for event in kept.timeline
    ]


async def test_the_form_speaks_english_when_the_interface_does(
    home: Paths, content: Content, identity: Identity
) -> None:
    from signaleer.settings import Settings, save_settings

    save_settings(home.settings_file, Settings(language="en"))
    _store_case(home, identity, "English-case")
    app = make_app(home, content)
    async with app.run_test(size=(110, 40)) as pilot:
        await start_unlocked(pilot, identity)
        await pilot.press("d")
        await settle(pilot)
        text = screen_text(app)
    assert "Hand a case over: English-case" in text and "Receiver's key" in text
    padded = f" {' '.join(text.lower().split())} "
    assert not [word for word in (" de ", " het ", " een ", " niet ", " je ", " van ", " kopie ") if word in padded]
