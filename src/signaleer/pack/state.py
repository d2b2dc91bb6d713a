"""Where the installed pack lives and which one is current: ``<config>/pakket/``.

Each installed pack is a folder ``<config>/pakket/<version>-<random>/`` with its manifest, signature and content
files. ``<config>/pakket/pakket.json`` names the current and the previous folder and summarises them (version,
date, author, key id). Replacing that one small file (``fsio.write_atomic``) is the moment an install or a restore
takes effect, so a crash leaves the old state or the new one; folders it no longer names are removed afterwards.
Plain ``json``, no crypto: the content loader asks :func:`installed_root` on every load.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass
from pathlib import Path

from signaleer.i18n import t
from signaleer.pack import PackRefused

FOLDER = "pakket"
STATE_FILE = "pakket.json"
STATE_SCHEMA = 1
MAX_STATE_BYTES = 64 * 1024
_FOLDER_NAME = re.compile(r"^[0-9][0-9.]{0,47}-[0-9a-f]{8,32}$")


@dataclass(frozen=True)
class InstalledPack:
    """One installed pack as the state file summarises it."""

    folder: str
    """The folder name under ``<config>/pakket/``."""
    versie: str
    datum: str
    """The pack's date (ISO)."""
    auteur: str
    sleutel: str
    """The id of the key that signed it (up to 16 hex digits, as the minisign CLI shows it)."""
    geinstalleerd_op: str
    """When it was installed on this laptop (ISO date and time)."""


@dataclass(frozen=True)
class PackState:
    """The current and the previous pack (either may be missing)."""

    huidig: InstalledPack | None = None
    vorige: InstalledPack | None = None

    def to_json(self) -> bytes:
        """The state file's bytes."""
        data = {
            "schema_versie": STATE_SCHEMA,
            "huidig": asdict(self.huidig) if self.huidig else None,
            "vorige": asdict(self.vorige) if self.vorige else None,
        }
        return (json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8")


def pack_folder(config: Path) -> Path:
    """``<config>/pakket``."""
    return config / FOLDER


def state_file(config: Path) -> Path:
    """``<config>/pakket/pakket.json``."""
    return pack_folder(config) / STATE_FILE


def _entry(value: object) -> InstalledPack | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        raise ValueError(value)
    fields = {name: value.get(name) for name in InstalledPack.__dataclass_fields__}
    if set(value) != set(fields) or not all(isinstance(v, str) for v in fields.values()):
        raise ValueError(value)
    entry = InstalledPack(**fields)  # type: ignore[arg-type]
    if not _FOLDER_NAME.fullmatch(entry.folder):
        raise ValueError(entry.folder)
    return entry


def read_state(config: Path) -> PackState:
    """The state; an empty one when no pack was ever installed. An unreadable or damaged file raises ``PackRefused``."""
    from signaleer.fsio import NotRegularFile, read_regular_file

    path = state_file(config)
    try:
        raw = read_regular_file(path, MAX_STATE_BYTES)
    except FileNotFoundError:
        return PackState()
    except (NotRegularFile, OSError):
        raise PackRefused(t("pack.state.damaged", path=path), t("pack.state.damaged.hint", path=path)) from None
    try:
        if len(raw) > MAX_STATE_BYTES:
            raise ValueError(len(raw))
        data = json.loads(raw.decode("utf-8"))
        if not isinstance(data, dict) or data.get("schema_versie") != STATE_SCHEMA:
            raise ValueError(data)
        if set(data) != {"schema_versie", "huidig", "vorige"}:
            raise ValueError(data)
        return PackState(huidig=_entry(data["huidig"]), vorige=_entry(data["vorige"]))
    except (ValueError, UnicodeDecodeError, TypeError):
        raise PackRefused(t("pack.state.damaged", path=path), t("pack.state.damaged.hint", path=path)) from None


def installed_root(config: Path) -> Path | None:
    """The content root of the current pack, or None when none is installed (the bundled content is used)."""
    current = read_state(config).huidig
    if current is None:
        return None
    root = pack_folder(config) / current.folder
    if not root.is_dir():
        raise PackRefused(
            t("pack.state.missing_folder", path=root), t("pack.state.damaged.hint", path=state_file(config))
        )
    return root


def current_pack(config: Path) -> InstalledPack | None:
    """The current pack's summary, or None: for the home screen and ``signaleer routes`` (never raises)."""
    try:
        return read_state(config).huidig
    except PackRefused:
        return None
