"""The dossier export: what it holds, escaping, self-contained HTML, and ``signaleer cases export``."""

from __future__ import annotations

import datetime as dt
import re
import stat
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_vault_support import PASSPHRASE, copy_vault, vault_template

from signaleer.advice_text import summarize
from signaleer.cli import main
from signaleer.content.loader import load_content_or_raise
from signaleer.domain import changes as ch
from signaleer.domain.case import (
    Case,
    ComenshaRegistration,
    Consultation,
    Conversation,
    Decision,
    FollowUp,
    ObservedSignal,
)
from signaleer.domain.content import Content
from signaleer.export import export_case, file_name
from signaleer.export.markdown import escape
from signaleer.vault.store import CaseStore

AT = dt.datetime(2026, 11, 30, 14, 5)
DAY = dt.date(2026, 11, 20)


@pytest.fixture(scope="module")
def content() -> Content:
    return load_content_or_raise()


def _case(pseudonym: str = "Noor") -> Case:
    case = ch.new_case(pseudonym, 15, "meisje", "leiden", "wijkteam", role="wijkcoach")
    ch.set_acute(case, "direct_gevaar", False)
    ch.add_signal(
        case,
        ObservedSignal(
            signal_id="SD04",
            observation="Man wacht haar op na school",
            date=DAY,
            source_type="van_horen_zeggen",
            source_note="mentor",
        ),
    )
    ch.add_signal(case, ObservedSignal(signal_id="GB01", observation="Nieuwe dure telefoon"))
    ch.add_consultation(case, Consultation(who="aandachtsfunctionaris", date=DAY, advice="VT anoniem bellen"))
    ch.set_conversation(case, "jongere", Conversation(held=True, date=DAY, summary="Ze noemt hem 'lief'"))
    ch.set_afweging(case, "vermoeden", True, "Veel signalen tegelijk", suggested=True, today=DAY)
    ch.set_afweging(case, "onveiligheid", True, "Minderjarige in onvrijheid", suggested=None, today=DAY)
    ch.record_decision(case, Decision(outcome_id="melden", date=DAY, melding_date=DAY, reference="VT-123"))
    reg = ComenshaRegistration(consent_status="gevraagd", signer="ouders_of_voogd", consent_date=DAY)
    ch.set_comensha(case, reg)
    ch.add_followup(case, FollowUp(with_whom="ouders", due=DAY, note="terugbellen moeder"))
    ch.set_nazorg_point(case, "wijkagent", True)
    return case


def test_markdown_has_a_dated_summary_per_step_timeline_and_versions(content: Content) -> None:
    text = export_case(_case(), content, "md", AT)
    assert text.startswith("# Dossierverslag signaleer — Noor")
    assert "NIET versleuteld" in text and "30\\-11\\-2026" not in text and "30-11-2026 14:05" in text
    for step in content.step_plan.steps:
        assert step.title.nl in text
    assert "| SD04 " in text and "van horen zeggen (mentor)" in text and "eigen waarneming" in text
    assert "aandachtsfunctionaris | 20-11-2026 | nee | VT anoniem bellen" in text
    assert "Ze noemt hem 'lief'" in text
    assert "Veel signalen tegelijk | 20-11-2026 | ja |" in text  # reason, date, suggestion shown at the time
    assert "Minderjarige in onvrijheid | 20-11-2026 | geen |" in text
    assert "Melden bij Veilig Thuis" in text and "VT-123" in text
    assert "088-308 3636" in text  # Veilig Thuis Hollands Midden, from the Leiden route
    assert "toestemming" in text.lower() and "ouders of voogd" in text
    assert "terugbellen moeder" in text
    assert "- [x] " in text and "- [ ] " in text
    assert "## Tijdlijn" in text and "Casus aangemaakt." in text
    for path in ("checklists/stappenplan.yaml", "checklists/signalen/gedrag.yaml", "meldroutes/leiden.yaml"):
        assert re.search(rf"\| {re.escape(path)} \| [^|]+ \| \d{{4}}-\d\d-\d\d \|", text), path
    assert "meldroutes/apeldoorn.yaml" not in text
    assert "afwegingskader wijkteam" in text


