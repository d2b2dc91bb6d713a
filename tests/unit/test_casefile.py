"""Training case files: parsing, and clear ``path:line: message`` errors for every kind of mistake."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from engine_content import make_content

from signaleer.content.casefile import load_case_file, read_case_file
from signaleer.domain.content import Content
from signaleer.errors import CaseFileError
from signaleer.i18n import Language, current_language, set_language, t

GOOD = """\
pseudoniem: Lotte
leeftijd: 15
geslacht: meisje
gemeente: Leiden
sector: wijkteam
peildatum: 2026-11-20
acuut: {direct_gevaar: nee, seksueel_geweld_7d: nee, vermist: no, onthulling: ja}
acuut_gedaan: "Veilig Thuis gebeld om 10:00"
uitbuiter: anders
signalen:
  - GD01
  - id: GB01
    observatie: "nieuwe telefoon"
    datum: 2026-11-01
    bron: van_horen_zeggen
    van: moeder
overleg:
  - {met: aandachtsfunctionaris, datum: 2026-11-02, advies: "melden", anoniem: ja}
gesprekken:
  jongere: {gehouden: ja, datum: 2026-11-03}
  ouders: {gehouden: nee, reden: "oom betrokken", gevaar: ja}
antwoorden:
  netwerk: {veiligheidsplan: "school haalt op"}
overgeslagen:
  overleg: "acute situatie"
afwegingen:
  vermoeden: {antwoord: ja, reden: "veel signalen"}
  onveiligheid: {antwoord: nee, reden: "geen acute dreiging", datum: 2026-11-04}
evaluatiedatum: 2027-01-15
besluiten:
  - {uitkomst: melden, datum: 2026-11-05, melding_datum: 2026-11-05, kanaal: telefoon}
