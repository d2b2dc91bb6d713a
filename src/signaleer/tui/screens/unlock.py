"""The gate: create the vault on first run, or unlock it with the passphrase; the slow work runs in a thread."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, Input, LoadingIndicator, Static

from signaleer.errors import SignaleerError, WrongPassphrase
from signaleer.i18n import current_language, t
from signaleer.tui.footer import ShellFooter
from signaleer.tui.passphrase import estimate, refusal
from signaleer.tui.screens import shell

if TYPE_CHECKING:
    from signaleer.vault.keys import Identity


def drop_passphrase(held: list[str]) -> str:
    """Take the passphrase out of ``held``, so the worker (which keeps its arguments) holds no reference to it.

    Best effort: the vault code drops its references as soon as the child process has the passphrase, and
    the child wipes its bytes once the key is derived. Python cannot do more: a ``str`` is immutable, so its
    memory cannot be overwritten, only released; it stays until the allocator reuses it.
    """
    return held.pop()


def gate_screen(folder: Path) -> Screen[None]:
    """The create-vault screen when there is no vault yet, else the unlock screen."""
    from signaleer.vault.keys import vault_exists

    return UnlockScreen() if vault_exists(folder) else CreateVaultScreen()


class GateScreen(Screen[None]):
    """Shared behaviour: run the key work in a thread, show a spinner, report the result."""

    ACTION_SCOPE: ClassVar[str] = "gate"

    class Opened(Message):
        """The vault was opened or created."""

        def __init__(self, identity: Identity) -> None:
            super().__init__()
            self.identity = identity

    class Failed(Message):
        """Opening or creating failed; ``text`` says why in plain words."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    def gate_actions(self, label: str) -> ComposeResult:
        """The button row both gate screens end with: the button, its spinner and an error line."""
        with Horizontal(classes="gate-actions"):
            yield Button(label, id="go", variant="primary")
            yield LoadingIndicator()
            yield Static("", id="error", classes="gate-error")

    def reset(self) -> None:
        """Hide the spinner and the error line."""
        self.set_busy(False)
        self.show_error("")

    @property
    def busy(self) -> bool:
        """True while the key work runs."""
        return bool(self.query_one(LoadingIndicator).display)

    def set_busy(self, busy: bool) -> None:
        """Show the spinner and lock the fields while working."""
        self.query_one(LoadingIndicator).display = busy
        for field in self.query(Input):
            field.disabled = busy
        self.query_one("#go", Button).disabled = busy

    def show_error(self, text: str) -> None:
        """Show ``text`` under the fields."""
        error = self.query_one("#error", Static)
        error.update(text)
        error.display = bool(text)

    @on(Opened)
    def _opened(self, message: Opened) -> None:
        shell(self).open_vault(message.identity)

    @on(Failed)
    def _failed(self, message: Failed) -> None:
        self.set_busy(False)
        self.show_error(message.text)
        first = self.query(Input).first()
        first.focus()


