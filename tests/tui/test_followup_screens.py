"""Pilot tests of the follow-up screens: contacts, CoMensha, aftercare, revictimisation, export and counts."""

from __future__ import annotations

import datetime as dt
import stat
from pathlib import Path
from typing import Any

from shell_helpers import SIZE, make_app, screen_text, settle, start_unlocked
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Button, DataTable, Input, Select

from signaleer.advice_text import summarize
from signaleer.domain import changes as ch
from signaleer.domain.case import Case, Decision, FollowUp, ObservedSignal
from signaleer.domain.content import Content
from signaleer.paths import Paths
from signaleer.tui.app import SignaleerApp
from signaleer.tui.followup import FollowUpScreen, StatsScreen
from signaleer.tui.followup.export_pane import ExportPane
from signaleer.tui.screens.confirm import ConfirmScreen
from signaleer.tui.screens.home import HomeScreen
from signaleer.tui.textual_compat import notifications
from signaleer.tui.walk.reason_modal import ReasonModal
from signaleer.tui.widgets.tick_list import TickList
from signaleer.vault.keys import Identity
from signaleer.vault.store import CaseStore

TALL = (100, 60)


def _melded(pseudonym: str = "Noor-vervolg") -> Case:
    case = ch.new_case(pseudonym, 15, "meisje", "leiden", "wijkteam")
    for qid in ("direct_gevaar", "seksueel_geweld_7d", "vermist", "onthulling"):
        ch.set_acute(case, qid, False)
    ch.add_signal(case, ObservedSignal(signal_id="GB01", observation="nieuwe telefoon"))
    ch.set_afweging(case, "vermoeden", True, "veel signalen")
    ch.set_afweging(case, "onveiligheid", True, "uitbuiting")
    ch.record_decision(case, Decision(outcome_id="melden", date=dt.date.today(), melding_date=dt.date.today()))
    return case


def _store(home: Paths, identity: Identity, content: Content, case: Case) -> CaseStore:
    store = CaseStore(home.vault, identity)
    store.save(case, summarize(case, content))
    return store


async def _wait_for(pilot: Pilot[None], kind: type[Screen[Any]]) -> None:
    """Pause until a screen of ``kind`` is on top (no settle: a worker may be waiting for that screen)."""
    for _ in range(50):
        if isinstance(pilot.app.screen, kind):
            await pilot.pause()
            return
        await pilot.pause()
    raise AssertionError(f"{kind.__name__} did not appear; on top: {pilot.app.screen!r}")


async def _open(pilot: Pilot[None], app: SignaleerApp, identity: Identity, case: Case, tab: str) -> FollowUpScreen:
    await start_unlocked(pilot, identity)
    screen = FollowUpScreen(case, tab)
    await app.push_screen(screen)
    await settle(pilot)
    return screen


async def test_home_opens_the_follow_up_and_a_planned_contact_is_saved_and_due(
    home: Paths, content: Content, identity: Identity
) -> None:
    case = _melded()
    store = _store(home, identity, content, case)
    app = make_app(home, content)
    async with app.run_test(size=TALL) as pilot:
        await start_unlocked(pilot, identity)
        await pilot.press("v")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, FollowUpScreen) and screen.case.id == case.id
        assert "Vervolg: Noor-vervolg" in screen_text(app) and "Geen geplande acties" in screen_text(app)
        screen.query_one("#with", Select).value = "zorgcoordinator"
        screen.query_one("#due-date", Input).value = "31-02-2026"
        screen.query_one("#add", Button).press()
        await settle(pilot)
        assert "Deze datum klopt niet: 31-02-2026" in screen_text(app)
        late = dt.date.today() - dt.timedelta(days=3)
        screen.query_one("#due-date", Input).value = late.strftime("%d-%m-%Y")
        screen.query_one("#note", Input).value = "rol afstemmen"
        screen.query_one("#add", Button).press()
        await settle(pilot)
        await app.wait_for_saves()
        text = screen_text(app)
        assert f"{late.strftime('%d-%m-%Y')} TE LAAT  Contact met de zorgcoördinator: rol afstemmen" in text
        assert screen.query_one("#followups", DataTable).row_count == 1
        await pilot.press("escape")
        await settle(pilot)
        assert "! " + late.strftime("%d-%m-%Y") in screen_text(app)
    saved = store.open(case.id)
    assert [(f.with_whom, f.due, f.note) for f in saved.followups] == [("zorgcoordinator", late, "rol afstemmen")]
    assert store.listing().summaries[0].due == late


