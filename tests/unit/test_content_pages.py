"""The bundled knowledge pages (checklists/kennis/*.md): front matter, languages, topics, numbers."""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from signaleer.domain.knowledge import KnowledgePage, PageMeta

ROOT = Path(__file__).resolve().parents[2]
KENNIS = ROOT / "checklists" / "kennis"
LANDELIJK = ROOT / "meldroutes" / "_landelijk.yaml"
KNOWN_SOURCES = ROOT / "tests" / "fixtures" / "known_sources.txt"

EXPECTED_SLUGS = {
    "over_signaleer",  # what the app is and is not
    "wat_is_uitbuiting",  # forms, grooming phases, speed
    "partijen",  # Veilig Thuis, zorgcoördinator, CoMensha, police, CSG, meldpunt, ZVH
    "gesprekstips",
    "vlaggensysteem",
    "meldcode",
    "comensha_registratie",
    "politie_en_justitie",
    "nazorg_revictimisatie",
    "privacy_en_bewaren",
    "jongens",
    "criminele_uitbuiting",
}

_FILE_NAME = re.compile(r"^(?P<slug>[a-z0-9][a-z0-9_]*)(?P<en>\.en)?\.md$")

# Dutch phone numbers: 0 or +31, then groups of digits split by spaces or hyphens.
_PHONE = re.compile(r"(?<![\w-])(?:\+31[\s-]?|0)\d{1,3}(?:[\s-]?\d{2,4}){1,4}(?![\w-])")
_URL = re.compile(r"https?://[^\s)\"'>\]]+")


@dataclass(frozen=True)
class RawPage:
    """A page parsed without the loader, so these tests run on their own."""

    path: Path
    slug: str
    language: str
    meta: PageMeta
    body: str


def _split(path: Path) -> tuple[dict[str, object], str]:
    lines = path.read_text(encoding="utf-8").split("\n")
    assert lines[0].strip() == "---", f"{path.name}: begint niet met '---'"
    end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    front = yaml.safe_load("\n".join(lines[1:end]))
    assert isinstance(front, dict), f"{path.name}: kop is geen mapping"
    return front, "\n".join(lines[end + 1 :]).strip()


def _raw_pages() -> list[RawPage]:
    pages = []
    for path in sorted(KENNIS.glob("*.md")):
        match = _FILE_NAME.match(path.name)
        assert match, f"ongeldige bestandsnaam: {path.name}"
        front, body = _split(path)
        meta = PageMeta.model_validate(front)
        pages.append(RawPage(path, match["slug"], "en" if match["en"] else "nl", meta, body))
    return pages


PAGES = _raw_pages()
DUTCH = {p.slug: p for p in PAGES if p.language == "nl"}
ENGLISH = {p.slug: p for p in PAGES if p.language == "en"}


def phone_numbers(text: str) -> set[str]:
    """Phone-like numbers in ``text``, as digits only (+31 becomes 0); at least 7 digits."""
    found = set()
    for match in _PHONE.finditer(text):
        digits = re.sub(r"\D", "", match.group())
        if match.group().startswith("+31"):
            digits = "0" + digits[2:]
        if len(digits) >= 7:
            found.add(digits)
    return found


def _body(slug: str, language: str = "nl") -> str:
    return (DUTCH if language == "nl" else ENGLISH)[slug].body


# --- front matter and files -------------------------------------------------------------------


def test_there_are_pages() -> None:
    assert len(DUTCH) >= 10
    assert len(PAGES) == len(list(KENNIS.glob("*.md")))


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.path.name)
def test_page_has_title_date_and_public_source(page: RawPage) -> None:
    assert len(page.meta.titel) >= 5
    assert page.meta.datum in {dt.date(2026, 11, 29), dt.date(2026, 12, 1)}  # 12-01: issue 14
    assert page.meta.bronnen, "minstens één bron"
    for source in page.meta.bronnen:
        assert source.url.startswith(("https://", "http://"))
        assert source.title, f"{page.path.name}: bron {source.id} heeft geen titel"
    assert len({s.id for s in page.meta.bronnen}) == len(page.meta.bronnen), "bron-ids dubbel"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.path.name)
