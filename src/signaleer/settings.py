"""User settings: default gemeente and sector, language, idle lock, organisation recipients, retention."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from signaleer.errors import SignaleerError

AgeRecipient = Annotated[str, StringConstraints(pattern=r"^age1[0-9a-z]{58}$")]


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


def load_settings(path: Path) -> Settings:
    """Read settings; defaults when the file does not exist."""
    if not path.exists():
        return Settings()
    try:
        return Settings.model_validate_json(path.read_text(encoding="utf-8"))
    except (ValidationError, ValueError) as exc:
        raise SignaleerError(
            f"Het instellingenbestand {path} is ongeldig.",
            "Herstel of verwijder het bestand; signaleer maakt dan een nieuw bestand met standaardwaarden.",
        ) from exc


def save_settings(path: Path, settings: Settings) -> None:
    """Write settings atomically."""
    from signaleer.vault.atomic import write_atomic

    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    write_atomic(path, json.dumps(settings.model_dump(mode="json"), indent=2).encode("utf-8"))
