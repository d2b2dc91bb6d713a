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


# --- No user-facing literal outside the catalogue -------------------------------------------------------------

_SINK_CALLS = {
    "Static", "Label", "Button", "notify", "Option", "Markdown", "Checkbox", "RadioButton", "Input",
    "TextArea", "Select", "Tab", "TabPane", "Collapsible", "Switch", "Link", "ListItem", "update",
}  # fmt: skip
"""Widgets and calls whose first argument is shown to the professional."""
_SINK_KEYWORDS = {"placeholder", "title", "tooltip", "label", "prompt", "message", "sub_title", "description"}
_SINK_ATTRIBUTES = {"border_title", "border_subtitle", "tooltip", "title", "sub_title", "TITLE", "SUB_TITLE"}
_WORD = re.compile(r"[A-Za-zÀ-ÿ]{3,}")


def _reads_as_text(value: str) -> bool:
    """A literal a person would read: a word of three letters or more, in a phrase or capitalised."""
    return bool(_WORD.search(value)) and (" " in value.strip() or value[:1].isupper())


def _literal_text(node: ast.expr | None) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str))
    return None


def user_facing_literals(source: str, filename: str) -> list[str]:
    """``file:line: text`` of every literal passed to a widget, a notification or a title, not through ``t()``."""
    found = []
    for node in ast.walk(ast.parse(source)):
        candidates: list[ast.expr] = []
        if isinstance(node, ast.Call):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
            if name in _SINK_CALLS:
                candidates += node.args[:1]
            candidates += [keyword.value for keyword in node.keywords if keyword.arg in _SINK_KEYWORDS]
        elif isinstance(node, ast.Assign) and any(
            isinstance(target, ast.Attribute) and target.attr in _SINK_ATTRIBUTES for target in node.targets
        ):
            candidates.append(node.value)
        for candidate in candidates:
            text = _literal_text(candidate)
            if text is not None and _reads_as_text(text):
                found.append(f"{filename}:{candidate.lineno}: {text[:60]!r}")
    return found


def test_the_literal_check_finds_a_sentence_put_in_a_widget() -> None:
    source = 'Static("Nog niet opgeslagen")\nbox.border_title = f"Stap {n}"\nLabel(t("walk.title"))\nButton("Opslaan", id="ok")\n'
    assert sorted(line.split(": ", 1)[1] for line in user_facing_literals(source, "x.py")) == [
        "'Nog niet opgeslagen'",
        "'Opslaan'",
        "'Stap '",
    ]


def test_the_screens_show_no_text_outside_the_catalogue() -> None:
    found = [
        line
        for path in sorted((SRC / "tui").rglob("*.py"))
        for line in user_facing_literals(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)))
    ]
    assert not found, "put these texts in the catalogue and ask for them with t():\n" + "\n".join(found)
