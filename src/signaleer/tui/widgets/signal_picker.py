"""The signal step as master and detail: one list of every signal (search filters it in place), and a pane of a
fixed height beside it for the observation of the highlighted signal.

Nothing is mounted after the step is shown: ticking changes a line's mark and a header's count, moving the
highlight fills the pane's fields. So the rows never move under the pointer, and the pane never pushes anything.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Self

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, ScrollableContainer, Vertical
from textual.content import Content
from textual.css.scalar import Scalar
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import Reactive
from textual.timer import Timer
from textual.widgets import Input, Static

from signaleer.domain.base import Language
from signaleer.domain.case import ObservedSignal
from signaleer.domain.signals import SignalList
from signaleer.i18n import t
from signaleer.tui.textual_compat import paint_in_next_frame
from signaleer.tui.widgets.date_input import DateInput, format_date
from signaleer.tui.widgets.tick_list import FixedTickList, TickGroup, TickItem, TickList
from signaleer.tui.widgets.yes_no import INERT_OPACITY, YesNo


def signal_groups(lists: list[SignalList], language: Language) -> list[TickGroup]:
    """One group per signal list: ``GB01 text (weight, acuut)`` lines; the search also matches the other language."""
    groups = []
    for signals in lists:
        items = []
        for s in signals.signals:
            weight = t(f"walk.weight.{s.weight}")
            acute = t("walk.signal.acute") if s.acuut else ""
            items.append(TickItem(s.id, f"{s.id} {s.text(language)} ({weight}{acute})", search=f"{s.nl} {s.en or ''}"))
        prompt = signals.prompt.get(language) if signals.prompt else ""
        groups.append(TickGroup(signals.category, signals.label.get(language), items, prompt=prompt))
    return groups


def matching(groups: list[TickGroup], query: str) -> set[str] | None:
    """Ids of the items whose text contains every word of ``query``; None for an empty query (show all)."""
    words = query.casefold().split()
    if not words:
        return None
    found = set()
    for group in groups:
        for item in group.items:
            text = f"{item.text} {item.search}".casefold()
            if all(word in text for word in words):
                found.add(item.id)
    return found


LIST_MARGIN = 15
"""Terminal rows not given to the signal list: title, progress, buttons, footer, search, status and pane."""


class Line(Static):
    """A line whose height is fixed in CSS: showing another text repaints it, without a layout of the whole screen.

    Textual's ``Static.update`` asks for a layout by default; a line whose size cannot change needs only a repaint,
    and a text it shows already needs nothing (a tick or a move of the highlight stays cheap).
    """

    shown: tuple[str, str] | None = None
    """The text and style shown now."""

    def say(self, text: str, style: str = "") -> None:
        """Show ``text`` (plain text, no markup) in ``style`` (a Textual style such as ``"bold $success"``).

        The style is part of the content, not a CSS class: toggling a class restyles the widget (CSS matching).
        """
        if (text, style) != self.shown:
            self.shown = (text, style)
            self.update(Content.styled(text, style) if style else Content(text), layout=False)


HOLD_AT_MOST = 0.1
"""Seconds the search box holds back its repaint for the results at most (``SearchBox``)."""


class SearchBox(Input):
    """The signal search: an ``Input`` whose width is set by its container, so typing repaints it and lays out nothing.

    Textual's ``Input`` sets its virtual size on every change of its value, and ``virtual_size`` asks for a layout of
    the whole screen; this box's size never depends on what is typed (``width: 100%``, one row).

    While what it holds has not been searched yet, it holds back its repaints (at most ``HOLD_AT_MOST`` seconds) until
    the picker has filtered the list (``searched``): the typed word and its results are painted in one frame. Painted
    at once, the box took a frame of its own and the results came a frame (16-30 ms) later.
    """

    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)

    searched_value = ""
    """The value the list was last filtered on."""
    _held = False
    _hold_timer: Timer | None = None

    def refresh(self, *regions: Region, repaint: bool = True, layout: bool = False, recompose: bool = False) -> Self:
        """Repaint, unless the value is still to be searched (then once it is: ``searched``)."""
        if self.value != self.searched_value and repaint and not (layout or recompose or regions) and self.is_mounted:
            self._held = True
            if self._hold_timer is None:
                self._hold_timer = self.set_timer(HOLD_AT_MOST, lambda: self.searched(self.value))
            return self
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)

    def searched(self, value: str) -> None:
        """The list now shows the results for ``value``: paint what was held back, in the same frame."""
        self.searched_value = value
        if self._hold_timer is not None:
            self._hold_timer.stop()
            self._hold_timer = None
        if self._held:
            self._held = False
            super().refresh()


def set_usable(field: Input, usable: bool) -> None:
    """A pane field usable, or inert: out of the focus chain (no key reaches it), drawn faint.

    Toggling ``disabled`` on the four fields restyled them on every tick (the ``:disabled`` pseudo-class: ~25 ms of
    CSS matching); ``can_focus`` and an inline text opacity change no pseudo-class and no class.
    """
    if field.can_focus != usable:
        field.can_focus = usable
        field.styles.text_opacity = 1.0 if usable else INERT_OPACITY


class ObservationPane(Vertical):
    """The observation of one signal: what, when, own observation or hearsay, from whom. Its height never changes.

    The fields are disabled (out of the focus chain, drawn dimmed) while the signal shown is not ticked.
    """

    DEFAULT_CSS = """
    ObservationPane { height: 4; border-left: thick $accent; padding: 0 0 0 1; }
    ObservationPane #observation-title { height: 1; text-style: bold; text-overflow: ellipsis; text-wrap: nowrap; }
    ObservationPane #observation-hint { height: 1; color: $text-muted; text-overflow: ellipsis; text-wrap: nowrap; }
    ObservationPane Horizontal { height: 1; }
    ObservationPane Input { margin-right: 1; }
    ObservationPane DateInput { width: 14; }
    ObservationPane YesNo { width: auto; }
    ObservationPane .observation-text { width: 2fr; }
    ObservationPane .source-note { width: 1fr; }
    """

    class Edited(Message):
        """The professional changed the observation of ``observed.signal_id``."""

        def __init__(self, pane: ObservationPane, observed: ObservedSignal) -> None:
            super().__init__()
            self.pane = pane
            self.observed = observed

    def __init__(self) -> None:
        super().__init__(id="observation-pane")
        self.signal_id: str | None = None
        """The signal shown; None when nothing is highlighted."""
        self.observed: ObservedSignal | None = None
        """What the pane last showed or posted for it; None when it is not ticked."""

    def compose(self) -> ComposeResult:
        """Title, hint, the observation, and date, source type and source on one row."""
        yield Line("", id="observation-title")
        yield Line("", id="observation-hint")
        text = Input(
            placeholder=t("walk.signal.observation"),
            classes="observation-text",
            id="observation-text",
            compact=True,
            select_on_focus=False,  # Tab into a saved observation and type on: never replace it
        )
        note = Input(
            placeholder=t("walk.signal.source_note"),
            classes="source-note",
            id="observation-source-note",
            compact=True,
            select_on_focus=False,
        )
        date = DateInput(None, classes="observation-date", id="observation-date", compact=True)
        source = YesNo(
            True,
            yes_label=t("walk.source.eigen_waarneming"),
            no_label=t("walk.source.van_horen_zeggen"),
            classes="source-type",
            id="observation-source-type",
            compact=True,
        )
        for field in (text, note, date):
            set_usable(field, False)  # as ``show`` leaves them for a signal not ticked
        source.set_usable(False)
        with Horizontal():
            yield text
            yield note
        with Horizontal():
            yield date
            yield source

    def show(self, signal_id: str | None, title: str, observed: ObservedSignal | None) -> None:
        """Show ``observed`` for ``signal_id`` (None: not ticked), without posting ``Edited``."""
        self.signal_id = signal_id
        self.observed = observed
        if signal_id is None:
            hint_text = t("walk.signal.pane.none")
        elif observed is None:
            hint_text = t("walk.signal.pane.untick", id=signal_id)
        else:
            hint_text = t("walk.signal.ticked")
        # Both lines are one row high whatever they say: no layout pass on a tick or a move (see ``Line``).
        self.query_one("#observation-title", Line).say(title)
        self.query_one("#observation-hint", Line).say(hint_text, "bold $success" if observed is not None else "")
        values = observed or ObservedSignal(signal_id=signal_id or "")
        text = self.query_one("#observation-text", Input)
        date = self.query_one("#observation-date", DateInput)
        source = self.query_one("#observation-source-type", YesNo)
        note = self.query_one("#observation-source-note", Input)
        with text.prevent(Input.Changed), date.prevent(Input.Changed), note.prevent(Input.Changed):
            text.value = values.observation
            date.value = format_date(values.date)
            note.value = values.source_note
        with source.prevent(YesNo.Changed):
            source.value = values.source_type == "eigen_waarneming"
        for field in (text, date, note):
            set_usable(field, observed is not None)
        source.set_usable(observed is not None)

    def current(self) -> ObservedSignal | None:
        """The observation as the fields hold it; None when nothing ticked is shown or the date is not a date."""
        if self.signal_id is None or self.observed is None:
            return None
        date = self.query_one("#observation-date", DateInput)
        if not date.valid:
            return None
        own = self.query_one("#observation-source-type", YesNo).value is not False
        return ObservedSignal(
            signal_id=self.signal_id,
            observation=self.query_one("#observation-text", Input).value,
            date=date.date,
            source_type="eigen_waarneming" if own else "van_horen_zeggen",
            source_note=self.query_one("#observation-source-note", Input).value,
        )

    def commit(self) -> None:
        """Post what the fields hold when it differs from what was shown (also before showing another signal)."""
        observed = self.current()
        if observed is not None and observed != self.observed:
            self.observed = observed
            self.post_message(self.Edited(self, observed))

    @on(Input.Changed)
    @on(YesNo.Changed)
    def _field_changed(self, event: Input.Changed | YesNo.Changed) -> None:
        event.stop()
        self.commit()


class SignalPicker(Vertical):
    """Every signal list of the step plan in one ``TickList``, a search box, and the ``ObservationPane``."""

    DEFAULT_CSS = """
    SignalPicker { height: auto; }
    SignalPicker .framing { color: $text-muted; padding: 0 1; }
    SignalPicker #signal-search { margin: 0 1; }
    SignalPicker #search-status { height: 1; color: $text-muted; padding: 0 1; text-overflow: ellipsis; text-wrap: nowrap; }
    SignalPicker #search-status.-none { color: $warning; }
    SignalPicker #signal-list { height: 9; }
    """

    class Ticked(Message):
        """The professional ticked (True) or unticked (False) a signal."""

        def __init__(self, picker: SignalPicker, signal_id: str, ticked: bool) -> None:
            super().__init__()
            self.picker = picker
            self.signal_id = signal_id
            self.ticked = ticked

    class Observed(Message):
        """The observation, date or source of a ticked signal changed."""

        def __init__(self, picker: SignalPicker, observed: ObservedSignal) -> None:
            super().__init__()
            self.picker = picker
            self.observed = observed

    def __init__(
        self,
        lists: list[SignalList],
        observed: list[ObservedSignal],
        language: Language,
        on_tick: Callable[[SignalPicker.Ticked], None] | None = None,
    ) -> None:
        super().__init__(id="signal-picker")
        self.on_tick = on_tick
        """Handles a tick at once (see ``TickList.on_toggle``); without it, ``Ticked`` is posted."""
        self.lists = lists
        """The categories, in wizard order."""
        self.observed = {s.signal_id: s for s in observed}
        """The case's ticked signals by id, as this step shows them."""
        self.language = language
        """Language of the texts."""
        self.groups = signal_groups(lists, language)
        """The list's groups."""
        self.searched: str | None = None
        """The query the list is filtered on now (None before the first search)."""
        self.searches = 0
        """How many times the list was filtered (a typed word filters once, when it settles)."""
        self._search_due = False

    def compose(self) -> ComposeResult:
        """General framing, the search box and its status, the list, the observation pane."""
        if self.lists:
            yield Static(Content(self.lists[0].framing.get(self.language)), classes="framing")
        yield SearchBox(placeholder=t("walk.signal.search"), id="signal-search", compact=True)
        yield Line(t("walk.signal.keys"), id="search-status")
        signals = FixedTickList(
            self.groups,
            self.observed,
            count_label=t("walk.signal.category", label="{label}", count="{count}"),
            on_toggle=self._toggled,
            id="signal-list",
        )
        self._fit(signals)  # before it is mounted: its first layout has the right height, no second one
        yield signals
        yield ObservationPane()

    @property
    def tick_list(self) -> TickList:
        """The list of signals."""
        return self.query_one("#signal-list", TickList)

    @property
    def pane(self) -> ObservationPane:
        """The observation pane."""
        return self.query_one(ObservationPane)

    def on_mount(self) -> None:
        """Show the highlighted signal in the pane."""
        self._show_highlighted()

    def on_resize(self) -> None:
        """Fit the list to the terminal again."""
        self._fit(self.tick_list)

    def _fit(self, signals: TickList) -> None:
        """Make search, list and pane fit on one screen together (9 list rows at 80×24, never fewer than 4)."""
        height = Scalar.from_number(max(4, self.app.size.height - LIST_MARGIN))
        # Set only when it changes: showing the step again needs no new layout. The maximum is set too (not cleared:
        # TickList's CSS ``max-height: 100%`` would show through, and would cap it in an auto-height parent).
        if signals.styles.height != height or signals.styles.max_height != height:
            signals.styles.height = height
            signals.styles.max_height = height

    def _show_highlighted(self) -> None:
        signal_id = self.tick_list.highlighted_id
        title = self.tick_list.item(signal_id).text if signal_id else ""
        self.pane.show(signal_id, title, self.observed.get(signal_id) if signal_id else None)
        focused = self.screen.focused
        if focused is not None and not focused.focusable and self.pane in focused.ancestors:
            self.tick_list.focus(scroll_visible=False)  # a field that turned inert keeps no focus (nor keys)

    @on(TickList.Moved, "#signal-list")
    def _moved(self, event: TickList.Moved) -> None:
        event.stop()
        if event.item_id != self.pane.signal_id:
            self.pane.commit()  # keys typed into the pane before the move belong to the signal shown then
            self._show_highlighted()

    def _toggled(self, item_id: str, ticked: bool) -> None:
        """The list ticked or unticked ``item_id`` (called in the key's own handler): pane, then the screen."""
        if ticked:
            self.observed[item_id] = ObservedSignal(signal_id=item_id)
        else:
            self.observed.pop(item_id, None)
        if item_id == self.pane.signal_id:
            self._show_highlighted()
        message = self.Ticked(self, item_id, ticked)
        if self.on_tick is not None:
            self.on_tick(message)
        else:
            self.post_message(message)

    @on(ObservationPane.Edited)
    def _edited(self, event: ObservationPane.Edited) -> None:
        event.stop()
        self.observed[event.observed.signal_id] = event.observed
        self.post_message(self.Observed(self, event.observed))

    def set_ticked(self, observed: ObservedSignal, ticked: bool) -> None:
        """Show ``observed`` ticked or not without posting (a cancelled untick puts it back)."""
        if ticked:
            self.observed[observed.signal_id] = observed
        else:
            self.observed.pop(observed.signal_id, None)
        self.tick_list.set_ticked(observed.signal_id, ticked)
        if observed.signal_id == self.pane.signal_id:
            self._show_highlighted()

    @on(Input.Changed, "#signal-search")
    def _search_changed(self, event: Input.Changed) -> None:
        event.stop()
        if not self._search_due:  # keys already typed (a burst) are filtered together, once, before the next layout
            self._search_due = True
            self.call_later(self._search_settled)

    def _search_settled(self) -> None:
        self._search_due = False
        box = self.query_one("#signal-search", SearchBox)
        value = box.value
        self.search(value)
        box.searched(value)
        page = self._page()
        status = self.query_one("#search-status", Line)
        paint_in_next_frame(self.screen, *(w for w in (page, box, status, self.tick_list) if w is not None))

    def _page(self) -> ScrollableContainer | None:
        """The container the step scrolls in (the search scrolls its box to the top of it)."""
        return next((a for a in self.ancestors if isinstance(a, ScrollableContainer)), None)

    def _show_status(self, shown: set[str] | None, query: str) -> None:
        """How many signals the search ``query`` found (``shown``; None: no search)."""
        status = self.query_one("#search-status", Line)
        status.set_class(shown is not None and not shown, "-none")
        if shown is None:
            status.say(t("walk.signal.keys"))
        elif not shown:
            status.say(t("walk.signal.no_match"))
        else:
            key = "walk.signal.found_one" if len(shown) == 1 else "walk.signal.found"
            status.say(t(key, n=len(shown), query=query))

    def search(self, query: str) -> None:
        """Filter the list in place to the signals matching ``query`` and say how many there are."""
        query = query.strip()
        if query == self.searched:
            return
        self.searched = query
        self.searches += 1
        # The results right under the box: scroll it to the top first, unless it is there already (an idle scroll
        # still cost a frame of its own).
        box = self.query_one("#signal-search")
        page = self._page()
        below_top = box.region.y - page.content_region.y if page is not None else 0
        # Down only as far as the page can scroll: a short page never brings the box to the top.
        scrolls = page is not None and (below_top < 0 or (below_top > 0 and page.scroll_y < page.max_scroll_y))
        if scrolls:
            box.scroll_visible(top=True, animate=False, immediate=True)
        shown = matching(self.groups, query)
        self.tick_list.filter(shown)
        # The status says the search is done: nobody (a person at speed, or a test) may aim at a row of the previous
        # result, or at a row the page is still scrolling away, under a new status. So the scroll, the rows and the
        # status go into one frame (``_search_settled``): the list repaints in place (no layout: ``FixedTickList``).
        self._show_status(shown, query)
        if self.tick_list.highlighted_id != self.pane.signal_id:
            self.pane.commit()
            self._show_highlighted()
