"""The bundled step plan, both afwegingskader variants and the reporting routes."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

import pytest

from signaleer.content.loader import collect_files, load_content, load_files
from signaleer.domain.afwegingskader import Afwegingskader, walk
from signaleer.domain.base import LocalText
from signaleer.domain.content import Content
from signaleer.domain.route import Contact
from signaleer.paths import bundled_content_root

ROOT = bundled_content_root()
PLAN_FILES = [
    "checklists/stappenplan.yaml",
    "checklists/afwegingskader.yaml",
    "checklists/afwegingskader_jeugdhulp.yaml",
]
ROUTE_FILES = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "meldroutes").rglob("*.yaml"))
MY_FILES = PLAN_FILES + ROUTE_FILES

EXAMPLES = {
    "enschede": "GM0153",
    "goes": "GM0664",
    "maastricht": "GM0935",
    "venlo": "GM0983",
    "apeldoorn": "GM0200",
    "leiden": "GM0546",
    "den_helder": "GM0400",
    "den_haag": "GM0518",
}
NATIONAL_ROLES = {
    "alarm",
    "politie",
    "csg",
    "veilig_thuis",
    "comensha",
    "zorgcoordinator",
    "misdaad_anoniem",
    "arbeidsinspectie",
    "fier",
    "helpwanted",
    "wegwijzer",
    "nidos",
    "meldpunt_uitbuiting_minderjarigen",
}
LOCAL_ONLY_ROLES = {"lokaal_meldpunt", "zorg_en_veiligheidshuis", "wijkagent", "aandachtsfunctionaris"}
QUESTIONS = ["vermoeden", "onveiligheid", "zelf_hulp", "hulp_aanvaard", "resultaat"]


@pytest.fixture(scope="module")
def content() -> Content:
    """My files through the real loader (with its cross-file checks), independent of others' files."""
    files = {key: path for key, path in collect_files([ROOT]).items() if key in MY_FILES}
    assert sorted(files) == sorted(MY_FILES)
    result = load_files(files)
    assert result.errors == [], "\n".join(map(str, result.errors))
    assert result.content is not None
    return result.content


def _texts(*texts: LocalText | None) -> list[LocalText]:
    return [t for t in texts if t is not None]


# --------------------------------------------------------------------------- loading


def test_full_content_load_reports_no_error_in_these_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SIGNALEER_HOME", str(tmp_path))
    result = load_content()
    mine = [e for e in result.errors if Path(e.path).resolve().relative_to(ROOT.resolve()).as_posix() in MY_FILES]
    assert mine == [], "\n".join(map(str, mine))


@pytest.mark.parametrize("key", MY_FILES)
def test_each_file_starts_with_the_schema_line_for_its_kind(key: str) -> None:
    import yaml

    path = ROOT / key
    first = path.read_text(encoding="utf-8").splitlines()[0]
    kind = yaml.safe_load(path.read_text(encoding="utf-8"))["kind"]
    up = "../" * (len(Path(key).parts) - 1)
    assert first == f"# yaml-language-server: $schema={up}schemas/{kind}.schema.json"


# --------------------------------------------------------------------------- step plan


def test_plan_is_marked_as_reconstruction_with_a_note_on_aligning_it(content: Content) -> None:
    plan = content.step_plan
    assert plan.reconstructie is True
    assert plan.versie == "2026.1"
    assert plan.datum == dt.date(2026, 11, 29)
    assert "signaleer check" in plan.note.nl and "signaleer check" in (plan.note.en or "")
    assert "reconstructie" in plan.note.nl and "reconstruction" in (plan.note.en or "")
    raw = (ROOT / "checklists/stappenplan.yaml").read_text(encoding="utf-8")
    assert "# RECONSTRUCTION" in raw
    assert plan.bronnen and all(s.url.startswith("http") for s in plan.bronnen)


def test_plan_has_the_acute_check_first_then_the_five_steps(content: Content) -> None:
    steps = content.step_plan.steps
    assert [s.id for s in steps] == ["acuut", "signalen", "overleg", "gesprek_jongere", "netwerk", "afwegen"]
    assert [s.number for s in steps] == [0, 1, 2, 3, 4, 5]
    assert [s.meldcode_step for s in steps] == [None, 1, 2, 3, 3, 5]
    assert [s.id for s in steps if s.skippable] == ["gesprek_jongere", "netwerk"]