def test_english_export(content: Content) -> None:
    text = export_case(_case(), content, "md", AT, language="en")
    assert text.startswith("# signaleer dossier report — Noor") and "NOT encrypted" in text and "## Timeline" in text


def test_html_is_self_contained_printable_and_escaped(content: Content) -> None:
    nasty = '<script>alert("x")</script>'
    case = _case(nasty)
    ch.add_followup(case, FollowUp(with_whom="netwerk", date=DAY, note='<img src="http://evil/x.png"> & more'))
    html = export_case(case, content, "html", AT)
    assert "<script" not in html.lower()
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "<img" not in html and "&lt;img src=&quot;http://evil/x.png&quot;&gt; &amp; more" in html
    tags = _tags(html)
    assert {name for name, _ in tags} <= ALLOWED_TAGS
    assert not [attrs for _, attrs in tags if {"src", "href", "action", "style"} & set(attrs)]
    assert not re.search(r"url\(|@import", html, re.IGNORECASE)
    assert "@media print" in html and "<style>" in html and html.startswith("<!DOCTYPE html>")
    assert "default-src 'none'" in html


ALLOWED_TAGS = {
    "html", "head", "meta", "title", "style", "body", "h1", "h2", "h3", "p", "section", "dl", "dt", "dd",
    "table", "thead", "tbody", "tr", "th", "td", "ul", "li",
}  # fmt: skip


