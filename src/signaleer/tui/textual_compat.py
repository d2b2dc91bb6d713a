"""Every private Textual API signaleer uses, in one module: nothing else in ``src/`` or ``tests/`` touches one.

Textual is pinned exactly (``pyproject.toml``). Its private names (a leading ``_``, modules like
``textual.widgets._footer``) may change in any release without notice, so each use is wrapped here, says why no
public API does the job, and has its own test in ``tests/tui/test_textual_compat.py`` that fails when Textual
changes it. When you bump Textual, run that file first; its ``test_no_private_textual_api_outside_the_shim``
keeps new uses out of other files.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.app import App
from textual.widgets import Checkbox
from textual.widgets._footer import FooterKey

if TYPE_CHECKING:
    from rich.console import RenderableType
    from textual import events
    from textual.binding import Binding
    from textual.content import Content
    from textual.dom import DOMNode
    from textual.notifications import Notification
    from textual.screen import Screen
    from textual.widgets._select import SelectOverlay

__all__ = [
    "CrashSafeApp",
    "DrawnCheckbox",
    "FooterKey",
    "all_screen_stacks",
    "background_screens",
    "key_bindings",
    "mode_names",
    "notifications",
    "render_screen",
    "select_overlay",
    "start_with_theme",
    "stopped",
]

# FooterKey: one key of Textual's Footer; not exported by ``textual.widgets`` (``tui/footer.py`` lays them out).


def select_overlay() -> type[SelectOverlay]:
    """The class of a ``Select``'s open menu; not exported by ``textual.widgets`` (a test drives it).

    Imported on use: the gate screens import this module, and they have no ``Select``.
    """
    from textual.widgets._select import SelectOverlay

    return SelectOverlay


def key_bindings(node: DOMNode) -> dict[str, list[Binding]]:
    """The live table of ``node``'s bindings by key (``DOMNode._bindings.key_to_bindings``).

    ``tui/actions.py`` rewrites the titles in it when the language changes: the footer and the palette read the
    bindings from there, and Textual has no public way to change a binding's description after it is made.
    """
    table: dict[str, list[Binding]] = node._bindings.key_to_bindings
    return table


def mode_names(app: App[Any]) -> list[str]:
    """Every mode registered on ``app`` (``App._modes``): the App drops its old gate and work stacks by name."""
    return list(app._modes)


def all_screen_stacks(app: App[Any]) -> dict[str, list[Screen[Any]]]:
    """The screen stack of every mode (``App._screen_stacks``; ``App.screen_stack`` is the current one only)."""
    stacks: dict[str, list[Screen[Any]]] = app._screen_stacks
    return stacks


def stopped(event: events.Event) -> bool:
    """True when a handler called ``event.stop()`` (``Event._stop_propagation``; Textual has no public getter).

    ``tui/key_order.py`` learns from it whether a text field took a typed character.
    """
    return bool(event._stop_propagation)


def start_with_theme(app: App[Any], name: str) -> None:
    """Use theme ``name`` from the first paint on, as ``App._watch_theme`` does it minus the CSS refresh.

    Setting ``app.theme`` before the first screen re-parsed every stylesheet once more (about 30 ms); the
    stylesheet is parsed for the first time after this, with this theme's variables. This copies the classes
    ``App._watch_theme`` sets; its test compares them with what setting ``app.theme`` gives.
    """
    app.set_reactive(App.theme, name)
    theme = app.current_theme
    classes = {c: False for c in app.classes if c.startswith("-theme-")}
    classes.update({f"-theme-{theme.name}": True, "-dark-mode": theme.dark, "-light-mode": not theme.dark})
    app.update_classes(classes, update=False)


class CrashSafeApp(App[None]):
    """An App that prints ``crash_report()`` after an unhandled exception instead of Textual's traceback.

    Textual's traceback shows local variables, which can hold case content. It is printed by the private
    ``App._fatal_error``, which this overrides: the same bell and exit, with our report in ``_exit_renderables``
    (what Textual prints after leaving the alternate screen).
    """

    def crash_report(self) -> RenderableType:
        """What to print after a crash."""
        raise NotImplementedError

    def _fatal_error(self) -> None:
        self.bell()
        self._exit_renderables.append(self.crash_report())
        self._close_messages_no_wait()


class DrawnCheckbox(Checkbox):
    """A ``Checkbox`` whose box is ``box()``: Textual draws it in the private property ``ToggleButton._button``."""

    def box(self) -> Content:
        """The box in front of the label."""
        raise NotImplementedError

    @property
    def _button(self) -> Content:
        return self.box()


def notifications(app: App[Any]) -> list[Notification]:
    """The notifications on screen (``App._notifications``), for tests that check what a person was told."""
    return list(app._notifications)


def background_screens(app: App[Any]) -> list[Screen[Any]]:
    """The screens visible under the current one (``App._background_screens``), for rendering the whole screen."""
    screens: list[Screen[Any]] = app._background_screens
    return screens


def render_screen(app: App[Any]) -> RenderableType | None:
    """What the terminal shows now, as Rich renderables (``Screen._compositor``; tests read the text from it)."""
    return app.screen._compositor.render_update(full=True, screen_stack=background_screens(app))
