"""Shared parts of the follow-up screens: dates (as the walk reads them), the change message and a reason dialog."""

from __future__ import annotations

from textual.message import Message

from signaleer.tui.widgets.date_input import format_date
from signaleer.tui.widgets.date_input import parse_date as _parse_date

# One date syntax for the whole interface: the walk's date field defines it.
parse_date = _parse_date
show_date = format_date


class CaseChanged(Message):
    """A pane changed the case through ``domain.changes``; the screen saves it and refreshes the others."""

    def __init__(self, notice: str = "") -> None:
        super().__init__()
        self.notice = notice
