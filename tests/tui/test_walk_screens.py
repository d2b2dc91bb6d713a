"""Screen text of each walk state at 80×24, in Dutch (and one in English), plus saving and resuming."""

# mypy: warn-unreachable=False
# (Pilot tests assert one screen type, act, then assert another; mypy keeps the first narrowing.)
from __future__ import annotations

from pathlib import Path

from shell_helpers import SIZE, make_app, screen_text, settle
from textual.widgets import Button, Input, Static, TextArea
from walk_driver import answer_acute, answer_afweging, calm, give_reason, go_to, open_walk, walk_screen

from signaleer.content.casefile import load_case_file
from signaleer.domain import changes
from signaleer.domain.case import ObservedSignal
from signaleer.domain.content import Content
from signaleer.paths import Paths
from signaleer.settings import Settings, save_settings
from signaleer.tui.screens.home import HomeScreen
from signaleer.tui.walk import WalkScreen
from signaleer.tui.walk.acute_modal import AcuteModal
from signaleer.tui.walk.reason_modal import ReasonModal
from signaleer.tui.widgets.signal_picker import SignalPicker
from signaleer.tui.widgets.yes_no import YesNo
from signaleer.vault.keys import Identity
from signaleer.vault.store import CaseStore

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
NO_ACUTE = {"direct_gevaar": False, "seksueel_geweld_7d": False, "vermist": False, "onthulling": False}


async def test_acute_yes_shows_the_numbers_at_once_and_never_blocks(
    home: Paths, content: Content, identity: Identity
) -> None:
    case = changes.new_case("Acuut-1", 13, "meisje", "maastricht", "wijkteam")
    app = make_app(home, content)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_walk(pilot, identity, case)
        assert "Acute veiligheid (nog open)" in screen_text(app)
        screen.query_one("#acute-seksueel_geweld_7d").query_one(YesNo).value = True
        await calm(pilot)
        assert isinstance(app.screen, AcuteModal)
        text = screen_text(app)
        assert "Acuut: doe dit nu" in text and "Bel nu het Centrum Seksueel Geweld" in text
        assert "Centrum Seksueel Geweld" in text and "☎ 0800-0188" in text
        assert "╰─╯╰─╯╰─╯╰─╯" in text  # the number in large digits
        app.screen.query_one("#close", Button).press()
        await calm(pilot)
        assert isinstance(app.screen, WalkScreen)
        text = screen_text(app)
        assert "Acuut: doe dit nu" in text and "0800-0188" in text  # the panel stays on the step
        await screen.action_next()  # continuing is never blocked
        await calm(pilot)
        assert screen.page == "signalen"
        await app.wait_for_saves()
    stored = CaseStore(home.vault, identity).open(case.id)
    assert stored.acute == {"seksueel_geweld_7d": True} and stored.position == "signalen"


async def test_signals_search_tick_and_observation(home: Paths, content: Content, identity: Identity) -> None:
    case = changes.new_case("Signaal-1", 15, "meisje", "leiden", "wijkteam")
    app = make_app(home, content)
    async with app.run_test(size=SIZE) as pilot:
        await open_walk(pilot, identity, case)
        screen = await go_to(pilot, "signalen")
        text = screen_text(app)
        assert "Een signaal is geen bewijs" in text
        screen.query_one("#signal-search", Input).value = "dure spullen"
        await calm(pilot)
        picker = screen.query_one(SignalPicker)
        signals = picker.tick_list
        assert "GB01" in signals.shown_ids() and "GB03" not in signals.shown_ids()
        assert [o.id for o in signals.options if o.disabled] == ["group:geld_bezit_telefoon"]
        signals.highlighted = signals.get_option_index("GB01")
        signals.action_select()
        await calm(pilot)
        assert picker.pane.signal_id == "GB01"
        picker.pane.query_one(".observation-text", Input).value = "Nieuwe dure telefoon, zegt dat ze hem kreeg."
        await calm(pilot)
        signals.scroll_visible(animate=False, top=True)
        await calm(pilot)
        text = screen_text(app)
        assert "[x] GB01" in text and "(middel)" in text
        assert "Geld, spullen en telefoon — 1 aangevinkt" in text
        assert "✔ aangevinkt" in text
        risks = screen.query_one("#risk-factors")
        risks.scroll_visible(animate=False, top=True)
        await calm(pilot)
        assert "Risicofactoren (apart van de signalen)" in screen_text(app)
        screen.action_close()
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
    stored = CaseStore(home.vault, identity).open(case.id)
    assert [(s.signal_id, s.observation) for s in stored.signals] == [
        ("GB01", "Nieuwe dure telefoon, zegt dat ze hem kreeg.")
    ]
    assert [e.kind for e in stored.timeline].count("signal_added") == 1
    assert "signal_changed" not in [e.kind for e in stored.timeline]  # typing continued the same answer


