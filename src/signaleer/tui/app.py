"""The Textual App: a thin shell of modes (gate, work), bindings, themes, saving, idle lock and quick-hide."""

from __future__ import annotations

import asyncio
import gc
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events, work
from textual.command import CommandPalette
from textual.screen import Screen
from textual.signal import Signal
from textual.worker import Worker

from signaleer.errors import SignaleerError
from signaleer.i18n import Language, current_language, set_language, t
from signaleer.tui import actions
from signaleer.tui.actions import ActionSpec
from signaleer.tui.collector import IdleCollector, defer_full_collections
from signaleer.tui.key_order import KeyOrder
from signaleer.tui.palette import ShellCommands
from signaleer.tui.resume import WALK_SCOPE, Place, place_of, reopen
from signaleer.tui.services import Services
from signaleer.tui.session import HandoverRequest, Notice, VaultSession
from signaleer.tui.textual_compat import CrashSafeApp, mode_names, start_with_theme
from signaleer.tui.themes import THEMES

if TYPE_CHECKING:
    from rich.console import RenderableType

    from signaleer.domain.case import Case
    from signaleer.domain.content import Content
    from signaleer.settings import Settings
    from signaleer.tui.shell import Shell
    from signaleer.vault.keys import Identity
    from signaleer.vault.store import CaseStore

GATE, WORK = "gate", "work"
SAVE_GROUP = "save"
IDLE_COLLECT_EVERY = 0.5
"""Seconds between two looks whether a full garbage collection may run (``tui/collector.py``)."""
PAINT_FIRST = 0.25
"""Seconds a save waits at most for the screen to paint the change first (``SignaleerApp._drain_saves``)."""


def freeze_long_lived() -> None:
    """Collect once, then keep what is alive now (code, Textual, the content) out of every later full collection.

    These objects live as long as the program, yet each full garbage collection scanned them again: with the walk's
    widgets about 200,000 tracked objects, 60-330 ms per collection, landing inside key presses. Runs once, after
    the content is loaded (``bench/bench_tmux.py`` measures the effect). Not after each page: objects frozen then
    would never be collected once their page is gone.
    """
    gc.collect()
    gc.freeze()


