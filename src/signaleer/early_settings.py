"""The two settings the first screen needs (language and theme), read without pydantic.

Importing pydantic costs ~0.2 s; the create/unlock screen should not wait for it. The full, validated
``Settings`` are loaded behind that screen; an invalid file is reported then.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

_MAX_BYTES = 1024 * 1024
"""As ``settings.MAX_SETTINGS_BYTES`` (not imported: that module loads pydantic)."""


@dataclass(frozen=True)
class EarlySettings:
    """Language and theme, with safe defaults for anything missing or odd."""

    language: str = "nl"
    theme: str = "standaard"


def peek_settings(path: Path) -> EarlySettings:
    """Read language and theme from the settings file; defaults when absent or unreadable."""
    from signaleer.fsio import NotRegularFile, read_regular_file

    try:  # never a FIFO (it would hang the start) nor a huge file: the full load names the problem
        data = json.loads(read_regular_file(path, _MAX_BYTES).decode("utf-8"))
    except (OSError, ValueError, NotRegularFile):
        return EarlySettings()
    if not isinstance(data, dict):
        return EarlySettings()
    language = data.get("language") if data.get("language") in {"nl", "en"} else "nl"
    theme = data.get("theme") if data.get("theme") in {"standaard", "hoog_contrast"} else "standaard"
    return EarlySettings(language=str(language), theme=str(theme))