def test_plan_fields_have_the_agreed_ids_and_types(content: Content) -> None:
    fields = {s.id: [(f.id, f.type, f.with_) for f in s.fields] for s in content.step_plan.steps}
    assert fields == {
        "acuut": [
            ("direct_gevaar", "acute_question", None),
            ("seksueel_geweld_7d", "acute_question", None),
            ("vermist", "acute_question", None),
            ("onthulling", "acute_question", None),
        ],
        "signalen": [
            ("signalen", "signals", None),
            ("risicofactoren", "risk_factors", None),
            ("kindcheck", "choice", None),
            ("ontbrekend", "longtext", None),
        ],
        "overleg": [("overleg", "consultations", None), ("risico_instrument", "text", None)],
        "gesprek_jongere": [("gesprek_jongere", "conversation", "jongere"), ("vlaggensysteem", "longtext", None)],
        "netwerk": [
            ("gesprek_ouders", "conversation", "ouders"),
            ("delen_met_ouders", "choice", None),
            ("veiligheidsplan", "longtext", None),
        ],
        "afwegen": [("afwegingen", "afwegingen", None)],
    }
    kindcheck = content.step_plan.step("signalen").fields[2]
    assert [c.id for c in kindcheck.choices] == ["niet_van_toepassing", "gedaan", "nog_doen"]


def test_every_step_field_and_choice_has_english_text(content: Content) -> None:
    plan = content.step_plan
    missing = []
    for text in _texts(plan.title, plan.note):
        if not text.en:
            missing.append(f"plan: {text.nl[:40]}")
    for step in plan.steps:
        for text in _texts(step.title, step.purpose, step.guidance, step.skip_when):
            if not text.en:
                missing.append(f"{step.id}: {text.nl[:40]}")
        for field in step.fields:
            texts = _texts(field.label, field.help, field.on_yes.action if field.on_yes else None)
            texts += [c.label for c in field.choices]
            missing += [f"{step.id}.{field.id}: {t.nl[:40]}" for t in texts if not t.en]
    assert missing == []


def test_every_field_has_help_and_every_skippable_step_explains_when(content: Content) -> None:
    for step in content.step_plan.steps:
        assert all(f.help is not None for f in step.fields), step.id
        if step.skippable:
            assert step.skip_when is not None and "waarom" in step.skip_when.nl


def test_acute_questions_route_to_the_agreed_roles(content: Content) -> None:
    acute = content.step_plan.step("acuut")
    routes = {f.id: (f.on_yes.roles, f.on_yes.melden) for f in acute.fields if f.on_yes}
    assert routes == {
        "direct_gevaar": (["alarm"], False),
        "seksueel_geweld_7d": (["csg", "politie"], False),
        "vermist": (["politie", "alarm"], False),
        "onthulling": (["veilig_thuis"], True),
    }
    assert all(f.required for f in acute.fields)
    assert not acute.skippable


@pytest.mark.parametrize(
    ("step_id", "phrases"),
    [
        ("acuut", ["geheimhouding", "112"]),
        ("signalen", ["eigen waarneming", "combinaties", "kindcheck", "afwachten", "geen bewijs"]),
        ("overleg", ["anoniem", "zorgcoördinator", "0900-8844"]),
        ("gesprek_jongere", ["geheimhouding", "Toestemming", "Vrijwilligheid", "Gelijkwaardigheid", "Zelfrespect"]),
        ("netwerk", ["12 tot en met 15", "16 en 17", "Veiligheidsplan", "vermist"]),
        ("afwegen", ["CoMensha", "reden", "evaluatie"]),
    ],
)
def test_guidance_covers_the_key_points_of_each_step(content: Content, step_id: str, phrases: list[str]) -> None:
    guidance = content.step_plan.step(step_id).guidance.nl
    assert [p for p in phrases if p not in guidance] == []


# --------------------------------------------------------------------------- afwegingskader


def _expected(answers: dict[str, bool]) -> tuple[str, int | None]:
    """The outcome the Meldcode model prescribes, written out independently of the YAML graph."""
    if not answers["vermoeden"]:
        return "afsluiten", None
    if answers["onveiligheid"]:
        return "melden", 1
    if not answers["zelf_hulp"] or not answers["hulp_aanvaard"]:
        return "melden", 2
    if not answers["resultaat"]:
        return "opnieuw_melden", 3
    return "hulp_afsluiten", None


@pytest.fixture(params=["wijkteam", "jeugdhulp"])
def kader(request: pytest.FixtureRequest, content: Content) -> Afwegingskader:
    return content.kaders[request.param]


def test_both_variants_exist_with_their_sectors(content: Content) -> None:
    assert sorted(content.kaders) == ["jeugdhulp", "wijkteam"]
    assert content.kaders["wijkteam"].sectors == ["wijkteam", "wmo", "algemeen"]
    assert content.kaders["jeugdhulp"].sectors == ["jeugdhulp"]
    assert content.kader_for("jeugdhulp").id == "jeugdhulp"
    assert content.kader_for("wmo").id == "wijkteam"
    assert content.kader_for(None).id == "wijkteam"


