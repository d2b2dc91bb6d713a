"""Knowledge pages: a searchable list and a Markdown viewer, in the interface language."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Input, Markdown, OptionList, Static
from textual.widgets.option_list import Option

from signaleer.domain.knowledge import KnowledgePage
from signaleer.i18n import current_language, t
from signaleer.tui.actions import ActionSpec, register
from signaleer.tui.footer import ShellFooter
from signaleer.tui.screens import shell


def page_markdown(page: KnowledgePage) -> str:
    """The page text followed by its date and sources."""
    sources = "\n".join(f"- [{source.title or source.url}]({source.url})" for source in page.meta.bronnen)
    date = page.meta.datum.strftime("%d-%m-%Y")
    heading = "" if page.body.lstrip().startswith("# ") else f"# {page.meta.titel}\n\n"
    return (
        f"{heading}{page.body}\n\n---\n\n**{t('knowledge.date')}:** {date}\n\n"
        f"**{t('knowledge.sources')}:**\n\n{sources}\n"
    )


class KnowledgeScreen(Screen[None]):
    """Browse and search the knowledge pages."""

    ACTION_SCOPE: ClassVar[str] = "knowledge"
    BINDINGS: ClassVar = register(
        ActionSpec("knowledge.search", "search", "ctrl+f", "action.search", "action.search.help", priority=True),
        ActionSpec("knowledge.back", "back", "escape", "action.back", "action.back.help"),
    )

    def __init__(self, page_id: str | None = None) -> None:
        super().__init__()
        self.page_id = page_id
        """The page to show first; the first page when None."""
        self.shown: list[KnowledgePage] = []
        """Pages in the list, after filtering."""

    @property
    def pages(self) -> list[KnowledgePage]:
        """All pages in the interface language (Dutch where no translation exists)."""
        return shell(self).content.pages_in(current_language())

    def compose(self) -> ComposeResult:
        """Search field and page list on the left, the page on the right."""
        yield Static(t("knowledge.title"), classes="screen-title")
        with Horizontal(id="knowledge"):
            with Vertical(id="knowledge-side"):
                yield Input(placeholder=t("knowledge.search_placeholder"), id="search")
                yield OptionList(id="pages")
            with VerticalScroll(id="page-scroll"):
                yield Markdown("", id="page")
        yield ShellFooter()

    def on_mount(self) -> None:
        """List every page and show the chosen one."""
        self.show_matches("")
        if self.page_id:
            self.show_page(self.page_id)
        elif self.shown:
            self.show_page(self.shown[0].id)
        self.query_one("#pages", OptionList).focus()

    @on(Input.Changed, "#search")
    def _search_changed(self, event: Input.Changed) -> None:
        self.show_matches(event.value)

    def show_matches(self, query: str) -> None:
        """Show the pages that contain every word of ``query``."""
        self.shown = [page for page in self.pages if page.matches(query)]
        options = self.query_one("#pages", OptionList)
        options.clear_options()
        if self.shown:
            options.add_options([Option(page.meta.titel, id=page.id) for page in self.shown])
        else:
            options.add_option(Option(t("knowledge.no_match"), disabled=True))

    @on(OptionList.OptionSelected, "#pages")
    @on(OptionList.OptionHighlighted, "#pages")
    def _chosen(self, event: OptionList.OptionSelected | OptionList.OptionHighlighted) -> None:
        if event.option.id:
            self.show_page(event.option.id)

    def show_page(self, page_id: str) -> None:
        """Show the page ``page_id`` in the viewer."""
        page = next((p for p in self.pages if p.id == page_id), None)
        if page is None:
            return
        self.page_id = page.id
        self.query_one("#page", Markdown).update(page_markdown(page))
        self.query_one("#page-scroll", VerticalScroll).scroll_home(animate=False)

    def action_search(self) -> None:
        """Jump to the search field."""
        self.query_one("#search", Input).focus()

    def action_back(self) -> None:
        """Back to where you were."""
        self.dismiss(None)
