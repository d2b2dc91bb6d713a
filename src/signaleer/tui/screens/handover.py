"""Casus overdragen: the form that hands the selected case to a colleague's vault (docs/overdracht.md).

The screen only asks and checks what it can see (the key's form, the names, the file); ``VaultSession.hand_over``
does the hand-over and checks everything again.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.containers import Grid, Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Input, Label, Select, Static

from signaleer.domain.case import CaseSummary
from signaleer.errors import SignaleerError
from signaleer.i18n import t
from signaleer.tui.actions import ActionSpec, register
from signaleer.tui.footer import ShellFooter
from signaleer.tui.screens import shell
from signaleer.tui.session import HandoverRequest


def default_output(case_id: str) -> Path:
    """Where the file goes unless the professional types another place: the Documents folder."""
    from signaleer.export_writer import default_export_dir

    return default_export_dir() / f"overdracht-{case_id}.age"


class HandoverScreen(Screen[HandoverRequest | None]):
    """Ask the receiver's key and name, the own name, keep or delete, and the file; None when cancelled."""

    ACTION_SCOPE: ClassVar[str] = "handover"
    BINDINGS: ClassVar = register(
        ActionSpec("handover.confirm", "confirm", "ctrl+s", "action.handover_confirm", "action.handover_confirm.help"),
        ActionSpec("handover.cancel", "cancel", "escape", "action.cancel", "action.cancel.help"),
    )

    def __init__(self, summary: CaseSummary) -> None:
        super().__init__()
        self.summary = summary
        """The case to hand over."""

    def compose(self) -> ComposeResult:
        """The fields with their labels, the buttons and the footer."""
        yield Static(t("handover.title", pseudonym=self.summary.pseudonym), classes="screen-title")
        with VerticalScroll(classes="form"):
            yield Static(t("handover.intro"), classes="hint")
            with Grid(classes="form-grid"):
                yield Label(t("handover.recipient"))
                yield Input(placeholder="age1…", id="recipient", max_length=100)
                yield Label(t("handover.to"))
                yield Input(placeholder=t("handover.to_placeholder"), id="to", max_length=120)
                yield Label(t("handover.from"))
                yield Input(placeholder=t("handover.from_placeholder"), id="from", max_length=120)
                yield Label(t("handover.copy"))
                options = [(t("handover.copy.keep"), "keep"), (t("handover.copy.delete"), "delete")]
                yield Select(options, prompt=t("handover.copy.prompt"), allow_blank=True, id="copy")
                yield Label(t("handover.output"))
                yield Input(str(default_output(self.summary.id)), id="output")
            yield Static("", id="error", classes="form-error")
            with Horizontal(classes="buttons"):
                yield Button(t("handover.confirm"), id="confirm", variant="primary")
                yield Button(t("action.cancel"), id="cancel")
        yield ShellFooter()

    def on_mount(self) -> None:
        """Begin with the receiver's key."""
        self.query_one("#error", Static).display = False
        self.query_one("#recipient", Input).focus()

    def _error(self, text: str, field: str) -> None:
        error = self.query_one("#error", Static)
        error.update(text)
        error.display = True
        self.query_one(f"#{field}").focus()
        self.call_after_refresh(error.scroll_visible, animate=False)

    @on(Button.Pressed, "#confirm")
    @on(Input.Submitted)
    def action_confirm(self) -> None:
        """Check the fields and return what to do."""
        from signaleer.vault import handover

        recipient = self.query_one("#recipient", Input).value.strip()
        copy = self.query_one("#copy", Select).value
        output = Path(self.query_one("#output", Input).value.strip()).expanduser()
        store = shell(self).store
        checks = (
            ("recipient", lambda: handover.check_recipient(recipient)),
            ("to", lambda: handover.check_label(self.query_one("#to", Input).value, "to")),
            ("from", lambda: handover.check_label(self.query_one("#from", Input).value, "from")),
            ("output", lambda: handover.check_output(output, store.folder if store else Path())),
        )
        for field, check in checks:
            try:
                check()
            except SignaleerError as exc:
                self._error(exc.render(), field)
                return
        if store is not None and recipient == store.recipients[0]:
            self._error(handover.HandoverRefused("own_recipient").render(), "recipient")
            return
        if copy not in ("keep", "delete"):
            self._error(t("handover.need_copy"), "copy")
            return
        self.dismiss(
            HandoverRequest(
                to_recipient=recipient,
                to_label=self.query_one("#to", Input).value,
                from_label=self.query_one("#from", Input).value,
                keep=copy == "keep",
                output=output,
            )
        )

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Close without handing over."""
        self.dismiss(None)
