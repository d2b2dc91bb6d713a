"""``signaleer vault``: create the vault, change its passphrase, show its state, destroy it.

Passphrases come from the terminal (hidden), or from a file named by ``--passphrase-file`` or
``SIGNALEER_PASSPHRASE_FILE``, as restic and borg do for scripts.
"""

from __future__ import annotations

import getpass
import os
import stat
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import click

from signaleer.commands.base import PathType, group, option
from signaleer.errors import UsageError, VaultError
from signaleer.i18n import nt, t

PASSPHRASE_FILE_ENV = "SIGNALEER_PASSPHRASE_FILE"
DESTROY_WORD = "VERWIJDEREN"

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


@group("vault", help="cli.vault.help")
def vault() -> None:
    """Manage the encrypted vault."""


@vault.command("init", help="cli.vault.init.help")
@passphrase_file_option
def init(passphrase_file: Path | None) -> None:
    """Create a new vault with a passphrase."""
    from signaleer.vault.keys import create_vault, vault_exists

    folder = vault_folder()
    if vault_exists(folder):
        raise VaultError(t("cli.vault.exists", folder=folder), t("cli.vault.exists.hint"))
    passphrase = ask_new_passphrase(passphrase_file)
    hold_for_command(folder)  # two inits at once: the second one finds the first one's vault
    if vault_exists(folder):
        raise VaultError(t("cli.vault.exists", folder=folder), t("cli.vault.exists.hint"))
    click.echo(t("cli.vault.init.working"), err=True)
    identity = create_vault(folder, passphrase)
    click.echo(t("cli.vault.init.done", folder=folder))
    click.echo(t("cli.vault.public_key", key=identity.recipient))
    click.echo(t("cli.vault.init.remember"))


@vault.command("passwd", help="cli.vault.passwd.help")
@passphrase_file_option
@option(
    "--nieuw-wachtwoordbestand",
    "--new-passphrase-file",
    "new_passphrase_file",
    type=PathType(path_type=Path, dir_okay=False),
    default=None,
    metavar="cli.metavar.file",
    help="cli.vault.passwd.opt.new_file",
)
def passwd(passphrase_file: Path | None, new_passphrase_file: Path | None) -> None:
    """Change the passphrase; only identity.age is rewritten."""
    from signaleer.vault.keys import change_passphrase
    from signaleer.vault.lock import refuse_if_app_holds

    folder = _existing_vault()
    refuse_if_app_holds(folder)
    old = ask_passphrase(passphrase_file, t("cli.vault.prompt.current"))
    new = ask_new_passphrase(new_passphrase_file)
    hold_for_command(folder)
    click.echo(t("cli.vault.passwd.working"), err=True)
    change_passphrase(folder, old, new)
    click.echo(t("cli.vault.passwd.done"))


@vault.command("status", help="cli.vault.status.help")
def status() -> None:
    """Where the vault is, its public key and how many case files it holds, without unlocking."""
    from signaleer.vault.keys import RECIPIENT_FILE, vault_exists

    folder = vault_folder()
    if not vault_exists(folder):
        click.echo(t("cli.vault.status.none", folder=folder))
        return
    recipient_path = folder / RECIPIENT_FILE
    recipient = recipient_path.read_text(encoding="ascii").strip() if recipient_path.is_file() else "?"
    cases = _count_cases(folder)
    click.echo(t("cli.vault.status.folder", folder=folder))
    click.echo(t("cli.vault.public_key", key=recipient))
    click.echo(t("cli.vault.status.files", n=cases))


@vault.command("rekey", help="cli.vault.rekey.help")
@passphrase_file_option
def rekey(passphrase_file: Path | None) -> None:
    """Encrypt every case anew for yourself and today's organisation keys."""
    from signaleer.commands.cases import open_store

    store = open_store(passphrase_file, write=True)
    done, problems = store.reencrypt()
    click.echo(nt("cli.vault.rekey.done", done, keys=nt("cli.vault.rekey.keys", len(store.recipients))))
    for problem in problems:
        click.echo(f"  {t('cli.skipped', name=problem.name, message=problem.message)}", err=True)
    if problems:
        raise SystemExit(1)


@vault.command("destroy", help="cli.vault.destroy.help")
def destroy() -> None:
    """Remove the key and every case for good, after the typed word."""
    from signaleer.vault.keys import destroy_vault
    from signaleer.vault.lock import refuse_if_app_holds

    folder = vault_folder()
    if not folder.is_dir():
        click.echo(t("cli.vault.destroy.none", folder=folder))
        return
    refuse_if_app_holds(folder)
    cases = _count_cases(folder)
    click.echo(nt("cli.vault.destroy.what", cases, folder=folder))
    typed: str = click.prompt(
        t("cli.vault.destroy.prompt", word=DESTROY_WORD), default="", show_default=False, err=True
    )
    if typed.strip() != DESTROY_WORD:
        raise UsageError(t("cli.nothing_removed"), t("cli.vault.destroy.hint", word=DESTROY_WORD))
    hold_for_command(folder)
    _check_writable(folder)  # destroy_vault overwrites the key before unlinking it: never half of that
    destroy_vault(folder)
    click.echo(t("cli.vault.destroy.done"))


def _check_writable(folder: Path) -> None:
    """Raise ``DiskError`` (read-only disk, no permission) when files in ``folder`` cannot be removed."""
    import errno

    from signaleer.errors import disk_error

    if os.name == "nt" or os.access(folder, os.W_OK | os.X_OK):
        return
    read_only = bool(os.statvfs(folder).f_flag & getattr(os, "ST_RDONLY", 1))
    code = errno.EROFS if read_only else errno.EACCES
    raise disk_error(OSError(code, os.strerror(code), str(folder)), t("cli.vault.destroy.what_failed"))


def _count_cases(folder: Path) -> int:
    """The case files in ``folder``: regular files only (a symlink or FIFO is no case)."""
    from signaleer.vault.store import CASE_NAME

    return sum(1 for e in os.scandir(folder) if CASE_NAME.match(e.name) and e.is_file(follow_symlinks=False))


def _existing_vault() -> Path:
    from signaleer.vault.keys import vault_exists

    folder = vault_folder()
    if not vault_exists(folder):
        raise VaultError(t("cli.vault.missing", folder=folder), t("cli.vault.missing.hint"))
    return folder
