"""The walk: every step of the step plan in order, then the outcome; every change saved (encrypted) at once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Button, Collapsible, Static

from signaleer.domain import changes, progress, revisions, snapshot
from signaleer.domain.advice import Advice, next_step
from signaleer.domain.case import Case, ObservedSignal
from signaleer.domain.changes import Change
from signaleer.domain.revisions import Visit, needs_reason
from signaleer.errors import SignaleerError
from signaleer.tui.actions import ActionSpec, register
from signaleer.tui.footer import ShellFooter
from signaleer.tui.i18n import t
from signaleer.tui.screens import shell
from signaleer.tui.walk.acute_modal import AcuteModal
from signaleer.tui.walk.afweging_panel import AfwegingPanel
from signaleer.tui.walk.outcome_view import OutcomeView
from signaleer.tui.walk.reason_modal import ReasonModal
from signaleer.tui.walk.step_view import StepView, acute_actions, acute_panel
from signaleer.tui.widgets.acute_panel import AcutePanel
from signaleer.tui.widgets.acute_question import AcuteQuestion
from signaleer.tui.widgets.consultation_list import ConsultationList
from signaleer.tui.widgets.conversation_form import ConversationForm
from signaleer.tui.widgets.field_input import FieldInput
from signaleer.tui.widgets.risk_factor_picker import RiskFactorPicker
from signaleer.tui.widgets.signal_picker import SignalPicker
from signaleer.tui.widgets.signal_row import SignalRow
from signaleer.tui.widgets.walk_progress import ProgressItem, StepState, WalkProgress

OUTCOME = "uitkomst"
"""Position id of the outcome page after the last step."""
SAVE_DELAY = 0.6
"""Seconds of quiet typing before the case is saved."""


class WalkScreen(Screen[None]):
    """Walks one case through the step plan; resumes at ``case.position``."""

    ACTION_SCOPE: ClassVar[str] = "walk"
    BINDINGS: ClassVar = register(
        ActionSpec("walk.next", "next", "ctrl+n", "walk.action.next", "walk.action.next.help", priority=True),
        ActionSpec("walk.back", "back", "ctrl+b", "walk.action.back", "walk.action.back.help", priority=True),
        ActionSpec("walk.skip", "skip", "ctrl+o", "walk.action.skip", "walk.action.skip.help", priority=True),
        ActionSpec("walk.guidance", "guidance", "f2", "walk.action.guidance", "walk.action.guidance.help"),
        ActionSpec("walk.outcome", "outcome", "f4", "walk.action.outcome", "walk.action.outcome.help"),
        ActionSpec("walk.close", "close", "escape", "walk.action.close", "walk.action.close.help"),
    )
    DEFAULT_CSS = """
    WalkScreen #walk-body { height: 1fr; padding: 0 1; }
    WalkScreen #walk-nav { height: 3; padding: 0 1; }
    WalkScreen #walk-nav Button { min-width: 10; width: auto; margin-right: 1; }
    """

    def __init__(self, case: Case) -> None:
        super().__init__()
        self.case = case
        """The case being walked; changed only through ``changes`` and ``revisions``."""
        self.visit = Visit()
        """Entries written during the current visit to a step (typing continues them without a reason)."""
        self.index = 0
        """Index of the page shown in ``pages``."""
        self._save_timer: Timer | None = None

    @property
    def pages(self) -> list[str]:
        """The step ids of the plan, in order, then the outcome page."""
        return [step.id for step in shell(self).content.step_plan.steps] + [OUTCOME]

    @property
    def page(self) -> str:
        """The id of the page shown."""
        return self.pages[self.index]

    def compose(self) -> ComposeResult:
        """Title, progress, the step's body, the navigation buttons and the footer."""
        yield Static(Content(t("walk.title", pseudonym=self.case.pseudonym)), classes="screen-title")
        yield WalkProgress(id="walk-progress")
        yield VerticalScroll(id="walk-body")
        with Horizontal(id="walk-nav"):
            yield Button(t("walk.action.back"), id="nav-back")
            yield Button(t("walk.action.next"), id="nav-next", variant="primary")
            yield Button(t("walk.action.skip"), id="nav-skip")
            yield Button(t("walk.action.outcome"), id="nav-outcome")
            yield Button(t("walk.action.close"), id="nav-close")
        yield ShellFooter()

    async def on_mount(self) -> None:
        """Resume where the professional was."""
        pages = self.pages
        self.index = pages.index(self.case.position) if self.case.position in pages else 0
        await self.show_page()

    # ------------------------------------------------------------------ pages

    def advice(self) -> Advice:
        """The engine's advice for the case now."""
        app = shell(self)
        return next_step(self.case, app.content, dt.date.today(), app.language)

    async def show_page(self, *, new_visit: bool = True) -> None:
        """Render the current page from the case; a new visit makes every answer so far 'earlier'."""
        app = shell(self)
        page = self.page
        if new_visit:
            self.visit.begin(page)
            if self.case.position != page:
                changes.set_position(self.case, page)
                self.save_now()
        advice = self.advice()
        body = self.query_one("#walk-body", VerticalScroll)
        await body.remove_children()
        if page == OUTCOME:
            await body.mount(OutcomeView(self.case, advice, app.language))
        else:
            step = app.content.step_plan.step(page)
            await body.mount(StepView(step, self.case, app.content, advice, app.language))
        if new_visit:
            body.scroll_home(animate=False)
            self.refresh_bindings()
            self._focus_first(body)
        self.update_progress(advice)

    def _focus_first(self, body: VerticalScroll) -> None:
        """Put the focus on the step's first field (not on the guidance), so typing can start at once."""
        for widget in body.query("*"):
            if widget.focusable and not any(a.id == "guidance" for a in widget.ancestors):
                widget.focus(scroll_visible=False)
                return

    def update_progress(self, advice: Advice | None = None) -> None:
        """Show done/open/skipped per step and enable the buttons that work here."""
        app = shell(self)
        content = app.content
        items = []
        for step in content.step_plan.steps:
            state: StepState = "open"
            if step.id in self.case.skipped_steps:
                state = "skipped"
            elif any(f.type == "acute_question" for f in step.fields):
                state = "open" if progress.acute_open(self.case, content) else "done"
            elif any(f.type == "afwegingen" for f in step.fields):
                state = "done" if all(progress.field_done(self.case, step, f) for f in step.fields) else "open"
            elif not progress.open_fields(self.case, step):
                state = "done"
            items.append(ProgressItem(str(step.number), step.title.get(app.language), state))
        reached = (advice or self.advice()).outcome is not None
        items.append(ProgressItem(t("walk.outcome.short"), t("walk.outcome.title"), "done" if reached else "open"))
        self.query_one(WalkProgress).show(items, self.index)
        self.query_one("#nav-back", Button).disabled = self.index == 0
        self.query_one("#nav-next", Button).disabled = self.index == len(self.pages) - 1
        self.query_one("#nav-skip", Button).disabled = not self._skippable()

    def _skippable(self) -> bool:
        if self.page == OUTCOME:
            return False
        return shell(self).content.step_plan.step(self.page).skippable

    async def go_to(self, index: int) -> None:
        """Save, then show page ``index``."""
        if not 0 <= index < len(self.pages) or index == self.index:
            return
        self.save_now()
        self.index = index
        await self.show_page()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Back, next and skip only where they can work."""
        if action == "back":
            return self.index > 0
        if action == "next":
            return self.index < len(self.pages) - 1
        if action == "skip":
            return self._skippable()
        return True

    @on(Button.Pressed, "#nav-next")
    async def action_next(self) -> None:
        """Go to the next step."""
        await self.go_to(self.index + 1)

    @on(Button.Pressed, "#nav-back")
    async def action_back(self) -> None:
        """Go to the previous step."""
        await self.go_to(self.index - 1)

    @on(Button.Pressed, "#nav-outcome")
    async def action_outcome(self) -> None:
        """Go to the outcome page."""
        await self.go_to(len(self.pages) - 1)

    @on(Button.Pressed, "#nav-close")
    def action_close(self) -> None:
        """Save and go back to the case list."""
        self.save_now()
        self.dismiss(None)

    def action_guidance(self) -> None:
        """Open or close the guidance of this step."""
        for guidance in self.query("#guidance").results(Collapsible):
            guidance.collapsed = not guidance.collapsed

    @on(Button.Pressed, "#nav-skip")
    def action_skip(self) -> None:
        """Skip this step, with a reason (the step plan says when skipping is allowed)."""
        if not self._skippable():
            return
        app = shell(self)
        step = app.content.step_plan.step(self.page)
        review = self._review_labels(Change("skip", step.id))
        modal = ReasonModal(
            t("walk.skip.title", title=step.title.get(app.language)),
            step.skip_when.get(app.language) if step.skip_when else "",
            review,
            confirm=t("walk.skip.confirm"),
        )

        async def skipped(reason: str | None) -> None:
            if reason is None:
                return
            changes.skip_step(self.case, step.id, reason)
            self.save_now()
            await self.go_to(self.index + 1)

        self.app.push_screen(modal, skipped)

    # ------------------------------------------------------------------ saving

    def save_now(self) -> None:
        """Save the case at once (also called by the app before it locks)."""
        if self._save_timer is not None:
            self._save_timer.stop()
            self._save_timer = None
        self._add_typed_consultation()
        shell(self).save_case(self.case)

    def save_soon(self) -> None:
        """Save once typing pauses."""
        if self._save_timer is None:
            self._save_timer = self.set_timer(SAVE_DELAY, self.save_now)
        else:
            self._save_timer.reset()

    def _add_typed_consultation(self) -> None:
        """A consultation typed but not yet added is kept rather than lost."""
        for form in self.query(ConsultationList):
            typed = form.pending()
            if typed is not None:
                changes.add_consultation(self.case, typed)
                form.clear_form(typed)

    # ------------------------------------------------------------------ changes

    def _review_labels(self, change: Change) -> list[str]:
        kader = shell(self).content.kader_for(self.case.sector)
        lang = shell(self).language
        labels = []
        for question_id in changes.what_depends_on(self.case, change):
            question = kader.question(question_id)
            labels.append(t("walk.afw.question", n=question.number, text=question.text.get(lang)))
        return labels

    def ask(
        self,
        change: Change,
        what: str,
        apply: Callable[[str], None],
        cancel: Callable[[], object],
        *,
        required: bool | None = None,
        default: str = "",
        typing: bool = False,
    ) -> None:
        """Apply a change; when it replaces an earlier answer, first show what needs review and ask why."""
        if required is None:
            required = needs_reason(self.case, change, self.visit)
        if not required:
            self._apply(apply, "", typing)
            return
        modal = ReasonModal(
            t("walk.reason.title", what=what), t("walk.reason.intro"), self._review_labels(change), default=default
        )

        def done(reason: str | None) -> None:
            if reason is None:
                cancel()
            else:
                self._apply(apply, reason, typing)

        self.app.push_screen(modal, done)

    def _apply(self, apply: Callable[[str], None], reason: str, typing: bool) -> None:
        try:
            apply(reason)
        except SignaleerError as exc:
            self.notify(exc.render(), severity="warning", timeout=8)
            return
        if typing:
            self.save_soon()
        else:
            self.save_now()
        self.update_progress()

    def _rerender(self) -> None:
        self.call_later(self.show_page, new_visit=False)

    @on(AcuteQuestion.Answered)
    def _acute(self, message: AcuteQuestion.Answered) -> None:
        question, answer = message.question, message.answer
        label = question.field.label.get(shell(self).language)

        def apply(reason: str) -> None:
            changes.set_acute(self.case, message.field_id, answer, reason)
            self.call_later(self._refresh_acute_panel)
            if answer:
                self._show_acute_modal()

        self.ask(
            Change("acute", message.field_id),
            label,
            apply,
            lambda: question.show(self.case.acute.get(message.field_id)),
        )

    def _show_acute_modal(self) -> None:
        app = shell(self)
        step = app.content.step_plan.step(self.page)
        actions, roles = acute_actions(step, self.case, app.language)
        contacts = sorted((c for c in self.advice().contacts if c.role in roles), key=lambda c: roles.index(c.role))
        self.app.push_screen(AcuteModal(actions, contacts, app.language))

    @on(AcutePanel.Handled)
    def _acute_handled(self, message: AcutePanel.Handled) -> None:
        self._apply(lambda _: changes.record_acute_action(self.case, message.note), "", typing=False)
        self.call_later(self._refresh_acute_panel)

    async def _refresh_acute_panel(self) -> None:
        """Show, update or remove the emergency panel without rebuilding the step, so the focus stays."""
        app = shell(self)
        view = self.query_one(StepView)
        await view.query("#acute-panel").remove()
        panel = acute_panel(view.step, self.case, self.advice(), app.language)
        questions = view.query(AcuteQuestion)
        if panel is not None and questions:
            await view.mount(panel, before=questions.first())

    @on(SignalRow.Ticked)
    def _ticked(self, message: SignalRow.Ticked) -> None:
        row, signal_id = message.row, message.row.signal.id
        if message.ticked:
            self._apply(
                lambda _: revisions.tick_signal(self.case, ObservedSignal(signal_id=signal_id), self.visit), "", False
            )
            return
        change = Change("signal_remove", signal_id)

        def restore() -> None:
            self.call_later(row.set_ticked, True)
            self.call_later(self._recount)

        self.ask(
            change,
            t("walk.what.signal_remove", id=signal_id),
            lambda reason: changes.remove_signal(self.case, signal_id, reason),
            restore,
            required=True,
            default=t("walk.reason.mistick") if self.visit.holds(change) else "",
        )

    def _recount(self) -> None:
        for picker in self.query(SignalPicker):
            picker.recount()

    @on(SignalRow.Observed)
    def _observed(self, message: SignalRow.Observed) -> None:
        observed = message.observed
        self.ask(
            Change("signal_change", observed.signal_id),
            t("walk.what.signal", id=observed.signal_id),
            lambda reason: revisions.revise_signal(self.case, observed, self.visit, reason),
            self._rerender,
            typing=True,
        )

    @on(RiskFactorPicker.Changed)
    def _risks(self, message: RiskFactorPicker.Changed) -> None:
        self.ask(
            Change("risk_factors"),
            t("walk.what.risks"),
            lambda reason: revisions.revise_risk_factors(self.case, message.factors, self.visit, reason),
            self._rerender,
        )

    @on(ConsultationList.Added)
    def _consulted(self, message: ConsultationList.Added) -> None:
        message.consultations.clear_form(message.consultation)
        self._apply(lambda _: changes.add_consultation(self.case, message.consultation), "", typing=False)

    @on(ConversationForm.Changed)
    def _conversation(self, message: ConversationForm.Changed) -> None:
        with_, conversation = message.with_, message.conversation
        self.ask(
            Change("conversation", with_),
            t(f"walk.what.conversation_{with_}"),
            lambda reason: revisions.revise_conversation(self.case, with_, conversation, self.visit, reason),
            self._rerender,
            typing=True,
        )

    @on(FieldInput.Answered)
    def _answered(self, message: FieldInput.Answered) -> None:
        step_id, field_id, value = self.page, message.field_id, message.value
        self.ask(
            Change("answer", f"{step_id}/{field_id}"),
            message.field_input.field.label.get(shell(self).language),
            lambda reason: revisions.revise_answer(self.case, step_id, field_id, value, self.visit, reason),
            self._rerender,
            typing=message.field_input.field.type in ("text", "longtext"),
        )

    @on(AfwegingPanel.Answered)
    def _afweging(self, message: AfwegingPanel.Answered) -> None:
        panel, question_id, answer = message.panel, message.question_id, message.answer
        suggestion = panel.advice.suggestions.get(question_id)
        earlier = self.case.afwegingen.get(question_id)

        def apply(reason: str) -> None:
            reason = reason or message.reason
            changes.set_afweging(self.case, question_id, answer, reason, suggestion.answer if suggestion else None)
            self.call_later(panel.show, self.case, self.advice())

        self.ask(
            Change("afweging", question_id),
            t("walk.what.afweging", id=question_id),
            apply,
            lambda: None,
            required=earlier is not None and earlier.answer != answer,
            default=message.reason,
        )

    @on(AfwegingPanel.EvaluationDateSet)
    def _evaluation(self, message: AfwegingPanel.EvaluationDateSet) -> None:
        panel = message.panel

        def apply(reason: str) -> None:
            changes.set_evaluation_date(self.case, message.date, reason)
            self.call_later(panel.show, self.case, self.advice())

        self.ask(Change("evaluation_date"), t("walk.what.evaluation"), apply, lambda: None)

    @on(OutcomeView.DecisionRecorded)
    def _decided(self, message: OutcomeView.DecisionRecorded) -> None:
        contacts = self.advice().contacts
        content = shell(self).content
        decision = snapshot.with_snapshot(message.decision, self.case, content, contacts)
        self._apply(lambda _: changes.record_decision(self.case, decision), "", typing=False)
        self._rerender()

    @on(OutcomeView.FollowUpRequested)
    def _follow_up(self, message: OutcomeView.FollowUpRequested) -> None:
        from signaleer.tui.followup import FollowUpScreen

        self.save_now()
        self.app.push_screen(FollowUpScreen(self.case, tab=message.tab), lambda _: self._rerender())

    @on(OutcomeView.RelationChosen)
    def _relation(self, message: OutcomeView.RelationChosen) -> None:
        def apply(reason: str) -> None:
            changes.set_exploiter_relation(self.case, message.relation, reason)
            self._rerender()

        self.ask(
            Change("answer", "relatie/uitbuiter"),
            t("walk.what.relation"),
            apply,
            self._rerender,
            required=self.case.exploiter_relation is not None,
        )