def _tags(html: str) -> list[tuple[str, list[str]]]:
    """Every start tag in ``html`` with its attribute names, as a browser's parser sees them."""
    found: list[tuple[str, list[str]]] = []

    class Collector(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            found.append((tag, [name for name, _ in attrs]))

    Collector().feed(html)
    return found


def test_markdown_escapes_what_the_professional_typed() -> None:
    assert escape("<script>x</script>") == "\\<script\\>x\\</script\\>"
    assert escape("# kop\n- punt | a [b](c)") == "\\# kop  \n\\- punt \\| a \\[b\\](c)"


def test_markdown_escapes_a_script_pseudonym_everywhere(content: Content) -> None:
    text = export_case(_case("<script>x</script>"), content, "md", AT)
    assert "<script>" not in text and "\\<script\\>x\\</script\\>" in text


def test_file_name_holds_no_pseudonym() -> None:
    case = Case(pseudonym="Noor")
    assert file_name(case, "html", DAY) == f"signaleer-{case.id}-2026-11-20.html"


def test_cli_export_writes_0600_and_warns_on_stderr(
    tmp_path_factory: pytest.TempPathFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content: Content
) -> None:
    template = vault_template(tmp_path_factory)
    monkeypatch.setenv("SIGNALEER_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("SIGNALEER_PASSPHRASE_FILE", raising=False)
    store = CaseStore(copy_vault(template, tmp_path / "home" / "data" / "kluis"), template.identity)
    case = _case("Noor-export")
    store.save(case, summarize(case, content))
    passfile = tmp_path / "pw"
    passfile.write_text(PASSPHRASE + "\n")
    passfile.chmod(0o600)
    out = tmp_path / "uit"
    out.mkdir()

    result = CliRunner().invoke(
        main,
        ["cases", "export", case.id, "--format", "html", "--uitvoer", str(out), "--passphrase-file", str(passfile)],
    )

    assert result.exit_code == 0, result.stderr
    written = out / f"signaleer-{case.id}-{dt.date.today().isoformat()}.html"
    assert stat.S_IMODE(written.stat().st_mode) == 0o600
    assert "Noor-export" in written.read_text()
    assert "NIET versleuteld" in result.stderr and str(written) in result.stderr
    assert "Noor-export" not in result.stdout + result.stderr

    existing = tmp_path / "oud.md"
    existing.write_text("oud")
    existing.chmod(0o644)
    again = CliRunner().invoke(
        main, ["cases", "export", case.id, "--uitvoer", str(existing), "--passphrase-file", str(passfile)]
    )
    assert again.exit_code == 0, again.stderr
    assert stat.S_IMODE(existing.stat().st_mode) == 0o600 and existing.read_text().startswith("# Dossierverslag")

    missing = CliRunner().invoke(
        main,
        ["cases", "export", case.id, "--uitvoer", str(tmp_path / "nee" / "x.md"), "--passphrase-file", str(passfile)],
    )
    assert missing.exit_code == 2 and "bestaat niet" in missing.stderr


def test_cli_export_help_is_dutch() -> None:
    result = CliRunner().invoke(main, ["cases", "export", "--help"])
    assert result.exit_code == 0
    assert "Exporteer één casus voor het dossier" in result.output
    assert "NIET versleuteld" in result.output and "--uitvoer, --output PAD" in result.output


def test_the_dossier_shows_the_contacts_and_versions_of_the_moment_of_decision(content: Content) -> None:
    """Routes are edited later; the dossier shows what the professional saw when deciding, and what changed."""
    from dataclasses import replace

    from signaleer.domain.advice import next_step
    from signaleer.domain.snapshot import with_snapshot

    case = _case()
    case.decisions.clear()
    shown = next_step(case, content, DAY).contacts
    veilig_thuis = next(c for c in shown if "Veilig Thuis" in c.name)
    then = [c if c is not veilig_thuis else c.model_copy(update={"phone": "0800-000 0000"}) for c in shown]
    decision = with_snapshot(Decision(outcome_id="melden", date=DAY, reference="VT-9"), case, content, then)
    ch.record_decision(case, decision)
    assert [v.path for v in decision.versions][-1] == "afwegingskader wijkteam"

    edited = replace(
        content,
        files=[replace(f, versie="2027.1") if f.path == "meldroutes/leiden.yaml" else f for f in content.files],
    )
    text = export_case(case, edited, "md", AT)
    assert "Contacten zoals getoond bij het besluit van 20-11-2026" in text
    assert escape("0800-000 0000") in text  # the number as shown then, not today's
    assert "| meldroutes/leiden.yaml | 2027\\.1 |" in text
    leiden_then = next(v for v in decision.versions if v.path == "meldroutes/leiden.yaml")
    assert escape(f"{leiden_then.versie} ({leiden_then.datum})") in text
    assert "| checklists/stappenplan.yaml |" in text and "| gelijk |" in text


def test_a_decision_from_before_snapshots_says_the_contacts_are_todays(content: Content) -> None:
    text = export_case(_case(), content, "md", AT)  # its decision was recorded without a snapshot
    assert "Contacten uit de huidige meldroute (Leiden); bij dit besluit is niet bewaard" in text
    assert "Bij besluit van" not in text


def test_the_export_shows_labels_not_internal_ids(content: Content) -> None:
    """Roles, acute questions, afwegingen, outcomes, consent and relations by name; no snake_case key at all."""
    case = _case()
    ch.set_acute(case, "seksueel_geweld_7d", True)
    ch.set_exploiter_relation(case, "ex_partner")
    ch.skip_step(case, "overleg", "geen tijd")
    for export_format in ("md", "html"):
        text = re.sub(r"<[^>]+>|\S*/\S*", " ", export_case(case, content, export_format, AT))
        ids = re.findall(r"(?<![\w.-])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![\w.-])", text)
        assert not ids, (export_format, sorted(set(ids)))
    markdown = export_case(case, content, "md", AT)
    assert "Acute check 'Is er in de afgelopen 7 dagen seksueel geweld geweest?': ja." in markdown
    assert "Afweging 1 – Heb je" in markdown and "Besluit: Melden bij Veilig Thuis." in markdown
    assert "| Veilig Thuis |" in markdown
    assert "ex-partner" in markdown and "Stap 2 – Overleggen overgeslagen." in markdown