async def test_conversation_skipped_needs_a_reason(home: Paths, content: Content, identity: Identity) -> None:
    case = changes.new_case("Gesprek-1", 15, "meisje", None, "wijkteam")
    app = make_app(home, content)
    async with app.run_test(size=SIZE) as pilot:
        await open_walk(pilot, identity, case)
        screen = await go_to(pilot, "gesprek_jongere")
        form = screen.query_one("#conversation-jongere")
        form.query_one("#conv-held", YesNo).value = False
        await calm(pilot)
        form.query_one("#conv-need-reason").scroll_visible(animate=False)
        await calm(pilot)
        text = screen_text(app)
        assert "[x] Gesprek overgeslagen" in text and "Vul een reden in" in text
        assert "jongere" not in case.conversations  # not saved without a reason
        form.query_one("#conv-skip-reason", TextArea).text = "Praten brengt haar nu in gevaar."
        form.query_one("#conv-endangers").value = True  # type: ignore[attr-defined]
        await calm(pilot)
        assert "Vul een reden in" not in screen_text(app)
        screen.save_now()
        await app.wait_for_saves()
    stored = CaseStore(home.vault, identity).open(case.id).conversations["jongere"]
    assert (stored.held, stored.skip_reason, stored.endangers) == (False, "Praten brengt haar nu in gevaar.", True)


async def test_afweging_shows_the_suggestion_and_the_user_decides(
    home: Paths, content: Content, identity: Identity
) -> None:
    case = changes.new_case("Afweging-1", 15, "meisje", "leiden", "wijkteam")
    for field_id, value in NO_ACUTE.items():
        changes.set_acute(case, field_id, value)
    changes.add_signal(case, ObservedSignal(signal_id="GB01", observation="Dure telefoon"))
    changes.add_signal(case, ObservedSignal(signal_id="SD04"))
    changes.add_signal(case, ObservedSignal(signal_id="GB02"))
    app = make_app(home, content)
    async with app.run_test(size=SIZE) as pilot:
        await open_walk(pilot, identity, case)
        await answer_afweging(pilot, "vermoeden", True, "Veel signalen tegelijk.")
        screen = walk_screen(pilot)
        panel = screen.query_one("#afwegingen")
        for selector, expected in (
            (".answered", "Afweging 1: Ja — Veel signalen tegelijk."),
            (".question", "Afweging 2: Is er"),
            ("#suggestion", "signaleer stelt voor: Ja. Dit is een suggestie; jij beslist."),
        ):
            panel.query(selector).first().scroll_visible(animate=False, top=True)
            await calm(pilot)
            assert expected in screen_text(app), screen_text(app)
        assert "GB01" in str(panel.query_one("#suggestion").query(Static).last().render())
        answer = panel.query_one("#afweging-answer", YesNo)
        assert answer.value is None  # the engine never answers
        panel.save()  # type: ignore[attr-defined]
        await calm(pilot)
        panel.query_one("#afweging-error").scroll_visible(animate=False)
        await calm(pilot)
        assert "Kies ja of nee." in screen_text(app)
        assert "onveiligheid" not in case.afwegingen


async def test_changing_an_earlier_answer_shows_what_needs_review(
    home: Paths, content: Content, identity: Identity
) -> None:
    case = load_case_file(EXAMPLES / "01_lotte.yaml", content)
    case.position = "acuut"
    app = make_app(home, content)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_walk(pilot, identity, case)
        question = screen.query_one("#acute-vermist")
        question.query_one(YesNo).value = True
        await calm(pilot)
        assert isinstance(app.screen, ReasonModal)
        text = screen_text(app)
        assert "Je wijzigt een eerder antwoord" in text and "Hierna moet je opnieuw bekijken" in text
        assert "Afweging 1: Heb je" in text and "Afweging 2: Is er" in text
        app.screen.action_cancel()
        await calm(pilot)
        assert case.acute["vermist"] is False and question.query_one(YesNo).value is False
        question.query_one(YesNo).value = True
        await calm(pilot)
        await give_reason(pilot, "Moeder belt: ze is sinds gisteren weg.")
        if isinstance(app.screen, AcuteModal):
            app.screen.action_close()
            await calm(pilot)
        assert case.acute["vermist"] is True
        assert all(a.needs_review for a in case.afwegingen.values())
        screen = await go_to(pilot, "afwegen")
        assert "⚠ opnieuw bekijken" in screen_text(app) or "opnieuw bekijken" in str(
            screen.query_one("#afwegingen").query(".review").first().render()
        )
        await app.wait_for_saves()
    stored = CaseStore(home.vault, identity).open(case.id)
    changed = [e for e in stored.timeline if e.kind == "answer_changed"]
    assert changed[-1].reason == "Moeder belt: ze is sinds gisteren weg."