class SignaleerApp(CrashSafeApp):
    """signaleer: the step plan, whom to call, the Meldcode and an encrypted note."""

    CSS_PATH = "app.tcss"
    TITLE = "signaleer"
    DEFAULT_MODE: ClassVar[str] = f"{GATE}-0"
    """The first gate screen comes from ``get_default_screen`` in this mode: no mode switch before it shows."""
    COMMANDS: ClassVar = {ShellCommands}
    BINDINGS: ClassVar = actions.register(
        ActionSpec("app.hide", "hide", "f12,ctrl+g", "action.hide", "action.hide.help", priority=True),
        ActionSpec("app.help", "help", "f1", "action.help", "action.help.help", priority=True),
        ActionSpec(
            "app.palette", "command_palette", "ctrl+p", "action.palette", "action.palette.help", footer=False
        ),  # the footer docks Textual's own palette key on the right; shown here too it came twice
        ActionSpec("app.signal_search", "signal_search", "slash", "action.signal_search", "action.signal_search.help"),
        ActionSpec("app.quit", "quit", "ctrl+q", "action.quit", "action.quit.help", priority=True),
    )

    def __init__(
        self, services: Services, *, idle_seconds: float | None = None, clock: Callable[[], float] = time.monotonic
    ) -> None:
        super().__init__()
        self.services = services
        """Paths, settings and content built by ``build_services``."""
        self.session = VaultSession(services.vault_folder, lambda: services.content)
        """Identity, store and save queue; empty while locked."""
        self.idle_seconds_override = idle_seconds
        """Idle timeout in seconds for tests; None uses the settings."""
        self.clock = clock
        """Monotonic clock used by the idle lock (injectable for tests)."""
        self.last_input = clock()
        """When the user last pressed a key or used the mouse."""
        self.collector = IdleCollector(clock)
        """Full garbage collections while nobody types (``tui/collector.py``)."""
        self.key_order = KeyOrder(self, super().on_event)
        """Hands keys to Textual one at a time, so a busy screen cannot reorder them."""
        self._mode_serial = 0
        self._first_mode_open = True
        """True until the first gate screen's mode is dropped (on the first ``_enter_mode``)."""
        self.start_error: str | None = None
        """The rendered errors when settings or content could not be loaded; the app then only waits for Esc."""
        self.cases_saved_signal: Signal[None] = Signal(self, "cases-saved")
        """Published after queued cases were written, so lists can refresh."""
        self.return_to: Place | None = None
        """Where to return after unlocking, remembered by ``lock``."""
        self._locking = False
        """True while ``lock`` runs (it waits for the saves), so the idle timer does not start a second one."""
        for theme in THEMES.values():
            self.register_theme(theme)
        set_language("en" if services.early.language == "en" else "nl")
        start_with_theme(self, THEMES.get(services.early.theme, THEMES["standaard"]).name)  # no CSS re-parse

    @property
    def content(self) -> Content:
        """The loaded content."""
        return self.services.content

    @property
    def settings(self) -> Settings:
        """The current settings."""
        return self.services.settings

    @property
    def language(self) -> Language:
        """The interface language."""
        return current_language()

    @property
    def store(self) -> CaseStore | None:
        """The case store while unlocked, else None."""
        return self.session.store

    @property
    def idle_seconds(self) -> float:
        """Seconds without input before the vault locks."""
        return self.idle_seconds_override or self.settings.idle_lock_minutes * 60.0

    def on_mount(self) -> None:
        """Show the first-run or unlock screen and start watching for idleness."""
        self.screen_change_signal.subscribe(self, lambda screen: actions.localize_bindings(screen))
        actions.localize_bindings(self.screen)
        self.set_interval(5.0, self.check_idle_lock)
        self.set_interval(IDLE_COLLECT_EVERY, lambda: self.collector.maybe_collect(self.last_input), name="idle-gc")
        if self.services.loaded:
            self.apply_settings(self.services.settings, save=False)
        else:
            # Start once the first screen is on the terminal, so the import of pydantic does not delay it.
            self.call_after_refresh(lambda: self.call_after_refresh(self._load_services))

    @work(thread=True, group="load", exit_on_error=False)
    def _load_services(self) -> None:
        """Load settings and content behind the first screen; invalid files show a screen that waits for Esc."""
        try:
            self.services.load()
        except SignaleerError as exc:
            self.call_from_thread(self.show_start_error, exc.render())
            return
        freeze_long_lived()
        defer_full_collections()
        self.call_from_thread(self.apply_settings, self.services.settings, save=False)

    def show_start_error(self, text: str) -> None:
        """Clear every passphrase field and show ``text`` until Esc: the person may still be typing a secret.

        Exiting at once (as before) let the rest of a passphrase being typed go to the shell and its history.
        """
        from textual.widgets import Input

        from signaleer.tui.screens.unlock import StartErrorScreen

        if self.start_error is not None:
            return
        self.start_error = text
        for screen in self.screen_stack:
            for field in screen.query(Input):
                field.value = ""
                field.disabled = True
        self.push_screen(StartErrorScreen(text))

    def action_leave_after_start_error(self) -> None:
        """Esc on the start error screen: exit with status 1 and print the errors in the terminal."""
        self.exit(None, 1, f"signaleer: {self.start_error}")

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """Textual's own widgets that show a footer key (Select's open menu) get it in the current language."""
        actions.localize_bindings(event.widget)

    async def on_event(self, event: events.Event) -> None:
        """Note every key press and mouse use for the idle lock; keys go through ``KeyOrder``, one at a time."""
        if isinstance(event, events.Key | events.MouseEvent | events.Paste):
            self.last_input = self.clock()
        if isinstance(event, events.Key):
            if not event.is_forwarded:
                await self.key_order.arrived(event)
                return
            await super().on_event(event)
            self.key_order.came_back(event)
            return
        await super().on_event(event)

    def get_default_screen(self) -> Screen[None]:
        """The first screen: create or unlock the vault (no mode switch, so it shows sooner)."""
        from signaleer.tui.screens.unlock import gate_screen

        return gate_screen(self.services.vault_folder)

    def _enter_mode(self, kind: str, base: Callable[[], Screen[None]]) -> None:
        """Show a fresh stack of ``kind`` (gate or work) on ``base`` and drop every older stack with its screens."""
        self._mode_serial += 1
        mode = f"{kind}-{self._mode_serial}"
        self.add_mode(mode, base)
        self.switch_mode(mode)
        if self._first_mode_open:
            self._first_mode_open = False
            self.add_mode(self.DEFAULT_MODE, Screen)  # registered only now, so that remove_mode drops its screen
        for old in [name for name in mode_names(self) if name != mode and name.startswith((GATE, WORK))]:
            self.remove_mode(old)

    def show_gate(self) -> None:
        """Show the create-vault screen on first run, else the unlock screen."""
        from signaleer.tui.screens.unlock import gate_screen

        self._enter_mode(GATE, lambda: gate_screen(self.services.vault_folder))

    def open_vault(self, identity: Identity) -> None:
        """Start a session with ``identity`` and show the cases (not when settings or content are invalid)."""
        from signaleer.tui.screens.confirm import ConfirmScreen
        from signaleer.tui.screens.home import HomeScreen

        if self.start_error is not None:
            return
        try:
            self.services.load()  # at once when the background load is done; else it waits for it
        except SignaleerError as exc:
            self.show_start_error(exc.render())
            return
        problem = self.session.try_open(identity, self.settings.org_recipients)
        if problem is not None:  # open in another signaleer: say where; nothing was kept
            retry = ConfirmScreen(problem, t("vault.busy.retry"))
            self.push_screen(retry, lambda again: self.open_vault(identity) if again else self.show_gate())
            return
        self.last_input = self.clock()
        self._enter_mode(WORK, HomeScreen)
        self.refresh_bindings()
        if (notice := self.session.read_only_notice()) is not None:
            self.show_notice(notice)
        if self.session.saver.retry_failed():
            self._drain_saves()
        place, self.return_to = self.return_to, None
        if place is not None:
            self._reopen(place)

    def _reopen(self, place: Place) -> None:
        if (store := self.store) is not None:
            self.run_worker(reopen(self, store, place, lambda: self.session.unlocked), group="return", exclusive=True)

    async def delete_case(self, case_id: str, reason: str) -> bool:
        """Delete a case (noted in the deletion log), drop every screen that showed it, show the case list.

        Saves of it still queued are written first and later ones refused, so nothing brings it back.
        """
        from signaleer.tui.screens.home import HomeScreen

        if not self.session.unlocked:
            return False
        await self.wait_for_saves()
        notice = await asyncio.to_thread(self.session.delete, case_id, reason)
        if notice.ok:
            self._enter_mode(WORK, HomeScreen)
        self.show_notice(notice)
        return notice.ok

    async def hand_over_case(self, case_id: str, request: HandoverRequest) -> bool:
        """Hand a case over (docs/overdracht.md): queued saves are written first, then the file and the own copy."""
        if not self.session.unlocked:
            return False
        await self.wait_for_saves()
        notice = await asyncio.to_thread(self.session.hand_over, case_id, request)
        self.show_notice(notice)
        self.cases_saved_signal.publish(None)  # the case list shows the kept or deleted copy
        return notice.ok

    def show_notice(self, notice: Notice) -> None:
        """Show a notice of the session (on the UI thread; a worker thread uses ``call_from_thread``)."""
        self.notify(notice.text, severity=notice.severity, timeout=notice.timeout)

    async def lock(self) -> None:
        """Hide everything behind the neutral screen at once, save pending work, then drop the keys."""
        if not self.session.unlocked or self._locking:
            return  # a second lock (the idle timer during a slow save) would remember the neutral screen
        from signaleer.tui.screens.hidden import NotesScreen

        self._locking = True
        try:
            self.return_to = place_of(self.screen_stack) if self.current_mode.startswith(WORK) else None
            self._flush_screens()
            self.clear_notifications()
            self._enter_mode(GATE, NotesScreen)
            await self.wait_for_saves()
            self.session.close()
        finally:
            self._locking = False
        self.refresh_bindings()

    def check_idle_lock(self) -> None:
        """Lock when there was no input for the idle time."""
        if self.session.unlocked and self.clock() - self.last_input >= self.idle_seconds:
            self.run_worker(self.lock(), group="lock")  # not exclusive: cancelling a lock that waits crashed

    def save_case(self, case: Case) -> None:
        """Save ``case`` (encrypted) in the background, once the screen has painted the change; the latest version
        wins."""
        if self.session.saver.submit(case):
            painted = threading.Event()
            self.call_after_refresh(painted.set)
            self._drain_saves(painted)

    @work(thread=True, group=SAVE_GROUP, exit_on_error=False)
    def _drain_saves(self, painted: threading.Event | None = None) -> None:
        """Write queued cases one at a time; report failures without case content.

        With ``painted``, first wait until the screen has painted the change that asked for the save (at most
        ``PAINT_FIRST`` seconds): the writer holds the GIL for its JSON and encryption, and a tick painted beside
        it took twice as long (``bench/bench_tmux.py``). The save is only later, never skipped: ``wait_for_saves``
        waits for this worker all the same.
        """
        if painted is not None:
            painted.wait(PAINT_FIRST)
        for notice in self.session.save_queued():
            self.call_from_thread(self.show_notice, notice)
        self.call_from_thread(self.cases_saved_signal.publish, None)

    async def wait_for_saves(self) -> None:
        """Wait until every queued case is written."""
        while pending := [w for w in self.workers if w.group == SAVE_GROUP and not w.is_finished]:
            await self.workers.wait_for_complete(pending)

    def _flush_screens(self) -> None:
        """Ask every open screen to save what is still being typed (debounced input)."""
        for screen in self.get_screen_stack() if self.current_mode.startswith(WORK) else []:
            save_now = getattr(screen, "save_now", None)
            if callable(save_now):
                save_now()

    async def action_quit(self) -> None:
        """Quit after every change is saved; never quit with unsaved work without asking.

        Failed saves are tried once more; when they still fail the guard asks, and 'no' keeps every change
        in memory (the dialog gets a callback: an action runs outside a worker, so it cannot wait for it).
        """
        if self.start_error is not None:
            self.action_leave_after_start_error()
            return
        self._flush_screens()
        if self.session.unlocked and self.session.saver.retry_failed():
            self._drain_saves()
        await self.wait_for_saves()
        if self.session.saver.failed:
            from signaleer.tui.screens.confirm import ConfirmScreen

            if not isinstance(self.screen, ConfirmScreen):
                guard = ConfirmScreen(t("quit.unsaved"), t("quit.anyway"))
                self.push_screen(guard, lambda anyway: self.exit() if anyway else None)
            return
        self.exit()

    async def action_hide(self) -> None:
        """Quick-hide: the neutral screen at once, and lock."""
        if self.session.unlocked:
            await self.lock()
        else:
            from signaleer.tui.screens.hidden import NotesScreen

            self.clear_notifications()
            self._enter_mode(GATE, NotesScreen)

    async def action_signal_search(self) -> None:
        """Jump to the signal search of the walk: the signals step, focus in its search field."""
        screen: Any = self.screen
        if getattr(screen, "ACTION_SCOPE", None) != WALK_SCOPE:
            return
        steps = self.content.step_plan.steps
        target = next((i for i, s in enumerate(steps) if any(f.type == "signals" for f in s.fields)), None)
        if target is None:
            return
        if screen.index != target:
            await screen.go_to(target)
        for field in screen.query("#signal-search"):
            field.focus()
            break

    def action_help(self) -> None:
        """Show every key."""
        from signaleer.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_command_palette(self) -> None:
        """Open the command palette with a Dutch or English placeholder."""
        if self.use_command_palette and not isinstance(self.screen, CommandPalette):
            self.push_screen(CommandPalette(id="--command-palette", placeholder=t("palette.placeholder")))

    def apply_settings(self, settings: Settings, *, save: bool = True) -> None:
        """Use ``settings`` from now on (language, theme, recipients) and write them in the background."""
        language_changed = settings.language != current_language()
        self.services.settings = settings
        set_language(settings.language)
        self.theme = THEMES[settings.theme].name
        if self.session.set_recipients(settings.org_recipients):
            self._reencrypt()
        if save:
            self._save_settings(settings)
        if language_changed and self.is_running:
            self.call_later(self._relabel)

    @work(thread=True, group="reencrypt", exclusive=True, exit_on_error=False)
    def _reencrypt(self) -> None:
        """The organisation keys changed: encrypt the existing cases anew, so a new key can read them too."""
        self.call_from_thread(self.show_notice, self.session.reencrypt_notice())

    @work(thread=True, group="settings", exit_on_error=False)
    def _save_settings(self, settings: Settings) -> None:
        from signaleer.settings import save_settings

        save_settings(self.services.paths.settings_file, settings)

    async def _relabel(self) -> None:
        """Show every open screen and binding in the new language."""
        actions.localize_bindings(self)
        for screen in self.screen_stack:
            actions.localize_bindings(screen)
            await screen.recompose()
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Only hide, help and quit work while the vault is locked; the signal search only in the walk."""
        if action == "signal_search":
            return getattr(self.screen, "ACTION_SCOPE", None) == WALK_SCOPE
        return self.session.unlocked or action != "command_palette"

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Keep the footer in step with background work."""
        if event.worker.group == "settings" and event.worker.error is not None:
            from signaleer.tui.saver import failure_text

            self.notify(t("settings.save_failed", error=failure_text(event.worker.error)), severity="error")

    def on_unmount(self) -> None:
        """Let go of the vault lock when the app ends (the OS also drops it if the process dies)."""
        self.session.close()

    def crash_report(self) -> RenderableType:
        """A crash report without local variables or messages, which could hold case content."""
        from signaleer.tui.crash import safe_crash_report

        return safe_crash_report()


if TYPE_CHECKING:

    def _is_a_shell(app: SignaleerApp) -> Shell:
        """mypy checks here that the App gives the screens everything ``tui/shell.py`` promises them."""
        return app
