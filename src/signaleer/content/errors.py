"""Content errors as data: where (file, line, column), what, and what to do."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class ContentError:
    """One problem in a content file. ``str()`` gives ``path:line:col: message``."""

    path: Path
    line: int
    col: int
    message: str
    hint: str = ""

    def location(self) -> str:
        """``path:line:col`` with the path relative to the working folder where possible."""
        try:
            shown = os.path.relpath(self.path)
            if shown.startswith(".." + os.sep + ".."):
                shown = str(self.path)
        except ValueError:
            shown = str(self.path)
        return f"{shown}:{self.line}:{self.col}"

    def __str__(self) -> str:
        text = f"{self.location()}: {self.message}"
        return f"{text}\n    → {self.hint}" if self.hint else text
