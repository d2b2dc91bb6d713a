"""The walk's pages: which page shows, moving between them, progress, skipping a step, and saving the case.

``WalkScreen`` builds on this and turns what the fields post into changes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from textual import events, on
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Button, Collapsible, Input

from signaleer.domain import changes, progress
from signaleer.domain.advice import Advice, next_step
from signaleer.domain.case import Case, PendingEdit
from signaleer.domain.changes import Change
from signaleer.domain.revisions import Visit, needs_reason
from signaleer.i18n import t
from signaleer.tui.screens import shell
from signaleer.tui.textual_compat import lay_out_with_screen
from signaleer.tui.walk import pending
from signaleer.tui.walk.outcome_view import OutcomeView
from signaleer.tui.walk.reason_modal import ReasonModal
from signaleer.tui.walk.step_view import StepView
from signaleer.tui.widgets.consultation_list import ConsultationList
from signaleer.tui.widgets.signal_picker import SignalPicker
from signaleer.tui.widgets.walk_progress import ProgressItem, StepState, WalkProgress

OUTCOME = "uitkomst"
"""Position id of the outcome page after the last step."""
VOLATILE = {"timeline", "updated_at", "position"}
"""Case fields no page draws (and a page move changes): left out of ``WalkPages._drawn``."""
SAVE_DELAY = 0.6
"""Seconds of quiet typing before the case is saved."""


class WalkPages(Screen[None]):
    """One case's pages: the steps of the plan in order, then the outcome; the case is saved as it changes."""

    def __init__(self, case: Case) -> None:
        super().__init__()
        self.case = case
        """The case being walked; changed only through ``changes`` and ``revisions``."""
        self.visit = Visit()
        """Entries written during the current visit to a step (typing continues them without a reason)."""
        self.index = 0
        """Index of the page shown in ``pages``."""
        self._save_timer: Timer | None = None
        self._edited_in: dict[tuple[str, str], Widget] = {}
        """The field (container) each pending edit was typed in; leaving it asks the reason."""
        self._asked: set[tuple[str, str]] = set()
        """Pending edits whose reason was asked since they last changed (Escape: not again until the next move)."""
        self._asking = False
        """True while a reason dialog for a pending edit is open."""
        self._views: dict[str, Widget] = {}
        """The view of each page visited, mounted once and shown again by ``display`` (a remount cost ~6 layouts)."""
        self._scrollers: dict[str, VerticalScroll] = {}
        """The scrolling container of each view (see ``show_page``)."""
        self._drawn_from: dict[str, tuple[object, ...]] = {}
        """What each hidden view shows (``_drawn``, taken when it was left): a view is reused only while it holds."""
        self._stale: set[str] = set()
        """Pages whose view may show something the case does not hold (a change was refused): rebuilt on the next show."""
        self._shown: str | None = None
        """The page whose view is displayed."""

    @property
    def pages(self) -> list[str]:
        """The step ids of the plan, in order, then the outcome page."""
        return [step.id for step in shell(self).content.step_plan.steps] + [OUTCOME]

    @property
    def page(self) -> str:
        """The id of the page shown."""
        return self.pages[self.index]

    # ------------------------------------------------------------------ pages

    def advice(self) -> Advice:
        """The engine's advice for the case now."""
        app = shell(self)
        return next_step(self.case, app.content, dt.date.today())

    def view(self) -> Widget | None:
        """The view of the page shown (hidden views of other pages stay mounted)."""
        return self._views.get(self._shown) if self._shown is not None else None

    def _drawn(self, page: str, advice: Advice) -> tuple[object, ...]:
        """Everything the view of ``page`` is drawn from: the case (but its history and place) with the advice and
        language; for the outcome only the advice and the few case fields ``OutcomeView`` reads.

        Equal values draw equal views, so a view left with this value can be shown again as it is.
        """
        language = shell(self).language
        if page == OUTCOME:  # what ``OutcomeView`` reads of the case besides the advice
            case = self.case
            return (advice, case.decisions, case.exploiter_relation, case.sector, language)
        return (self.case.model_dump(exclude=VOLATILE), advice, language)

    async def show_page(self, *, new_visit: bool = True) -> None:
        """Show the current page from the case; a new visit makes every answer so far 'earlier'.

        Each page's view is mounted on its first visit and kept: a move hides the old view and shows the new one
        (``display``: a hidden view is out of the focus chain and takes no rows). Each view scrolls in a container of
        its own: one scrolling body for all pages changed its virtual size on every move, and Textual then laid the
        screen out a second time (and a third for its scroll bar). A kept view is rebuilt only when
        what it is drawn from changed since it was left (an answer given on another page, new advice), when a change
        typed in it was refused, or when ``new_visit`` is False (a redraw from the case, e.g. after a cancel).
        """
        page = self.page
        left = self._shown if self._shown != page else None
        if left is not None:
            # What the view left behind shows, with the advice it was drawn with (the advice reads the position).
            self._drawn_from[left] = self._drawn(left, self.advice())
        if new_visit:
            self.visit.begin(page)
            if self.case.position != page:
                changes.set_position(self.case, page)
                self.save_now()
        advice = self.advice()
        drawn = self._drawn(page, advice)
        body = self.query_one("#walk-body")
        focused = self.focused
        had_focus = focused is not None and body in focused.ancestors
        leaving = self._scrollers.get(left) if left is not None and self.view() is not None else None
        view = self._views.get(page)
        kept = view is not None and new_visit and page not in self._stale and self._drawn_from.get(page) == drawn
        if not kept:
            # Hiding or removing the focused field made Textual focus the scrolling body, restyling every widget of
            # the old step, and the new step's first field then took the focus from it, restyling them all again.
            if had_focus:
                self.set_focus(None, scroll_visible=False)
            if leaving is not None:  # hidden before the new view mounts: no frame shows both
                leaving.display = False
        if view is not None and not kept:
            del self._views[page]
            await self._scrollers.pop(page).remove()
            view = None
        self._stale.discard(page)
        if view is None:
            view = self._build(page, advice)
            self._views[page] = view
            scroller = self._scrollers[page] = VerticalScroll(view, classes="page", id=f"page-{page}")
            await body.mount(scroller)
        else:
            scroller = self._scrollers[page]
            scroller.display = True
        self._shown = page
        if new_visit:
            # At once: deferred (Textual's default), the page showed first at the offset it was left at, then jumped.
            scroller.scroll_home(animate=False, immediate=True)
            self.refresh_bindings()
            self._focus_first(view)
        elif had_focus and self.focused is None:
            scroller.focus(scroll_visible=False)  # where Textual put it before: a redraw keeps the keys in the step
        if kept and leaving is not None:
            # A kept view is shown before the old one hides, so the focus moves once, from the old field to the new
            # one (each focus change restyles the fields and all their ancestors: ~5 ms). Nothing is drawn between.
            if self.focused is not None and leaving in self.focused.ancestors:
                self.set_focus(None, scroll_visible=False)  # the new view has no field to take it
            leaving.display = False
        self.update_progress(advice)
        if left is not None:
            # One layout and one frame for the move: left to Textual, the containers' own layout requests reach the
            # screen a frame after it laid itself out (a second layout), and the focus change repaints the whole
            # screen once more for nothing (see the shim).
            lay_out_with_screen(self, *(self._scrollers[name] for name in (left, page) if name in self._scrollers))

    def _build(self, page: str, advice: Advice) -> Widget:
        app = shell(self)
        if page == OUTCOME:
            return OutcomeView(self.case, advice, app.language)
        step = app.content.step_plan.step(page)
        shown = pending.shown(self.case)  # a typed change waiting for its reason stays on the screen
        return StepView(step, shown, app.content, advice, app.language, self.signal_ticked)

    def signal_ticked(self, message: SignalPicker.Ticked) -> None:
        """A signal was ticked or unticked; called in the key's own handler, so the whole change is one frame.

        ``WalkScreen`` turns it into a change of the case; here it goes the usual way, as a message.
        """
        self.post_message(message)

    def mark_stale(self) -> None:
        """The view shown may show a value the case does not hold: rebuild it on its next show."""
        if self._shown is not None:
            self._stale.add(self._shown)

    def _focus_first(self, view: Widget) -> None:
        """Put the focus on the step's first field (not on the guidance), so typing can start at once.

        At once (``set_focus``), not on the next message (``Widget.focus``): a focus change after the move's layout
        repainted the whole screen a second time.
        """
        for widget in view.query("*"):
            if widget.focusable and not any(a.id == "guidance" for a in widget.ancestors):
                self.set_focus(widget, scroll_visible=False)
                return

    def update_progress(self, advice: Advice | None = None) -> None:
        """Show done/open/skipped per step and enable the buttons that work here."""
        app = shell(self)
        content = app.content
        items = []
        for step in content.step_plan.steps:
            state: StepState = progress.step_state(self.case, content, step)
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

    async def go_to(self, index: int, *, ask: bool = True) -> None:
        """Save, then show page ``index`` (first asking the reason of a changed earlier answer)."""
        if not 0 <= index < len(self.pages) or index == self.index:
            return
        if ask and self.ask_pending(then=lambda: self.go_to(index, ask=False)):
            return
        self.save_now()
        self.index = index
        await self.show_page()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Back, next and skip only where they can work.

        At the first and last page, back and next stay in the footer, dimmed (``None``), instead of leaving it: the
        other keys do not move, and the footer needs no new widgets on the way to the outcome.
        """
        if action == "back":
            return True if self.index > 0 else None
        if action == "next":
            return True if self.index < len(self.pages) - 1 else None
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
        """Save and go back to the case list (first asking the reason of a changed earlier answer)."""
        if not self.ask_pending(then=self._close):
            self._close()

    def _close(self) -> None:
        self.save_now()
        self.dismiss(None)

    def action_guidance(self) -> None:
        """Open or close the guidance of this step."""
        view = self.view()
        for guidance in view.query("#guidance").results(Collapsible) if view is not None else ():
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

    # ------------------------------------------------------------------ changed earlier answers

    def typed_edit(self, change: Change, value: str, what: str, field: Widget) -> bool:
        """Keep a typed change of an earlier answer as pending (True), or say it needs no reason (False).

        The reason is asked once ``field`` is left, on Enter, or on a page move; never at the first key.
        """
        kind = change.kind
        if kind not in ("signal_change", "answer", "conversation"):
            return False
        key = (kind, change.key)
        first = pending.find(self.case, kind, change.key) is None
        if first and not needs_reason(self.case, change, self.visit):
            return False
        pending.keep(self.case, kind, change.key, value, what)
        self._edited_in[key] = field
        self._asked.discard(key)
        if first:
            self.notify(t("walk.pending.started"), timeout=6)
        self.save_soon()
        return True

    def on_descendant_blur(self, _event: events.DescendantBlur) -> None:
        """Leaving the field of a pending edit asks its reason."""
        if self.case.pending_edits:
            self.call_after_refresh(self._left_field)

    def _left_field(self) -> None:
        if self.app.screen is not self or self._asking:
            return
        focused = self.focused
        for edit in self.case.pending_edits:
            field = self._edited_in.get((edit.kind, edit.key))
            if field is None or (edit.kind, edit.key) in self._asked:
                continue
            if focused is None or field not in focused.ancestors_with_self:
                self.ask_pending()
                return

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        """Enter in the field of a pending edit asks its reason."""
        for edit in self.case.pending_edits:
            field = self._edited_in.get((edit.kind, edit.key))
            if field is not None and field in event.input.ancestors_with_self:
                self._asked.discard((edit.kind, edit.key))
                self.ask_pending()
                return

    def ask_pending(self, then: Callable[[], Any] | None = None) -> bool:
        """Ask the reason of the next pending edit; True when a dialog opened (``then`` runs after the last one).

        Without ``then`` only edits not asked since they changed are asked. Escape keeps the edit pending
        (saved, encrypted) and stops asking for now.
        """
        waiting = [e for e in self.case.pending_edits if then is not None or (e.kind, e.key) not in self._asked]
        if not waiting or self._asking:
            return False
        edit = waiting[0]
        self._asked.add((edit.kind, edit.key))
        self._asking = True
        modal = ReasonModal(
            t("walk.reason.title", what=edit.what),
            t("walk.reason.intro"),
            self._review_labels(Change(edit.kind, edit.key)),
        )

        def done(reason: str | None) -> None:
            self._asking = False
            if reason is None:
                self.notify(t("walk.pending.kept"), timeout=8)
                self.save_now()
            else:
                self._give_reason(edit, reason)
                if then is not None and self.ask_pending(then):
                    return
            if then is not None:
                self.call_later(then)

        self.app.push_screen(modal, done)
        return True

    def _give_reason(self, edit: PendingEdit, reason: str) -> None:
        """Record the pending edit as the answer with ``reason``; save."""
        pending.apply(self.case, edit, self.visit, reason)
        self._edited_in.pop((edit.kind, edit.key), None)
        self.save_now()
        self.update_progress()

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
        """A consultation typed but not yet added is kept rather than lost (only the page shown can hold one: leaving
        a page saves it)."""
        view, shown = self.view(), self._shown
        if view is None or shown is None or shown == OUTCOME:
            return
        if not any(field.type == "consultations" for field in shell(self).content.step_plan.step(shown).fields):
            return  # no consultation form on the page shown: skip the walk over its widgets (every tick saves)
        for form in view.query(ConsultationList):
            typed = form.pending()
            if typed is not None:
                changes.add_consultation(self.case, typed)
                form.clear_form(typed)

    def _review_labels(self, change: Change) -> list[str]:
        kader = shell(self).content.kader_for(self.case.sector)
        lang = shell(self).language
        labels = []
        for question_id in changes.what_depends_on(self.case, change):
            question = kader.question(question_id)
            labels.append(t("walk.afw.question", n=question.number, text=question.text.get(lang)))
        return labels
