"""Knowledge pages: Markdown files with YAML front matter between two '---' lines."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from signaleer.content.errors import ContentError
from signaleer.content.validation import validate
from signaleer.content.yaml_io import MAX_CONTENT_BYTES, parse_yaml
from signaleer.domain.base import Language
from signaleer.domain.knowledge import KnowledgePage, PageMeta
from signaleer.i18n import t

_NAME = re.compile(r"^(?P<id>[a-z0-9][a-z0-9_]*)(?:\.(?P<lang>en))?\.md$")


def load_page(path: Path) -> tuple[KnowledgePage | None, list[ContentError]]:
    """Parse one knowledge page; errors point at the line in the file."""
    match = _NAME.match(path.name)
    if match is None:
        return None, [ContentError(path, 1, 1, t("content.error.page_name"), t("content.error.page_name.hint"))]
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):  # a FIFO would hang the load; a device could be read forever
            return None, [ContentError(path, 1, 1, t("content.error.not_regular"), t("content.error.not_regular.hint"))]
        if info.st_size > MAX_CONTENT_BYTES:
            limit = MAX_CONTENT_BYTES // (1024 * 1024)
            return None, [
                ContentError(path, 1, 1, t("content.error.too_large", limit=limit), t("content.error.too_large.hint"))
            ]
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return None, [
            ContentError(
                path, 1, 1, t("content.error.page_unreadable", cause=exc), t("content.error.page_unreadable.hint")
            )
        ]
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return None, [ContentError(path, 1, 1, t("content.error.page_no_head"), t("content.error.page.hint"))]
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        return None, [ContentError(path, 1, 1, t("content.error.page_head_open"), t("content.error.page.hint"))]
    # Pad with one empty line so YAML line numbers match the file's.
    doc = parse_yaml("\n" + "\n".join(lines[1:end]), path)
    if doc.data is None or doc.errors:
        return None, doc.errors or [
            ContentError(path, 1, 1, t("content.error.page_head_empty"), t("content.error.page.hint"))
        ]
    meta, errors = validate(PageMeta, doc)
    if meta is None:
        return None, errors
    body = "\n".join(lines[end + 1 :]).strip()
    if not body:
        return None, [
            ContentError(path, end + 1, 1, t("content.error.page_no_body"), t("content.error.page_no_body.hint"))
        ]
    assert isinstance(meta, PageMeta)
    language: Language = "en" if match["lang"] == "en" else "nl"
    return KnowledgePage(id=match["id"], language=language, meta=meta, body=body), []
