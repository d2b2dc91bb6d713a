"""How a command unlocks the vault: the passphrase (terminal or file), the vault folder, the lock, the store.

Passphrases come from the terminal (hidden), or from a file named by ``--wachtwoordbestand``
(``--passphrase-file``) or ``SIGNALEER_PASSPHRASE_FILE``, as restic and borg do for scripts. ``open_store`` is
the one way a command gets an unlocked store. ``vault``, ``cases``, ``stats`` and ``tellingen`` import this
module; it imports none of them (no cycle).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import getpass
import os
import stat
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import click

from signaleer.commands.base import PathType, option
from signaleer.errors import SignaleerError, UsageError, VaultBusy, VaultError
from signaleer.i18n import t

if TYPE_CHECKING:
    from signaleer.domain.case import Case
    from signaleer.vault.store import CaseStore

PASSPHRASE_FILE_ENV = "SIGNALEER_PASSPHRASE_FILE"

F = TypeVar("F", bound=Callable[..., object])


def passphrase_file_option(function: F) -> F:
    """The ``--passphrase-file`` option (also ``SIGNALEER_PASSPHRASE_FILE``) for a command that unlocks."""
    decorator = option(
        "--wachtwoordbestand",
        "--passphrase-file",
        "passphrase_file",
        type=PathType(path_type=Path, dir_okay=False),
        envvar=PASSPHRASE_FILE_ENV,
        default=None,
        metavar="cli.metavar.file",
        help="cli.vault.opt.passphrase_file",
    )
    return decorator(function)


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
            t("cli.vault.passfile.unreadable", path=path, reason=exc.strerror), t("cli.vault.passfile.unreadable.hint")
        ) from None
    try:
        lines = raw.decode("utf-8").splitlines()
    except UnicodeDecodeError:
        raise UsageError(t("cli.vault.passfile.not_utf8", path=path), t("cli.vault.passfile.not_utf8.hint")) from None
    if not lines or not lines[0]:
        raise UsageError(t("cli.vault.passfile.empty", path=path), t("cli.vault.passfile.empty.hint"))
    if os.name != "nt" and stat.S_IMODE(path.stat().st_mode) & 0o077:
        click.echo(f"signaleer: {t('cli.vault.passfile.readable', path=path)}", err=True)
    return lines[0]


def hidden_prompt(prompt: str) -> str:
    """Ask for a secret on the terminal without echo.

    Without a terminal whose echo can be switched off (input from a pipe, no controlling terminal) the
    standard library's ``getpass`` would print its English "Warning: Password input may be echoed." and read
    on. It first raises ``GetPassWarning`` as a warning; made an error, that stops it before anything is printed
    or read, and we say the same in the user's language and read the line ourselves.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("error", getpass.GetPassWarning)
        try:
            answer: str = click.prompt(prompt, hide_input=True, err=True)
            return answer
        except getpass.GetPassWarning:
            pass
    click.echo(f"signaleer: {t('cli.vault.echo_warning')}", err=True)
    visible: str = click.prompt(prompt, err=True)
    return visible


def ask_passphrase(passphrase_file: Path | None, prompt: str | None = None) -> str:
    """The passphrase from the file, or asked on the terminal without echo."""
    if passphrase_file is not None:
        return read_passphrase_file(passphrase_file)
    return hidden_prompt(prompt or t("cli.vault.prompt.passphrase"))


def ask_new_passphrase(passphrase_file: Path | None, prompt: str | None = None) -> str:
    """A new passphrase: from the file, or asked twice on the terminal; it must pass the vault's passphrase rule."""
    if passphrase_file is not None:
        passphrase = read_passphrase_file(passphrase_file)
    else:
        first = hidden_prompt(prompt or t("cli.vault.prompt.new"))
        _check_strength(first)
        again = hidden_prompt(t("cli.vault.prompt.repeat"))
        if again != first:
            raise UsageError(t("cli.vault.mismatch"), t("cli.vault.mismatch.hint"))
        passphrase = first
    _check_strength(passphrase)
    return passphrase


def _check_strength(passphrase: str) -> None:
    """The rule the TUI applies too (``signaleer.vault.passphrase_rule``), with the same message."""
    from signaleer.vault.passphrase_rule import problem

    refused = problem(passphrase)
    if refused is not None:
        raise UsageError(t("cli.vault.weak", problem=refused), t("cli.vault.weak.hint"))


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
        raise VaultError(t("cli.vault.missing", folder=folder), t("cli.vault.missing.hint"))
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


def read_all_cases(store: CaseStore, today: dt.date) -> tuple[list[Case], int]:
    """Every case the store can open, and how many files could not be read (counted, never shown by content)."""
    listing = store.listing(today)
    cases = []
    unreadable = len(listing.problems)
    for summary in listing.summaries:
        try:
            cases.append(store.open(summary.id))
        except SignaleerError:  # a damaged file is reported as a number only, never by content
            unreadable += 1
    return cases, unreadable
