"""Anonymous counts for the municipality: signalling cases by form, age band, outcome and CoMensha status.

Only counts and fixed category labels leave this module: never a pseudonym, free text, age in years or
a date from a case. Small counts are suppressed ("<5"); when one cell of a table that splits the
total is suppressed, a second one is too, so it cannot be computed back from the total.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable
from dataclasses import dataclass
from typing import get_args

from signaleer.domain.afwegingskader import walk
from signaleer.domain.base import Language
from signaleer.domain.case import Case
from signaleer.domain.content import Content
from signaleer.domain.signals import ExploitationForm
from signaleer.i18n import t

DEFAULT_THRESHOLD = 5
AGE_BANDS: list[tuple[str, int, int, str]] = [
    ("onder_12", 0, 11, "<12"),
    ("12_15", 12, 15, "12–15"),
    ("16_17", 16, 17, "16–17"),
    ("18_22", 18, 22, "18–22"),
    ("23_plus", 23, 200, "23+"),
]
FORMS = ("seksueel", "crimineel", "arbeid", "online", "geen_vorm")
"""Form categories; their labels are the catalogue keys ``counts.form.<key>``."""
COMENSHA_STATES = ("geregistreerd", "gegeven", "gevraagd", "geweigerd", "niet_mogelijk", "niet_gevraagd")
"""CoMensha categories; their labels are the catalogue keys ``counts.comensha.<key>``."""
NO_OUTCOME = "nog_geen_uitkomst"
CSV_COLUMNS = ("period_from", "period_to", "dimension", "category", "count")


@dataclass(frozen=True)
class Row:
    """One category: the true count stays here; only ``shown`` is printed."""

    key: str
    label: str
    count: int
    shown: str


@dataclass(frozen=True)
class CountTable:
    """The counts for one dimension."""

    key: str
    title: str
    rows: list[Row]
    note: str = ""


@dataclass(frozen=True)
class StatsReport:
    """All counts for one period."""

    date_from: dt.date
    date_to: dt.date
    threshold: int
    total: Row
    tables: list[CountTable]
    language: Language = "nl"


def age_band(age: int | None) -> str:
    """The band key for ``age``: onder_12, 12_15, 16_17, 18_22, 23_plus or onbekend."""
    if age is not None:
        for key, low, high, _ in AGE_BANDS:
            if low <= age <= high:
                return key
    return "onbekend"


def forms_of(case: Case, content: Content) -> set[str]:
    """The exploitation forms of the ticked signals (first signalling and revictimisation)."""
    forms: set[str] = set()
    for signal in [*case.signals, *case.revictimisation_signals]:
        if content.has_signal(signal.signal_id):
            forms.update(content.signal(signal.signal_id).forms)
    return forms or {"geen_vorm"}


def outcome_of(case: Case, content: Content) -> str:
    """The afwegingskader outcome reached by the case's answers, or ``nog_geen_uitkomst``."""
    kader = content.kader_for(case.sector)
    known = {q.id for q in kader.questions}
    path = walk(kader, {qid: a.answer for qid, a in case.afwegingen.items() if qid in known})
    return path.outcome or NO_OUTCOME


def comensha_of(case: Case) -> str:
    """The CoMensha category of ``case``."""
    if case.comensha.registered_on is not None:
        return "geregistreerd"
    return case.comensha.consent_status


def in_period(case: Case, date_from: dt.date, date_to: dt.date) -> bool:
    """True when the case was created in [date_from, date_to]."""
    return date_from <= case.created_at.date() <= date_to


