"""Signal lists and risk factors: what a professional may observe, and what makes someone vulnerable."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from signaleer.domain.base import Identifier, LocalText, Strict, Versioned

Weight = Literal["strong", "medium", "weak"]
ExploitationForm = Literal["seksueel", "crimineel", "arbeid", "online"]
Group = Literal["meisje", "jongen", "alle"]

SignalId = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2,3}[0-9]{2,3}$")]
"""A stable signal id: two or three capitals and a number, e.g. GB01."""


class Signal(Strict):
    """One observable signal."""

    id: SignalId
    """Stable id, never reused for another meaning (e.g. GB01)."""
    nl: Annotated[str, StringConstraints(min_length=3)]
    """The signal in plain Dutch, as an observation about the young person."""
    en: str | None = None
    """English text of the signal."""
    weight: Weight
    """How much this signal weighs on its own: strong, medium or weak."""
    acuut: bool = False
    """True when this signal alone calls for the acute path (e.g. forced sex, a threat)."""
    forms: list[ExploitationForm] = Field(default_factory=list)
    """Forms of exploitation this signal is typical for."""
    applies_to: list[Group] = Field(default_factory=lambda: ["alle"])  # type: ignore[arg-type]
    """For whom the signal is typical: meisje, jongen or alle."""
    sources: list[str] = Field(default_factory=list)
    """Keys of the sources (from the file's bronnen) this signal comes from."""

    def text(self, language: str) -> str:
        """The signal text in ``language``, falling back to Dutch."""
        return self.en if language == "en" and self.en else self.nl


class SignalList(Versioned):
    """A file with the signals of one category."""

    kind: Literal["signalen"]
    """Marks this file as a signal list."""
    category: Identifier
    """Stable id of the category, e.g. geld_bezit_telefoon."""
    use: Literal["signalering", "revictimisatie"] = "signalering"
    """Where the list is used: the first signalling walk, or watching for revictimisation in aftercare."""
    order: int = 100
    """Position of the category in the wizard (lower comes first)."""
    label: LocalText
    """Name of the category as shown in the wizard."""
    framing: LocalText
    """Short text shown above the list: signals are not proof; combinations and sudden change weigh more."""
    prompt: LocalText | None = None
    """Optional extra prompt shown with this category (e.g. the boys' prompt)."""
    signals: Annotated[list[Signal], Field(min_length=1)]
    """The signals in this category."""


class RiskFactor(Strict):
    """A circumstance that makes a young person more vulnerable; never evidence of exploitation."""

    id: SignalId
    """Stable id, e.g. RF01."""
    nl: Annotated[str, StringConstraints(min_length=3)]
    """The risk factor in plain Dutch."""
    en: str | None = None
    """English text."""
    sources: list[str] = Field(default_factory=list)
    """Keys of the sources (from the file's bronnen)."""

    def text(self, language: str) -> str:
        """The text in ``language``, falling back to Dutch."""
        return self.en if language == "en" and self.en else self.nl


class RiskGroup(Strict):
    """A group of related risk factors, e.g. a risk profile."""

    id: Identifier
    """Stable id of the group."""
    label: LocalText
    """Name of the group."""
    factors: Annotated[list[RiskFactor], Field(min_length=1)]
    """The risk factors in this group."""


class RiskFactorList(Versioned):
    """The file with risk factors, kept apart from signals."""

    kind: Literal["risicofactoren"]
    """Marks this file as the risk factor list."""
    framing: LocalText
    """Text shown above the list: risk factors explain vulnerability, they are not proof and not blame."""
    groups: Annotated[list[RiskGroup], Field(min_length=1)]
    """Groups of risk factors."""


class ChecklistItem(Strict):
    """One point on an aftercare checklist."""

    id: Identifier
    """Stable id of the point."""
    text: LocalText
    """What to do or check."""
    sources: list[str] = Field(default_factory=list)
    """Keys of the sources (from the file's bronnen) this point is based on."""


class Checklist(Versioned):
    """A checklist, e.g. preparing the return from specialised care."""

    kind: Literal["nazorg", "preventie"]
    """Marks this file as a checklist: nazorg (aftercare) or preventie (prevention at vindplekken)."""
    id: Identifier
    """Stable id of the checklist."""
    title: LocalText
    """Title of the checklist."""
    intro: LocalText
    """Short explanation shown above the checklist."""
    items: Annotated[list[ChecklistItem], Field(min_length=1)]
    """The points on the checklist."""