async def test_mark_a_planned_contact_done(home: Paths, content: Content, identity: Identity) -> None:
    case = _melded()
    ch.add_followup(case, FollowUp(with_whom="ouders", due=dt.date.today()))
    _store(home, identity, content, case)
    app = make_app(home, content)
    async with app.run_test(size=TALL) as pilot:
        screen = await _open(pilot, app, identity, case, "vervolg")
        screen.query_one("#mark-done", Button).press()
        await settle(pilot)
        assert case.followups[0].done and case.followups[0].date == dt.date.today()
        assert "gedaan" in screen_text(app)


async def test_a_contact_is_changed_with_a_reason_and_cancel_changes_nothing(
    home: Paths, content: Content, identity: Identity
) -> None:
    case = _melded()
    first_due = dt.date.today() + dt.timedelta(days=2)
    ch.add_followup(case, FollowUp(with_whom="ouders", due=first_due, note="bel moeder"))
    store = _store(home, identity, content, case)
    app = make_app(home, content)
    async with app.run_test(size=TALL) as pilot:
        screen = await _open(pilot, app, identity, case, "vervolg")
        screen.query_one("#edit", Button).press()
        await settle(pilot)
        assert "Contact of afspraak wijzigen" in screen_text(app)
        assert screen.query_one("#note", Input).value == "bel moeder"
        assert screen.query_one("#due-date", Input).value == first_due.strftime("%d-%m-%Y")
        later = first_due + dt.timedelta(days=7)
        screen.query_one("#due-date", Input).value = later.strftime("%d-%m-%Y")
        screen.query_one("#add", Button).press()
        await _wait_for(pilot, ReasonModal)
        app.screen.query_one("#cancel", Button).press()  # no reason: nothing changes, the form keeps the edit
        await _wait_for(pilot, FollowUpScreen)
        assert case.followups[0].due == first_due
        assert screen.query_one("#due-date", Input).value == later.strftime("%d-%m-%Y")
        screen.query_one("#add", Button).press()
        await _wait_for(pilot, ReasonModal)
        app.screen.query_one("#reason", Input).value = "moeder is een week weg"
        app.screen.query_one("#confirm", Button).press()
        await _wait_for(pilot, FollowUpScreen)
        await settle(pilot)
        await app.wait_for_saves()
        assert "Nieuw contact of nieuwe afspraak" in screen_text(app)  # the form is for a new contact again
        assert screen.query_one("#followups", DataTable).row_count == 1
    saved = store.open(case.id)
    assert [(f.with_whom, f.due, f.note) for f in saved.followups] == [("ouders", later, "bel moeder")]
    assert saved.timeline[-1].kind == "followup_changed" and saved.timeline[-1].reason == "moeder is een week weg"


