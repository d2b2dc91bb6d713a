"""The case list as one line-API widget: it draws only the rows on screen, from the cases it is given.

Textual's ``DataTable`` keeps a row object, a key and every cell for each row (about 1.3 KB a case: 12 MiB for a
vault of 10,000 cases, held the whole walk long by the case list below it). This table keeps nothing per row: it
asks its owner for the cells of the rows it draws (``cells``), and remembers the last screenful.

Like ``DataTable`` with ``cursor_type="row"``: a fixed header, zebra stripes, a row cursor moved by the arrow keys,
Page Up/Down, Home and End; Enter, or a click on the highlighted row, posts ``Chosen``. A click on another row only
highlights it and never scrolls, so nothing moves under the pointer between two clicks.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar

from rich.cells import set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

Cells = Callable[[int], Sequence[str]]
"""The cells of row ``index``, one text per column; a cell may hold up to ``row_lines`` lines."""

PADDING = 1
"""Blank cells left and right of every column, as ``DataTable`` draws them."""

KEPT_ROWS = 128
"""Rows whose cells stay formatted (a few screenfuls); the rest are asked for again when they scroll into view."""


class CaseTable(ScrollView, can_focus=True):
    """Rows of cells under a fixed header; the owner gives the columns, the row count and a ``cells`` function."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "case-table--header",
        "case-table--cursor",
        "case-table--even-row",
    }

    DEFAULT_CSS = """
    CaseTable {
        background: $surface;
        color: $foreground;
        & > .case-table--header { text-style: bold; background: $panel; color: $foreground; }
        &:ansi > .case-table--header { background: ansi_bright_blue; color: ansi_default; }
        & > .case-table--even-row { background: $surface-lighten-1 50%; }
        &:dark > .case-table--even-row { background: $surface-darken-1 40%; }
        & > .case-table--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
        &:focus {
            background-tint: $foreground 5%;
            & > .case-table--cursor {
                background: $block-cursor-background;
                color: $block-cursor-foreground;
                text-style: $block-cursor-text-style;
            }
        }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "cursor_up", show=False),
        Binding("down", "cursor_down", show=False),
        Binding("pageup", "page_up", show=False),
        Binding("pagedown", "page_down", show=False),
        Binding("home", "first", show=False),
        Binding("end", "last", show=False),
        Binding("enter", "choose", show=False),
    ]

    cursor_row: reactive[int] = reactive(-1, layout=False, init=False)
    """The highlighted row (-1: none, the table is empty)."""

    class Chosen(Message):
        """Enter, or a click on the highlighted row: open ``row``."""

        def __init__(self, table: CaseTable, row: int) -> None:
            super().__init__()
            self.table = table
            self.row = row

        @property
        def control(self) -> CaseTable:
            return self.table

    def __init__(
        self,
        *,
        row_lines: int = 1,
        id: str | None = None,  # noqa: A002 - Textual's name for the widget id
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.row_lines = row_lines
        """Lines per row."""
        self.row_count = 0
        """How many rows there are."""
        self._columns: list[tuple[str, int]] = []
        self._cells: Cells = lambda _index: ()
        self._kept: dict[int, list[list[str]]] = {}

    # ------------------------------------------------------------------------------------------------------- contents

    def show(self, columns: Sequence[tuple[str, int]], row_count: int, cells: Cells, cursor: int = 0) -> None:
        """Show ``row_count`` rows of ``columns`` (label, width) with the cursor on row ``cursor`` (kept in range).

        The scroll position stays where it was (within the new length), so a reload that changes nothing visible
        changes nothing on screen; the cursor is scrolled into view only when it would be off screen.
        """
        self._columns = list(columns)
        self.row_count = row_count
        self._cells = cells
        self._kept.clear()
        width = sum(width + 2 * PADDING for _, width in self._columns)
        self.virtual_size = Size(width, 1 + row_count * self.row_lines)
        self.set_reactive(CaseTable.cursor_row, max(0, min(cursor, row_count - 1)) if row_count else -1)
        self._scroll_cursor_into_view()
        self.refresh()

    def row_text(self, row: int) -> list[str]:
        """The cells of ``row`` as shown, each cell's lines joined by a space (what a test reads)."""
        return [" ".join(cell.split("\n")).strip() for cell in self._cells(row)]

    # --------------------------------------------------------------------------------------------------------- moving

    def watch_cursor_row(self) -> None:
        self._scroll_cursor_into_view()
        self.refresh()

    def _move(self, row: int) -> None:
        if self.row_count:
            self.cursor_row = max(0, min(row, self.row_count - 1))

    @property
    def _page_rows(self) -> int:
        return max(1, (self.scrollable_content_region.height - 1) // self.row_lines)

    def action_cursor_up(self) -> None:
        self._move(self.cursor_row - 1)

    def action_cursor_down(self) -> None:
        self._move(self.cursor_row + 1)

    def action_page_up(self) -> None:
        self._move(self.cursor_row - self._page_rows)

    def action_page_down(self) -> None:
        self._move(self.cursor_row + self._page_rows)

    def action_first(self) -> None:
        self._move(0)

    def action_last(self) -> None:
        self._move(self.row_count - 1)

    def action_choose(self) -> None:
        if self.cursor_row >= 0:
            self.post_message(self.Chosen(self, self.cursor_row))

    def _scroll_cursor_into_view(self) -> None:
        if self.cursor_row < 0:
            return
        top = self.cursor_row * self.row_lines
        visible = max(1, self.scrollable_content_region.height - 1)  # the header takes the first line
        if top < self.scroll_y:
            self.scroll_to(y=top, animate=False, immediate=True)
        elif top + self.row_lines > self.scroll_y + visible:
            self.scroll_to(y=top + self.row_lines - visible, animate=False, immediate=True)

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or offset.y < 1:
            return  # the header, or the scroll bar
        row = (int(self.scroll_y) + offset.y - 1) // self.row_lines
        if not 0 <= row < self.row_count:
            return
        event.stop()
        if row == self.cursor_row:
            self.post_message(self.Chosen(self, row))
        else:
            self.set_reactive(CaseTable.cursor_row, row)  # no scroll: the row was clicked, so it is on screen
            self.refresh()

    # -------------------------------------------------------------------------------------------------------- drawing

    def _row_lines(self, row: int) -> list[list[str]]:
        """Row ``row``'s cells, each as exactly ``row_lines`` lines."""
        kept = self._kept.get(row)
        if kept is None:
            if len(self._kept) >= KEPT_ROWS:
                self._kept.clear()
            cells = self._cells(row)
            kept = [(cell.split("\n") + [""] * self.row_lines)[: self.row_lines] for cell in cells]
            self._kept[row] = kept
        return kept

    def _line(self, texts: Sequence[str], style: Style) -> Strip:
        pad = " " * PADDING
        cells = zip(texts, self._columns, strict=False)  # a blank line has no texts
        text = "".join(f"{pad}{set_cell_size(text, width)}{pad}" for text, (_, width) in cells)
        left = int(self.scroll_x)  # narrower than the columns (60 columns): scrolled sideways, as DataTable is
        width = max(self.scrollable_content_region.width, 0)
        return Strip([Segment(text, style)]).crop_extend(left, left + width, style)

    def render_line(self, y: int) -> Strip:
        base = self.rich_style
        if y == 0:
            header = base + self.get_component_rich_style("case-table--header")
            return self._line([label for label, _ in self._columns], header)
        line = int(self.scroll_y) + y - 1
        row, part = divmod(line, self.row_lines)
        if row >= self.row_count:
            return self._line([], base)
        style = base
        if row % 2 == 1:
            style += self.get_component_rich_style("case-table--even-row")  # DataTable's stripes: rows 2, 4, ...
        if row == self.cursor_row:
            style += self.get_component_rich_style("case-table--cursor")
        return self._line([lines[part] for lines in self._row_lines(row)], style)