def test_kader_graph_is_sound_and_uses_the_agreed_ids(kader: Afwegingskader) -> None:
    assert kader.graph_problems() == []
    assert kader.start == "vermoeden"
    assert [(q.id, q.number) for q in kader.questions] == [(q, i) for i, q in enumerate(QUESTIONS, start=1)]
    assert [q.id for q in kader.questions if q.suggest_from_signals] == ["onveiligheid"]
    assert [q.id for q in kader.questions if q.at_evaluation] == ["resultaat"]
    assert [n.number for n in kader.norms] == [1, 2, 3]


@pytest.mark.parametrize("combo", list(itertools.product([True, False], repeat=5)))
def test_walk_reaches_the_prescribed_outcome_for_every_answer_combination(
    kader: Afwegingskader, combo: tuple[bool, ...]
) -> None:
    answers = dict(zip(QUESTIONS, combo, strict=True))
    result = walk(kader, answers)
    assert (result.outcome, result.norm) == _expected(answers)
    assert result.pending is None


def test_help_branch_waits_for_the_evaluation_date(kader: Afwegingskader) -> None:
    result = walk(kader, {"vermoeden": True, "onveiligheid": False, "zelf_hulp": True, "hulp_aanvaard": True})
    assert result.outcome == "hulp_bieden"
    assert result.pending == "resultaat"
    assert result.waiting_for_evaluation is True


def test_outcomes_carry_the_agreed_flags_and_english_actions(kader: Afwegingskader) -> None:
    outcomes = {o.id: o for o in kader.outcomes}
    assert sorted(outcomes) == sorted(["afsluiten", "melden", "hulp_bieden", "opnieuw_melden", "hulp_afsluiten"])
    assert {o.id for o in kader.outcomes if o.melden} == {"melden", "opnieuw_melden"}
    assert {o.id for o in kader.outcomes if o.closes} == {"afsluiten", "hulp_afsluiten"}
    assert (outcomes["hulp_bieden"].next, outcomes["hulp_bieden"].needs_date) == ("resultaat", True)
    for outcome in kader.outcomes:
        assert outcome.actions, outcome.id
        assert all(t.en for t in [outcome.title, outcome.explanation, *outcome.actions]), outcome.id
        assert outcome.contact_roles, outcome.id
    for melden in ("melden", "opnieuw_melden"):
        assert outcomes[melden].contact_roles[0] == "veilig_thuis"
        assert "meldrecht" in outcomes[melden].explanation.nl
    for melden in ("melden", "opnieuw_melden"):
        meld_open = outcomes[melden].meld_open
        assert meld_open is not None and meld_open.bron.startswith("https://")
        texts = {
            case: meld_open.text(case) for case in ("minderjarig", "zonder_ouders", "zestien_zeventien", "volwassen")
        }
        assert all(t.en and "open" in t.nl.lower() for t in texts.values())
        assert "ouders" in texts["minderjarig"].nl and "niet zelf" in texts["zonder_ouders"].nl
        assert "beslist" in texts["zestien_zeventien"].nl and "niet ingelicht" in texts["volwassen"].nl
        # Issue 14 #2: no action tells everyone to inform the parents; that wording now depends on the case.
        assert not any("de jongere en de ouders dat je meldt" in a.nl for a in outcomes[melden].actions)


def test_kader_texts_are_bilingual_and_explain_the_key_definitions(kader: Afwegingskader) -> None:
    for text in _texts(kader.title, kader.intro, kader.placement, *(n.text for n in kader.norms)):
        assert text.en, text.nl[:40]
    for question in kader.questions:
        assert question.text.en and question.help.en, question.id
    assert kader.placement is not None and "stap 4" in kader.placement.nl and "stap 5" in kader.placement.nl
    assert "Jij beslist" in kader.intro.nl
    help2 = kader.question("onveiligheid").help.nl
    for phrase in ["Acute onveiligheid", "onthulling", "Structurele onveiligheid", "afhankelijk", "Minderjarige"]:
        assert phrase.lower() in help2.lower(), phrase