def test_page_has_keywords_and_a_heading(page: RawPage) -> None:
    assert len(page.meta.trefwoorden) >= 5
    assert page.body.startswith("# "), "de tekst begint met een kop"
    assert re.search(r"^## ", page.body, re.MULTILINE), "de tekst heeft tussenkoppen"
    assert not re.search(r"</?[a-zA-Z][^>]*>", page.body), "geen HTML in de tekst"


@pytest.mark.parametrize("page", list(DUTCH.values()), ids=lambda p: p.slug)
def test_dutch_page_length_is_150_to_500_words(page: RawPage) -> None:
    words = len(page.body.split())
    assert 150 <= words <= 500, f"{page.slug}: {words} woorden"


@pytest.mark.parametrize("page", list(ENGLISH.values()), ids=lambda p: p.slug)
def test_english_page_length_is_reasonable(page: RawPage) -> None:
    words = len(page.body.split())
    assert 100 <= words <= 500, f"{page.slug}.en: {words} words"


def test_every_dutch_page_has_an_english_version_and_back() -> None:
    assert set(DUTCH) == set(ENGLISH)


@pytest.mark.parametrize("slug", sorted(DUTCH), ids=str)
def test_translations_share_order_and_sources(slug: str) -> None:
    nl, en = DUTCH[slug], ENGLISH[slug]
    assert nl.meta.volgorde == en.meta.volgorde
    assert [s.url for s in nl.meta.bronnen] == [s.url for s in en.meta.bronnen]
    assert nl.meta.titel != en.meta.titel, "de Engelse titel is vertaald"


def test_order_is_unique_among_dutch_pages() -> None:
    orders = [p.meta.volgorde for p in DUTCH.values()]
    assert len(orders) == len(set(orders))


# --- topics ------------------------------------------------------------------------------------


def test_pages_cover_the_expected_topics() -> None:
    missing = EXPECTED_SLUGS - set(DUTCH)
    assert not missing, f"ontbrekende kennispagina's: {sorted(missing)}"


@pytest.mark.parametrize(
    ("slug", "required"),
    [
        ("over_signaleer", ["nooit", "slachtoffer", "112", "dossier"]),
        ("wat_is_uitbuiting", ["pooierboy", "mensenhandelaar", "sextortion", "criminele", "arbeidsuitbuiting", "week"]),
        (
            "partijen",
            [
                "Veilig Thuis",
                "zorgcoördinator",
                "CoMensha",
                "AVIM",
                "Centrum Seksueel Geweld",
                "meldpunt",
                "Zorg- en Veiligheidshuis",
            ],
        ),
        ("gesprekstips", ["geheimhouding", "Verbied", "schuld"]),
        ("vlaggensysteem", ["Toestemming", "Vrijwilligheid", "Gelijkwaardigheid", "Groen", "Geel", "Rood", "Zwart"]),
        ("meldcode", ["afwegingskader", "acute", "structurele", "onthulling", "meldrecht"]),
        ("comensha_registratie", ["schriftelijke toestemming", "precies 16", "Jonger dan 16", "Ouder dan 16"]),
        ("politie_en_justitie", ["wijkagent", "anoniem", "convenant", "AVIM"]),
        ("nazorg_revictimisatie", ["terugkomst", "wijkagent", "veiligheidsplan"]),
        ("privacy_en_bewaren", ["werknotitie", "dossier", "20 jaar", "15 jaar", "beelden", "casuscode"]),
        ("jongens", ["schaamte", "taboe", "sextortion"]),
        ("criminele_uitbuiting", ["geldezel", "straatboete", "slachtoffer"]),
    ],
)
def test_page_mentions_its_key_points(slug: str, required: list[str]) -> None:
    body = _body(slug).casefold()
    for word in required:
        assert word.casefold() in body, f"{slug}: '{word}' ontbreekt"


