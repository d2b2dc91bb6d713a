"""Render an export document as Markdown; every text from the case is escaped."""

from __future__ import annotations

import re

from signaleer.export.document import Bullets, Document, Fields, Note, Para, Table

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
_BLOCK_MARK = re.compile(r"^(\s*)([#+\-=])")
_NUMBERED = re.compile(r"^(\s*\d+)([.)])")


def _escape_line(line: str) -> str:
    line = _SPECIAL.sub(r"\\\1", line.rstrip())
    return _NUMBERED.sub(r"\1\\\2", _BLOCK_MARK.sub(r"\1\\\2", line))


def escape(text: str) -> str:
    """``text`` with Markdown and HTML syntax escaped, so it always shows as typed."""
    return "  \n".join(_escape_line(line) for line in text.strip().splitlines())


def _cell(text: str) -> str:
    return escape(text).replace("  \n", " <br> ") or " "


def render_markdown(doc: Document) -> str:
    """The document as Markdown (CommonMark with pipe tables)."""
    out = [f"# {escape(doc.title)}", "", f"> **{escape(doc.warning)}**", ""]
    for section in doc.sections:
        out += [f"{'#' * section.level} {escape(section.title)}", ""]
        for block in section.blocks:
            if isinstance(block, Fields):
                out += [f"- **{escape(name)}:** {escape(value)}" for name, value in block.rows]
            elif isinstance(block, Table):
                if not block.rows:
                    out.append("_—_")
                else:
                    out.append("| " + " | ".join(_cell(h) for h in block.header) + " |")
                    out.append("|" + "---|" * len(block.header))
                    out += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in block.rows]
            elif isinstance(block, Bullets):
                for checked, text in block.items:
                    box = "" if checked is None else ("[x] " if checked else "[ ] ")
                    out.append(f"- {box}{escape(text)}")
            elif isinstance(block, Note):
                out.append(f"> {escape(block.text)}")
            elif isinstance(block, Para):
                out.append(escape(block.text))
            out.append("")
    return "\n".join(out).rstrip() + "\n"
