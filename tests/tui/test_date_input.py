"""DateInput marks itself while its text is no date (a public ``watch_value``, not Input's private watcher)."""

from __future__ import annotations

import datetime as dt

from textual.app import App, ComposeResult

from signaleer.tui.widgets.date_input import DateInput


def date_of(field: DateInput) -> dt.date | None:
    return field.date  # read anew each time (mypy would keep a narrowed attribute)


class Dates(App[None]):
    def compose(self) -> ComposeResult:
        yield DateInput(dt.date(2026, 3, 15))


async def test_an_invalid_date_is_marked_and_a_valid_one_unmarked() -> None:
    app = Dates()
    async with app.run_test() as pilot:
        field = app.query_one(DateInput)
        assert not field.has_class("-invalid") and date_of(field) == dt.date(2026, 3, 15)
        field.value = "31-02-2026"
        await pilot.pause()
        assert field.has_class("-invalid") and date_of(field) is None
        field.value = "1-4-2026"
        await pilot.pause()
        assert not field.has_class("-invalid") and date_of(field) == dt.date(2026, 4, 1)
        field.value = "41"
        await pilot.pause()
        assert field.has_class("-invalid")
