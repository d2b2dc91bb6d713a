"""One party to call: name, phone number (optionally in large digits), when to call, hours and remarks.

Remarks meant for content editors (what the sources lack, what to check) sit behind the card's 'Bronnen' fold.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Digits, Static

from signaleer.domain.base import Language
from signaleer.domain.route import Contact
from signaleer.i18n import t
from signaleer.tui.widgets.source_notes import SourceNotes, split_notes


class ContactCard(Vertical):
    """A contact from the municipality's route; ``big`` shows the number in large digits for emergencies."""

    DEFAULT_CSS = """
    ContactCard { height: auto; border: round $primary; padding: 0 1; margin-bottom: 1; }
    ContactCard.-big { border: heavy $error; }
    ContactCard .contact-name { text-style: bold; }
    ContactCard .contact-phone { text-style: bold; color: $text; }
    ContactCard Digits { width: auto; color: $error; }
    ContactCard .contact-when { color: $text-muted; }
    """

    def __init__(self, contact: Contact, language: Language, *, big: bool = False) -> None:
        super().__init__(classes="-big" if big else "")
        self.contact = contact
        """The contact shown."""
        self.language = language
        """Language of the texts."""
        self.big = big
        """True to show the number in large digits."""

    def compose(self) -> ComposeResult:
        """Name and number first, then when to call, the hours and any remark."""
        contact = self.contact
        phone = contact.phone or t("walk.contact.no_phone")
        yield Static(Content(contact.label(self.language)), classes="contact-name")
        yield Static(Content(f"☎ {phone}"), classes="contact-phone")
        if self.big and contact.phone:
            yield Digits(contact.phone)
        lines = [contact.when_to_use.get(self.language)]
        if contact.hours:
            lines.append(t("walk.contact.hours", hours=contact.hours))
        if contact.email:
            lines.append(contact.email)
        notes: list[str] = []
        if contact.note:
            main, notes = split_notes(contact.note.get(self.language))
            if main:
                lines.append(main)
        # Whether a number was really checked stays in sight: an unchecked or old number is a safety matter.
        lines.append(self.provenance())
        yield Static(Content("\n".join(lines)), classes="contact-when")
        yield SourceNotes(notes, contact.bron)

    def provenance(self) -> str:
        """'Gecontroleerd op …', or 'Niet gecontroleerd' with the copy date and its age in months."""
        contact = self.contact
        if contact.gecontroleerd_op is not None:
            return t("contact.checked", date=contact.gecontroleerd_op.isoformat())
        if contact.overgenomen_op is not None:
            import datetime as dt

            months = contact.age_months(dt.date.today())
            return t("contact.unchecked_since", date=contact.overgenomen_op.isoformat(), months=months)
        return t("contact.unchecked")

    @property
    def text(self) -> str:
        """The card as plain text (name, phone, when to call)."""
        return f"{self.contact.label(self.language)} {self.contact.phone or ''} {self.contact.when_to_use.get(self.language)}"