async def test_comensha_form_refuses_registration_without_consent_and_saves_a_valid_one(
    home: Paths, content: Content, identity: Identity
) -> None:
    case = _melded()
    store = _store(home, identity, content, case)
    app = make_app(home, content)
    async with app.run_test(size=TALL) as pilot:
        screen = await _open(pilot, app, identity, case, "comensha")
        assert "Jonger dan 16 (15 jaar): ouders of voogd" in screen_text(app)
        screen.query_one("#route", Select).value = "veilig_thuis"
        screen.query_one("#registered", Input).value = dt.date.today().strftime("%d-%m-%Y")
        screen.query_one("#save-comensha", Button).press()
        await settle(pilot)
        assert "alleen via de politie" in screen_text(app)
        assert case.comensha.registered_on is None
        screen.query_one("#registered", Input).value = ""
        screen.query_one("#route", Select).clear()
        screen.query_one("#status", Select).value = "gegeven"
        screen.query_one("#signer", Select).value = "jongere"
        screen.query_one("#consent-date", Input).value = dt.date.today().strftime("%d-%m-%Y")
        screen.query_one("#save-comensha", Button).press()
        await settle(pilot)
        assert "leeftijdsregel tekent iemand anders" in screen_text(app)  # asked before saving, saying why
        assert case.comensha.signer is None
        app.screen.query_one("#yes", Button).press()
        await settle(pilot)
        await app.wait_for_saves()
        text = screen_text(app)
        assert "Let op: volgens de leeftijdsregel tekent iemand anders" in text
        assert "Toestemming is gegeven" in text
    saved = store.open(case.id)
    assert (saved.comensha.consent_status, saved.comensha.signer) == ("gegeven", "jongere")


async def test_aftercare_ticks_and_a_revictimisation_signal_reopens_the_meldcode(
    home: Paths, content: Content, identity: Identity
) -> None:
    case = _melded()
    ch.close_case(case, "hulp loopt")
    store = _store(home, identity, content, case)
    app = make_app(home, content)
    async with app.run_test(size=TALL) as pilot:
        screen = await _open(pilot, app, identity, case, "nazorg")
        total = len(content.checklists["terugkeer"].items)
        checklist = screen.query_one("#nazorg-list", TickList)
        checklist.toggle("wijkagent")
        await settle(pilot)
        assert case.nazorg_checked == ["wijkagent"] and f"1 van {total} punten gedaan" in screen_text(app)
        rv = screen.query_one("#rv-list", TickList)
        rv.highlighted = rv.get_option_index("RV02")
        await settle(pilot)
        screen.query_one("#observation", Input).value = "weer opgehaald door dezelfde auto"
        rv.toggle("RV02")
        await _wait_for(pilot, ReasonModal)
        app.screen.query_one("#cancel", Button).press()
        await _wait_for(pilot, FollowUpScreen)
        await settle(pilot)
        assert "RV02" not in rv.ticked and case.revictimisation_signals == []
        rv.toggle("RV02")
        await _wait_for(pilot, ReasonModal)
        app.screen.query_one("#reason", Input).value = "mentor belde"
        app.screen.query_one("#confirm", Button).press()
        await _wait_for(pilot, FollowUpScreen)
        await settle(pilot)
        # What was saved stays on the screen: the mark, and the observation in the pane (it used to empty).
        assert screen.query_one("#observation", Input).value == "weer opgehaald door dezelfde auto"
        text = screen_text(app)
        assert "[x] RV02" in text and "Aangevinkt en opgeslagen" in text
        assert "[ ] RV01" in text and "▐X▌" not in text
        await app.wait_for_saves()
    saved = store.open(case.id)
    assert not saved.closed
    assert [(s.signal_id, s.observation) for s in saved.revictimisation_signals] == [
        ("RV02", "weer opgehaald door dezelfde auto")
    ]
    assert all(a.needs_review for a in saved.afwegingen.values())
    assert saved.timeline[-1].reason == "mentor belde" and saved.nazorg_checked == ["wijkagent"]


async def test_export_asks_first_then_writes_0600_where_it_said(
    home: Paths, content: Content, identity: Identity, tmp_path: Path
) -> None:
    case = _melded("<script>Noor</script>")
    _store(home, identity, content, case)
    target = tmp_path / "dossier.html"
    app = make_app(home, content)
    async with app.run_test(size=TALL) as pilot:
        screen = await _open(pilot, app, identity, case, "export")
        assert str(screen.query_one("#path", Input).value).endswith(f"signaleer-{case.id}-{dt.date.today()}.html")
        screen.query_one("#path", Input).value = str(target)
        screen.query_one("#do-export", Button).press()
        await _wait_for(pilot, ConfirmScreen)
        dialog = app.screen
        assert isinstance(dialog, ConfirmScreen) and str(target) in dialog.question
        assert "NIET versleuteld" in screen_text(app)
        app.screen.query_one("#no", Button).press()
        await _wait_for(pilot, FollowUpScreen)
        await settle(pilot)
        assert not target.exists()
        screen.query_one("#do-export", Button).press()
        await _wait_for(pilot, ConfirmScreen)
        app.screen.query_one("#yes", Button).press()
        await _wait_for(pilot, FollowUpScreen)
        await settle(pilot)
        await settle(pilot)
        assert screen.query_one(ExportPane).written == target
        assert any("Export geschreven (niet versleuteld)" in n.message for n in notifications(app))
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    html = target.read_text()
    assert "&lt;script&gt;Noor&lt;/script&gt;" in html and "<script>" not in html


