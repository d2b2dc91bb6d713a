"""User settings: default gemeente and sector, language, idle lock, organisation recipients, retention."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from signaleer.errors import SignaleerError, disk_error, os_cause
from signaleer.i18n import t

MAX_SETTINGS_BYTES = 1024 * 1024

AgeRecipient = Annotated[str, StringConstraints(pattern=r"^age1[0-9a-z]{58}$")]
PackKey = Annotated[str, StringConstraints(pattern=r"^RW[QRST][A-Za-z0-9+/]{53}$")]
"""A minisign public key (the base64 line of a ``.pub`` file): algorithm Ed, key id, Ed25519 key (42 bytes)."""


class Settings(BaseModel):
    """Settings stored as JSON in the config folder. They never contain case content."""

    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True)

    gemeente: str | None = None
    """Default municipality for new cases."""
    sector: str = "wijkteam"
    """Default sector; picks the afwegingskader variant."""
    language: Literal["nl", "en"] = "nl"
    """Language of the interface."""
    idle_lock_minutes: Annotated[int, Field(ge=1, le=120)] = 5
    """Lock the vault after this many minutes without input."""
    org_recipients: list[AgeRecipient] = Field(default_factory=list)
    """Public age keys of the organisation (aandachtsfunctionaris) that can also read every case."""
    retention_days: Annotated[int, Field(ge=1)] = 365
    """Cases unchanged for longer than this may be purged."""
    route_max_age_months: Annotated[int, Field(ge=1, le=120)] = 12
    """Warn when a contact in a route was checked longer ago than this."""
    theme: Literal["standaard", "hoog_contrast"] = "standaard"
    """Colour theme of the interface."""
    trusted_pack_keys: list[PackKey] = Field(default_factory=list)
    """Public minisign keys whose signed content packs this laptop installs (``signaleer pakket vertrouw``)."""


def load_settings(path: Path) -> Settings:
    """Read settings; defaults when the file does not exist."""
    from signaleer.fsio import NotRegularFile, read_regular_file

    try:
        raw = read_regular_file(path, MAX_SETTINGS_BYTES)
    except FileNotFoundError:
        return Settings()
    except NotRegularFile as exc:
        raise SignaleerError(
            t("settings.error.not_regular", path=path, kind=exc.kind), t("settings.error.not_regular.hint")
        ) from None
    except OSError as exc:
        raise SignaleerError(
            t("settings.error.unreadable", path=path, cause=os_cause(exc)), t("settings.error.unreadable.hint")
        ) from None
    try:
        if len(raw) > MAX_SETTINGS_BYTES:
            raise ValueError(MAX_SETTINGS_BYTES)  # caught below: the file is refused as invalid
        return Settings.model_validate_json(raw.decode("utf-8"))
    except (ValidationError, ValueError) as exc:
        raise SignaleerError(t("settings.error.invalid", path=path), t("settings.error.invalid.hint")) from exc


def save_settings(path: Path, settings: Settings) -> None:
    """Write settings atomically; every folder made for them is 0700 (also before a vault exists).

    A disk error raises ``DiskError`` naming the cause; the old file stays as it was.
    """
    from signaleer.fsio import ensure_private_dir, write_atomic

    try:
        ensure_private_dir(path.parent)
        write_atomic(path, json.dumps(settings.model_dump(mode="json"), indent=2).encode("utf-8"))
    except OSError as exc:
        raise disk_error(exc, t("error.disk.what.save_settings")) from exc
