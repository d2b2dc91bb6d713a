"""Render an export document as one self-contained HTML page: inline CSS, no external resources, print styles."""

from __future__ import annotations

from html import escape as _escape

from signaleer.export.document import Bullets, Document, Fields, Note, Para, Table

CSS = """
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", Arial, sans-serif; font-size: 11pt; line-height: 1.4;
  color: #111; max-width: 60rem; margin: 1.5rem auto; padding: 0 1rem; }
h1 { font-size: 1.5rem; margin-bottom: 0.5rem; }
h2 { font-size: 1.2rem; border-bottom: 2px solid #444; padding-bottom: 0.2rem; margin-top: 1.6rem; }
h3 { font-size: 1.05rem; }
.warning { border: 2px solid #a00; background: #fff3f3; padding: 0.5rem 0.8rem; font-weight: bold; }
.note { border-left: 4px solid #777; background: #f4f4f4; padding: 0.3rem 0.7rem; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.15rem 1rem; margin: 0.5rem 0; }
dt { font-weight: bold; }
dd { margin: 0; white-space: pre-wrap; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0; }
th, td { border: 1px solid #999; padding: 0.25rem 0.4rem; text-align: left; vertical-align: top;
  white-space: pre-wrap; overflow-wrap: anywhere; }
th { background: #e8e8e8; }
ul.checklist { list-style: none; padding-left: 0.5rem; }
.empty { color: #555; font-style: italic; }
@page { size: A4; margin: 18mm 15mm; }
@media print {
  body { margin: 0; max-width: none; font-size: 10pt; }
  h2 { break-after: avoid; page-break-after: avoid; }
  tr, dl, .note, .warning { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  th { background: #e8e8e8 !important; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""


def esc(text: str) -> str:
    """``text`` escaped for HTML element content and attribute values."""
    return _escape(text, quote=True)


def render_html(doc: Document) -> str:
    """The document as a complete HTML page that prints well and loads nothing from elsewhere."""
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{esc(doc.language)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">",
        f"<title>{esc(doc.title)}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        f"<h1>{esc(doc.title)}</h1>",
        f'<p class="warning">{esc(doc.warning)}</p>',
    ]
    for section in doc.sections:
        level = min(max(section.level, 2), 3)
        out.append(f"<section><h{level}>{esc(section.title)}</h{level}>")
        for block in section.blocks:
            if isinstance(block, Fields):
                rows = "".join(f"<dt>{esc(name)}</dt><dd>{esc(value)}</dd>" for name, value in block.rows)
                out.append(f"<dl>{rows}</dl>")
            elif isinstance(block, Table):
                if not block.rows:
                    out.append('<p class="empty">—</p>')
                    continue
                head = "".join(f"<th>{esc(h)}</th>" for h in block.header)
                body = "".join("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in row) + "</tr>" for row in block.rows)
                out.append(f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")
            elif isinstance(block, Bullets):
                items = "".join(
                    f"<li>{'' if checked is None else ('☑ ' if checked else '☐ ')}{esc(text)}</li>"
                    for checked, text in block.items
                )
                out.append(f'<ul class="checklist">{items}</ul>')
            elif isinstance(block, Note):
                out.append(f'<p class="note">{esc(block.text)}</p>')
            elif isinstance(block, Para):
                out.append(f"<p>{esc(block.text)}</p>")
        out.append("</section>")
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"
