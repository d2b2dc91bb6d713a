"""``signaleer overdracht``: hand a case over encrypted to a colleague's vault, import one, show your own key.

The work is done by ``signaleer.vault.handover``; this module asks, unlocks and says what happened. See
docs/overdracht.md.
"""

from __future__ import annotations

from pathlib import Path

import click

from signaleer.commands.base import PathType, argument, group, option, output_option
from signaleer.commands.unlocking import open_store, passphrase_file_option, vault_folder
from signaleer.errors import VaultError
from signaleer.i18n import nt, t

COPY_CHOICES = {"behouden": True, "verwijderen": False, "keep": True, "delete": False}
"""``--kopie``: Dutch words, with the English ones as aliases."""


@group("overdracht", help="cli.overdracht.help")
def overdracht() -> None:
    """Hand a case over to a colleague or the zorgcoördinator, encrypted."""


@overdracht.command("sleutel", help="cli.overdracht.sleutel.help")
def sleutel() -> None:
    """Print this vault's public key (age1…), to give to whoever hands a case to you."""
    from signaleer.domain.handover import short_recipient
    from signaleer.vault.keys import RECIPIENT_FILE, vault_exists

    folder = vault_folder()
    if not vault_exists(folder):
        raise VaultError(t("cli.vault.missing", folder=folder), t("cli.vault.missing.hint"))
    try:
        recipient = (folder / RECIPIENT_FILE).read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        recipient = ""
    if not recipient.startswith("age1"):
        raise VaultError(t("cli.overdracht.sleutel.missing"), t("cli.overdracht.sleutel.missing.hint"))
    click.echo(recipient)
    click.echo(t("cli.overdracht.sleutel.check", short=short_recipient(recipient)), err=True)


@overdracht.command("maak", help="cli.overdracht.maak.help")
@argument("case_id", metavar="ID")
@option("--aan", "--to", "to_recipient", required=True, metavar="age1…", help="cli.overdracht.maak.opt.to")
@option("--naam", "--name", "to_label", required=True, metavar="cli.metavar.name", help="cli.overdracht.maak.opt.name")
@option("--van", "--from", "from_label", required=True, metavar="cli.metavar.name", help="cli.overdracht.maak.opt.from")
@option(
    "--kopie",
    "--copy",
    "copy",
    required=True,
    type=click.Choice(list(COPY_CHOICES)),
    help="cli.overdracht.maak.opt.copy",
)
@output_option("cli.overdracht.maak.opt.output")
@passphrase_file_option
def maak(
    case_id: str,
    to_recipient: str,
    to_label: str,
    from_label: str,
    copy: str,
    output: Path | None,
    passphrase_file: Path | None,
) -> None:
    """Write one encrypted file with the case for the receiver; keep or delete your own copy."""
    from signaleer import __version__
    from signaleer.advice_text import summarize
    from signaleer.content.loader import load_content_or_raise
    from signaleer.domain.handover import short_recipient
    from signaleer.domain.snapshot import versions_used
    from signaleer.vault import handover

    keep = COPY_CHOICES[copy]
    handover.check_case_id(case_id)
    handover.check_label(to_label, "to")  # refused before the passphrase is asked
    handover.check_label(from_label, "from")
    handover.check_recipient(to_recipient)
    target = output if output is not None and not output.expanduser().is_dir() else None
    path = target or (output or Path.cwd()) / f"overdracht-{case_id}.age"
    handover.check_output(path, vault_folder())
    content = load_content_or_raise()
    store = open_store(passphrase_file, write=True)
    done = handover.hand_over(
        store,
        case_id,
        to_recipient=to_recipient,
        to_label=to_label,
        from_label=from_label,
        keep=keep,
        output=path,
        summarize=lambda case: summarize(case, content),
        versions=lambda case: versions_used(case, content),
        app_version=__version__,
    )
    receiver = done.receiver
    click.echo(t("cli.overdracht.maak.done", path=done.path))
    click.echo(t("cli.overdracht.maak.for", label=receiver.label, short=short_recipient(receiver.recipient)))
    if done.also_readable_by:
        click.echo(nt("cli.overdracht.maak.org", len(done.also_readable_by)))
    click.echo(t("cli.overdracht.maak.kept" if done.kept else "cli.overdracht.maak.deleted", id=done.case_id))
    click.echo(t("cli.overdracht.maak.next", file=done.path.name))


@overdracht.command("importeer", help="cli.overdracht.importeer.help")
@argument("handover_file", metavar="cli.metavar.file", type=PathType(path_type=Path, dir_okay=False, exists=True))
@passphrase_file_option
@option("--vervang", "--replace", "replace", is_flag=True, help="cli.overdracht.importeer.opt.replace")
@option("--herstel", "--restore", "restore", is_flag=True, help="cli.overdracht.importeer.opt.restore")
def importeer(handover_file: Path, passphrase_file: Path | None, replace: bool, restore: bool) -> None:
    """Take a case handed over to you into your vault; its timeline says from whom."""
    from signaleer.advice_text import summarize
    from signaleer.content.loader import load_content_or_raise
    from signaleer.domain.handover import short_recipient
    from signaleer.vault import handover

    data = handover.read_handover_file(handover_file)  # refused before the passphrase is asked
    content = load_content_or_raise()
    store = open_store(passphrase_file, write=True)
    received = handover.receive(
        store, data, replace=replace, restore=restore, summarize=lambda case: summarize(case, content)
    )
    moment = received.handed_over_at.astimezone().strftime("%d-%m-%Y %H:%M")
    sender = received.sender
    pseudonym = "".join(char if char.isprintable() else "?" for char in received.pseudonym)  # from another laptop
    click.echo(t("cli.overdracht.importeer.done", id=received.case_id, pseudonym=pseudonym))
    click.echo(
        t(
            "cli.overdracht.importeer.from",
            label=sender.label,
            short=short_recipient(sender.recipient),
            moment=moment,
        )
    )
    if received.replaced:
        click.echo(t("cli.overdracht.importeer.replaced"))
    if received.restored:
        click.echo(t("cli.overdracht.importeer.restored"))
    click.echo(t("cli.overdracht.importeer.remove_file", file=handover_file))
