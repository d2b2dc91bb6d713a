"""One registry of user actions: keys, titles and help are defined once here.

Bindings, footer labels, the command palette and the help screen are all generated from it, so
they always agree. A screen declares its actions with ``BINDINGS = register(ActionSpec(...), ...)``
and sets ``ACTION_SCOPE`` to the same scope; ``check_action`` decides what is available.
"""

from __future__ import annotations

import dataclasses
import importlib
from dataclasses import dataclass

from textual.binding import Binding, BindingType
from textual.dom import DOMNode

from signaleer.i18n import t
from signaleer.tui.textual_compat import key_bindings

APP_SCOPE = "app"
"""Scope of actions that work on every screen."""

_REGISTRY: dict[str, ActionSpec] = {}


@dataclass(frozen=True)
class ActionSpec:
    """A user action: the key(s) that run it, its title and help text (i18n keys), where it works."""

    id: str
    """Unique id, ``<scope>.<name>``; also the binding id."""
    action: str
    """The Textual action run on the screen (or the app for the app scope), e.g. ``new_case``."""
    keys: str
    """Comma-separated keys; the first one is shown in the footer."""
    title: str
    """i18n key of the short title shown in the footer, palette and help."""
    help: str
    """i18n key of one sentence explaining the action."""
    footer: bool = True
    """Show in the footer."""
    palette: bool = True
    """Offer in the command palette."""
    priority: bool = False
    """Run even when a text field has focus."""

    @property
    def scope(self) -> str:
        """The scope: ``app`` or the ``ACTION_SCOPE`` of a screen."""
        return self.id.split(".", 1)[0]

    def binding(self) -> Binding:
        """The Textual binding for this action, described in the current language."""
        return Binding(
            self.keys,
            self.action,
            t(self.title),
            show=self.footer,
            priority=self.priority,
            tooltip=t(self.help),
            id=self.id,
            key_display=format_keys(self.keys.split(",")[0]),
        )


def register(*specs: ActionSpec) -> list[BindingType]:
    """Add ``specs`` to the registry and return their bindings (for a ``BINDINGS`` class variable)."""
    for spec in specs:
        known = _REGISTRY.get(spec.id)
        if known is not None and known != spec:
            raise ValueError(f"action {spec.id} registered twice with different definitions")
        _REGISTRY[spec.id] = spec
    return [spec.binding() for spec in specs]


def registered() -> list[ActionSpec]:
    """Every registered action, app scope first, then by scope in registration order."""
    specs = list(_REGISTRY.values())
    return sorted(specs, key=lambda spec: spec.scope != APP_SCOPE)


def in_scope(scope: str | None) -> list[ActionSpec]:
    """The actions of one scope."""
    return [spec for spec in _REGISTRY.values() if spec.scope == scope]


def spec_for(action: str, scope: str | None) -> ActionSpec | None:
    """The spec behind ``action`` in ``scope`` (or the app scope)."""
    for spec in _REGISTRY.values():
        if spec.action == action and spec.scope in (scope, APP_SCOPE):
            return spec
    return None


def load_all() -> None:
    """Import the modules that register actions lazily (the walk, the follow-up), so the help lists them too."""
    for module in ("signaleer.tui.walk", "signaleer.tui.followup"):
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name is None or not exc.name.startswith(module):
                raise


def format_keys(keys: str) -> str:
    """Keys as a person reads them: ``f12,ctrl+g`` → ``F12 / Ctrl+G``."""
    names = []
    for key in keys.split(","):
        parts = [
            KEY_NAMES.get(part, part.capitalize() if len(part) > 1 else part.upper()) for part in key.strip().split("+")
        ]
        names.append("+".join(parts))
    return " / ".join(names)


KEY_NAMES = {"slash": "/", "escape": "Esc"}
"""Keys whose Textual name is not what the keyboard shows (short, so the footer fits in 80 columns)."""


TEXTUAL_TITLES = {
    "Dismiss menu": "textual.dismiss_menu",
    "Exit the command palette": "textual.exit_palette",
}
"""Footer titles of Textual's own widgets that signaleer shows (Select's menu, the command palette)."""


def localize_bindings(node: DOMNode) -> None:
    """Rewrite the titles of ``node``'s bindings in the current language: ours, and Textual's that we show."""
    table = key_bindings(node)
    for key, bindings in table.items():
        table[key] = [_localized(binding) for binding in bindings]


def _localized(binding: Binding) -> Binding:
    if binding.id and (spec := _REGISTRY.get(binding.id)):
        return dataclasses.replace(binding, description=t(spec.title), tooltip=t(spec.help))
    key = TEXTUAL_TITLES.get(binding.description) or _SHOWN.get(binding.description)
    if key is None:
        return binding
    text = t(key)
    _SHOWN[text] = key  # so a later change of language finds it again
    return dataclasses.replace(binding, description=text)


_SHOWN: dict[str, str] = {}
"""Catalogue key of each Textual title already shown in some language."""
