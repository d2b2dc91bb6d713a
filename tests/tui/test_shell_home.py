"""Home: the case list, a new signalering, settings round trip and the English interface."""

from __future__ import annotations

import datetime as dt

from shell_helpers import SIZE, make_app, screen_text, settle, start_unlocked
from textual.widgets import Button, Input, Select

from signaleer.domain.case import CaseSummary
from signaleer.domain.changes import new_case
from signaleer.domain.content import Content
from signaleer.paths import Paths
from signaleer.settings import load_settings
from signaleer.tui.screens.home import HomeScreen
from signaleer.tui.screens.new_case import NewCaseScreen
from signaleer.tui.screens.settings import SettingsScreen
from signaleer.tui.textual_compat import notifications
from signaleer.vault.keys import Identity
from signaleer.vault.store import CaseStore


def _store_case(paths: Paths, identity: Identity, pseudonym: str, due: dt.date | None) -> str:
    case = new_case(pseudonym, 15, "meisje", None, "wijkteam")
    summary = CaseSummary(
        id=case.id, pseudonym=pseudonym, phase="Signalen", next_action="Bel VT", due=due, updated_at=case.updated_at
    )
    CaseStore(paths.vault, identity).save(case, summary)
    return case.id


async def test_home_lists_cases_overdue_first_and_warns_about_bad_files(
    home: Paths, content: Content, identity: Identity
) -> None:
    today = dt.date.today()
    _store_case(home, identity, "Later-casus", today + dt.timedelta(days=30))
    _store_case(home, identity, "Te-laat-casus", today - dt.timedelta(days=2))
    (home.vault / "0123456789abcdef.age").write_bytes(b"not an age file")
    app = make_app(home, content)
    async with app.run_test(size=SIZE) as pilot:
        await start_unlocked(pilot, identity)
        text = screen_text(app)
        assert text.index("Te-laat-casus") < text.index("Later-casus")
        assert "! = de volgende stap is te laat (1)" in text
        assert "Let op: bestand 0123456789abcdef.age" in text
        assert "Nog geen casussen" not in text


async def test_new_signalering_creates_and_saves_the_case(home: Paths, content: Content, identity: Identity) -> None:
    app = make_app(home, content)
    async with app.run_test(size=SIZE) as pilot:
        await start_unlocked(pilot, identity)
        await pilot.press("n")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, NewCaseScreen)
        text = screen_text(app)
        assert "geen volledige naam" in text
        form.query_one("#pseudonym", Input).value = ""
        form.query_one("#create", Button).press()
        await settle(pilot)
        assert "Vul een casusnaam in" in screen_text(app)
        form.query_one("#pseudonym", Input).value = "Noor-nieuw"
        form.query_one("#age", Input).value = "14"
        form.query_one("#gender", Select).value = "meisje"
        form.query_one("#create", Button).press()
        await settle(pilot)
        from signaleer.tui.walk import WalkScreen

        assert isinstance(app.screen, WalkScreen)  # the new case opens straight into the walk
        assert "Noor-nieuw" in screen_text(app)
    cases = CaseStore(home.vault, identity).listing().summaries
    assert [c.pseudonym for c in cases] == ["Noor-nieuw"]
    stored = CaseStore(home.vault, identity).open(cases[0].id)
    assert (stored.age, stored.gender, stored.gemeente, stored.sector) == (14, "meisje", None, "wijkteam")


async def test_new_signalering_refuses_an_impossible_age(home: Paths, content: Content, identity: Identity) -> None:
    app = make_app(home, content)
    async with app.run_test(size=SIZE) as pilot:
        await start_unlocked(pilot, identity)
        app.screen.query_one("#new", Button).press()
        await settle(pilot)
        app.screen.query_one("#pseudonym", Input).value = "X"
        app.screen.query_one("#age", Input).value = "99"
        app.screen.query_one("#create", Button).press()
        await settle(pilot)
        assert isinstance(app.screen, NewCaseScreen)
        assert "0 tot 40" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
    assert CaseStore(home.vault, identity).listing().summaries == []


async def test_a_new_organisation_key_in_settings_can_read_the_existing_cases(
    home: Paths, content: Content, identity: Identity
) -> None:
    from signaleer.vault import _age
    from signaleer.vault.keys import Identity as VaultIdentity

    org = _age.generate_key()
    case_id = _store_case(home, identity, "Overdracht", None)
    path = home.vault / f"{case_id}.age"
    app = make_app(home, content)
    async with app.run_test(size=SIZE) as pilot:
        await start_unlocked(pilot, identity)
        await pilot.press("s")
        await settle(pilot)
        app.screen.query_one("#org", Input).value = _age.recipient_of(org)
        app.screen.query_one("#save", Button).press()
        await settle(pilot)
        await app.workers.wait_for_complete()
        assert any("opnieuw versleuteld" in n.message for n in notifications(app))
    assert b"Overdracht" in VaultIdentity(org).decrypt(path.read_bytes())


async def test_settings_round_trip_and_english(home: Paths, content: Content, identity: Identity) -> None:
    gemeente = sorted(route.gemeente for route in content.municipalities.values())[0]
    recipient = identity.recipient
    app = make_app(home, content)
    async with app.run_test(size=SIZE) as pilot:
        await start_unlocked(pilot, identity)
        await pilot.press("s")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SettingsScreen)
        assert "Vergrendelen na" in screen_text(app)
        screen.query_one("#idle", Input).value = "0"
        screen.query_one("#save", Button).press()
        await settle(pilot)
        assert "van 1 tot 120" in screen_text(app)
        screen.query_one("#idle", Input).value = "12"
        screen.query_one("#org", Input).value = "age1nietgoed"
        screen.query_one("#save", Button).press()
        await settle(pilot)
        assert "sleutel van de organisatie klopt niet" in screen_text(app)
        screen.query_one("#org", Input).value = recipient
        screen.query_one("#gemeente", Select).value = gemeente
        screen.query_one("#sector", Select).value = "jeugdhulp"
        screen.query_one("#theme", Select).value = "hoog_contrast"
        screen.query_one("#language", Select).value = "en"
        screen.query_one("#save", Button).press()
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert app.language == "en" and app.theme == "signaleer-hoog-contrast"
        text = screen_text(app)
        assert "Your cases" in text and "Hide" in text and "New case" in text
        assert "Jouw casussen" not in text
        assert app.session.store is not None and app.session.store.recipients == [recipient]
    saved = load_settings(home.settings_file)
    assert (saved.gemeente, saved.sector, saved.idle_lock_minutes) == (gemeente, "jeugdhulp", 12)
    assert (saved.language, saved.theme, saved.org_recipients) == ("en", "hoog_contrast", [recipient])
    again = make_app(home, content)
    assert again.idle_seconds == 12 * 60 and again.language == "en"
