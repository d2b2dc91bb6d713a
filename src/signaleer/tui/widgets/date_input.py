"""A date field that accepts how Dutch professionals write dates (dd-mm-jjjj) and ISO dates."""

from __future__ import annotations

import datetime as dt

from textual.widgets import Input

from signaleer.i18n import t

FORMATS = ("%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y", "%Y-%m-%d", "%d-%m-%y")


def parse_date(text: str) -> dt.date | None:
    """The date in ``text``; None when empty. Raises ValueError when it is not a date."""
    text = text.strip()
    if not text:
        return None
    if text.casefold() in ("vandaag", "today"):
        return dt.date.today()
    for fmt in FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(text)


def format_date(date: dt.date | None) -> str:
    """``date`` as dd-mm-jjjj, or an empty string."""
    return date.strftime("%d-%m-%Y") if date else ""


class DateInput(Input):
    """An ``Input`` for a date; ``date`` is the parsed value and ``valid`` says whether it parses."""

    DEFAULT_CSS = """
    DateInput { width: 24; }
    DateInput.-invalid { border: tall $error; }
    DateInput.-invalid.-textual-compact { border: none; background: $error 40%; }
    """

    def __init__(
        self,
        date: dt.date | None = None,
        *,
        id: str | None = None,  # noqa: A002 - Textual's name for the widget id
        classes: str | None = None,
        compact: bool = False,
    ) -> None:
        super().__init__(
            format_date(date),
            placeholder=t("walk.date_placeholder"),
            id=id,
            classes=classes,
            max_length=10,
            compact=compact,
        )

    @property
    def valid(self) -> bool:
        """True when the text is empty or a date."""
        try:
            parse_date(self.value)
        except ValueError:
            return False
        return True

    @property
    def date(self) -> dt.date | None:
        """The date typed, or None when empty or not a date."""
        try:
            return parse_date(self.value)
        except ValueError:
            return None

    def watch_value(self, value: str) -> None:
        """Mark the field while it holds no valid date (after ``Input``'s own watcher)."""
        self.set_class(not self.valid, "-invalid")
