"""Anonymous counts: categories, suppression, period filter, CSV shape, no identifying field, ``signaleer stats``."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_vault_support import PASSPHRASE, copy_vault, vault_template

from signaleer.advice_text import summarize
from signaleer.cli import main
from signaleer.content.loader import load_content_or_raise
from signaleer.domain import changes as ch
from signaleer.domain.case import (
    AfwegingAnswer,
    Case,
    ComenshaRegistration,
    Consultation,
    FollowUp,
    ObservedSignal,
    TimelineEvent,
)
from signaleer.domain.content import Content
from signaleer.domain.stats import age_band, count_cases, to_csv, to_markdown
from signaleer.vault.store import CaseStore

START, END = dt.date(2026, 1, 1), dt.date(2026, 12, 31)


@pytest.fixture(scope="module")
def content() -> Content:
    return load_content_or_raise()


def _at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(12, 0)).astimezone()


def _case(age: int | None, signals: list[str], created: dt.date = dt.date(2026, 6, 1), **answers: bool) -> Case:
    case = Case(pseudonym="X", age=age, sector="wijkteam", created_at=_at(created))
    case.signals = [ObservedSignal(signal_id=s) for s in signals]
    case.afwegingen = {q: AfwegingAnswer(answer=a, reason="r", date=created) for q, a in answers.items()}
    return case


def _cell(report_csv: str, dimension: str, category: str) -> str:
    for row in csv.DictReader(io.StringIO(report_csv)):
        if row["dimensie"] == dimension and row["categorie"] == category:
            return row["aantal"]
    raise AssertionError(f"no row {dimension}/{category}")


def test_age_bands() -> None:
    assert [age_band(a) for a in (None, 0, 11, 12, 15, 16, 17, 18, 22, 23, 40)] == [
        "onbekend", "onder_12", "onder_12", "12_15", "12_15", "16_17", "16_17", "18_22", "18_22", "23_plus", "23_plus",
    ]  # fmt: skip


def test_counts_by_form_age_outcome_and_comensha_with_small_counts_suppressed(content: Content) -> None:
    sexual = [_case(14, ["SX01"], vermoeden=True, onveiligheid=True) for _ in range(6)]
    criminal = [_case(17, ["CU01"]), _case(17, ["CU01"]), _case(20, ["CU01"])]
    outside = _case(14, ["SX01"], created=dt.date(2025, 12, 31))
    registered = sexual[0]
    registered.comensha = ComenshaRegistration(route="politie", registered_on=dt.date(2026, 6, 2))

    report = count_cases([*sexual, *criminal, outside], content, START, END)
    text = to_csv(report)

    assert report.total.count == 9 and _cell(text, "totaal", "signaleringen") == "9"
    assert _cell(text, "vorm", "seksuele uitbuiting") == "6"
    assert _cell(text, "vorm", "criminele uitbuiting") == "<5"
    assert _cell(text, "vorm", "arbeidsuitbuiting") == "0"
    assert [_cell(text, "leeftijd", band) for band in ("12–15", "16–17", "18–22")] == ["6", "<5", "<5"]
    assert _cell(text, "uitkomst", "nog geen uitkomst") == "<5"
    assert _cell(text, "uitkomst", "Melden bij Veilig Thuis") == "afgeschermd"  # 9 - 6 would give the 3 away
    assert _cell(text, "comensha", "geregistreerd") == "<5"
    assert _cell(text, "comensha", "toestemming niet gevraagd") == "afgeschermd"


def test_one_hidden_cell_next_to_a_visible_total_hides_a_second(content: Content) -> None:
    cases = [_case(14, []) for _ in range(6)] + [_case(17, [])]
    text = to_csv(count_cases(cases, content, START, END))
    assert _cell(text, "totaal", "signaleringen") == "7"
    assert _cell(text, "leeftijd", "16–17") == "<5"
    assert _cell(text, "leeftijd", "12–15") == "afgeschermd"  # else 7 - 6 = 1 could be worked out
    assert _cell(text, "vorm", "geen vorm af te leiden") == "7"


def test_threshold_and_period_are_honoured(content: Content) -> None:
    cases = [_case(14, []) for _ in range(3)] + [_case(14, [], created=dt.date(2027, 1, 1))]
    assert _cell(to_csv(count_cases(cases, content, START, END, threshold=3)), "totaal", "signaleringen") == "3"
    assert _cell(to_csv(count_cases(cases, content, START, END, threshold=10)), "totaal", "signaleringen") == "<10"
    assert count_cases(cases, content, dt.date(2027, 1, 1), dt.date(2027, 1, 1)).total.count == 1


def test_csv_shape_and_markdown(content: Content) -> None:
    report = count_cases([_case(14, ["SX01"])], content, START, END)
    rows = list(csv.reader(io.StringIO(to_csv(report))))
    assert rows[0] == ["periode_van", "periode_tot", "dimensie", "categorie", "aantal"]
    assert all(len(r) == 5 and r[:2] == ["2026-01-01", "2026-12-31"] for r in rows[1:])
    assert {r[2] for r in rows[1:]} == {"totaal", "vorm", "leeftijd", "uitkomst", "comensha"}
    md = to_markdown(report)
    assert md.startswith("# Anonieme aantallen") and "| seksuele uitbuiting | <5 |" in md
    english = to_markdown(count_cases([], content, START, END, language="en"))
    assert "| sexual exploitation | 0 |" in english


words = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=6, max_size=30)
inside = st.dates(min_value=dt.date(2026, 1, 2), max_value=dt.date(2026, 12, 30))
anyday = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2040, 12, 31))


@st.composite
def identifying_case(draw: st.DrawFn, signal_ids: list[str]) -> Case:
    """A case full of random pseudonym, free text and dates, created inside the period."""
    created = draw(inside)
    case = Case(
        pseudonym=draw(words),
        age=draw(st.none() | st.integers(0, 40)),
        gemeente=draw(words),
        role=draw(words),
        sector="wijkteam",
        created_at=_at(created),
        evaluation_date=draw(anyday),
    )
    for signal_id in draw(st.lists(st.sampled_from(signal_ids), max_size=4, unique=True)):
        case.signals.append(ObservedSignal(signal_id=signal_id, observation=draw(words), date=draw(anyday)))
    case.consultations.append(Consultation(who=draw(words), advice=draw(words), date=draw(anyday)))
    case.followups.append(FollowUp(with_whom="ouders", note=draw(words), date=draw(anyday), due=draw(anyday)))
    case.comensha = ComenshaRegistration(note=draw(words), consent_status="gevraagd", consent_date=draw(anyday))
    case.timeline.append(TimelineEvent(at=_at(draw(anyday)), kind="note", summary=draw(words), reason=draw(words)))
    if draw(st.booleans()):
        case.afwegingen["vermoeden"] = AfwegingAnswer(answer=draw(st.booleans()), reason=draw(words), date=created)
    return case


def _scrubbed(case: Case) -> Case:
    """``case`` without any free text or date except a fixed creation day inside the period."""
    return Case(
        pseudonym="X",
        age=case.age,
        sector=case.sector,
        created_at=_at(dt.date(2026, 6, 15)),
        signals=[ObservedSignal(signal_id=s.signal_id) for s in case.signals],
        afwegingen={
            q: a.model_copy(update={"reason": "r", "date": dt.date(2026, 6, 15)}) for q, a in case.afwegingen.items()
        },
        comensha=ComenshaRegistration(consent_status=case.comensha.consent_status),
    )


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_no_identifying_field_ever_leaves(content: Content, data: st.DataObject) -> None:
    signal_ids = ["SX01", "CU01", "GB01", "ON01", "AU01", "RV01"]
    cases = data.draw(st.lists(identifying_case(signal_ids), min_size=1, max_size=12))
    threshold = data.draw(st.integers(2, 6))
    report = count_cases(cases, content, START, END, threshold=threshold)
    output = to_csv(report) + to_markdown(report)

    scrubbed = count_cases([_scrubbed(c) for c in cases], content, START, END, threshold=threshold)
    assert output == to_csv(scrubbed) + to_markdown(scrubbed)  # free text and dates change nothing

    empty = count_cases([], content, START, END, threshold=threshold)
    vocabulary = to_csv(empty) + to_markdown(empty)  # fixed labels: a secret inside them is a coincidence
    bounds = {START.isoformat(), END.isoformat()}
    for case in cases:
        secrets = [case.pseudonym, case.gemeente or "", case.role, case.comensha.note, case.timeline[-1].summary]
        secrets += [s.observation for s in case.signals] + [f.note for f in case.followups]
        secrets += [c.who for c in case.consultations] + [c.advice for c in case.consultations]
        secrets += [a.reason for a in case.afwegingen.values()]
        for secret in secrets:
            assert secret.strip() == "" or secret in vocabulary or secret not in output, secret
        days = [case.created_at.date(), case.evaluation_date, case.comensha.consent_date, case.timeline[-1].at.date()]
        days += [s.date for s in case.signals] + [f.date for f in case.followups] + [f.due for f in case.followups]
        for day in days:
            if day is not None and day.isoformat() not in bounds:
                assert day.isoformat() not in output and day.strftime("%d-%m-%Y") not in output
    lines = output.splitlines()
    assert all(not line.endswith(f",{n}") for n in range(1, report.threshold) for line in lines)


def test_cli_stats_csv_and_help(
    tmp_path_factory: pytest.TempPathFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content: Content
) -> None:
    help_text = CliRunner().invoke(main, ["stats", "--help"]).output
    assert "Anonieme aantallen signaleringen voor de gemeente" in help_text and "--drempel" in help_text
    template = vault_template(tmp_path_factory)
    monkeypatch.setenv("SIGNALEER_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("SIGNALEER_PASSPHRASE_FILE", raising=False)
    store = CaseStore(copy_vault(template, tmp_path / "home" / "data" / "kluis"), template.identity)
    for index in range(6):
        case = ch.new_case(f"Geheim-{index}", 14, "meisje", "den_helder", "wijkteam")
        store.save(case, summarize(case, content))
    passfile = tmp_path / "pw"
    passfile.write_text(PASSPHRASE + "\n")
    passfile.chmod(0o600)
    today = dt.date.today().isoformat()

    result = CliRunner().invoke(
        main, ["stats", "--from", "2000-01-01", "--to", today, "--drempel", "3", "--passphrase-file", str(passfile)]
    )

    assert result.exit_code == 0, result.stderr
    assert _cell(result.stdout, "totaal", "signaleringen") == "6"
    assert _cell(result.stdout, "leeftijd", "12–15") == "6"
    assert "Geheim" not in result.stdout and "helder" not in result.stdout.lower()
    wrong = CliRunner().invoke(main, ["stats", "--from", "2026-02-01", "--to", "2026-01-01"])
    assert wrong.exit_code == 2 and "begindatum" in wrong.stderr
