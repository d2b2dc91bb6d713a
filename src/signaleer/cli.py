"""The command line: a click group whose default command starts the app.

Commands live in ``signaleer.commands`` and are imported only when used, so ``signaleer check``
stays fast and never loads Textual. Every text comes from the catalogue (``signaleer.i18n``, keys
``cli.…``); click's own messages are Dutch through ``locale/nl/LC_MESSAGES/click.po`` (see
``signaleer.commands.base``). The language is the settings' one, Dutch when there is none.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
from typing import Any

import click

from signaleer import __version__
from signaleer.commands.base import Group, Option, cli_language, speaking
from signaleer.errors import SignaleerError, disk_error
from signaleer.i18n import t

# command name -> (module, attribute, catalogue key of the one-line help shown in `signaleer --help`)
COMMANDS: dict[str, tuple[str, str, str]] = {
    "check": ("signaleer.commands.content", "check", "cli.check.short"),
    "schema": ("signaleer.commands.content", "schema", "cli.schema.short"),
    "routes": ("signaleer.commands.content", "routes", "cli.routes.short"),
    "advies": ("signaleer.commands.advies", "advies", "cli.advies.short"),
    "vault": ("signaleer.commands.vault", "vault", "cli.vault.short"),
    "cases": ("signaleer.commands.cases", "cases", "cli.cases.short"),
    "stats": ("signaleer.commands.stats", "stats", "cli.stats.short"),
    "overdracht": ("signaleer.commands.overdracht", "overdracht", "cli.overdracht.short"),
    "tellingen": ("signaleer.commands.tellingen", "tellingen", "cli.tally.short"),
    "docs": ("signaleer.commands.docs", "docs", "cli.docs.short"),
    "pakket": ("signaleer.commands.pakket", "pakket", "cli.pakket.short"),
}


class LazyGroup(Group):
    """A group that imports a command's module only when that command runs, and speaks the settings' language."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        with speaking(cli_language()):
            return super().main(*args, **kwargs)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(name for name, (module, _, _) in COMMANDS.items() if importlib.util.find_spec(module))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        module_name, attribute, _ = COMMANDS[cmd_name]
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError:
            return None
        command: click.Command = getattr(module, attribute)
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, t(COMMANDS[name][2])) for name in self.list_commands(ctx)]
        if rows:
            with formatter.section(t("cli.main.commands")):
                formatter.write_dl(rows)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except SignaleerError as exc:
            click.echo(f"signaleer: {exc.render()}", err=True)
            sys.exit(exc.exit_code)
        except BrokenPipeError:
            raise  # the reader stopped early (``signaleer routes | head``): click ends quietly, it is no disk error
        except OSError as exc:  # disk full, read-only, no permission, disk error: a message, never a traceback
            name = f"'signaleer {ctx.invoked_subcommand}'" if ctx.invoked_subcommand else "signaleer"
            error = disk_error(exc, t("cli.main.command_failed", name=name))
            click.echo(f"signaleer: {error.render()}", err=True)
            sys.exit(error.exit_code)


@click.group(
    cls=LazyGroup,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    help="cli.main.help",
)
@click.version_option(
    __version__,
    "--version",
    "-V",
    prog_name="signaleer",
    message="%(prog)s %(version)s",
    cls=Option,
    help="cli.main.opt.version",
)
@click.pass_context
def main(ctx: click.Context) -> None:
    """Start the app when no command is given."""
    if ctx.invoked_subcommand is None:
        from signaleer.tui.run import run_app

        try:
            run_app()
        except SignaleerError as exc:
            click.echo(f"signaleer: {exc.render()}", err=True)
            sys.exit(exc.exit_code)
        except OSError as exc:
            error = disk_error(exc, t("cli.main.start_failed"))
            click.echo(f"signaleer: {error.render()}", err=True)
            sys.exit(error.exit_code)