async def test_after_export_the_case_is_deleted_logged_and_never_saved_back(
    home: Paths, content: Content, identity: Identity, tmp_path: Path
) -> None:
    case = _melded("Noor-weg")
    store = _store(home, identity, content, case)
    app = make_app(home, content)
    async with app.run_test(size=TALL) as pilot:
        screen = await _open(pilot, app, identity, case, "export")
        screen.query_one("#path", Input).value = str(tmp_path / "dossier.html")
        screen.query_one("#do-export", Button).press()
        await _wait_for(pilot, ConfirmScreen)
        app.screen.query_one("#yes", Button).press()
        await _wait_for(pilot, FollowUpScreen)
        await settle(pilot)
        screen.query_one("#delete-case", Button).press()
        await _wait_for(pilot, ConfirmScreen)
        assert "Noor-weg" in screen_text(app) and "niet ongedaan" in screen_text(app)
        app.screen.query_one("#no", Button).press()  # first: no, nothing happens
        await _wait_for(pilot, FollowUpScreen)
        await settle(pilot)
        assert store.exists(case.id)
        screen.query_one("#delete-case", Button).press()
        await _wait_for(pilot, ConfirmScreen)
        app.screen.query_one("#yes", Button).press()
        await _wait_for(pilot, HomeScreen)
        await settle(pilot)
        assert not any(isinstance(s, FollowUpScreen) for s in app.screen_stack)
        assert "Noor-weg" not in screen_text(app)
        app.save_case(case)  # a late save of a deleted case (a timer, a stale screen) must not bring it back
        await app.wait_for_saves()
    assert not store.exists(case.id)
    [entry] = store.deletions()
    assert entry.case_id == case.id and entry.reason == "verwijderd na export naar het dossier"


async def test_counts_view_shows_suppressed_anonymous_counts(home: Paths, content: Content, identity: Identity) -> None:
    store = CaseStore(home.vault, identity)
    for index in range(6):
        case = ch.new_case(f"Geheim-{index}", 14 if index else 17, "meisje", None, "wijkteam")
        store.save(case, summarize(case, content))
    app = make_app(home, content)
    async with app.run_test(size=TALL) as pilot:
        await start_unlocked(pilot, identity)
        await pilot.press("a")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StatsScreen)
        screen.query_one("#threshold", Input).value = "1"
        screen.query_one("#count", Button).press()
        await settle(pilot)
        assert "De drempel is een getal van 2 of meer" in screen_text(app)
        screen.query_one("#threshold", Input).value = "5"
        screen.query_one("#count", Button).press()
        await settle(pilot)
        text = screen_text(app)
        assert screen.report is not None and screen.report.total.count == 6
        assert "signaleringen: 6" in text and "Geheim" not in text
        rows = {row.key: row.shown for table in screen.report.tables for row in table.rows}
        assert rows["16_17"] == "<5" and rows["12_15"] == "afgeschermd"


async def test_follow_up_in_english(home: Paths, content: Content, identity: Identity) -> None:
    case = _melded()
    _store(home, identity, content, case)
    app = make_app(home, content)
    app.apply_settings(app.settings.model_copy(update={"language": "en"}), save=False)
    async with app.run_test(size=SIZE) as pilot:
        await _open(pilot, app, identity, case, "vervolg")
        text = screen_text(app)
        assert "Follow-up: Noor-vervolg" in text and "Timeline and follow-up" in text
