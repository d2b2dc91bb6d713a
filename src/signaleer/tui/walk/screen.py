"""The walk: every step of the step plan in order, then the outcome; every change saved (encrypted) at once."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.containers import Container, Horizontal
from textual.content import Content
from textual.widgets import Button, Static

from signaleer.domain import changes, revisions, snapshot
from signaleer.domain.case import ObservedSignal
from signaleer.domain.changes import Change
from signaleer.domain.revisions import needs_reason
from signaleer.errors import SignaleerError
from signaleer.i18n import t
from signaleer.tui.actions import ActionSpec, register
from signaleer.tui.footer import ShellFooter
from signaleer.tui.screens import shell
from signaleer.tui.walk.acute_modal import AcuteModal
from signaleer.tui.walk.afweging_panel import AfwegingPanel
from signaleer.tui.walk.outcome_view import OutcomeView
from signaleer.tui.walk.pages import WalkPages
from signaleer.tui.walk.reason_modal import ReasonModal
from signaleer.tui.walk.step_view import StepView, acute_actions, acute_panel
from signaleer.tui.widgets.acute_panel import AcutePanel
from signaleer.tui.widgets.acute_question import AcuteQuestion
from signaleer.tui.widgets.consultation_list import ConsultationList
from signaleer.tui.widgets.conversation_form import ConversationForm
from signaleer.tui.widgets.field_input import FieldInput
from signaleer.tui.widgets.risk_factor_picker import RiskFactorPicker
from signaleer.tui.widgets.signal_picker import SignalPicker
from signaleer.tui.widgets.walk_progress import WalkProgress


class WalkScreen(WalkPages):
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
    WalkScreen #walk-body { height: 1fr; }
    WalkScreen #walk-body > .page { height: 1fr; padding: 0 1; scrollbar-gutter: stable; }
    WalkScreen #walk-nav { height: 3; padding: 0 1; }
    WalkScreen #walk-nav Button { min-width: 10; width: auto; margin-right: 1; }
    """

    def compose(self) -> ComposeResult:
        """Title, progress, the step's body, the navigation buttons and the footer."""
        yield Static(Content(t("walk.title", pseudonym=self.case.pseudonym)), classes="screen-title")
        yield WalkProgress(id="walk-progress")
        yield Container(id="walk-body")  # each page's view scrolls in its own container (``WalkPages.show_page``)
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
        if self.case.pending_edits:  # typed before a hide, lock or quit: ask for the reason now
            self.ask_pending()

    # ------------------------------------------------------------------ changes

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
            self.mark_stale()  # the field shows the refused value: draw the page from the case on its next show
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
        contacts = [c for c in self.advice().contacts if c.role in roles]  # the engine's order: most urgent first
        self.app.push_screen(AcuteModal(actions, contacts, app.language))

    @on(AcutePanel.Handled)
    def _acute_handled(self, message: AcutePanel.Handled) -> None:
        self._apply(lambda _: changes.record_acute_action(self.case, message.note), "", typing=False)
        self.call_later(self._refresh_acute_panel)

    async def _refresh_acute_panel(self) -> None:
        """Show, update or remove the emergency panel without rebuilding the step, so the focus stays."""
        app = shell(self)
        view = self.view()
        if not isinstance(view, StepView):
            return
        await view.query("#acute-panel").remove()
        panel = acute_panel(view.step, self.case, self.advice(), app.language)
        questions = view.query(AcuteQuestion)
        if panel is not None and questions:
            await view.mount(panel, before=questions.first())

    @on(SignalPicker.Ticked)
    def signal_ticked(self, message: SignalPicker.Ticked) -> None:
        """Tick: record it and save; untick: ask the reason first (the picker calls this at once, see ``pages``)."""
        picker, signal_id = message.picker, message.signal_id
        if message.ticked:
            self._apply(
                lambda _: revisions.tick_signal(self.case, ObservedSignal(signal_id=signal_id), self.visit), "", False
            )
            return
        change = Change("signal_remove", signal_id)
        kept = next((s for s in self.case.signals if s.signal_id == signal_id), None)

        def restore() -> None:
            if kept is not None:
                picker.set_ticked(kept, True)

        self.ask(
            change,
            t("walk.what.signal_remove", id=signal_id),
            lambda reason: changes.remove_signal(self.case, signal_id, reason),
            restore,
            required=True,
            default=t("walk.reason.mistick") if self.visit.holds(change) else "",
        )

    @on(SignalPicker.Observed)
    def _observed(self, message: SignalPicker.Observed) -> None:
        observed = message.observed
        change = Change("signal_change", observed.signal_id)
        if self.typed_edit(
            change, observed.model_dump_json(), t("walk.what.signal", id=observed.signal_id), message.picker.pane
        ):
            return
        self._apply(lambda _: revisions.revise_signal(self.case, observed, self.visit), "", typing=True)

    @on(RiskFactorPicker.Changed)
    def _risks(self, message: RiskFactorPicker.Changed) -> None:
        picker = message.picker
        self.ask(
            Change("risk_factors"),
            t("walk.what.risks"),
            lambda reason: revisions.revise_risk_factors(self.case, message.factors, self.visit, reason),
            lambda: picker.set_factors(self.case.risk_factors),
        )

    @on(ConsultationList.Added)
    def _consulted(self, message: ConsultationList.Added) -> None:
        message.consultations.clear_form(message.consultation)
        self._apply(lambda _: changes.add_consultation(self.case, message.consultation), "", typing=False)

    @on(ConversationForm.Changed)
    def _conversation(self, message: ConversationForm.Changed) -> None:
        with_, conversation = message.with_, message.conversation
        change = Change("conversation", with_)
        what = t(f"walk.what.conversation_{with_}")
        earlier = self.case.conversations.get(with_)
        same_choice = earlier is not None and earlier.held == conversation.held
        # Typing in the form waits for the reason until the form is left; choosing held/skipped asks at once.
        if same_choice and self.typed_edit(change, conversation.model_dump_json(), what, message.form):
            return
        self.ask(
            change,
            what,
            lambda reason: revisions.revise_conversation(self.case, with_, conversation, self.visit, reason),
            self._rerender,
            typing=True,
        )

    @on(FieldInput.Answered)
    def _answered(self, message: FieldInput.Answered) -> None:
        step_id, field_id, value = self.page, message.field_id, message.value
        change = Change("answer", f"{step_id}/{field_id}")
        what = message.field_input.field.label.get(shell(self).language)
        typing = message.field_input.field.type in ("text", "longtext")
        if typing and self.typed_edit(change, value, what, message.field_input):
            return
        self.ask(
            change,
            what,
            lambda reason: revisions.revise_answer(self.case, step_id, field_id, value, self.visit, reason),
            self._rerender,
            typing=typing,
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
