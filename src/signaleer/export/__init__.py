"""The dossier export of a case as Markdown or self-contained HTML. Pure: it returns text, it writes nothing.

Writing the text to disk (mode 0600, with a warning that it is not encrypted) is up to the caller.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal, get_args

from signaleer.domain.base import Language
from signaleer.domain.case import Case
from signaleer.domain.content import Content
from signaleer.export.build import build_document
from signaleer.export.html import render_html
from signaleer.export.markdown import render_markdown

ExportFormat = Literal["md", "html"]
FORMATS: tuple[ExportFormat, ...] = get_args(ExportFormat)

__all__ = ["FORMATS", "ExportFormat", "build_document", "export_case", "file_name"]


def export_case(
    case: Case,
    content: Content,
    export_format: ExportFormat,
    generated_at: dt.datetime,
    language: Language = "nl",
) -> str:
    """The export of ``case`` in ``export_format`` (``md`` or ``html``), dated ``generated_at``."""
    doc = build_document(case, content, generated_at, language)
    return render_html(doc) if export_format == "html" else render_markdown(doc)


def file_name(case: Case, export_format: ExportFormat, day: dt.date) -> str:
    """A file name without the pseudonym (a folder listing shows names): ``signaleer-<id>-<date>.<ext>``."""
    return f"signaleer-{case.id}-{day.isoformat()}.{export_format}"