def count_cases(
    cases: Iterable[Case],
    content: Content,
    date_from: dt.date,
    date_to: dt.date,
    threshold: int = DEFAULT_THRESHOLD,
    language: Language = "nl",
) -> StatsReport:
    """Count the cases created in the period by form, age band, outcome and CoMensha status."""
    if threshold < 1:
        raise ValueError("threshold must be at least 1")
    chosen = [c for c in cases if in_period(c, date_from, date_to)]
    lang = language
    form_keys = [*get_args(ExploitationForm), "geen_vorm"]
    forms = {k: sum(1 for c in chosen if k in forms_of(c, content)) for k in form_keys}
    ages = {k: sum(1 for c in chosen if age_band(c.age) == k) for k in [*(b[0] for b in AGE_BANDS), "onbekend"]}
    outcome_labels: dict[str, str] = {}
    for kader in content.kaders.values():
        for outcome in kader.outcomes:
            outcome_labels.setdefault(outcome.id, outcome.title.get(lang))
    outcome_labels[NO_OUTCOME] = t("counts.no_outcome", lang=lang)
    outcomes = {k: sum(1 for c in chosen if outcome_of(c, content) == k) for k in outcome_labels}
    status = {k: sum(1 for c in chosen if comensha_of(c) == k) for k in COMENSHA_STATES}
    total_shown = _shown(len(chosen), threshold)
    total_visible = total_shown == str(len(chosen))
    unknown = t("counts.unknown", lang=lang)
    band_labels = {b[0]: b[3] for b in AGE_BANDS} | {"onbekend": unknown}
    tables = [
        CountTable(
            "vorm",
            t("counts.forms", lang=lang),
            _rows(forms, {k: t(f"counts.form.{k}", lang=lang) for k in form_keys}, threshold, False, lang),
            t("counts.forms_note", lang=lang),
        ),
        CountTable(
            "leeftijd",
            t("counts.age", lang=lang),
            _rows(ages, band_labels, threshold, total_visible, lang),
        ),
        CountTable(
            "uitkomst",
            t("counts.outcome", lang=lang),
            _rows(outcomes, outcome_labels, threshold, total_visible, lang),
        ),
        CountTable(
            "comensha",
            t("counts.comensha", lang=lang),
            _rows(
                status,
                {k: t(f"counts.comensha.{k}", lang=lang) for k in COMENSHA_STATES},
                threshold,
                total_visible,
                lang,
            ),
        ),
    ]
    total = Row("totaal", t("counts.total", lang=lang), len(chosen), total_shown)
    return StatsReport(date_from, date_to, threshold, total, tables, lang)


def _shown(count: int, threshold: int) -> str:
    return str(count) if count == 0 or count >= threshold else f"<{threshold}"


def suppressed_label(language: Language) -> str:
    """What a secondarily suppressed cell shows."""
    return t("counts.suppressed", lang=language)


def _rows(counts: dict[str, int], labels: dict[str, str], threshold: int, partition: bool, lang: Language) -> list[Row]:
    """Rows with small counts suppressed; in a partition of a visible total, never exactly one hidden cell."""
    shown = {k: _shown(n, threshold) for k, n in counts.items()}
    hidden = [k for k, n in counts.items() if 0 < n < threshold]
    if partition and len(hidden) == 1:
        others = sorted((n, k) for k, n in counts.items() if n >= threshold)
        if others:
            shown[others[0][1]] = suppressed_label(lang)
    return [Row(k, labels[k], counts[k], shown[k]) for k in counts]


def to_csv(report: StatsReport) -> str:
    """The report as CSV: period_from, period_to, dimension, category, count (suppressed as text)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(tuple(t(f"counts.csv.{column}", lang=report.language) for column in CSV_COLUMNS))
    start, end = report.date_from.isoformat(), report.date_to.isoformat()
    writer.writerow((start, end, "totaal", report.total.label, report.total.shown))
    for table in report.tables:
        for row in table.rows:
            writer.writerow((start, end, table.key, row.label, row.shown))
    return buffer.getvalue()


def to_markdown(report: StatsReport) -> str:
    """The report as Markdown tables, with the period and how small counts are shown."""
    lang = report.language
    start, end = report.date_from.isoformat(), report.date_to.isoformat()
    out = [
        "# " + t("counts.title", lang=lang),
        "",
        t("counts.period", lang=lang, start=start, end=end),
        t("counts.threshold", lang=lang, threshold=report.threshold),
        "",
        f"**{report.total.label}: {report.total.shown}**",
    ]
    count = t("counts.count", lang=lang)
    for table in report.tables:
        out += ["", f"## {table.title}", ""]
        if table.note:
            out += [table.note, ""]
        out += [f"| {table.title} | {count} |", "|---|---:|"]
        out += [f"| {row.label} | {row.shown} |" for row in table.rows]
    return "\n".join(out) + "\n"