def test_jeugdhulp_variant_differs_where_the_sector_differs(content: Content) -> None:
    wijkteam, jeugdhulp = content.kaders["wijkteam"], content.kaders["jeugdhulp"]
    assert "Jeugdwet" in jeugdhulp.intro.nl and "20 jaar" in jeugdhulp.intro.nl
    # Issue 14 #9: the generic framework with sector framing, not an official sector framework; SKJ's code.
    assert "geen officieel afwegingskader" in jeugdhulp.intro.nl
    assert "Beroepscode voor de Jeugd- en Gezinsprofessional" in jeugdhulp.intro.nl and "BPSW" not in jeugdhulp.intro.nl
    assert {"SKJ-BC", "NVO-AK"} <= {b.id for b in jeugdhulp.bronnen}
    assert "conflict van plichten" in jeugdhulp.outcome("melden").explanation.nl
    assert "conflict van plichten" not in wijkteam.outcome("melden").explanation.nl
    assert "Wmo" in wijkteam.intro.nl


# --------------------------------------------------------------------------- routes


def test_national_route_has_every_national_role_with_source_and_copy_date(content: Content) -> None:
    contacts = content.national_route.contacts
    assert {c.role for c in contacts} == NATIONAL_ROLES
    for contact in contacts:
        assert contact.bron.startswith("http"), contact.role
        assert contact.overgenomen_op is not None and contact.overgenomen_op <= dt.date.today(), contact.role
        assert contact.when_to_use.en, contact.role
        assert contact.phone or contact.web or contact.email or contact.note, contact.role
    phones = {c.role: c.phone for c in contacts}
    assert phones["alarm"] == "112"
    assert phones["politie"] == "0900-8844"
    assert phones["veilig_thuis"] == "0800-2000"
    assert phones["csg"] == "0800-0188"
    assert phones["comensha"] == "033-448 11 86"
    assert phones["misdaad_anoniem"] == "0800-7000"
    assert phones["arbeidsinspectie"] == "0800-5151"


def _every_contact(content: Content) -> list[Contact]:
    regions = content.regions
    assert regions is not None
    return [
        *content.national_route.contacts,
        *(c for m in content.municipalities.values() for c in m.contacts),
        *(c for r in regions.veiligheidsregios for c in r.contacts),
        *(z.contact for z in regions.zorgcoordinatie),
    ]


def test_no_bundled_contact_claims_a_check_nobody_did(content: Content) -> None:
    # Issue 14 #3: every contact said gecontroleerd_op = the copy date. Copied is not checked.
    for contact in _every_contact(content):
        assert contact.gecontroleerd_op is None, contact.name
        assert contact.overgenomen_op is not None, contact.name


def test_contradictory_or_unverified_data_is_left_out_with_a_note(content: Content) -> None:
    comensha = next(c for c in content.national_route.contacts if c.role == "comensha")
    assert comensha.hours is None and comensha.note is not None and "tegen" in comensha.note.nl
    phones = {c.phone for c in _every_contact(content)}
    # Watch Nederland (status unknown), SHOP's and Koraal's numbers from the dated list.
    assert not phones & {"088-208 00 44", "070-361 47 47", "06-81521052", "0475-359947"}
    [shop] = content.route("den_haag").by_role("zorgcoordinator")
    assert "SHOP" in shop.name and shop.phone is None and shop.note is not None and "oud" in shop.note.nl


def test_the_example_municipalities_are_all_there_with_quoted_cbs_codes(content: Content) -> None:
    assert {k: m.cbs_code for k, m in content.municipalities.items()} == EXAMPLES
    for key, route in content.municipalities.items():
        assert content.municipality(route.cbs_code) is route
        assert content.gemeente(route.cbs_code) is not None, key
        assert all(c.bron and c.overgenomen_op for c in route.contacts)
    assert "_sjabloon" not in content.municipalities
    assert content.municipality("Voorbeeldgemeente") is None


def _named_roles(content: Content) -> list[tuple[str, list[str]]]:
    named = [(f"acuut.{f.id}", f.on_yes.roles) for f in content.step_plan.step("acuut").fields if f.on_yes]
    for kader in content.kaders.values():
        named += [(f"{kader.id}.{o.id}", o.contact_roles) for o in kader.outcomes]
    return named


@pytest.mark.parametrize("gemeente", sorted(EXAMPLES))
def test_every_named_national_role_resolves_in_every_example_municipality(content: Content, gemeente: str) -> None:
    route = content.route(gemeente)
    assert route.gemeente is not None
    for where, roles in _named_roles(content):
        assert set(roles) <= NATIONAL_ROLES | LOCAL_ONLY_ROLES, where
        for role in roles:
            if role in NATIONAL_ROLES:
                assert route.for_roles([role]), f"{gemeente}: {where} names {role}, which resolves to nothing"
        assert route.for_roles(roles), f"{gemeente}: {where} resolves to no contact at all"