class UnlockScreen(GateScreen):
    """Ask the passphrase and unlock the vault."""

    def compose(self) -> ComposeResult:
        """The passphrase field, a button, a spinner and an error line."""
        with VerticalScroll(classes="gate"):
            yield Static(t("unlock.title"), classes="gate-title")
            yield Static(t("unlock.intro"), classes="gate-text")
            yield Input(password=True, placeholder=t("unlock.placeholder"), id="passphrase")
            yield from self.gate_actions(t("unlock.go"))
        yield ShellFooter()

    def on_mount(self) -> None:
        """Start hidden spinner and error; focus the field."""
        self.reset()
        self.query_one("#passphrase", Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#go")
    def start(self) -> None:
        """Unlock with the typed passphrase."""
        field = self.query_one("#passphrase", Input)
        if self.busy:
            return
        if not field.value:
            self.show_error(t("unlock.empty"))
            return
        self.show_error("")
        self.set_busy(True)
        held = [field.value]
        field.value = ""
        self._unlock(held)

    @work(thread=True, exclusive=True, exit_on_error=False, group="unlock")
    def _unlock(self, held: list[str]) -> None:
        """Unlock with the passphrase in ``held``, which is emptied at once (see ``drop_passphrase``)."""
        from signaleer.vault.keys import unlock

        try:
            identity = unlock(shell(self).services.vault_folder, drop_passphrase(held))
        except WrongPassphrase:
            self.post_message(self.Failed(t("unlock.wrong")))
        except SignaleerError as exc:
            self.post_message(self.Failed(exc.render()))
        else:
            self.post_message(self.Opened(identity))


class CreateVaultScreen(GateScreen):
    """First run: choose a passphrase twice, see how strong it is, and read what happens if it is forgotten."""

    def compose(self) -> ComposeResult:
        """Two passphrase fields, the strength line, the warning, a button, a spinner and an error line."""
        with VerticalScroll(classes="gate"):
            yield Static(t("create.title"), classes="gate-title")
            yield Static(t("create.intro"), classes="gate-text")
            yield Input(password=True, placeholder=t("create.first"), id="first")
            yield Static("", id="strength")
            yield Input(password=True, placeholder=t("create.second"), id="second")
            yield Static(t("create.warning"), classes="gate-warning", id="warning")
            yield from self.gate_actions(t("create.go"))
        yield ShellFooter()

    def on_mount(self) -> None:
        """Start with an empty strength line and the first field focused."""
        self.reset()
        self._show_strength("")
        self.query_one("#first", Input).focus()

    @on(Input.Changed, "#first")
    def _first_changed(self, event: Input.Changed) -> None:
        self._show_strength(event.value)

    def _show_strength(self, passphrase: str) -> None:
        strength = estimate(passphrase)
        bar = "■" * strength.level + "□" * (4 - strength.level)
        label = t(strength.label_key) if passphrase else t("strength.empty")
        line = self.query_one("#strength", Static)
        line.update(t("create.strength", bar=bar, label=label))
        line.set_class(strength.acceptable, "-ok")

    @on(Input.Submitted, "#first")
    def _next_field(self) -> None:
        self.query_one("#second", Input).focus()

    @on(Input.Submitted, "#second")
    @on(Button.Pressed, "#go")
    def start(self) -> None:
        """Check both fields, then create the vault."""
        if self.busy:
            return
        first, second = self.query_one("#first", Input), self.query_one("#second", Input)
        strength = estimate(first.value)
        if not strength.acceptable:
            self.show_error(refusal(current_language()))
            first.focus()
            return
        if first.value != second.value:
            self.show_error(t("create.mismatch"))
            second.focus()
            return
        self.show_error("")
        self.set_busy(True)
        held = [first.value]
        first.value = second.value = ""
        self._create(held)

    @work(thread=True, exclusive=True, exit_on_error=False, group="unlock")
    def _create(self, held: list[str]) -> None:
        """Create the vault with the passphrase in ``held``, which is emptied at once (see ``drop_passphrase``)."""
        from signaleer.vault.keys import create_vault

        try:
            identity = create_vault(shell(self).services.vault_folder, drop_passphrase(held))
        except SignaleerError as exc:
            self.post_message(self.Failed(exc.render()))
        except OSError as exc:
            self.post_message(self.Failed(t("create.os_error", error=exc.strerror or type(exc).__name__)))
        else:
            self.post_message(self.Opened(identity))


class StartErrorScreen(Screen[None]):
    """Settings or content are invalid: show every error and wait for Esc, so nothing typed reaches the shell.

    The person may be typing the passphrase when the background load fails. Exiting at once sent the rest
    of it to the shell (and its history); this screen swallows every key except Esc (and Ctrl+Q).
    """

    ACTION_SCOPE: ClassVar[str] = "gate"
    BINDINGS: ClassVar = [("escape", "app.leave_after_start_error", "")]

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text
        """The rendered errors (file:line and what to do)."""

    def compose(self) -> ComposeResult:
        """The title, the errors and how to leave."""
        with VerticalScroll(classes="gate"):
            yield Static(t("start_error.title"), classes="gate-title")
            yield Static(self.text, classes="gate-error", id="start-errors", markup=False)
            yield Static(t("start_error.leave"), classes="gate-text", id="start-leave")
        yield ShellFooter()
