"""The afwegingen: one question at a time with its help, the engine's suggestion and the signals at hand.

The engine never answers: yes/no starts empty and a reason is required. Earlier answers are listed
with a button to change them; answers marked for review say so.
"""

from __future__ import annotations

import datetime as dt

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Button, Collapsible, Static, TextArea

from signaleer.advice_text import all_of, render
from signaleer.domain.advice import Advice
from signaleer.domain.afwegingskader import walk
from signaleer.domain.base import Language
from signaleer.domain.case import Case
from signaleer.domain.content import Content as SignaleerContent
from signaleer.i18n import t
from signaleer.tui.widgets.date_input import DateInput, format_date
from signaleer.tui.widgets.source_notes import SourceNotes, markdown, split_notes
from signaleer.tui.widgets.yes_no import YesNo


def yes_no_text(answer: bool | None) -> str:
    """'ja' / 'nee' in the interface language."""
    return {True: t("walk.yes"), False: t("walk.no"), None: "?"}[answer]


class AfwegingPanel(Vertical):
    """Posts ``Answered`` (an afweging with its reason) and ``EvaluationDateSet``."""

    DEFAULT_CSS = """
    AfwegingPanel { height: auto; }
    AfwegingPanel .answered { height: auto; }
    AfwegingPanel .answered Static { width: 1fr; }
    AfwegingPanel .answered Button { min-width: 14; width: auto; }
    AfwegingPanel .review { color: $warning; text-style: bold; }
    AfwegingPanel .question { text-style: bold; color: $accent; padding-top: 1; }
    AfwegingPanel .suggestion { border: round $secondary; padding: 0 1; height: auto; }
    AfwegingPanel TextArea { height: 5; }
    AfwegingPanel .form-error { color: $error; text-style: bold; }
    AfwegingPanel .outcome-line { text-style: bold; padding: 1 0; }
    AfwegingPanel Horizontal { height: auto; }
    """

    class Answered(Message):
        """The professional answered an afweging."""

        def __init__(self, panel: AfwegingPanel, question_id: str, answer: bool, reason: str) -> None:
            super().__init__()
            self.panel = panel
            self.question_id = question_id
            self.answer = answer
            self.reason = reason

    class EvaluationDateSet(Message):
        """The professional recorded the evaluation date."""

        def __init__(self, panel: AfwegingPanel, date: dt.date) -> None:
            super().__init__()
            self.panel = panel
            self.date = date

    def __init__(self, case: Case, content: SignaleerContent, advice: Advice, language: Language) -> None:
        super().__init__(id="afwegingen")
        self.case = case
        """The case."""
        self.content = content
        """The loaded content."""
        self.advice = advice
        """The engine's advice for the case now."""
        self.language = language
        """Language of the texts."""
        self.editing: str | None = None
        """The earlier afweging the professional chose to change, if any."""

    @property
    def question_id(self) -> str | None:
        """The afweging shown in the form: the one being changed, else the engine's pending one."""
        return self.editing or self.advice.pending_question

    def compose(self) -> ComposeResult:
        """Intro, earlier answers, then the current question or the outcome reached."""
        kader = self.content.kader_for(self.case.sector)
        lang = self.language
        yield Static(Content(kader.title.get(lang)), classes="field-label")
        yield Static(Content(kader.intro.get(lang)), classes="hint")
        for question in kader.questions:
            answer = self.case.afwegingen.get(question.id)
            if answer is None:
                continue
            line = t("walk.afw.answered", n=question.number, answer=yes_no_text(answer.answer), reason=answer.reason)
            label = t("walk.afw.change")
            if answer.needs_review:
                line += "  " + t("walk.afw.needs_review")
                label = t("walk.afw.review")
            with Horizontal(classes="answered"):
                yield Static(Content(line), classes="review" if answer.needs_review else "")
                yield Button(label, id=f"edit-{question.id}", classes="edit")
        if self.question_id:
            yield from self._form(self.question_id)
        else:
            yield from self._reached()

    def _form(self, question_id: str) -> ComposeResult:
        question = self.content.kader_for(self.case.sector).question(question_id)
        lang = self.language
        earlier = self.case.afwegingen.get(question_id)
        yield Static(
            Content(t("walk.afw.question", n=question.number, text=question.text.get(lang))), classes="question"
        )
        help_text, notes = split_notes(question.help.get(lang))
        yield markdown(help_text)
        if notes:
            yield SourceNotes(notes)
        suggestion = self.advice.suggestions.get(question_id)
        with Vertical(classes="suggestion", id="suggestion"):
            if suggestion is None:
                yield Static(t("walk.afw.no_suggestion"))
            else:
                reasons = "\n".join(f"• {reason}" for reason in all_of(suggestion.reasons, lang))
                yield Static(Content(t("walk.afw.suggests", answer=yes_no_text(suggestion.answer))))
                yield Static(Content(reasons))
        with Collapsible(title=t("walk.afw.signals", count=len(self.case.signals)), collapsed=True):
            yield Static(Content(self._signal_summary()))
        yield YesNo(earlier.answer if earlier else None, id="afweging-answer")
        yield Static(t("walk.afw.reason"))
        yield TextArea(earlier.reason if earlier else "", id="afweging-reason")
        yield Static("", classes="form-error", id="afweging-error")
        yield Button(t("walk.afw.save"), id="afweging-save", variant="primary")

    def _signal_summary(self) -> str:
        lines = []
        for observed in self.case.signals:
            if self.content.has_signal(observed.signal_id):
                signal = self.content.signal(observed.signal_id)
                weight = t(f"walk.weight.{signal.weight}")
                text = f"{signal.id} ({weight}): {signal.text(self.language)}"
            else:
                text = observed.signal_id
            if observed.observation:
                text += f" — {observed.observation}"
            lines.append(f"• {text}")
        if self.case.risk_factors:
            lines.append(t("walk.afw.risks", ids=", ".join(f.factor_id for f in self.case.risk_factors)))
        return "\n".join(lines) or t("walk.afw.no_signals")

    def _reached(self) -> ComposeResult:
        kader = self.content.kader_for(self.case.sector)
        if self.advice.outcome_title:
            title = render(self.advice.outcome_title, self.language)
            yield Static(Content(t("walk.afw.outcome", title=title)), classes="outcome-line")
        answers = {qid: a.answer for qid, a in self.case.afwegingen.items()}
        pending = walk(kader, answers).pending
        if pending and kader.question(pending).at_evaluation:
            when = format_date(self.case.evaluation_date) or t("walk.afw.no_date")
            yield Static(Content(t("walk.afw.at_evaluation", n=kader.question(pending).number, date=when)))
        outcome = kader.outcome(self.advice.outcome) if self.advice.outcome else None
        if outcome is not None and outcome.needs_date:
            yield Static(t("walk.afw.evaluation_date"), classes="field-label")
            with Horizontal():
                yield DateInput(self.case.evaluation_date, id="evaluation-date")
                yield Button(t("walk.afw.evaluation_save"), id="evaluation-save")
        yield Static(t("walk.afw.to_outcome"), classes="hint")

    @on(Button.Pressed, ".edit")
    async def _edit(self, event: Button.Pressed) -> None:
        event.stop()
        self.editing = (event.button.id or "").removeprefix("edit-")
        await self.recompose()

    @on(Button.Pressed, "#afweging-save")
    def save(self, event: Button.Pressed | None = None) -> None:
        """Post the answer; yes/no and a reason are both required."""
        if event is not None:
            event.stop()
        question_id = self.question_id
        if question_id is None:
            return
        answer = self.query_one("#afweging-answer", YesNo).value
        reason = self.query_one("#afweging-reason", TextArea).text.strip()
        error = self.query_one("#afweging-error", Static)
        if answer is None:
            error.update(t("walk.afw.need_answer"))
            return
        if not reason:
            error.update(t("walk.afw.need_reason"))
            return
        error.update("")
        self.post_message(self.Answered(self, question_id, answer, reason))

    @on(Button.Pressed, "#evaluation-save")
    def save_date(self, event: Button.Pressed | None = None) -> None:
        """Post the evaluation date."""
        if event is not None:
            event.stop()
        date = self.query_one("#evaluation-date", DateInput).date
        if date is not None:
            self.post_message(self.EvaluationDateSet(self, date))

    async def show(self, case: Case, advice: Advice) -> None:
        """Show the case and advice after a change; the form moves on to the next question."""
        self.case, self.advice, self.editing = case, advice, None
        await self.recompose()