def test_app_page_never_gives_a_victim_verdict() -> None:
    for page in PAGES:
        text = page.body.casefold()
        assert "slachtoffer: ja" not in text and "slachtoffer ja/nee" not in text


@pytest.mark.parametrize("word", ["loverboy", "pooierboy", "mensenhandelaar", "sextortion", "CoMensha"])
def test_search_synonyms_find_a_dutch_page(word: str) -> None:
    hits = [
        p.slug
        for p in DUTCH.values()
        if KnowledgePage(id=p.slug, language="nl", meta=p.meta, body=p.body).matches(word)
    ]
    assert hits, f"zoeken op '{word}' vindt geen pagina"


# --- sources and numbers -----------------------------------------------------------------------


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.path.name)
def test_urls_in_the_text_are_listed_as_sources(page: RawPage) -> None:
    listed = {s.url for s in page.meta.bronnen}
    for url in _URL.findall(page.body):
        assert url in listed, f"{page.path.name}: {url} staat niet in bronnen"


def test_source_urls_are_sources_the_research_has_read() -> None:
    lines = KNOWN_SOURCES.read_text(encoding="utf-8").splitlines()
    known = {line.strip() for line in lines if line.strip() and not line.startswith("#")}
    unknown = {s.url for p in PAGES for s in p.meta.bronnen if s.url not in known}
    assert not unknown, f"bronnen die niet in tests/fixtures/known_sources.txt staan: {sorted(unknown)}"


def test_phone_detector_finds_dutch_numbers_and_ignores_dates_and_codes() -> None:
    text = "Bel 0800-2000, 033-448 11 86 of +31 70 333 44 44; niet 2026-11-29, CBS 0153, 0-18 jaar of 112."
    assert phone_numbers(text) == {"08002000", "0334481186", "0703334444"}


def test_pages_contain_no_phone_number_missing_from_the_national_route() -> None:
    if not LANDELIJK.exists():
        pytest.skip("meldroutes/_landelijk.yaml bestaat nog niet")
    known = phone_numbers(LANDELIJK.read_text(encoding="utf-8"))
    assert known, "de landelijke meldroute bevat geen telefoonnummers"
    for page in PAGES:
        unknown = phone_numbers(page.body) - known
        assert not unknown, f"{page.path.name}: nummers die niet in _landelijk.yaml staan: {sorted(unknown)}"


# --- through the content loader ----------------------------------------------------------------


def test_loader_finds_no_errors_in_the_pages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    loader = pytest.importorskip("signaleer.content.loader")
    monkeypatch.setenv("SIGNALEER_HOME", str(tmp_path))
    monkeypatch.delenv("SIGNALEER_CONTENT", raising=False)
    result = loader.load_content()
    page_errors = [str(e) for e in result.errors if KENNIS in Path(e.path).resolve().parents]
    assert not page_errors, "\n".join(page_errors)
    if result.content is None:
        pytest.skip("other content files do not validate yet; pages were checked above")
    loaded = {(p.id, p.language) for p in result.content.pages}
    assert loaded == {(p.slug, p.language) for p in PAGES}
    for page in result.content.pages:
        assert page.meta.bronnen and page.meta.titel and page.meta.datum


def test_a_page_that_is_a_fifo_or_too_large_is_an_error_and_never_read(tmp_path: Path) -> None:
    from signaleer.content.pages import load_page
    from signaleer.content.yaml_io import MAX_CONTENT_BYTES

    fifo = tmp_path / "fifo_pagina.md"
    os.mkfifo(fifo)
    page, errors = load_page(fifo)  # returns: opening a FIFO without a writer would block here
    assert page is None and [(e.line, "geen gewoon bestand" in e.message) for e in errors] == [(1, True)]
    big = tmp_path / "grote_pagina.md"
    with open(big, "wb") as handle:
        handle.write(b"---\n")
        handle.truncate(MAX_CONTENT_BYTES + 1)
    page, errors = load_page(big)
    assert page is None and ["te groot" in e.message for e in errors] == [True]
