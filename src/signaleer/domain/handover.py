"""A hand-over file's contents: one case, who handed it to whom and when. Pure data, no IO.

A case moves to a colleague or the zorgcoördinator as one age file (``vault/handover.py`` encrypts and reads
it). Inside is this envelope, as JSON: the whole case (its timeline ends with the hand-over), the sender's and
the receiver's label and public key, the organisation keys that can also read it, and the versions of the
program and the content the sender used. ``signaleer schema`` writes its JSON Schema
(``schemas/overdracht.schema.json``); docs/overdracht.md describes it for people.
"""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Annotated, Final, Literal

from pydantic import Field, StringConstraints

from signaleer.domain.case import Case, ContentVersion, Record

FORMAT: Final = "signaleer-overdracht"
"""The ``format`` field of every hand-over file."""
FORMAT_VERSION: Final = 1
"""The layout written now; a file with a higher version is refused (made by a newer signaleer)."""

AgeRecipient = Annotated[str, StringConstraints(pattern=r"^age1[0-9a-z]{58}$")]
"""A public X25519 age key (``age1…``), as ``recipient.txt`` and ``age-keygen`` show it."""
Label = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=120, pattern=r"^[^\x00-\x1f\x7f-\x9f]+$")
]
"""How a person or role is named in the timeline, e.g. 'Zorgcoördinator wijkteam Noord' (no control characters:
it is printed on the receiver's terminal)."""


def new_handover_id() -> str:
    """A random id for one hand-over file: 16 hex characters."""
    return secrets.token_hex(8)


def short_recipient(recipient: str) -> str:
    """A public key as a person compares it aloud: its start and its end (``age1qyz8xw…k3d9sl``)."""
    return recipient if len(recipient) <= 20 else f"{recipient[:10]}…{recipient[-6:]}"


class HandoverParty(Record):
    """The sender or the receiver of a hand-over."""

    label: Label
    """Name or role as the sender typed it."""
    recipient: AgeRecipient
    """Their vault's public key (``signaleer overdracht sleutel``)."""


class HandoverFile(Record):
    """The plaintext inside a hand-over file (JSON, padded with spaces to a multiple of 4 KiB)."""

    format: Literal["signaleer-overdracht"] = FORMAT
    """Always ``signaleer-overdracht``."""
    format_version: Literal[1] = FORMAT_VERSION
    """Layout version of this envelope."""
    handover_id: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{16}$")] = Field(default_factory=new_handover_id)
    """Random id of this hand-over; says nothing about the case."""
    handed_over_at: dt.datetime
    """When the sender made the file (the time of the last entry in the case's timeline)."""
    sender: HandoverParty
    """Who handed the case over."""
    receiver: HandoverParty
    """Who the case is handed to; only their vault imports the file."""
    also_readable_by: list[AgeRecipient] = Field(default_factory=list)
    """The organisation keys (``org_recipients`` of the sender) the file is encrypted to as well."""
    app_version: str
    """The signaleer version that wrote the file."""
    content_versions: list[ContentVersion] = Field(default_factory=list)
    """Versions and dates of the sender's step plan, lists, route and afwegingskader for this case."""
    case: Case
    """The whole case, with its append-only timeline; the last entry records this hand-over."""
