"""The case list's table: a line-API widget that draws only the rows on screen and holds nothing per row.

It replaced Textual's ``DataTable`` on the home screen (1.3 KB a row: 12 MiB for 10,000 cases, kept all walk
long under the walk). These tests drive it as a person does: keys, and clicks through Pilot's mouse events.
"""

from __future__ import annotations

from textual.app import App, ComposeResult

from signaleer.tui.widgets.case_table import KEPT_ROWS, CaseTable

ROWS = 10_000
COLUMNS = [("Casus", 12), ("Fase", 20)]


class TableApp(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.asked: list[int] = []
        self.chosen: list[int] = []

    def compose(self) -> ComposeResult:
        yield CaseTable(row_lines=2, id="cases")

    def on_mount(self) -> None:
        self.query_one(CaseTable).show(COLUMNS, ROWS, self.cells)
        self.query_one(CaseTable).focus()

    def cells(self, row: int) -> tuple[str, str]:
        self.asked.append(row)
        return (f"Casus {row:05d}", f"Fase\nregel 2 van {row}")

    def on_case_table_chosen(self, message: CaseTable.Chosen) -> None:
        self.chosen.append(message.row)


def screen_lines(app: App[None]) -> list[str]:
    table = app.query_one(CaseTable)
    return [table.render_line(y).text for y in range(table.scrollable_content_region.height)]


def cursor_on_screen(table: CaseTable) -> bool:
    top = table.cursor_row * table.row_lines - int(table.scroll_y)
    return top >= 0 and top + table.row_lines <= table.scrollable_content_region.height - 1


async def test_only_the_rows_on_screen_are_asked_for_and_the_header_stays() -> None:
    app = TableApp()
    async with app.run_test(size=(60, 12)) as pilot:
        await pilot.pause()
        lines = screen_lines(app)
        assert lines[0].split() == ["Casus", "Fase"]
        assert lines[1].split() == ["Casus", "00000", "Fase"] and lines[2].split() == ["regel", "2", "van", "0"]
        assert set(app.asked) <= set(range(6)), "rows off screen were formatted"

        await pilot.press("end")
        table = app.query_one(CaseTable)
        assert table.cursor_row == ROWS - 1 and cursor_on_screen(table)
        lines = screen_lines(app)
        assert lines[0].split() == ["Casus", "Fase"]
        assert lines[-2].split() == ["Casus", f"{ROWS - 1:05d}", "Fase"]
        assert len(set(app.asked)) < 20 and len(table._kept) <= KEPT_ROWS


async def test_keys_move_the_cursor_and_keep_it_on_screen() -> None:
    app = TableApp()
    async with app.run_test(size=(60, 12)) as pilot:
        table = app.query_one(CaseTable)
        page = (table.scrollable_content_region.height - 1) // 2
        await pilot.press("down", "down")
        assert table.cursor_row == 2 and table.scroll_y == 0
        await pilot.press("pagedown")
        assert table.cursor_row == 2 + page and cursor_on_screen(table)
        await pilot.press("pageup", "pageup", "up")
        assert table.cursor_row == 0 and table.scroll_y == 0
        for _ in range(30):
            await pilot.press("down")
            assert cursor_on_screen(table)
        await pilot.press("home")
        assert table.cursor_row == 0 and table.scroll_y == 0
        await pilot.press("enter")
        await pilot.pause()
        assert app.chosen == [0]


async def test_a_click_highlights_without_scrolling_and_a_second_click_opens() -> None:
    app = TableApp()
    async with app.run_test(size=(60, 12)) as pilot:
        table = app.query_one(CaseTable)
        await pilot.press("down", "down", "down")
        assert table.cursor_row == 3 and table.scroll_y == 0
        # 12 lines: the header, rows 0 to 4 (two lines each), and the first line of row 5, half on screen.
        await pilot.click(CaseTable, offset=(3, 10))  # row 4's second line
        assert table.cursor_row == 4 and table.scroll_y == 0 and app.chosen == []
        await pilot.click(CaseTable, offset=(3, 11))  # row 5, half shown: highlighted, and still no scroll
        assert table.cursor_row == 5 and table.scroll_y == 0 and app.chosen == []
        await pilot.click(CaseTable, offset=(3, 11))
        await pilot.pause()
        assert app.chosen == [5] and table.scroll_y == 0
        await pilot.click(CaseTable, offset=(3, 0))  # the header: nothing
        await pilot.pause()
        assert table.cursor_row == 5 and app.chosen == [5]


async def test_showing_new_rows_keeps_the_given_cursor_in_range_and_an_empty_table_has_none() -> None:
    app = TableApp()
    async with app.run_test(size=(60, 12)) as pilot:
        table = app.query_one(CaseTable)
        table.show(COLUMNS, 3, app.cells, cursor=7)
        await pilot.pause()
        assert table.cursor_row == 2
        table.show(COLUMNS, 0, app.cells)
        await pilot.pause()
        assert table.cursor_row == -1
        await pilot.press("down", "end", "enter")
        await pilot.pause()
        assert app.chosen == [] and screen_lines(app)[1].strip() == ""


async def test_a_narrow_terminal_scrolls_the_columns_sideways_and_keeps_the_last_one() -> None:
    app = TableApp()
    async with app.run_test(size=(20, 12)) as pilot:
        table = app.query_one(CaseTable)
        await pilot.pause()
        assert table.virtual_size.width == 36 > table.scrollable_content_region.width
        assert "Fase" not in screen_lines(app)[0]
        table.scroll_to(x=14, animate=False, immediate=True)  # to the second column
        await pilot.pause()
        assert screen_lines(app)[0].startswith(" Fase") and screen_lines(app)[2].startswith(" regel 2 van 0")
