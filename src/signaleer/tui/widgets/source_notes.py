"""What the professional reads, and behind a 'Bronnen' fold what the content editors noted (sources, checks)."""

from __future__ import annotations

from rich.markdown import Markdown as RichMarkdown
from textual.content import Content
from textual.widgets import Collapsible, Static

from signaleer.domain.explain import split_notes
from signaleer.i18n import t


def markdown(text: str) -> Static:
    """``text`` (Markdown from the content files) rendered: bold, lists, no raw ``**``."""
    return Static(RichMarkdown(text), classes="markdown")


class SourceNotes(Collapsible):
    """A closed 'Bronnen' fold with the editor's notes and the source; opened by click, Enter or Space."""

    DEFAULT_CSS = """
    SourceNotes { border: none; padding: 0; background: transparent; }
    SourceNotes > Contents { padding: 0 0 0 2; }
    SourceNotes .source-line { color: $text-muted; }
    """

    def __init__(self, notes: list[str], source: str = "") -> None:
        lines = [*notes, *([t("walk.contact.source", source=source)] if source else [])]
        super().__init__(Static(Content("\n".join(lines)), classes="source-line"), title=t("walk.sources"))
        self.lines = lines
        """What the fold shows when opened."""


__all__ = ["SourceNotes", "markdown", "split_notes"]
