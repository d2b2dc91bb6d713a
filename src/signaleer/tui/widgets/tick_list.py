"""A long list of things to tick, grouped under headers with counts, drawn as lines (one widget for the whole list).

Signals, risk factors, aftercare points and revictimisation signals are all this list: ticking changes one
line's ``[x]`` mark and the count in its header, never the number of rows, so a row never moves under the
pointer and three quick clicks tick three lines. The list is Textual's ``OptionList`` (a line-API
``ScrollView``: it renders only the rows on screen), so a tick costs about what a ``SelectionList`` tick costs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from textual import events
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.reactive import Reactive
from textual.widgets import OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist

from signaleer.tui.textual_compat import KeptRendersOptionList, replace_option_prompt_in_place


@dataclass(frozen=True)
class TickItem:
    """One line that can be ticked."""

    id: str
    """Stable id (a signal id, a checklist point id)."""
    text: str
    """What the line says after its mark."""
    search: str = ""
    """Extra text a search matches besides ``text`` (the other language, the weight)."""


@dataclass(frozen=True)
class TickGroup:
    """A header and the items under it."""

    key: str
    """Stable id of the group (a category)."""
    label: str
    """The header text; the count of ticked items is added to it."""
    items: Sequence[TickItem]
    """The items, in order."""
    prompt: str = ""
    """An optional line under the header (a question to ask yourself), shown as a header too."""


ToggleHook = Callable[[str, bool], None]
"""Called with an item id and whether it is ticked now."""

HEADER_PREFIX = "group:"
"""Option ids of headers start with this, so they never clash with an item id."""


class TickList(KeptRendersOptionList):
    """Grouped ``[x]``/``[ ]`` lines; Space, Enter or a click ticks the highlighted one and posts ``Toggled``."""

    DEFAULT_CSS = """
    TickList { height: auto; max-height: 100%; }
    TickList > .option-list--option-disabled { color: $text; text-style: bold; }
    """

    class Toggled(Message):
        """The professional ticked (``ticked`` True) or unticked an item."""

        def __init__(self, tick_list: TickList, item_id: str, ticked: bool) -> None:
            super().__init__()
            self.tick_list = tick_list
            self.item_id = item_id
            self.ticked = ticked

        @property
        def control(self) -> TickList:
            """The list."""
            return self.tick_list

    class Moved(Message):
        """The highlight moved to another item (the detail pane follows it)."""

        def __init__(self, tick_list: TickList, item_id: str | None) -> None:
            super().__init__()
            self.tick_list = tick_list
            self.item_id = item_id

        @property
        def control(self) -> TickList:
            """The list."""
            return self.tick_list

    def __init__(
        self,
        groups: Sequence[TickGroup],
        ticked: Iterable[str],
        *,
        count_label: str = "{label} ({count})",
        on_toggle: ToggleHook | None = None,
        id: str | None = None,  # noqa: A002 - Textual's name for the widget id
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes, markup=False)
        self.groups = list(groups)
        """The groups in order."""
        self.ticked: set[str] = set(ticked)
        """Ids of the ticked items."""
        self.count_label = count_label
        """Format of a header: ``{label}`` and ``{count}``."""
        self.shown: set[str] | None = None
        """Ids the filter lets through; None shows everything."""
        self.on_toggle = on_toggle
        """Called at once, in the key's (or click's) own handler, instead of posting ``Toggled``: what the owner
        changes then (a detail pane, the progress) is painted in the same frame as the tick. A posted message is
        handled a hop later, after Textual may already have painted the tick alone: two frames, the second one
        covering every row between the list and the progress."""
        self._items = {item.id: item for group in self.groups for item in group.items}
        self._group_of = {item.id: group for group in self.groups for item in group.items}
        self._build()

    # ------------------------------------------------------------------ content

    def _item_prompt(self, item: TickItem) -> Content:
        mark = Content.styled("[x]", "bold") if item.id in self.ticked else Content("[ ]")
        return Content.assemble(mark, " ", item.text)

    def _header_prompt(self, group: TickGroup) -> Content:
        count = sum(1 for item in group.items if item.id in self.ticked)
        return Content(self.count_label.format(label=group.label, count=count))

    def _build(self) -> None:
        """Fill the list with the groups and the items the filter lets through (headers of empty groups go)."""
        highlighted = self.highlighted_id
        options: list[Option] = []
        for group in self.groups:
            items = [i for i in group.items if self.shown is None or i.id in self.shown]
            if not items:
                continue
            options.append(Option(self._header_prompt(group), id=HEADER_PREFIX + group.key, disabled=True))
            if group.prompt:
                options.append(Option(Content(group.prompt), id=f"{HEADER_PREFIX}{group.key}:prompt", disabled=True))
            options.extend(Option(self._item_prompt(item), id=item.id) for item in items)
        self.set_options(options)
        self._highlight_item(highlighted)

    def _highlight_item(self, item_id: str | None) -> None:
        """Highlight ``item_id`` when it is shown, else the first item."""
        if not self.option_count:
            return
        index = self._index_of(item_id)
        if index is not None:
            self.highlighted = index
            return
        for index, option in enumerate(self.options):
            if not option.disabled:
                self.highlighted = index
                return

    @property
    def highlighted_id(self) -> str | None:
        """Id of the highlighted item, or None."""
        option = self.highlighted_option
        if option is None or option.disabled:
            return None
        return option.id

    def item(self, item_id: str) -> TickItem:
        """The item with ``item_id``."""
        return self._items[item_id]

    def _index_of(self, option_id: str | None) -> int | None:
        if option_id is None:
            return None
        try:
            return self.get_option_index(option_id)
        except OptionDoesNotExist:
            return None

    def is_shown(self, item_id: str) -> bool:
        """True when ``item_id`` is a line of the list now."""
        return self._index_of(item_id) is not None

    def shown_ids(self) -> list[str]:
        """Ids of the items that are lines of the list now, in order."""
        return [o.id for o in self.options if o.id is not None and not o.disabled]

    # ------------------------------------------------------------------ changes

    def set_ticked(self, item_id: str, ticked: bool) -> None:
        """Show ``item_id`` ticked or not, without posting ``Toggled`` (the case already says so)."""
        if (item_id in self.ticked) == ticked:
            return
        if ticked:
            self.ticked.add(item_id)
        else:
            self.ticked.discard(item_id)
        self._redraw(item_id)

    def _redraw(self, item_id: str) -> None:
        """Redraw the item's line and its group's header; the number of rows stays the same."""
        if (index := self._index_of(item_id)) is not None:
            replace_option_prompt_in_place(self, index, self._item_prompt(self._items[item_id]))
        group = self._group_of[item_id]
        if (index := self._index_of(HEADER_PREFIX + group.key)) is not None:
            replace_option_prompt_in_place(self, index, self._header_prompt(group))

    def filter(self, shown: set[str] | None) -> None:
        """Show only the items in ``shown`` (None: all); the highlight stays on its item when it is still shown."""
        if shown == self.shown:
            return
        self.shown = shown
        self._build()

    def count(self, group_key: str) -> int:
        """How many items of the group are ticked."""
        group = next(g for g in self.groups if g.key == group_key)
        return sum(1 for item in group.items if item.id in self.ticked)

    def toggle(self, item_id: str) -> None:
        """Tick or untick ``item_id`` as the professional did, and tell the owner (``on_toggle``, else ``Toggled``)."""
        ticked = item_id not in self.ticked
        self.set_ticked(item_id, ticked)
        if self.on_toggle is not None:
            self.on_toggle(item_id, ticked)
        else:
            self.post_message(self.Toggled(self, item_id, ticked))

    # ------------------------------------------------------------------ input

    def action_select(self) -> None:
        """Space, Enter or a click: tick or untick the highlighted item."""
        item_id = self.highlighted_id
        if item_id is not None:
            self.toggle(item_id)

    def on_key(self, event: events.Key) -> None:
        """Space and Enter tick here, in the list's own handler, not through a binding resolved later."""
        if event.key in ("space", "enter"):
            event.stop()
            event.prevent_default()
            self.action_select()

    def _on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self.post_message(self.Moved(self, self.highlighted_id))

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()


class FixedTickList(TickList):
    """A ``TickList`` whose height its owner fixes (the signal step's list): a filter repaints it, nothing else.

    A filter changes the number of lines, so the list's virtual size. Textual's ``virtual_size`` asks for a layout of
    the whole screen when it changes; this list's own size never changes with it (its height is set, and its scroll
    bar is always shown, so it never appears or goes), so it needs only a repaint. With the layout, each search laid
    out the whole signal step twice (``bench/bench_tmux.py``: a typed search word).
    """

    DEFAULT_CSS = """
    FixedTickList { overflow-y: scroll; }
    """

    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)