async def test_outcome_in_dutch_and_english(home: Paths, content: Content, identity: Identity) -> None:
    case = load_case_file(EXAMPLES / "01_lotte.yaml", content)
    case.position = "uitkomst"
    for language, expect in (
        ("nl", ["Volgende stap:", "Wie je kunt bellen"]),
        ("en", ["Next step:", "Whom you can call"]),
    ):
        save_settings(home.settings_file, Settings(language=language))  # type: ignore[arg-type]
        app = make_app(home, content)
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_walk(pilot, identity, case)
            assert screen.page == "uitkomst"  # resumed where the professional was
            text = screen_text(app)
            assert expect[0] in text
            assert ("Signalering: Lotte" if language == "nl" else "Case: Lotte") in text
            screen.query_one("#contacts-title").scroll_visible(animate=False, top=True)
            await calm(pilot)
            text = screen_text(app)
            assert expect[1] in text and "0800-2000" in text  # issue 14: the 24/7 line first, 088 beside it
            consent = screen.query_one("#consent-title")
            consent.scroll_visible(animate=False, top=True)
            await calm(pilot)
            assert ("ouders" if language == "nl" else "parents") in screen_text(app).lower()


async def test_typing_is_saved_and_the_walk_resumes_there(home: Paths, content: Content, identity: Identity) -> None:
    case = changes.new_case("Hervat-1", 16, "jongen", None, "wijkteam")
    app = make_app(home, content)
    async with app.run_test(size=SIZE) as pilot:
        await open_walk(pilot, identity, case)
        screen = await go_to(pilot, "overleg")
        screen.query_one("#field-risico_instrument").query_one(Input).value = "Geen instrument gebruikt"
        screen.query_one("#consult-who", Input).value = "aandachtsfunctionaris"
        await calm(pilot)
        screen.action_close()  # leaving flushes the typing and keeps the typed consultation
        await settle(pilot)
        await app.wait_for_saves()
    stored = CaseStore(home.vault, identity).open(case.id)
    assert stored.answers == {"overleg": {"risico_instrument": "Geen instrument gebruikt"}}
    assert [c.who for c in stored.consultations] == ["aandachtsfunctionaris"]
    app = make_app(home, content)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_walk(pilot, identity, stored)
        assert screen.page == "overleg" and "Stap 2 van 5: Overleggen" in screen_text(app)
        field = screen.query_one("#field-risico_instrument").query_one(Input)
        field.focus()
        field.value = "RIS gebruikt"
        await calm(pilot)
        assert not isinstance(app.screen, ReasonModal)  # the reason is asked when the edit is done, not at once
        field.value = "RIS gebruikt, uitkomst hoog"
        await calm(pilot)
        screen.query_one("#nav-next").focus()  # leaving the field: now the earlier answer's change needs a reason
        await calm(pilot)
        await calm(pilot)
        assert isinstance(app.screen, ReasonModal)
        await give_reason(pilot, "Later bleek dat het RIS wel is gebruikt.")
        field.focus()
        field.value = "RIS gebruikt, uitkomst hoog."
        await calm(pilot)
        assert not isinstance(app.screen, ReasonModal)  # typing on continues the same answer
        screen.action_skip()
        await calm(pilot)
        assert not isinstance(app.screen, ReasonModal)  # this step cannot be skipped
        await go_to(pilot, "gesprek_jongere")
        screen.action_skip()
        await calm(pilot)
        assert isinstance(app.screen, ReasonModal) and "Stap overslaan" in screen_text(app)
        await give_reason(pilot, "Hij breekt het contact af als ik het nu aankaart.")
        assert screen.page == "netwerk"
        screen.save_now()
        await app.wait_for_saves()
    again = CaseStore(home.vault, identity).open(case.id)
    assert again.answers["overleg"]["risico_instrument"] == "RIS gebruikt, uitkomst hoog."
    assert not again.pending_edits
    assert again.skipped_steps == {"gesprek_jongere": "Hij breekt het contact af als ik het nu aankaart."}
    assert again.position == "netwerk"


async def test_acute_answers_through_the_driver(home: Paths, content: Content, identity: Identity) -> None:
    case = changes.new_case("Acuut-2", 14, "jongen", "enschede", "wijkteam")
    app = make_app(home, content)
    async with app.run_test(size=SIZE) as pilot:
        await open_walk(pilot, identity, case)
        await answer_acute(pilot, {**NO_ACUTE, "onthulling": True}, "Veilig Thuis gebeld om 10.00 uur")
        text = screen_text(app)
        assert "Acute veiligheid (klaar)" in text
        assert case.acute_action_note == "Veilig Thuis gebeld om 10.00 uur"


async def test_a_decision_keeps_the_contacts_shown_and_the_versions_in_use(
    home: Paths, content: Content, identity: Identity
) -> None:
    case = load_case_file(EXAMPLES / "01_lotte.yaml", content)
    case.position = "uitkomst"
    case.decisions.clear()
    app = make_app(home, content)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_walk(pilot, identity, case)
        shown = [c.phone for c in screen.advice().contacts if c.phone]
        screen.query_one("#decision-reason", Input).value = "Samen met moeder besproken"
        screen.query_one("#decision-save", Button).press()
        await calm(pilot)
        await app.wait_for_saves()
    stored = CaseStore(home.vault, identity).open(case.id)
    decision = stored.decisions[-1]
    assert decision.reason == "Samen met moeder besproken"
    assert "088-308 3636" in shown and [c.phone for c in decision.contacts if c.phone] == shown
    assert {"checklists/stappenplan.yaml", "meldroutes/leiden.yaml"} <= {v.path for v in decision.versions}
