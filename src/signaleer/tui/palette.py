"""The command palette: the registered actions that work here, and a search through the knowledge pages."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.dom import DOMNode

from signaleer.i18n import current_language, t
from signaleer.tui import actions
from signaleer.tui.actions import APP_SCOPE, ActionSpec
from signaleer.tui.shell import shell

if TYPE_CHECKING:
    from signaleer.domain.knowledge import KnowledgePage


class ShellCommands(Provider):
    """Actions from the registry (available ones only) and knowledge pages matching every typed word."""

    def _available(self) -> list[tuple[ActionSpec, DOMNode]]:
        scope = getattr(self.screen, "ACTION_SCOPE", None)
        found: list[tuple[ActionSpec, DOMNode]] = []
        for spec in actions.registered():
            if not spec.palette or spec.action == "command_palette":
                continue
            node: DOMNode = self.app if spec.scope == APP_SCOPE else self.screen
            if spec.scope in (APP_SCOPE, scope) and node.check_action(spec.action, ()) is not False:
                found.append((spec, node))
        return found

    def _run(self, spec: ActionSpec, node: DOMNode) -> Callable[[], object]:
        return partial(self.app.run_action, spec.action, node)

    def _pages(self) -> list[KnowledgePage]:
        app = shell(self.screen)
        if not app.session.unlocked:
            return []
        return app.content.pages_in(current_language())

    def _open_page(self, page_id: str) -> None:
        from signaleer.tui.screens.knowledge import KnowledgeScreen

        self.app.push_screen(KnowledgeScreen(page_id=page_id))

    async def discover(self) -> Hits:
        """Every available action, so the palette doubles as a menu."""
        for spec, node in self._available():
            yield DiscoveryHit(t(spec.title), self._run(spec, node), help=t(spec.help))

    async def search(self, query: str) -> Hits:
        """Actions whose title matches, then pages that contain every word of ``query``."""
        matcher = self.matcher(query)
        for spec, node in self._available():
            title = t(spec.title)
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), self._run(spec, node), text=title, help=t(spec.help))
        prefix = t("palette.page")
        for page in self._pages():
            if page.matches(query):
                title = f"{prefix}: {page.meta.titel}"
                score = max(matcher.match(page.meta.titel), 0.5)
                yield Hit(
                    score,
                    matcher.highlight(title),
                    partial(self._open_page, page.id),
                    text=title,
                    help=t("palette.page.help"),
                )
