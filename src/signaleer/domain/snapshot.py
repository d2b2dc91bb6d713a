"""What a decision was based on, kept with it: the contacts shown and the content versions in use.

Routes and lists are edited over time; the dossier must show what the professional saw when deciding, not
what the files say on the day of the export.
"""

from __future__ import annotations

from signaleer.domain.case import Case, ContactSnapshot, ContentVersion, Decision
from signaleer.domain.content import Content
from signaleer.domain.route import Contact

ALWAYS_LISTED = (
    "checklists/stappenplan.yaml",
    "meldroutes/_landelijk.yaml",
    "meldroutes/regio/gemeenten.yaml",
    "meldroutes/regio/regios.yaml",
)
"""Files whose version every dossier names."""

LISTED_FOLDERS = ("checklists/signalen/", "checklists/nazorg/")
"""Folders whose files' versions every dossier names."""


def versions_used(case: Case, content: Content) -> list[ContentVersion]:
    """Versions and dates of the step plan, signal lists, aftercare list, the case's route and afwegingskader."""
    wanted = set(ALWAYS_LISTED)
    route = content.municipality(case.gemeente) if case.gemeente else None  # the region files are always listed
    if route is not None:
        wanted |= {f"meldroutes/{key}.yaml" for key, value in content.municipalities.items() if value is route}
    versions = [
        ContentVersion(path=f.path, versie=f.versie, datum=f.datum)
        for f in content.files
        if f.path in wanted or f.path.startswith(LISTED_FOLDERS)
    ]
    kader = content.kader_for(case.sector)
    versions.append(
        ContentVersion(path=f"afwegingskader {kader.id}", versie=kader.versie, datum=kader.datum.isoformat())
    )
    return versions


def contact_snapshots(contacts: list[Contact]) -> list[ContactSnapshot]:
    """``contacts`` as plain text, the way the outcome screen shows them."""
    return [
        ContactSnapshot(
            role=c.role,
            name=c.name,
            name_en=c.name_en,
            phone=c.phone or "",
            reach=c.email or (str(c.web) if c.web else ""),
            checked_on=c.gecontroleerd_op,
        )
        for c in contacts
    ]


def with_snapshot(decision: Decision, case: Case, content: Content, contacts: list[Contact]) -> Decision:
    """``decision`` with the contacts shown and the content versions in use at this moment."""
    return decision.model_copy(
        update={"contacts": contact_snapshots(contacts), "versions": versions_used(case, content)}
    )
