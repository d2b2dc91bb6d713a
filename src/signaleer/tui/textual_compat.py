"""Every private Textual API signaleer uses, in one module: nothing else in ``src/`` or ``tests/`` touches one.

Textual is pinned exactly (``pyproject.toml``). Its private names (a leading ``_``, modules like
``textual.widgets._footer``) may change in any release without notice, so each use is wrapped here, says why no
public API does the job, and has its own test in ``tests/tui/test_textual_compat.py`` that fails when Textual
changes it. When you bump Textual, run that file first; its ``test_no_private_textual_api_outside_the_shim``
keeps new uses out of other files.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from textual.app import App
from textual.widgets import Checkbox, OptionList
from textual.widgets._footer import FooterKey

if TYPE_CHECKING:
    from rich.console import RenderableType
    from textual import events
    from textual.binding import Binding
    from textual.content import Content
    from textual.css.styles import RulesMap
    from textual.dom import DOMNode
    from textual.notifications import Notification
    from textual.screen import Screen
    from textual.widget import Widget
    from textual.widgets._select import SelectOverlay

__all__ = [
    "CrashSafeApp",
    "DrawnCheckbox",
    "FooterKey",
    "KeptRendersOptionList",
    "all_screen_stacks",
    "background_screens",
    "drawn_frames",
    "key_bindings",
    "lay_out_with_screen",
    "mode_names",
    "notifications",
    "paint_in_next_frame",
    "render_screen",
    "replace_option_prompt_in_place",
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


def replace_option_prompt_in_place(options: OptionList, index: int, prompt: Content) -> None:
    """Show ``prompt`` for the option at ``index``, repainting only its own lines when its height stays the same.

    ``OptionList.replace_option_prompt_at_index`` clears the render cache of *every* option, re-measures the height
    of every option (wrapping each text) and repaints the whole list: a tick in a list of 150 signals re-rendered
    every visible line twice. Here only the option's own cached renders go and only its lines are repainted
    (``refresh_lines``); when the new prompt wraps to another number of lines, Textual's own path runs instead.
    Private: ``Option._set_prompt``, ``OptionList._option_render_cache``, ``_heights``, ``_index_to_line``,
    ``_get_visual``.
    """
    option = options.get_option_at_index(index)
    old_height = options._heights.get(index)
    option._set_prompt(prompt)  # also drops the option's cached visual
    cache = options._option_render_cache
    for key in [key for key in cache.keys() if key[0] is option]:  # noqa: SIM118 - the cache is no dict
        cache.discard(key)
    padding = options.get_component_styles("option-list--option").padding
    width = options.scrollable_content_region.width - padding.width
    rules = cast("RulesMap", options.styles)  # as OptionList itself measures an option
    new_height = options._get_visual(option).get_height(rules, width) + option._divider
    if old_height is None or new_height != old_height:
        options.replace_option_prompt_at_index(index, prompt)
        return
    options.refresh_lines(options._index_to_line[index], new_height)


class KeptRendersOptionList(OptionList):
    """An ``OptionList`` that keeps its rendered lines when it is shown again at the width it had.

    Textual's ``OptionList._on_resize`` throws away every rendered line and every measured height on each Resize,
    and a widget gets a Resize each time it is shown again (``display``), even at the same size: going back to the
    signal step re-measured all of its signals (wrapping each text) and re-rendered the list. The lines depend only
    on the width, so here they go only when the width changed. Private: ``_on_resize`` (a handler of OptionList's
    own, skipped with ``prevent_default``).
    """

    _rendered_width: int | None = None

    def _on_resize(self, event: events.Resize) -> None:  # type: ignore[override]  # Textual passes the event
        width = self.scrollable_content_region.width
        if width == self._rendered_width:
            event.prevent_default()  # Textual calls the handler of every class in the MRO: this skips OptionList's
        self._rendered_width = width


def lay_out_with_screen(screen: Screen[Any], *changed: Widget) -> None:
    """Lay ``screen`` out on its next frame, with the layouts ``changed`` asked for (a ``display`` change) taken in.

    Setting ``display`` marks the widget itself for layout, but Textual hands that to the screen only from the
    widget's next idle, as a message: it reached the screen after the screen had already laid itself out, so the
    walk laid the whole screen out twice per page move (and drew it three times). Here the request is taken over at
    once: the ancestors' arrangement caches go (as ``Widget._check_refresh`` would do) and the screen does one full
    layout, which also places every scroll. The screen itself is not repainted on top: the layout repaints every
    widget that moved or changed size, and the pending repaints of the others are put into the same frame
    (``paint_in_next_frame``), while ``Screen.focused`` (a repainting reactive) and ``refresh(layout=True)`` each ask
    for a whole-screen repaint that only resent the frame just sent. Private: ``Widget._layout_required``,
    ``_layout_updates``, ``_scroll_required``, ``_clear_arrangement_cache``, ``Screen._compositor``,
    ``_repaint_required``, ``_scroll_required``.
    """
    from textual.widget import Widget as _Widget

    for widget in changed:
        if widget._layout_required:
            widget._layout_required = False
            for ancestor in widget.ancestors:
                if not isinstance(ancestor, _Widget):
                    break
                ancestor._clear_arrangement_cache()
                ancestor._layout_updates += 1
                if not ancestor.styles.auto_dimensions:
                    break
        widget._scroll_required = False  # the full layout places it
    paint_in_next_frame(screen, *changed, *screen._compositor.visible_widgets)  # e.g. the progress bar
    screen.refresh(layout=True, repaint=False)
    screen._repaint_required = False
    screen._scroll_required = False  # a full layout, not only a scroll of what is visible


def paint_in_next_frame(screen: Screen[Any], *widgets: Widget) -> None:
    """Put the repaints and scrolls ``widgets`` asked for into ``screen``'s next frame, all of them together.

    A widget hands its repaint (and its scroll) to the screen only from its own next idle, as a message, so one
    change spread over several widgets could be drawn over two frames, in any order: after a search, the status
    "14 signalen gevonden" came a frame after the rows it counts, and it could come before the page scrolled them
    into place. Here they are handed over now, the way ``Widget._check_refresh`` and ``Screen._on_update`` /
    ``_on_update_scroll`` would. Private: ``Widget._repaint_required``, ``_scroll_required``,
    ``Screen._dirty_widgets``, ``_scroll_required``.
    """
    for widget in widgets:
        if widget._repaint_required:
            widget._repaint_required = False
            screen._dirty_widgets.add(widget)
        if widget._scroll_required and not widget._layout_required:
            widget._scroll_required = False
            screen._scroll_required = True
    screen.check_idle()


def drawn_frames(app: App[Any]) -> list[str]:
    """Test aid: from now on, the text of each frame ``app`` sends to the terminal, in order (its changed lines).

    What a person sees change, frame by frame: a test of "one change, one frame" reads it. Private:
    ``App._display`` (the one place every frame passes), wrapped on this instance only.
    """
    import io

    from rich.console import Console

    frames: list[str] = []
    display = app._display

    def recording(screen: Screen[Any], renderable: RenderableType | None) -> None:
        if renderable is not None:
            console = Console(file=io.StringIO(), width=app.size.width, color_system=None, force_terminal=True)
            frames.append("".join(segment.text for segment in console.render(renderable) if not segment.control))
        display(screen, renderable)

    app._display = recording  # type: ignore[method-assign]
    return frames
