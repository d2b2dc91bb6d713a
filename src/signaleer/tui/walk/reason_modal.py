"""Asks the reason for changing an earlier answer (or skipping a step), after showing what will need review."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from signaleer.i18n import t
from signaleer.tui.actions import ActionSpec, register


class ReasonModal(ModalScreen[str | None]):
    """Returns the reason typed, or None when the user keeps the earlier answer."""

    ACTION_SCOPE: ClassVar[str] = "reason"
    BINDINGS: ClassVar = register(
        ActionSpec("reason.cancel", "cancel", "escape", "walk.reason.cancel", "walk.reason.cancel.help"),
    )
    DEFAULT_CSS = """
    ReasonModal { align: center middle; }
    ReasonModal > VerticalScroll {
        width: 72; max-width: 98%; height: auto; max-height: 90%;
        background: $surface; border: thick $warning; padding: 0 1;
    }
    ReasonModal .reason-title { text-style: bold; }
    ReasonModal .review { color: $warning; }
    ReasonModal .reason-error { color: $error; }
    ReasonModal Horizontal { height: 3; }
    ReasonModal Button { margin-right: 2; }
    """

    def __init__(
        self, title: str, intro: str, review: list[str], *, default: str = "", confirm: str | None = None
    ) -> None:
        super().__init__()
        self.title_text = title
        """What is being changed."""
        self.intro = intro
        """Why a reason is asked."""
        self.review = review
        """The answers that will need review after this change, in plain words."""
        self.default = default
        """A reason to start from."""
        self.confirm = confirm or t("walk.reason.confirm")
        """Text on the confirm button."""

    def compose(self) -> ComposeResult:
        """What changes, what needs review, the reason field and two buttons."""
        with VerticalScroll():
            yield Static(Content(self.title_text), classes="reason-title")
            yield Static(Content(self.intro))
            if self.review:
                lines = "\n".join(f"• {item}" for item in self.review)
                yield Static(Content(f"{t('walk.reason.review')}\n{lines}"), classes="review", id="review")
            else:
                yield Static(t("walk.reason.no_review"), id="review")
            yield Input(self.default, placeholder=t("walk.reason.placeholder"), id="reason")
            yield Static("", classes="reason-error", id="reason-error")
            with Horizontal():
                yield Button(self.confirm, id="confirm", variant="primary")
                yield Button(t("walk.reason.cancel"), id="cancel")

    def on_mount(self) -> None:
        """Start in the reason field."""
        self.query_one("#reason", Input).focus()

    @on(Button.Pressed, "#confirm")
    @on(Input.Submitted, "#reason")
    def action_confirm(self) -> None:
        """Return the reason; an empty reason is not accepted."""
        reason = self.query_one("#reason", Input).value.strip()
        if not reason:
            self.query_one("#reason-error", Static).update(t("walk.reason.empty"))
            return
        self.dismiss(reason)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Keep the earlier answer."""
        self.dismiss(None)
