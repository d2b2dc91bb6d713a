"""``signaleer pakket``: signed content packs, built by the aandachtsfunctionaris and installed on every laptop.

``sleutel-maak`` makes a minisign key pair; ``maak`` builds a pack from a content folder (signed here, or with a
manifest signed elsewhere by the ``minisign`` CLI: ``manifest`` writes it); ``vertrouw``/``vergeet`` manage the
trusted public keys in the settings; ``installeer`` checks and installs a pack; ``herstel`` goes back to the
previous one; ``verwijder`` goes back to the bundled content; ``toon`` says what is installed. The work is done in ``signaleer.pack`` (see docs/pakket.md).
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import TYPE_CHECKING

import click

from signaleer.commands.base import DateType, PathType, argument, file_option, group, option, output_option, show_date
from signaleer.errors import UsageError, disk_error
from signaleer.i18n import nt, t

if TYPE_CHECKING:
    from signaleer.pack.state import InstalledPack
    from signaleer.settings import Settings

DEFAULT_AUTHOR = "aandachtsfunctionaris"
MAX_INPUT_BYTES = 1024 * 1024


@group("pakket", help="cli.pakket.help")
def pakket() -> None:
    """Signed content packs."""


def _read(path: Path, limit: int) -> bytes:
    """The bytes of the regular file ``path`` (at most ``limit``); a usage error saying why not."""
    from signaleer.errors import os_cause
    from signaleer.fsio import NotRegularFile, read_regular_file

    try:
        data = read_regular_file(path, limit)
    except NotRegularFile as exc:
        raise UsageError(
            t("cli.pakket.not_regular", path=path, kind=exc.kind), t("cli.pakket.not_regular.hint")
        ) from None
    except OSError as exc:
        raise UsageError(
            t("cli.pakket.unreadable", path=path, cause=os_cause(exc)), t("cli.pakket.unreadable.hint")
        ) from None
    if len(data) > limit:
        raise UsageError(t("cli.pakket.too_big", path=path), t("cli.pakket.too_big.hint"))
    return data


def _write(path: Path, data: bytes, *, public: bool = False) -> Path:
    """Write ``data`` atomically to ``path`` (0600, or 0644 when ``public``); the absolute path."""
    from signaleer.fsio import is_regular_file, write_atomic

    path = path.expanduser().absolute()
    if not path.parent.is_dir():
        raise UsageError(t("cli.pakket.no_folder", folder=path.parent), t("cli.pakket.no_folder.hint"))
    if os.path.lexists(path) and not is_regular_file(path):
        raise UsageError(t("cli.pakket.not_regular_target", path=path), t("cli.pakket.not_regular.hint"))
    try:
        write_atomic(path, data)
        if public and os.name != "nt":
            os.chmod(path, 0o644)
    except OSError as exc:
        raise disk_error(exc, t("cli.pakket.what.write", path=path)) from exc
    return path


def _folder(folder: Path) -> Path:
    if not folder.is_dir():
        raise UsageError(t("cli.pakket.no_content_folder", folder=folder), t("cli.pakket.no_content_folder.hint"))
    return folder.parent if folder.name in {"checklists", "meldroutes"} else folder


def _password_file_option(function: click.decorators.FC) -> click.decorators.FC:
    decorator = option(
        "--wachtwoordbestand",
        "--password-file",
        "password_file",
        type=PathType(path_type=Path, dir_okay=False),
        default=None,
        metavar="cli.metavar.file",
        help="cli.pakket.opt.password_file",
    )
    return decorator(function)


def _version_options(function: click.decorators.FC) -> click.decorators.FC:
    for decorator in reversed(
        [
            option(
                "--versie",
                "--version",
                "version",
                required=True,
                metavar="cli.pakket.metavar.version",
                help="cli.pakket.opt.version",
            ),
            option(
                "--auteur",
                "--author",
                "author",
                default=DEFAULT_AUTHOR,
                show_default=True,
                metavar="cli.pakket.metavar.author",
                help="cli.pakket.opt.author",
            ),
            option("--datum", "--date", "day", type=DateType(), default=None, help="cli.pakket.opt.date"),
        ]
    ):
        function = decorator(function)
    return function


@pakket.command("sleutel-maak", help="cli.pakket.keygen.help", short_help="cli.pakket.keygen.short")
@option(
    "--uitvoer",
    "--output",
    "output",
    type=PathType(path_type=Path, dir_okay=False),
    required=True,
    metavar="cli.pakket.metavar.key_name",
    help="cli.pakket.keygen.opt.output",
)
@option("--zonder-wachtwoord", "--no-password", "no_password", is_flag=True, help="cli.pakket.keygen.opt.no_password")
@_password_file_option
def sleutel_maak(output: Path, no_password: bool, password_file: Path | None) -> None:
    """Make a key pair for signing packs."""
    from signaleer.commands.unlocking import ask_new_passphrase
    from signaleer.pack.signing import new_key_pair

    base = output.with_suffix("") if output.suffix in {".key", ".pub"} else output
    secret_path, public_path = base.with_name(base.name + ".key"), base.with_name(base.name + ".pub")
    for path in (secret_path, public_path):
        if os.path.lexists(path):
            raise UsageError(t("cli.pakket.keygen.exists", path=path), t("cli.pakket.keygen.exists.hint"))
    password = None if no_password else ask_new_passphrase(password_file, t("cli.pakket.prompt.new_password"))
    secret, public, key_id = new_key_pair(password)
    written_public = _write(public_path, public, public=True)
    try:
        written_secret = _write(secret_path, secret)
    except BaseException:
        written_public.unlink(missing_ok=True)
        raise
    click.echo(t("cli.pakket.keygen.done", secret=written_secret, public=written_public, key=key_id))
    click.echo(t("cli.pakket.keygen.keep_safe"))
    if no_password:
        click.echo(f"signaleer: {t('cli.pakket.keygen.no_password')}", err=True)


@pakket.command("manifest", help="cli.pakket.manifest.help", short_help="cli.pakket.manifest.short")
@argument("folder", type=PathType(path_type=Path, file_okay=False), metavar="cli.metavar.folder")
@_version_options
@option(
    "--uitvoer",
    "--output",
    "output",
    type=PathType(path_type=Path, dir_okay=False),
    default=Path("manifest.json"),
    show_default=True,
    metavar="cli.metavar.file",
    help="cli.pakket.manifest.opt.output",
)
def manifest(folder: Path, version: str, author: str, day: dt.date | None, output: Path) -> None:
    """Write the manifest of a folder, to sign elsewhere."""
    from signaleer.pack.install import build_manifest

    built, _ = build_manifest(_folder(folder), version, day or dt.date.today(), author)
    path = _write(output, built.to_bytes(), public=True)
    click.echo(nt("cli.pakket.manifest.done", len(built.bestanden), path=path, version=built.versie))
    click.echo(t("cli.pakket.manifest.next", path=path))


@pakket.command("maak", help="cli.pakket.build.help", short_help="cli.pakket.build.short")
@argument("folder", type=PathType(path_type=Path, file_okay=False), metavar="cli.metavar.folder")
@file_option("--sleutel", "--key", "key_file", help_key="cli.pakket.build.opt.key")
@option(
    "--versie",
    "--version",
    "version",
    default=None,
    metavar="cli.pakket.metavar.version",
    help="cli.pakket.opt.version",
)
@option(
    "--auteur",
    "--author",
    "author",
    default=DEFAULT_AUTHOR,
    show_default=True,
    metavar="cli.pakket.metavar.author",
    help="cli.pakket.opt.author",
)
@option("--datum", "--date", "day", type=DateType(), default=None, help="cli.pakket.opt.date")
@file_option("--manifest", "manifest_file", help_key="cli.pakket.build.opt.manifest")
@file_option("--handtekening", "--signature", "signature_file", help_key="cli.pakket.build.opt.signature")
@output_option("cli.pakket.build.opt.output")
@_password_file_option
def maak(
    folder: Path,
    key_file: Path | None,
    version: str | None,
    author: str,
    day: dt.date | None,
    manifest_file: Path | None,
    signature_file: Path | None,
    output: Path | None,
    password_file: Path | None,
) -> None:
    """Build a signed pack from a content folder."""
    from signaleer.pack.install import build_pack, pack_from_signed_manifest
    from signaleer.pack.manifest import MAX_MANIFEST_BYTES
    from signaleer.pack.signing import MAX_KEY_FILE_BYTES, MAX_SIGNATURE_BYTES, open_secret_key, secret_key_encrypted

    content = _folder(folder)
    if key_file is not None and (manifest_file is not None or signature_file is not None):
        raise UsageError(t("cli.pakket.build.both"), t("cli.pakket.build.how"))
    if key_file is not None:
        if version is None:
            raise UsageError(t("cli.pakket.build.no_version"), t("cli.pakket.build.how"))
        raw_key = _read(key_file, MAX_KEY_FILE_BYTES)
        password = None
        if secret_key_encrypted(raw_key):
            from signaleer.commands.unlocking import ask_passphrase

            password = ask_passphrase(password_file, t("cli.pakket.prompt.password"))
        with open_secret_key(raw_key, password) as key:
            data, built = build_pack(content, key, version, day or dt.date.today(), author)
            key_id = key.key_id
    elif manifest_file is not None and signature_file is not None:
        if version is not None or day is not None:
            raise UsageError(t("cli.pakket.build.manifest_has_version"), t("cli.pakket.build.how"))
        data, built = pack_from_signed_manifest(
            content, _read(manifest_file, MAX_MANIFEST_BYTES), _read(signature_file, MAX_SIGNATURE_BYTES)
        )
        from signaleer.pack.signing import signature_key_id

        key_id = signature_key_id(_read(signature_file, MAX_SIGNATURE_BYTES))
    else:
        raise UsageError(t("cli.pakket.build.no_key"), t("cli.pakket.build.how"))
    name = f"signaleer-pakket-{built.versie}.tar"
    target = output.expanduser() / name if output is not None and output.is_dir() else (output or Path(name))
    path = _write(target, data, public=True)
    click.echo(
        nt(
            "cli.pakket.build.done",
            len(built.bestanden),
            path=path,
            version=built.versie,
            date=show_date(built.datum),
            key=key_id,
        )
    )


@pakket.command("installeer", help="cli.pakket.install.help", short_help="cli.pakket.install.short")
@argument("pack_file", type=PathType(path_type=Path, dir_okay=False), metavar="cli.metavar.file")
@option("--opnieuw", "--reinstall", "reinstall", is_flag=True, help="cli.pakket.install.opt.reinstall")
def installeer(pack_file: Path, reinstall: bool) -> None:
    """Check a signed pack and install it."""
    from signaleer.pack.install import install_pack
    from signaleer.pack.manifest import MAX_PACK_BYTES
    from signaleer.paths import resolve_paths
    from signaleer.settings import load_settings

    paths = resolve_paths()
    trusted = load_settings(paths.settings_file).trusted_pack_keys
    data = _read(pack_file, MAX_PACK_BYTES + 1024 * 1024)
    done = install_pack(paths.config, data, pack_file.name, list(trusted), same_version=reinstall)
    pack = done.pack
    click.echo(
        t(
            "cli.pakket.install.done",
            version=pack.versie,
            date=show_date(dt.date.fromisoformat(pack.datum)),
            author=pack.auteur,
            key=pack.sleutel,
        )
    )
    if done.replaced is not None:
        click.echo(t("cli.pakket.install.previous", version=done.replaced.versie))


@pakket.command("herstel", help="cli.pakket.restore.help", short_help="cli.pakket.restore.short")
def herstel() -> None:
    """Go back to the previous pack."""
    from signaleer.pack.install import restore_pack
    from signaleer.paths import resolve_paths

    state = restore_pack(resolve_paths().config)
    assert state.huidig is not None
    if state.vorige is None:  # back from 'verwijder': there was no pack in use before
        click.echo(t("cli.pakket.restore.done_alone", version=state.huidig.versie))
    else:
        click.echo(t("cli.pakket.restore.done", version=state.huidig.versie, previous=state.vorige.versie))


@pakket.command("verwijder", help="cli.pakket.remove.help", short_help="cli.pakket.remove.short")
def verwijder() -> None:
    """Stop using the installed pack; it stays as the previous one for ``herstel``."""
    from signaleer.pack.install import remove_pack
    from signaleer.paths import resolve_paths

    state = remove_pack(resolve_paths().config)
    assert state.vorige is not None
    click.echo(t("cli.pakket.remove.done", version=state.vorige.versie))


@pakket.command("toon", help="cli.pakket.show.help", short_help="cli.pakket.show.short")
def toon() -> None:
    """What is installed and which keys are trusted."""
    from signaleer.pack.install import changed_files
    from signaleer.pack.signing import public_key_id
    from signaleer.pack.state import read_state
    from signaleer.paths import resolve_paths
    from signaleer.settings import load_settings

    paths = resolve_paths()
    state = read_state(paths.config)
    click.echo(pack_line(state.huidig))
    changed: list[str] = []
    if state.huidig is not None:
        click.echo(
            t(
                "cli.pakket.show.details",
                author=state.huidig.auteur,
                key=state.huidig.sleutel,
                installed=state.huidig.geinstalleerd_op.replace("T", " "),
            )
        )
        changed = changed_files(paths.config, state.huidig)
        if changed:
            click.echo(
                f"signaleer: {nt('cli.pakket.show.changed', len(changed), files=', '.join(changed[:10]))}", err=True
            )
        else:
            click.echo(t("cli.pakket.show.intact"))
    if state.vorige is not None:
        click.echo(
            t(
                "cli.pakket.show.previous",
                version=state.vorige.versie,
                date=show_date(dt.date.fromisoformat(state.vorige.datum)),
            )
        )
    keys = load_settings(paths.settings_file).trusted_pack_keys
    if keys:
        click.echo(nt("cli.pakket.show.keys", len(keys), keys=", ".join(public_key_id(k) for k in keys)))
    else:
        click.echo(t("cli.pakket.show.no_keys"))
    if changed:
        raise SystemExit(1)


def pack_line(pack: InstalledPack | None) -> str:
    """'Inhoud: pakket 2026.12 van 01-12-2026' or 'Inhoud: meegeleverde inhoud', in the current language."""
    if pack is not None:
        return t("cli.pakket.line.pack", version=pack.versie, date=show_date(dt.date.fromisoformat(pack.datum)))
    return t("cli.pakket.line.bundled")


@pakket.command("vertrouw", help="cli.pakket.trust.help", short_help="cli.pakket.trust.short")
@argument("key", metavar="cli.pakket.metavar.public_key")
def vertrouw(key: str) -> None:
    """Trust a public key for packs."""
    from signaleer.pack.signing import MAX_KEY_FILE_BYTES, public_key_id, public_key_line

    source = Path(key).expanduser()
    text = _read(source, MAX_KEY_FILE_BYTES).decode("utf-8", "replace") if source.is_file() else key
    line = public_key_line(text)
    key_id = public_key_id(line)
    settings_file, settings = _settings()
    if line in settings.trusted_pack_keys:
        click.echo(t("cli.pakket.trust.already", key=key_id))
        return
    _save_keys(settings_file, settings, [*settings.trusted_pack_keys, line])
    click.echo(t("cli.pakket.trust.done", key=key_id))
    click.echo(t("cli.pakket.trust.compare", key=key_id))


@pakket.command("vergeet", help="cli.pakket.forget.help", short_help="cli.pakket.forget.short")
@argument("key", metavar="cli.pakket.metavar.key_id")
def vergeet(key: str) -> None:
    """Stop trusting a public key."""
    from signaleer.pack.signing import public_key_id, same_key_id

    settings_file, settings = _settings()
    wanted = key.strip()
    kept = [k for k in settings.trusted_pack_keys if k != wanted and not same_key_id(public_key_id(k), wanted)]
    if len(kept) == len(settings.trusted_pack_keys):
        raise UsageError(t("cli.pakket.forget.unknown", key=wanted), t("cli.pakket.forget.unknown.hint"))
    _save_keys(settings_file, settings, kept)
    click.echo(t("cli.pakket.forget.done", key=wanted))


def _settings() -> tuple[Path, Settings]:
    from signaleer.paths import resolve_paths
    from signaleer.settings import load_settings

    path = resolve_paths().settings_file
    return path, load_settings(path)


def _save_keys(path: Path, settings: Settings, keys: list[str]) -> None:
    from signaleer.settings import Settings, save_settings

    save_settings(path, Settings.model_validate({**settings.model_dump(), "trusted_pack_keys": keys}))
