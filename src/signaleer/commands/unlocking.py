"""How a command unlocks the vault: the passphrase (terminal or file), the vault folder, the lock, the store.

Passphrases come from the terminal (hidden), or from a file named by ``--passphrase-file`` or
``SIGNALEER_PASSPHRASE_FILE``, as restic and borg do for scripts. ``open_store`` is the one way a command
gets an unlocked store.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import click

from signaleer.errors import UsageError, VaultBusy, VaultError

if TYPE_CHECKING:
    from signaleer.vault.store import CaseStore

PASSPHRASE_FILE_ENV = "SIGNALEER_PASSPHRASE_FILE"

F = TypeVar("F", bound=Callable[..., object])


def passphrase_file_option(function: F) -> F:
    """The ``--passphrase-file`` option (also ``SIGNALEER_PASSPHRASE_FILE``) for a command that unlocks."""
    option = click.option(
        "--passphrase-file",
        "passphrase_file",
        type=click.Path(path_type=Path, dir_okay=False),
        envvar=PASSPHRASE_FILE_ENV,
        default=None,
        help=f"Lees de wachtwoordzin uit de eerste regel van dit bestand in plaats van uit de terminal "
        f"(ook via {PASSPHRASE_FILE_ENV}).",
    )
    return option(function)


def hold_for_command(folder: Path) -> None:
    """Take the vault lock (waiting a while for another command) and hold it until this command ends.

    When the app holds it, this raises ``VaultBusy`` (exit 2) at once; see docs/kluis.md.
    """
    from signaleer.vault import lock

    click.get_current_context().with_resource(lock.hold(folder))


def vault_folder() -> Path:
    """The vault folder for this user (or under SIGNALEER_HOME)."""
    from signaleer.paths import resolve_paths

    return resolve_paths().vault


def read_passphrase_file(path: Path) -> str:
    """The first line of a passphrase file, without its line ending."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise UsageError(
            f"Het wachtwoordbestand {path} kan niet worden gelezen ({exc.strerror}).", "Controleer het pad."
        ) from None
    try:
        lines = raw.decode("utf-8").splitlines()
    except UnicodeDecodeError:
        raise UsageError(f"Het wachtwoordbestand {path} is geen UTF-8-tekst.", "Sla het op als UTF-8.") from None
    if not lines or not lines[0]:
        raise UsageError(f"Het wachtwoordbestand {path} is leeg.", "Zet de wachtwoordzin op de eerste regel.")
    if os.name != "nt" and stat.S_IMODE(path.stat().st_mode) & 0o077:
        click.echo(f"signaleer: waarschuwing: {path} is leesbaar voor anderen; gebruik chmod 600.", err=True)
    return lines[0]


def ask_passphrase(passphrase_file: Path | None, prompt: str = "Wachtwoordzin van de kluis") -> str:
    """The passphrase from the file, or asked on the terminal without echo."""
    if passphrase_file is not None:
        return read_passphrase_file(passphrase_file)
    answer: str = click.prompt(prompt, hide_input=True, err=True)
    return answer


def ask_new_passphrase(passphrase_file: Path | None, prompt: str = "Nieuwe wachtwoordzin") -> str:
    """A new passphrase: from the file, or asked twice on the terminal; it must pass the vault's passphrase rule."""
    if passphrase_file is not None:
        passphrase = read_passphrase_file(passphrase_file)
    else:
        first: str = click.prompt(prompt, hide_input=True, err=True)
        _check_strength(first)
        again: str = click.prompt("Herhaal de wachtwoordzin", hide_input=True, err=True)
        if again != first:
            raise UsageError(
                "De twee wachtwoordzinnen zijn niet gelijk. Er is niets gewijzigd.", "Probeer het opnieuw."
            )
        passphrase = first
    _check_strength(passphrase)
    return passphrase


def _check_strength(passphrase: str) -> None:
    """The rule the TUI applies too (``signaleer.vault.passphrase_rule``), with the same message."""
    from signaleer.vault.passphrase_rule import problem

    refused = problem(passphrase)
    if refused is not None:
        raise UsageError(
            f"{refused} Er is niets gewijzigd.",
            "Kies een zin van een paar woorden die je kunt onthouden, bijvoorbeeld vier losse woorden.",
        )


def open_store(passphrase_file: Path | None, *, write: bool = False) -> CaseStore:
    """Ask the passphrase (or read the file), unlock the vault and return its store.

    ``write``: the command changes the vault, so it holds the vault lock until it ends (see docs/kluis.md):
    when the app has the vault open it stops before asking the passphrase (exit 2); another command is waited
    for. Either way, whoever holds the lock removes the temp files that interrupted writes left behind.
    """
    from signaleer.paths import resolve_paths
    from signaleer.settings import load_settings
    from signaleer.vault import lock
    from signaleer.vault.hardening import disable_core_dumps
    from signaleer.vault.keys import unlock, vault_exists
    from signaleer.vault.store import CaseStore

    folder = vault_folder()
    if not vault_exists(folder):
        raise VaultError(f"Er is nog geen kluis in {folder}.", "Maak er een met 'signaleer vault init'.")
    settings = load_settings(resolve_paths().settings_file)
    if write:
        lock.refuse_if_app_holds(folder)
    disable_core_dumps()
    identity = unlock(folder, ask_passphrase(passphrase_file))
    store = CaseStore(folder, identity, settings.org_recipients)
    if write:
        hold_for_command(folder)
        store.remove_leftovers()
    else:
        with contextlib.suppress(VaultBusy), lock.hold(folder, wait=0):  # a reader tidies up only when nobody writes
            store.remove_leftovers()
    return store
