"""Consultations (Meldcode step 2): the ones recorded, and a short form to add one."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Button, Input, Static

from signaleer.domain.case import Consultation
from signaleer.i18n import t
from signaleer.tui.widgets.date_input import DateInput, format_date
from signaleer.tui.widgets.tick_box import TickBox


class ConsultationList(Vertical):
    """Lists ``consultations`` and posts ``Added`` when the user adds one (who, date, advice, anonymous)."""

    DEFAULT_CSS = """
    ConsultationList { height: auto; }
    ConsultationList .done { padding: 0 1; }
    ConsultationList Horizontal { height: auto; }
    ConsultationList #consult-who { width: 1fr; }
    ConsultationList .form-error { color: $error; }
    """

    class Added(Message):
        """A consultation was added."""

        def __init__(self, consultations: ConsultationList, consultation: Consultation) -> None:
            super().__init__()
            self.consultations = consultations
            self.consultation = consultation

    def __init__(self, consultations: list[Consultation]) -> None:
        super().__init__(id="consultations")
        self.consultations = list(consultations)
        """The consultations already recorded."""

    def compose(self) -> ComposeResult:
        """The recorded consultations, then the form."""
        yield Static(self._done_text(), classes="done", id="consult-done")
        yield Static(t("walk.consult.add_title"), classes="field-label")
        with Horizontal():
            yield Input(placeholder=t("walk.consult.who"), id="consult-who")
            yield DateInput(id="consult-date")
        yield Input(placeholder=t("walk.consult.advice"), id="consult-advice")
        yield TickBox(t("walk.consult.anonymous"), id="consult-anonymous")
        yield Static("", classes="form-error", id="consult-error")
        yield Button(t("walk.consult.add"), id="consult-add")

    def _done_text(self) -> Content:
        if not self.consultations:
            return Content(t("walk.consult.none"))
        lines = []
        for c in self.consultations:
            anonymous = t("walk.consult.anonymous_short") if c.anonymous else ""
            lines.append(f"• {format_date(c.date)} {c.who}{anonymous}: {c.advice}")
        return Content("\n".join(lines))

    def pending(self) -> Consultation | None:
        """The consultation typed in the form, or None when 'who' is empty or the date is wrong."""
        who = self.query_one("#consult-who", Input).value.strip()
        date_input = self.query_one("#consult-date", DateInput)
        if not who or not date_input.valid:
            return None
        return Consultation(
            who=who,
            date=date_input.date,
            advice=self.query_one("#consult-advice", Input).value.strip(),
            anonymous=self.query_one("#consult-anonymous", TickBox).value,
        )

    def clear_form(self, added: Consultation) -> None:
        """Show ``added`` in the list and empty the form."""
        self.consultations.append(added)
        self.query_one("#consult-done", Static).update(self._done_text())
        for field in ("#consult-who", "#consult-date", "#consult-advice"):
            self.query_one(field, Input).value = ""
        self.query_one("#consult-anonymous", TickBox).value = False

    @on(Button.Pressed, "#consult-add")
    @on(Input.Submitted)
    def add(self, event: Button.Pressed | Input.Submitted | None = None) -> None:
        """Add the typed consultation, or say what is missing."""
        if event is not None:
            event.stop()
        error = self.query_one("#consult-error", Static)
        consultation = self.pending()
        if consultation is None:
            error.update(t("walk.consult.need_who"))
            return
        error.update("")
        self.post_message(self.Added(self, consultation))
