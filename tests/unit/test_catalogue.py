"""The text catalogue: compiled, complete in both languages, every key used, every used key present.

The ``.po`` files are the source (``src/signaleer/i18n/locale/*/LC_MESSAGES``); these tests read them with
Babel, as ``tools/i18n.py`` does, and the program reads the compiled ``.mo`` with the standard library.
"""

from __future__ import annotations

import ast
import importlib.util
import re
from functools import cache
from pathlib import Path
from types import ModuleType

import pytest

from signaleer.i18n import DOMAIN, LANGUAGES, has_text, nt, t

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "src" / "signaleer"


@cache
def tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("i18n_tool", ROOT / "tools" / "i18n.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@cache
def entries(language: str) -> dict[str, str | tuple[str, ...]]:
    po = SRC / "i18n" / "locale" / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    catalog = tool().read(po)
    found: dict[str, str | tuple[str, ...]] = {}
    for message in catalog:
        if not message.id:
            continue
        key = message.id[0] if isinstance(message.id, tuple) else message.id
        found[key] = message.string
    return found


def fields(text: str | tuple[str, ...]) -> set[str]:
    parts = text if isinstance(text, tuple) else (text,)
    return {name for part in parts for name in re.findall(r"(?<!\{)\{(\w+)[}!:]", part)}


def test_every_mo_matches_its_po() -> None:
    assert tool().main(["check"]) == 0, "run: python tools/i18n.py compile"


def test_both_languages_have_the_same_keys_fields_and_forms() -> None:
    nl, en = entries("nl"), entries("en")
    assert set(nl) == set(en), f"only nl: {sorted(set(nl) - set(en))}; only en: {sorted(set(en) - set(nl))}"
    for key in nl:
        assert fields(nl[key]) == fields(en[key]), key
        assert isinstance(nl[key], tuple) == isinstance(en[key], tuple), f"{key}: plural in one language only"
        for text in (nl[key], en[key]):
            parts = text if isinstance(text, tuple) else (text,)
            assert all(part.strip() for part in parts), f"{key}: empty text"


def python_files() -> list[Path]:
    return sorted(SRC.rglob("*.py"))


@cache
def constants_and_prefixes() -> tuple[frozenset[str], frozenset[str]]:
    """Every string constant in src/, and the literal start of every f-string (a key built at run time)."""
    constants: set[str] = set()
    prefixes: set[str] = set()
    for path in python_files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.JoinedStr):
                head = node.values[0] if node.values else None
                if (
                    isinstance(head, ast.Constant)
                    and isinstance(head.value, str)
                    and "." in head.value
                    and len(head.value) > 3
                ):
                    prefixes.add(head.value)
            elif isinstance(node, ast.Constant) and isinstance(node.value, str):
                constants.add(node.value)
    return frozenset(constants), frozenset(prefixes)


def test_every_key_is_used() -> None:
    constants, prefixes = constants_and_prefixes()
    unused = [
        key
        for key in entries("nl")
        if key not in constants
        and not any(key.startswith(prefix) for prefix in prefixes)
        and not any(key.startswith(c) and c.endswith(".") and len(c) > 3 for c in constants)
    ]
    assert not unused, f"keys no code asks for (remove them from both .po files): {unused}"


def literal_keys() -> list[tuple[str, int, str]]:
    """``(file, line, key)`` of every ``t("…")``/``nt("…", …)`` call with a literal key."""
    found = []
    for path in python_files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in {"t", "nt"}
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                found.append((str(path.relative_to(ROOT)), node.lineno, node.args[0].value))
    return found


def test_every_key_asked_for_exists_in_both_languages() -> None:
    calls = literal_keys()
    assert len(calls) > 300, "the AST scan found too few calls: is it still looking at the right code?"
    missing = [
        f"{file}:{line}: {key}" for file, line, key in calls if not all(has_text(key, lang) for lang in LANGUAGES)
    ]
    assert not missing, "\n".join(missing)


@pytest.mark.parametrize("language", LANGUAGES)
def test_t_fills_fields_and_falls_back_to_the_key(language: str) -> None:
    assert t("walk.title", lang=language, pseudonym="X1") in {"Signalering: X1", "Case: X1"}  # type: ignore[arg-type]
    assert t("no.such.key", lang=language) == "no.such.key"  # type: ignore[arg-type]


def test_nt_chooses_the_form_by_count() -> None:
    plurals = [key for key, text in entries("nl").items() if isinstance(text, tuple)]
    if not plurals:
        pytest.skip("no plural texts in the catalogue yet")
    key = plurals[0]
    one, many = nt(key, 1, lang="nl"), nt(key, 3, lang="nl")
    assert one != many and "3" in many