comensha: {toestemming: geweigerd, datum: 2026-11-06}
"""


@pytest.fixture(scope="module")
def content() -> Content:
    return make_content()


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "casus.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_full_file_becomes_a_case(tmp_path: Path, content: Content) -> None:
    training = read_case_file(_write(tmp_path, GOOD), content)
    case = training.case
    assert training.today == dt.date(2026, 11, 20)
    assert (case.pseudonym, case.age, case.gender, case.gemeente) == ("Lotte", 15, "meisje", "Leiden")
    assert case.acute == {"direct_gevaar": False, "seksueel_geweld_7d": False, "vermist": False, "onthulling": True}
    assert case.acute_handled_at is not None and case.acute_action_note.startswith("Veilig Thuis")
    assert [s.signal_id for s in case.signals] == ["GD01", "GB01"]
    assert case.signals[1].source_type == "van_horen_zeggen" and case.signals[1].date == dt.date(2026, 11, 1)
    assert case.consultations[0].anonymous is True
    assert case.conversations["ouders"].endangers is True and case.conversations["jongere"].held is True
    assert case.answers == {"netwerk": {"veiligheidsplan": "school haalt op"}}
    assert case.skipped_steps == {"overleg": "acute situatie"}
    assert case.afwegingen["vermoeden"].date == dt.date(2026, 11, 20)
    assert case.afwegingen["onveiligheid"].answer is False
    assert case.evaluation_date == dt.date(2027, 1, 15)
    assert case.decisions[0].melding_date == dt.date(2026, 11, 5)
    assert case.comensha.consent_status == "geweigerd"
    assert case.exploiter_relation == "anders"
    again = load_case_file(_write(tmp_path, GOOD), content)
    skip = {"id", "created_at", "updated_at"}
    assert again.model_dump(exclude=skip) == case.model_dump(exclude=skip)


@pytest.mark.parametrize(
    ("replace", "by", "line", "message"),
    [
        ("  - GD01\n", "  - XX99\n", 11, "onbekend signaal 'XX99'"),
        ("gemeente: Leiden", "gemeente: Atlantis", 4, "onbekende gemeente 'Atlantis'"),
        ("leeftijd: 15", "leeftijd: vijftien", 2, t("content.error.int", field="leeftijd", value="vijftien")),
        ("evaluatiedatum: 2027-01-15", "evaluatiedatum: morgen", 29, "'morgen' is geen geldige datum"),
        ("vermist: no, onthulling: ja", "vermist: misschien, onthulling: ja", 7, "ja of nee"),
        ('  vermoeden: {antwoord: ja, reden: "veel signalen"}', "  vermoeden: {antwoord: ja}", 27, "'reden'"),
        ("uitbuiter: anders", "uitbuiter: buurman", 9, t("content.error.choice", field="uitbuiter", value="buurman")),
        ("gesprekken:", "gesprek:", 19, t("content.error.unknown_field", field="gesprek")),
        ("  - {met: aandachtsfunctionaris,", "  - {wie: aandachtsfunctionaris,", 18, "overleg[1].wie: onbekend veld"),
        ("    van: moeder\n", "    van: moeder\n  - GB01\n", 17, "signaal 'GB01' staat dubbel"),
        ("  netwerk: {veiligheidsplan", "  netwerk: {planning", 23, "onbekend veld 'planning'"),
        ("  vermoeden:", "  twijfel:", 27, "onbekende afweging 'twijfel'"),
        ("acuut: {direct_gevaar", "acuut: {gevaar", 7, "onbekende acute vraag 'gevaar'"),
        (
            '  ouders: {gehouden: nee, reden: "oom betrokken", gevaar: ja}',
            "  ouders: {gehouden: nee}",
            21,
            "zonder 'reden'",
        ),
    ],
)
def test_mistakes_give_path_line_and_a_dutch_message(
    tmp_path: Path, content: Content, replace: str, by: str, line: int, message: str
) -> None:
    assert replace in GOOD
    path = _write(tmp_path, GOOD.replace(replace, by))
    with pytest.raises(CaseFileError) as caught:
        load_case_file(path, content)
    first = caught.value.message.splitlines()[0]
    assert first.startswith(f"{path}:{line}: "), first
    assert message in first


@pytest.mark.parametrize(
    ("replace", "by", "hint"),
    [
        ("evaluatiedatum: 2027-01-15", "evaluatiedatum: morgen", "JJJJ-MM-DD"),
        ("uitbuiter: anders", "uitbuiter: buurman", "'partner'"),
        ("gesprekken:", "gesprek:", t("content.error.unknown_field.hint")),
    ],
)
def test_a_mistake_in_the_form_comes_with_its_hint(
    tmp_path: Path, content: Content, replace: str, by: str, hint: str
) -> None:
    with pytest.raises(CaseFileError) as caught:
        load_case_file(_write(tmp_path, GOOD.replace(replace, by)), content)
    assert caught.value.message.splitlines()[1].startswith("    → ") and hint in caught.value.message.splitlines()[1]


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_messages_speak_the_current_language(tmp_path: Path, content: Content, language: Language) -> None:
    before = current_language()
    set_language(language)
    try:
        with pytest.raises(CaseFileError) as caught:
            load_case_file(_write(tmp_path, GOOD.replace("vermist: no", "vermist: misschien")), content)
    finally:
        set_language(before)
    expected = t("content.rule.yes_or_no", lang=language, value="misschien")
    assert caught.value.message.splitlines()[0].endswith(f"acuut.vermist: {expected}")
    assert caught.value.hint == t("casefile.error.hint", lang=language)


def test_yaml_syntax_error_and_duplicate_key(tmp_path: Path, content: Content) -> None:
    with pytest.raises(CaseFileError) as caught:
        load_case_file(_write(tmp_path, "pseudoniem: [Lotte\nleeftijd: 15\n"), content)
    assert caught.value.message.startswith(str(tmp_path / "casus.yaml") + ":")
    with pytest.raises(CaseFileError) as caught:
        load_case_file(_write(tmp_path, "pseudoniem: A\nleeftijd: 15\nleeftijd: 16\n"), content)
    assert f"{tmp_path / 'casus.yaml'}:3: " in caught.value.message and "dubbel" in caught.value.message


def test_every_problem_is_listed_and_empty_or_odd_files_fail_cleanly(tmp_path: Path, content: Content) -> None:
    with pytest.raises(CaseFileError) as caught:
        load_case_file(_write(tmp_path, "leeftijd: 15\nsignalen: [XX01, YY02]\n"), content)
    lines = caught.value.message.splitlines()
    assert any("pseudoniem" in x for x in lines) and any("XX01" in x for x in lines) and any("YY02" in x for x in lines)
    with pytest.raises(CaseFileError) as caught:  # the form first: every mistake in it, each with its line
        load_case_file(_write(tmp_path, "pseudoniem: A\nleeftijd: 200\ngeslacht: x\nonzin: 1\n"), content)
    lines = [x for x in caught.value.message.splitlines() if not x.startswith("    → ")]
    assert [x.split(": ", 1)[0].rsplit(":", 1)[1] for x in lines] == ["2", "3", "4"], lines
    for text in ("", "- een lijst\n", "pseudoniem: A\nleeftijd: 99\n", "pseudoniem: A\nsignalen: GD01\n"):
        with pytest.raises(CaseFileError):
            load_case_file(_write(tmp_path, text), content)
    with pytest.raises(CaseFileError):
        load_case_file(tmp_path / "bestaat_niet.yaml", content)
