"""One step of the plan: title, purpose, collapsible guidance, skip status, the acute panel and the fields."""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Collapsible, Markdown, Static

from signaleer.domain.advice import Advice
from signaleer.domain.base import Language
from signaleer.domain.case import Case
from signaleer.domain.content import Content as SignaleerContent
from signaleer.domain.stepplan import Step
from signaleer.i18n import t
from signaleer.tui.walk.fields import field_widget
from signaleer.tui.widgets.acute_panel import AcutePanel
from signaleer.tui.widgets.signal_picker import SignalPicker


def acute_actions(step: Step, case: Case, language: Language) -> tuple[list[str], list[str]]:
    """The action texts and contact roles of the acute questions of ``step`` answered yes."""
    actions: list[str] = []
    roles: list[str] = []
    for field in step.fields:
        if field.type == "acute_question" and field.on_yes and case.acute.get(field.id):
            actions.append(field.on_yes.action.get(language))
            roles.extend(r for r in field.on_yes.roles if r not in roles)
    return actions, roles


def acute_panel(step: Step, case: Case, advice: Advice, language: Language) -> AcutePanel | None:
    """The emergency panel when an acute question of ``step`` is answered yes."""
    actions, roles = acute_actions(step, case, language)
    if not actions:
        return None
    contacts = [c for c in advice.contacts if c.role in roles]  # the engine's order: most urgent first
    return AcutePanel(actions, contacts, language, case.acute_action_note)


class Guidance(Collapsible):
    """The step's guidance in Markdown, rendered the first time it is opened (keeps moving between steps fast)."""

    def __init__(self, markdown: str) -> None:
        super().__init__(title=t("walk.guidance"), collapsed=True, id="guidance")
        self.markdown = markdown
        """The guidance text."""

    @on(Collapsible.Expanded)
    async def _expanded(self) -> None:
        contents = self.query_one(Collapsible.Contents)
        if not contents.children:
            await contents.mount(Markdown(self.markdown))


class StepView(Vertical):
    """Everything one step asks, rendered from the step plan."""

    DEFAULT_CSS = """
    StepView { height: auto; }
    StepView .step-title { text-style: bold; color: $accent; }
    StepView .purpose { padding-bottom: 1; }
    StepView .skipped-note { color: $warning; text-style: bold; }
    StepView .field { height: auto; margin-bottom: 1; }
    StepView .field-label { text-style: bold; }
    StepView #guidance { margin-bottom: 1; }
    """

    def __init__(
        self,
        step: Step,
        case: Case,
        content: SignaleerContent,
        advice: Advice,
        language: Language,
        on_tick: Callable[[SignalPicker.Ticked], None] | None = None,
    ) -> None:
        super().__init__(id=f"step-{step.id}")
        self.on_tick = on_tick
        """Handles a signal tick at once (``SignalPicker.on_tick``)."""
        self.step = step
        """The step shown."""
        self.case = case
        """The case being walked."""
        self.content = content
        """The loaded content."""
        self.advice = advice
        """The engine's advice for the case now."""
        self.language = language
        """Language of the texts."""

    def compose(self) -> ComposeResult:
        """Title, purpose, guidance, skip note, acute panel and fields."""
        step, lang = self.step, self.language
        title = step.title.get(lang)
        if step.number:
            title = t("walk.step_title", n=step.number, title=title)
        yield Static(Content(title), classes="step-title")
        yield Static(Content(step.purpose.get(lang)), classes="purpose")
        yield Guidance(step.guidance.get(lang))
        if step.id in self.case.skipped_steps:
            reason = self.case.skipped_steps[step.id]
            yield Static(Content(t("walk.skipped", reason=reason)), classes="skipped-note")
        elif step.skippable and step.skip_when:
            yield Static(Content(t("walk.can_skip", when=step.skip_when.get(lang))), classes="hint")
        panel = acute_panel(step, self.case, self.advice, lang)
        if panel is not None:
            yield panel
        for field in step.fields:
            yield field_widget(step, field, self.case, self.content, self.advice, lang, self.on_tick)
