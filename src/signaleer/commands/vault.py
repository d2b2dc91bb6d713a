"""``signaleer vault``: create the vault, change its passphrase, show its state, destroy it.

Passphrases come from the terminal (hidden), or from a file named by ``--passphrase-file`` or
``SIGNALEER_PASSPHRASE_FILE``, as restic and borg do for scripts.
"""

from __future__ import annotations

import os
from pathlib import Path

import click

from signaleer.commands.base import file_option, group
from signaleer.commands.unlocking import (
    ask_new_passphrase,
    ask_passphrase,
    hold_for_command,
    open_store,
    passphrase_file_option,
    vault_folder,
)
from signaleer.errors import UsageError, VaultError
from signaleer.i18n import nt, t

DESTROY_WORD = "VERWIJDEREN"


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
@file_option(
    "--nieuw-wachtwoordbestand",
    "--new-passphrase-file",
    "new_passphrase_file",
    help_key="cli.vault.passwd.opt.new_file",
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