def test_local_only_roles_come_last_and_some_example_provides_them(content: Content) -> None:
    for where, roles in _named_roles(content):
        kinds = [role in LOCAL_ONLY_ROLES for role in roles]
        assert kinds == sorted(kinds), f"{where}: local-only roles must follow the national ones"
        for role in roles:
            if role in LOCAL_ONLY_ROLES:
                assert any(content.route(g).by_role(role) for g in EXAMPLES), f"{where}: nobody provides {role}"


def test_acute_contacts_have_a_phone_number_everywhere(content: Content) -> None:
    for gemeente in [None, *EXAMPLES]:
        route = content.route(gemeente)
        for role in ("alarm", "csg", "politie", "veilig_thuis"):
            assert route.by_role(role)[0].phone, (gemeente, role)


def test_every_gemeente_keeps_the_national_24_7_veilig_thuis_line_first(content: Content) -> None:
    # Issue 14 #1: Leiden's professionals' line replaced 0800-2000. Now no region or gemeente can hide it.
    assert content.gemeenten is not None
    for code in content.gemeenten.gemeenten:
        first = content.route(code).by_role("veilig_thuis")[0]
        assert first.phone == "0800-2000" and first.hours == "24/7", code


def test_leiden_gets_0800_2000_first_and_the_professionals_line_beside_it(content: Content) -> None:
    phones = [c.phone for c in content.route("Leiden").by_role("veilig_thuis")]
    assert phones == ["0800-2000", "088-308 3636"]


@pytest.mark.parametrize(
    ("gemeente", "role", "expected"),
    [
        ("enschede", "lokaal_meldpunt", "Meldpunt Loverboyproblematiek Twente"),
        ("enschede", "zorgcoordinator", "Kenniscentrum Mensenhandel Twente"),
        ("Hengelo", "zorgcoordinator", "Kenniscentrum Mensenhandel Twente"),
        ("goes", "zorgcoordinator", "Zorg- en Veiligheidshuis Zeeland"),
        ("maastricht", "lokaal_meldpunt", "meldpuntmensenhandel@veiligthuiszl.nl"),
        ("Heerlen", "lokaal_meldpunt", "meldpuntmensenhandel@veiligthuiszl.nl"),
        ("venlo", "lokaal_meldpunt", "meldpuntmensenhandel@veiligthuisnml.nl"),
        ("apeldoorn", "zorgcoordinator", "MEE Veluwe"),
        ("den_helder", "zorgcoordinator", "HVO-Querido"),
        ("den_haag", "zorgcoordinator", "SHOP"),
        ("Leiden", "zorgcoordinator", "SHOP"),
        ("Alphen aan den Rijn", "zorgcoordinator", "SHOP"),
    ],
)
def test_regional_details_win_over_the_national_default(
    content: Content, gemeente: str, role: str, expected: str
) -> None:
    [contact] = content.route(gemeente).by_role(role)
    assert expected in " ".join(filter(None, [contact.name, contact.phone, contact.email]))
    if role == "zorgcoordinator":
        assert "CoMensha" not in contact.name


def test_a_region_without_a_named_coordinator_keeps_the_national_fallback(content: Content) -> None:
    route = content.route("Zwolle")
    assert route.gemeente == "Zwolle" and route.politie_eenheid == "Eenheid Oost-Nederland"
    assert [c.name for c in route.by_role("zorgcoordinator")] == ["CoMensha – zorgcoördinatie op afstand"]
    # Tholen is in veiligheidsregio Zeeland but not covered by the Zeeland coordinator (sources).
    assert "CoMensha" in content.route("Tholen").by_role("zorgcoordinator")[0].name


def test_an_unknown_name_gets_the_national_route(content: Content) -> None:
    route = content.route("Atlantis")
    assert route.gemeente is None
    assert [c.phone for c in route.by_role("veilig_thuis")] == ["0800-2000"]


def test_the_template_validates_but_is_clearly_a_placeholder() -> None:
    import yaml

    from signaleer.domain.route import MunicipalRoute

    data = yaml.safe_load((ROOT / "meldroutes/_sjabloon.yaml").read_text(encoding="utf-8"))
    template = MunicipalRoute.model_validate(data)
    assert template.gemeente == "Voorbeeldgemeente" and template.cbs_code == "0000"
    assert all(c.overgenomen_op == dt.date(2000, 1, 1) and c.gecontroleerd_op is None for c in template.contacts)
    assert template.samenwerking is not None and template.samenwerking.wijkagenten
    assert all("example.org" in c.bron for c in template.contacts)
    assert all(c.email is None for c in template.contacts)
