"""``signaleer vault``: create the vault, change its passphrase, show its state, destroy it.

How the passphrase is read and the vault unlocked for a command: ``commands/unlocking.py``.
"""

from __future__ import annotations

import os
from pathlib import Path

import click

from signaleer.commands.unlocking import (
    ask_new_passphrase,
    ask_passphrase,
    hold_for_command,
    open_store,
    passphrase_file_option,
    vault_folder,
)
from signaleer.errors import UsageError, VaultError

DESTROY_WORD = "VERWIJDEREN"


@click.group("vault")
def vault() -> None:
    """Beheer de versleutelde kluis: aanmaken, wachtwoordzin wijzigen, status, opnieuw versleutelen, alles verwijderen.

    De kluis bewaart elke casus als age-bestand; zie docs/kluis.md voor het openen met alleen 'age'.
    """


@vault.command("init")
@passphrase_file_option
def init(passphrase_file: Path | None) -> None:
    """Maak een nieuwe kluis met een wachtwoordzin (minstens 10 tekens en niet te raden, twee keer gevraagd)."""
    from signaleer.vault.keys import create_vault, vault_exists

    folder = vault_folder()
    if vault_exists(folder):
        raise VaultError(f"Er staat al een kluis in {folder}.", "Wijzig de wachtwoordzin met 'signaleer vault passwd'.")
    passphrase = ask_new_passphrase(passphrase_file)
    hold_for_command(folder)  # two inits at once: the second one finds the first one's vault
    if vault_exists(folder):
        raise VaultError(f"Er staat al een kluis in {folder}.", "Wijzig de wachtwoordzin met 'signaleer vault passwd'.")
    click.echo("Sleutel maken en beveiligen (dit duurt enkele seconden)…", err=True)
    identity = create_vault(folder, passphrase)
    click.echo(f"Kluis gemaakt in {folder}.")
    click.echo(f"Publieke sleutel: {identity.recipient}")
    click.echo(
        "Onthoud de wachtwoordzin: zonder is er geen herstel. Laat je organisatie zo nodig een "
        "organisatiesleutel instellen (org_recipients), zodat een overdracht leesbaar blijft."
    )


@vault.command("passwd")
@passphrase_file_option
@click.option(
    "--new-passphrase-file",
    "new_passphrase_file",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Lees de nieuwe wachtwoordzin uit de eerste regel van dit bestand.",
)
def passwd(passphrase_file: Path | None, new_passphrase_file: Path | None) -> None:
    """Wijzig de wachtwoordzin. Alleen identity.age wordt herschreven; de casussen blijven gelijk."""
    from signaleer.vault.keys import change_passphrase
    from signaleer.vault.lock import refuse_if_app_holds

    folder = _existing_vault()
    refuse_if_app_holds(folder)
    old = ask_passphrase(passphrase_file, "Huidige wachtwoordzin")
    new = ask_new_passphrase(new_passphrase_file)
    hold_for_command(folder)
    click.echo("Wachtwoordzin controleren en wijzigen (dit duurt enkele seconden)…", err=True)
    change_passphrase(folder, old, new)
    click.echo("De wachtwoordzin is gewijzigd.")


@vault.command("status")
def status() -> None:
    """Toon waar de kluis staat, de publieke sleutel en het aantal casusbestanden (zonder te ontgrendelen)."""
    from signaleer.vault.keys import RECIPIENT_FILE, vault_exists

    folder = vault_folder()
    if not vault_exists(folder):
        click.echo(f"Geen kluis in {folder}. Maak er een met 'signaleer vault init'.")
        return
    recipient_path = folder / RECIPIENT_FILE
    recipient = recipient_path.read_text(encoding="ascii").strip() if recipient_path.is_file() else "?"
    cases = _count_cases(folder)
    click.echo(f"Kluis: {folder}")
    click.echo(f"Publieke sleutel: {recipient}")
    click.echo(f"Casusbestanden: {cases}")


@vault.command("rekey")
@passphrase_file_option
def rekey(passphrase_file: Path | None) -> None:
    """Versleutel alle casussen opnieuw voor jezelf en de organisatiesleutels (org_recipients) van nu.

    Nodig als org_recipients buiten signaleer is gewijzigd; de app doet dit zelf na een wijziging in
    Instellingen. De inhoud blijft gelijk.
    """
    store = open_store(passphrase_file, write=True)
    done, problems = store.reencrypt()
    click.echo(f"{done} bestand(en) opnieuw versleuteld voor {len(store.recipients)} sleutel(s).")
    for problem in problems:
        click.echo(f"  overgeslagen: {problem.name}: {problem.message}", err=True)
    if problems:
        raise SystemExit(1)


@vault.command("destroy")
def destroy() -> None:
    """Verwijder de sleutel en alle casussen definitief (je typt eerst VERWIJDEREN).

    Kopieën die met een organisatiesleutel zijn versleuteld en elders staan, blijven bestaan.
    Er is geen wachtwoordzin nodig: ook wie die vergeten is, kan de kluis opruimen.
    """
    from signaleer.vault.keys import destroy_vault
    from signaleer.vault.lock import refuse_if_app_holds

    folder = vault_folder()
    if not folder.is_dir():
        click.echo(f"Er is geen kluis in {folder}; er is niets verwijderd.")
        return
    refuse_if_app_holds(folder)
    cases = _count_cases(folder)
    click.echo(f"Dit verwijdert de sleutel en {cases} casus(sen) in {folder}. Dit kan niet ongedaan worden gemaakt.")
    typed: str = click.prompt(f"Typ {DESTROY_WORD} om door te gaan", default="", show_default=False, err=True)
    if typed.strip() != DESTROY_WORD:
        raise UsageError("Niets verwijderd.", f"Typ precies {DESTROY_WORD} (hoofdletters) om de kluis te verwijderen.")
    hold_for_command(folder)
    _check_writable(folder)  # destroy_vault overwrites the key before unlinking it: never half of that
    destroy_vault(folder)
    click.echo("De kluis is verwijderd.")


def _check_writable(folder: Path) -> None:
    """Raise ``DiskError`` (read-only disk, no permission) when files in ``folder`` cannot be removed."""
    import errno

    from signaleer.errors import disk_error

    if os.name == "nt" or os.access(folder, os.W_OK | os.X_OK):
        return
    read_only = bool(os.statvfs(folder).f_flag & getattr(os, "ST_RDONLY", 1))
    code = errno.EROFS if read_only else errno.EACCES
    raise disk_error(OSError(code, os.strerror(code), str(folder)), "Het verwijderen van de kluis")


def _count_cases(folder: Path) -> int:
    """The case files in ``folder``: regular files only (a symlink or FIFO is no case)."""
    from signaleer.vault.store import CASE_NAME

    return sum(1 for e in os.scandir(folder) if CASE_NAME.match(e.name) and e.is_file(follow_symlinks=False))


def _existing_vault() -> Path:
    from signaleer.vault.keys import vault_exists

    folder = vault_folder()
    if not vault_exists(folder):
        raise VaultError(f"Er is nog geen kluis in {folder}.", "Maak er een met 'signaleer vault init'.")
    return folder
