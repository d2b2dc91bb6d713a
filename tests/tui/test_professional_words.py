"""The professional reads their own words: rendered Markdown, labels instead of ids, no notes for content editors.

Every page of the walk and every tab of the follow-up of each vignette, and its Markdown and HTML export, are
read as text and searched for internal ids (snake_case keys such as `zelf_hulp`, `veilig_thuis`,
`direct_gevaar`), raw Markdown (`**`) and the editors' remarks about the sources.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from shell_helpers import make_app, screen_text, settle, start_unlocked
from textual.widgets import TabbedContent

from signaleer.content.casefile import load_case_file
from signaleer.domain import changes
from signaleer.domain.case import Case, ComenshaRegistration, Decision
from signaleer.domain.content import Content
from signaleer.domain.followup import aftercare_checklist
from signaleer.export import export_case
from signaleer.paths import Paths
from signaleer.tui.walk import WalkScreen
from signaleer.vault.keys import Identity

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
VIGNETTES = sorted(p.stem for p in EXAMPLES.glob("[0-9]*.yaml"))
TALL = (100, 260)
SNAKE = re.compile(r"(?<![\w/.-])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![\w/.-])")
"""A snake_case key: how the content names questions, outcomes, roles and choices internally."""
URL_OR_PATH = re.compile(r"\S*[/\\]\S*")
EDITOR_NOTES = ("staat niet in de bronnen", "staan niet in de bronnen", "door een deskundige bevestigd")


def ids_in(text: str) -> list[str]:
    """The internal ids in ``text`` (URLs and file paths left out, they may hold underscores)."""
    return sorted(set(SNAKE.findall(URL_OR_PATH.sub(" ", text))))


def with_history(case: Case, content: Content) -> Case:
    """``case`` with a timeline as the walk writes it: acute answers, a changed answer, afwegingen, a skip."""
    fresh = changes.new_case(case.pseudonym, case.age, case.gender, case.gemeente, case.sector)
    for field_id, said_yes in case.acute.items():
        changes.set_acute(fresh, field_id, said_yes)
    for step_id, answers in case.answers.items():
        for field_id, value in answers.items():
            changes.set_answer(fresh, step_id, field_id, value)
    for question_id, recorded in case.afwegingen.items():
        changes.set_afweging(
            fresh, question_id, recorded.answer, recorded.reason or "reden", suggested=not recorded.answer
        )
    first = next(iter(case.afwegingen), None)
    if first is not None:
        flipped = not case.afwegingen[first].answer
        changes.set_afweging(fresh, first, flipped, "toch anders")
        changes.set_afweging(fresh, first, not flipped, "na overleg terug")
    changes.set_acute(fresh, "direct_gevaar", not case.acute.get("direct_gevaar", False), "verkeerd aangeklikt")
    changes.skip_step(fresh, "overleg", "geen tijd")
    changes.set_exploiter_relation(fresh, "ex_partner")
    kader = content.kader_for(case.sector)
    changes.record_decision(fresh, Decision(outcome_id=kader.outcomes[0].id, date=dt.date.today(), reason="r"))
    changes.set_comensha(fresh, ComenshaRegistration(consent_status="niet_gevraagd"))
    checklist = aftercare_checklist(content)
    if checklist is not None:
        changes.set_nazorg_point(fresh, checklist.items[0].id, True)
    case.timeline = fresh.timeline
    return case


def check(text: str, where: str, *, markdown: bool = False) -> None:
    """No ids, no editor notes; no ``**`` unless ``text`` is itself a Markdown document."""
    assert not ids_in(text), f"{where}: ids on screen: {ids_in(text)}"
    assert markdown or "**" not in text, f"{where}: raw Markdown"
    flat = " ".join(text.split())
    for note in EDITOR_NOTES:
        assert note not in flat, f"{where}: editor's note '{note}'"


@pytest.mark.slow
@pytest.mark.parametrize("name", VIGNETTES)
async def test_screens_and_exports_show_labels_not_ids(
    name: str, home: Paths, content: Content, identity: Identity
) -> None:
    case = with_history(load_case_file(EXAMPLES / f"{name}.yaml", content), content)
    for export_format in ("md", "html"):
        exported = export_case(case, content, export_format, dt.datetime.now().astimezone())
        check(re.sub(r"<[^>]+>", " ", exported), f"export {export_format}", markdown=export_format == "md")
    app = make_app(home, content)
    async with app.run_test(size=TALL) as pilot:
        await start_unlocked(pilot, identity)
        app.screen._show_case(case)  # type: ignore[attr-defined]  # what Home does when a case is opened
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, WalkScreen)
        for index, page in enumerate(screen.pages):
            screen.index = index
            await screen.show_page()
            await settle(pilot)
            check(screen_text(app), f"page {page}")
        from signaleer.tui.followup import FollowUpScreen

        app.push_screen(FollowUpScreen(case))
        await settle(pilot)
        tabs = app.screen.query_one(TabbedContent)
        for tab in ("vervolg", "comensha", "nazorg", "export"):
            tabs.active = tab
            await settle(pilot)
            check(screen_text(app), f"follow-up {tab}")
        await app.wait_for_saves()


async def test_afweging_help_is_rendered_and_the_editors_note_is_behind_bronnen(
    home: Paths, content: Content, identity: Identity
) -> None:
    """Afweging 1's help: bold text without `**`; 'nog door een deskundige bevestigd' only in the Bronnen fold."""
    from signaleer.tui.widgets.source_notes import SourceNotes

    case = load_case_file(EXAMPLES / "01_lotte.yaml", content)
    case.afwegingen = {}
    app = make_app(home, content)
    async with app.run_test(size=(80, 60)) as pilot:
        await start_unlocked(pilot, identity)
        app.screen._show_case(case)  # type: ignore[attr-defined]
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, WalkScreen)
        screen.index = screen.pages.index("afwegen")
        await screen.show_page()
        await settle(pilot)
        text = screen_text(app)
        assert "Jongere onder 18:" in text
        check(text, "afwegen")
        fold = screen.query_one("#afwegingen").query_one(SourceNotes)
        fold.collapsed = False
        await settle(pilot)
        assert "deskundige bevestigd" in " ".join(screen_text(app).split())
        await app.wait_for_saves()
