"""Where signaleer keeps things. SIGNALEER_HOME puts everything under one folder (tests, USB stick)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

BUNDLED_ROOT_ENV = "SIGNALEER_CONTENT"


@dataclass(frozen=True)
class Paths:
    """The folders signaleer uses."""

    config: Path
    """Settings and the user's own content overrides (checklists/, meldroutes/)."""
    data: Path
    """The vault with the encrypted case files."""

    @property
    def settings_file(self) -> Path:
        """The settings file (no case content in it, ever)."""
        return self.config / "instellingen.json"

    @property
    def vault(self) -> Path:
        """The vault folder."""
        return self.data / "kluis"

    @property
    def user_content(self) -> Path:
        """Folder whose checklists/ and meldroutes/ override the bundled files by file name."""
        return self.config


def resolve_paths() -> Paths:
    """Paths from SIGNALEER_HOME when set, else the platform's user folders."""
    home = os.environ.get("SIGNALEER_HOME")
    if home:
        root = Path(home).expanduser()
        return Paths(config=root / "config", data=root / "data")
    import platformdirs

    return Paths(
        config=Path(platformdirs.user_config_dir("signaleer", appauthor=False)),
        data=Path(platformdirs.user_data_dir("signaleer", appauthor=False)),
    )


def bundled_content_root() -> Path:
    """The folder holding the bundled checklists/ and meldroutes/ (repository or installed wheel)."""
    override = os.environ.get(BUNDLED_ROOT_ENV)
    if override:
        return Path(override)
    package = Path(__file__).resolve().parent
    installed = package / "_bundled"
    if (installed / "checklists").is_dir():
        return installed
    return package.parent.parent


def bundled_examples() -> dict[str, Path]:
    """The bundled training cases (examples/*.yaml), by short name: ``01_lotte.yaml`` is ``lotte``."""
    folder = bundled_content_root() / "examples"
    found = sorted(folder.glob("*.yaml")) if folder.is_dir() else []
    return {path.stem.split("_", 1)[-1]: path for path in found}


ENGINEER_DOCS = frozenset({"architecture", "glossary"})
"""Pages of ``docs/`` written for engineers (in English): shipped with the rest, not listed as user guides."""


def bundled_docs() -> dict[str, Path]:
    """The bundled user documentation (docs/*.md without ``ENGINEER_DOCS``), by name without ``.md``."""
    folder = bundled_content_root() / "docs"
    found = sorted(folder.glob("*.md")) if folder.is_dir() else []
    return {path.stem: path for path in found if path.stem not in ENGINEER_DOCS}
