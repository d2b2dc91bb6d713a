"""What the screens may ask of the running App, as a protocol: screens depend on this, never on ``tui/app.py``.

The App imports the screens; were the screens to import the App back (even for type hints) every screen would sit
in one import cycle with it. ``tui/app.py`` checks that ``SignaleerApp`` satisfies ``Shell`` (mypy), and
``tests/unit/test_import_cycles.py`` fails on any cycle.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, cast

if TYPE_CHECKING:
    from textual.dom import DOMNode
    from textual.signal import Signal

    from signaleer.domain.base import Language
    from signaleer.domain.case import Case
    from signaleer.domain.content import Content
    from signaleer.settings import Settings
    from signaleer.tui.services import Services
    from signaleer.tui.session import HandoverRequest, VaultSession
    from signaleer.vault.keys import Identity
    from signaleer.vault.store import CaseStore


class Shell(Protocol):
    """The App's services, session and actions that screens use (``SignaleerApp`` implements it)."""

    services: Services
    session: VaultSession
    cases_saved_signal: Signal[None]

    @property
    def content(self) -> Content:
        """The loaded content."""
        ...

    @property
    def settings(self) -> Settings:
        """The current settings."""
        ...

    @property
    def language(self) -> Language:
        """The interface language."""
        ...

    @property
    def store(self) -> CaseStore | None:
        """The case store while unlocked, else None."""
        ...

    def save_case(self, case: Case) -> None:
        """Save ``case`` (encrypted) in the background; the latest version wins."""
        ...

    def show_gate(self) -> None:
        """Show the create-vault screen on first run, else the unlock screen."""
        ...

    def open_vault(self, identity: Identity) -> None:
        """Start a session with ``identity`` and show the cases."""
        ...

    async def delete_case(self, case_id: str, reason: str) -> bool:
        """Delete a case, drop every screen that showed it, show the case list."""
        ...

    async def hand_over_case(self, case_id: str, request: HandoverRequest) -> bool:
        """Hand a case over to another vault (docs/overdracht.md), say how it went, show the case list anew."""
        ...

    def apply_settings(self, settings: Settings, *, save: bool = True) -> None:
        """Use ``settings`` from now on and write them in the background."""
        ...


def shell(node: DOMNode) -> Shell:
    """The running App of ``node``, as the ``Shell`` the screens may use."""
    return cast("Shell", node.app)
