"""The command line: a click group whose default command starts the wizard.

Commands live in ``signaleer.commands`` and are imported only when used, so ``signaleer check``
stays fast and never loads Textual.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
from typing import Any

import click

from signaleer import __version__
from signaleer.errors import SignaleerError, disk_error

# command name -> (module, attribute, one-line help shown in `signaleer --help`)
COMMANDS: dict[str, tuple[str, str, str]] = {
    "check": ("signaleer.commands.content", "check", "Controleer checklists en meldroutes (YAML)."),
    "schema": ("signaleer.commands.content", "schema", "Schrijf de JSON-schema's voor editors."),
    "routes": ("signaleer.commands.content", "routes", "Toon gemeenten of de meldroute van één gemeente."),
    "advies": ("signaleer.commands.advies", "advies", "Geef het advies voor een oefencasus (YAML)."),
    "vault": ("signaleer.commands.vault", "vault", "Beheer de versleutelde kluis."),
    "cases": ("signaleer.commands.cases", "cases", "Werk met de versleutelde casussen."),
    "stats": ("signaleer.commands.stats", "stats", "Anonieme aantallen voor de gemeente."),
    "docs": ("signaleer.commands.docs", "docs", "Lees de meegeleverde handleidingen (kluis, YAML, oefencasus)."),
}


class LazyGroup(click.Group):
    """A group that imports a command's module only when that command runs."""

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
        rows = [(name, COMMANDS[name][2]) for name in self.list_commands(ctx)]
        if rows:
            with formatter.section("Opdrachten"):
                formatter.write_dl(rows)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except SignaleerError as exc:
            click.echo(f"signaleer: {exc.render()}", err=True)
            sys.exit(exc.exit_code)
        except OSError as exc:  # disk full, read-only, no permission, disk error: a message, never a traceback
            name = f"'signaleer {ctx.invoked_subcommand}'" if ctx.invoked_subcommand else "signaleer"
            error = disk_error(exc, f"De opdracht {name}")
            click.echo(f"signaleer: {error.render()}", err=True)
            sys.exit(error.exit_code)


@click.group(cls=LazyGroup, invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", "-V", prog_name="signaleer", message="%(prog)s %(version)s")
@click.pass_context
def main(ctx: click.Context) -> None:
    """signaleer: hulp bij het signaleren van uitbuiting van jongeren (loverboyproblematiek).

    Zonder opdracht start de wizard. signaleer ondersteunt je professionele afweging; het
    neemt geen beslissing en stelt geen diagnose.

    Handleidingen: 'signaleer docs' (de kluis lezen met alleen de age-opdracht, YAML aanpassen,
    oefencasussen). Oefenen: 'signaleer advies --voorbeeld lotte'.
    """
    if ctx.invoked_subcommand is None:
        from signaleer.tui.run import run_app

        try:
            run_app()
        except SignaleerError as exc:
            click.echo(f"signaleer: {exc.render()}", err=True)
            sys.exit(exc.exit_code)
        except OSError as exc:
            error = disk_error(exc, "signaleer starten")
            click.echo(f"signaleer: {error.render()}", err=True)
            sys.exit(error.exit_code)
