"""Back where the vault locked: which case screen, tab and field were shown, and opening them again after unlocking.

Only ids and positions are remembered, never case content: the case itself is read again, decrypted, from the vault.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.screen import Screen
from textual.widget import Widget

from signaleer.errors import SignaleerError

if TYPE_CHECKING:
    from textual.app import App

    from signaleer.vault.store import CaseStore

WALK_SCOPE, FOLLOWUP_SCOPE = "walk", "followup"
"""``ACTION_SCOPE`` of the walk and the follow-up screen (duck-typed: importing them would slow the gate)."""


@dataclass(frozen=True)
class Place:
    """Where the professional was when the vault locked: ids and positions only, never case content."""

    scope: str
    """The case screen: the walk or the follow-up."""
    case_id: str
    """The case shown (read again, decrypted, after unlocking)."""
    tab: str | None
    """The follow-up tab shown."""
    anchor: str | None
    """Id of the focused widget, or of its nearest ancestor with an id."""
    offset: int
    """Position of the focused widget among the focusable widgets inside ``anchor`` (0: the anchor itself)."""


def _focusables(anchor: Widget) -> list[Widget]:
    return [anchor, *(w for w in anchor.query("*") if w.focusable)]


def place_of(stack: list[Screen[object]]) -> Place | None:
    """The case screen on top of ``stack`` (under any dialog), its tab and the field with the focus."""
    for screen in reversed(stack):
        scope = getattr(screen, "ACTION_SCOPE", None)
        case = getattr(screen, "case", None)
        if scope not in (WALK_SCOPE, FOLLOWUP_SCOPE) or case is None:
            continue
        tab = None
        if scope == FOLLOWUP_SCOPE:
            from textual.widgets import TabbedContent

            tab = next((tabs.active for tabs in screen.query(TabbedContent)), None)
        anchor, offset = None, 0
        focused = screen.focused
        if focused is not None:
            holder = next((w for w in [focused, *focused.ancestors] if isinstance(w, Widget) and w.id), None)
            if holder is not None and holder is not screen:
                anchor = holder.id
                chain = _focusables(holder)
                offset = chain.index(focused) if focused in chain else 0
        return Place(scope, case.id, tab, anchor, offset)
    return None


async def reopen(app: App[None], store: CaseStore, place: Place, still_unlocked: Callable[[], bool]) -> None:
    """Open the case again from the vault on the screen, page, tab and field where the lock found it."""
    try:
        case = await asyncio.to_thread(store.open, place.case_id)
    except SignaleerError:
        return  # deleted or unreadable meanwhile: the case list says why
    screen: Screen[None]
    if place.scope == FOLLOWUP_SCOPE:
        from signaleer.tui.followup import FollowUpScreen

        screen = FollowUpScreen(case, place.tab or "vervolg")
    else:
        from signaleer.tui.screens.home import walk_screen

        screen = walk_screen(case)  # resumes at case.position, which the lock saved
    if not still_unlocked():
        return
    await app.push_screen(screen)
    # Runs after the screen's own mount (which shows the page and focuses its first field).
    screen.call_later(_refocus, app, screen, place)


def _refocus(app: App[None], screen: Screen[None], place: Place) -> None:
    if place.anchor is None or screen is not app.screen:
        return
    found = screen.query(f"#{place.anchor}")
    if not found:
        return
    chain = _focusables(found.first())
    target = chain[place.offset] if place.offset < len(chain) else chain[0]
    if target.focusable:
        target.focus()
