"""Export a case for the official dossier: choose format and place, confirm it is not encrypted, write 0600."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import cast

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Grid, Horizontal, VerticalScroll
from textual.widgets import Button, Input, Label, Select, Static

from signaleer.domain.case import Case
from signaleer.errors import SignaleerError
from signaleer.export import ExportFormat, export_case, file_name
from signaleer.export_writer import default_export_dir, write_export
from signaleer.i18n import current_language, t
from signaleer.tui.saver import failure_text
from signaleer.tui.screens import shell
from signaleer.tui.screens.confirm import ConfirmScreen


class ExportPane(VerticalScroll):
    """Format, target path and the export button; the confirm dialog says the file is not encrypted."""

    DEFAULT_CSS = """
    ExportPane { padding: 0 1; }
    ExportPane .section { text-style: bold; padding-top: 1; }
    """

    def __init__(self, case: Case) -> None:
        super().__init__(id="export-pane")
        self.case = case
        """The case to export."""
        self.written: Path | None = None
        """Where the last export was written."""

    def compose(self) -> ComposeResult:
        """Intro, format choice, target path and the button."""
        yield Static(t("export.intro"), classes="hint")
        with Grid(classes="form-grid"):
            yield Label(t("export.format"))
            options = [(t("export.format.html"), "html"), (t("export.format.md"), "md")]
            yield Select(options, value="html", allow_blank=False, id="format")
            yield Label(t("export.path"))
            yield Input(str(self._default_path("html")), id="path")
        with Horizontal(classes="buttons"):
            yield Button(t("export.button"), id="do-export", variant="warning")
        yield Static(t("export.delete.title"), classes="section")
        yield Static(t("export.delete.hint"), classes="hint")
        with Horizontal(classes="buttons"):
            yield Button(t("export.delete.button"), id="delete-case", variant="error")

    def _default_path(self, export_format: ExportFormat) -> Path:
        return default_export_dir() / file_name(self.case, export_format, dt.date.today())

    @on(Select.Changed, "#format")
    def _format_changed(self, event: Select.Changed) -> None:
        path = self.query_one("#path", Input)
        current = Path(path.value)
        fmt = cast(ExportFormat, event.value)
        if current.suffix in (".md", ".html"):
            path.value = str(current.with_suffix(f".{fmt}"))

    @on(Button.Pressed, "#do-export")
    @work(exclusive=True, group="export-confirm")
    async def export(self) -> None:
        """Ask first (the export is not encrypted), then write it in a thread."""
        fmt = cast(ExportFormat, self.query_one("#format", Select).value)
        raw = self.query_one("#path", Input).value.strip()
        path = Path(raw).expanduser() if raw else self._default_path(fmt)
        if path.is_dir():
            path = path / file_name(self.case, fmt, dt.date.today())
        path = path.absolute()
        if not await self.app.push_screen_wait(ConfirmScreen(t("export.confirm", path=path), t("export.yes"))):
            return
        self._write(path, fmt)

    @work(thread=True, exclusive=True, group="export-write", exit_on_error=False)
    def _write(self, path: Path, export_format: ExportFormat) -> None:
        """Render and write (a thread); report the place, never the content."""
        content = shell(self).content
        stamp = dt.datetime.now().astimezone().replace(microsecond=0)
        try:
            text = export_case(self.case, content, export_format, stamp, current_language())
            written = write_export(path, text)
        except SignaleerError as exc:
            self.app.call_from_thread(self.notify, t("export.failed", error=exc.render()), severity="error")
            return
        except OSError as exc:  # a disk error while rendering or writing: the cause, never a crash
            self.app.call_from_thread(self.notify, t("export.failed", error=failure_text(exc)), severity="error")
            return
        self.written = written
        self.app.call_from_thread(self.notify, t("export.written", path=written), severity="warning", timeout=15)

    @on(Button.Pressed, "#delete-case")
    @work(exclusive=True, group="export-confirm")
    async def delete(self) -> None:
        """Ask, then delete the case from the vault (the app drops every screen that showed it)."""
        key = "export.delete.confirm" if self.written else "export.delete.confirm_unexported"
        question = t(key, pseudonym=self.case.pseudonym)
        if not await self.app.push_screen_wait(ConfirmScreen(question, t("export.delete.yes"))):
            return
        # The log's reason is fixed Dutch text, the same whatever the interface language.
        reason = "verwijderd na export naar het dossier" if self.written else "verwijderd door de professional"
        self.app.run_worker(shell(self).delete_case(self.case.id, reason), group="delete-case", exclusive=True)
