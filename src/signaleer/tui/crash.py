"""A crash report that is safe to leave in the terminal: no local variables, no exception messages."""

from __future__ import annotations

import sys
import traceback
from pathlib import Path

from rich.text import Text

from signaleer.i18n import t


def safe_crash_report(error: BaseException | None = None) -> Text:
    """The error type and the code locations only; messages and values may contain case content."""
    error = error or sys.exc_info()[1]
    lines = [t("crash.title"), t("crash.hint")]
    if error is not None:
        lines.append(f"{type(error).__module__}.{type(error).__qualname__}")
        for frame in traceback.extract_tb(error.__traceback__)[-8:]:
            lines.append(f"  {Path(frame.filename).name}:{frame.lineno} in {frame.name}")
    return Text("\n".join(lines))
