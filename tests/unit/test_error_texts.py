"""Every error a person can see comes from the catalogue, and the English program shows no Dutch error.

Two checks:

- an AST scan of all of ``src/signaleer``: no prose literal is passed to an exception (any class that is or
  derives from an exception, and any call in a ``raise``), to a message helper (``ContentError``, ``click.echo``,
  ``disk_error`` …) or returned from an error helper (``os_cause``, ``_explain`` …). Prose is what
  ``test_catalogue._reads_as_text`` calls text: a word of three letters or more, in a phrase or capitalised;
  ids, keys, paths and format strings such as ``"{field}: {rule}"`` are not. ``ALLOWED`` lists the few
  developer-only texts, each with the reason it is never shown;
- error paths run in English (a missing vault, broken YAML for ``signaleer check``, a full disk, a wrong
  passphrase, a busy vault, a broken training case) and no frequent Dutch word appears in what is shown.
"""

from __future__ import annotations

import ast
import builtins
import errno
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import Result
from test_catalogue import _reads_as_text

from signaleer.i18n import as_language, set_language

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "src" / "signaleer"

_BASE_EXCEPTIONS = {
    name for name, value in vars(builtins).items() if isinstance(value, type) and issubclass(value, BaseException)
} | {
    # click's and pydantic's exceptions that carry a message to the user
    "UsageError", "BadParameter", "ClickException", "FileError", "BadOptionUsage", "BadArgumentUsage",
    "NoSuchOption", "MissingParameter", "PydanticCustomError",
}  # fmt: skip

MESSAGE_CALLS = {"ContentError", "FileProblem", "err", "_err", "_error", "echo", "secho", "fail", "disk_error"}
"""Calls (besides exceptions) whose arguments are shown: content errors, skipped vault files, click output."""

ERROR_HELPERS = {
    "os_cause", "disk_error", "busy_error", "file_kind", "failure_text", "refusal", "problem", "_explain", "_text",
    "_pattern_hint", "quote_hint", "kind_hint", "_kind_of", "_translate_yaml_problem", "_loc_text", "_name",
}  # fmt: skip
"""Functions whose return value is (part of) an error message."""

DEVELOPER_ERRORS = {"ValueError", "TypeError", "KeyError", "RuntimeError", "AssertionError", "NotImplementedError"}
"""Raised on a programming error (a wrong argument), never shown to a person: allowed with English text, except in
a pydantic validator, whose ValueError text becomes the author's message (use ``domain.base.rule_error`` there)."""

ALLOWED: dict[str, str] = {
    "vault/_age_scrypt.py": "the age header parser: its exceptions (AgeFormatError, NoMatch, …) are caught in "
    "vault/_unlock_worker.py and keys.identity_work_factor and become catalogue errors by code (vault.error.*); "
    "their English text is never shown",
}
"""Files whose exception texts are developer-only (or a known gap), with the reason."""

_VALIDATORS = {"model_validator", "field_validator", "validator", "root_validator"}


def exception_classes(trees: list[ast.Module]) -> set[str]:
    """The exception names of builtins, click and pydantic, and every class in ``trees`` that derives from one."""
    known = set(_BASE_EXCEPTIONS)
    classes = [node for tree in trees for node in ast.walk(tree) if isinstance(node, ast.ClassDef)]
    changed = True
    while changed:
        changed = False
        for cls in classes:
            if cls.name not in known and any(_name_of(base) in known for base in cls.bases):
                known.add(cls.name)
                changed = True
    return known


def _name_of(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return ""


def literal_parts(node: ast.expr | None) -> Iterator[tuple[int, str]]:
    """The literal text in ``node``: a string, an f-string's fixed parts, both sides of ``+``, both branches of ``if``.

    A call (``t("key")``, ``", ".join(…)``) is not looked into: what it returns is not a literal here.
    """
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        yield node.lineno, node.value
    elif isinstance(node, ast.JoinedStr):
        fixed = "".join(v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str))
        yield node.lineno, fixed
    elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add | ast.Mod):
        yield from literal_parts(node.left)
        yield from literal_parts(node.right)
    elif isinstance(node, ast.IfExp):
        yield from literal_parts(node.body)
        yield from literal_parts(node.orelse)
    elif isinstance(node, ast.BoolOp):
        for value in node.values:
            yield from literal_parts(value)
    elif isinstance(node, ast.Tuple | ast.List):
        for element in node.elts:
            yield from literal_parts(element)


def _in_validator(stack: list[ast.AST]) -> bool:
    return any(
        isinstance(node, ast.FunctionDef) and any(_name_of(_callee(d)) in _VALIDATORS for d in node.decorator_list)
        for node in stack
    )


def _callee(node: ast.expr) -> ast.expr:
    return node.func if isinstance(node, ast.Call) else node


def prose_in_errors(source: str, filename: str, exceptions: set[str]) -> list[str]:
    """``file:line: text`` of every prose literal that reaches an exception, a message call or an error helper's return."""
    found: list[str] = []

    def check(node: ast.expr | None, stack: list[ast.AST]) -> None:
        for line, text in literal_parts(node):
            if _reads_as_text(text):
                found.append(f"{filename}:{line}: {text[:70]!r}")

    def visit(node: ast.AST, stack: list[ast.AST], raising: bool) -> None:
        if isinstance(node, ast.Call):
            name = _name_of(node.func)
            developer = name in DEVELOPER_ERRORS and not _in_validator(stack)
            is_sink = name in exceptions or name in MESSAGE_CALLS or raising
            if is_sink and not developer:
                for arg in node.args:
                    check(arg, stack)
                for keyword in node.keywords:
                    if keyword.arg in {None, "message", "hint", "reason", "what"}:
                        check(keyword.value, stack)
        if isinstance(node, ast.Return) and any(
            isinstance(s, ast.FunctionDef) and s.name in ERROR_HELPERS for s in stack[-1:]
        ):
            check(node.value, stack)
        inner = [*stack, node] if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) else stack
        for child in ast.iter_child_nodes(node):
            visit(child, inner, isinstance(node, ast.Raise) and child is node.exc)

    visit(ast.parse(source), [], False)
    return found


def _trees() -> dict[Path, ast.Module]:
    return {path: ast.parse(path.read_text(encoding="utf-8")) for path in sorted(SRC.rglob("*.py"))}


def test_the_scan_finds_prose_put_in_an_error() -> None:
    source = """
class CaseBroken(VaultError):
    pass

def load(path):
    if path:
        raise CaseBroken(f"Het bestand {path} is kapot.", "Zet een kopie terug.")
    raise CaseBroken(t("vault.error.missing", folder=path), t("vault.error.missing.hint"))

def check(doc):
    click.echo("Alles in orde.")
    click.echo(t("cli.check.ok"))
    ContentError(doc.path, 1, 1, "dit is geen gewoon bestand", "")
    raise ValueError("work_factor must be 1 to 22")

def os_cause(exc):
    return "de schijf is vol"

class Plan(Strict):
    @model_validator(mode="after")
    def _check(self):
        raise ValueError("een stap heeft een id nodig")
"""
    found = [
        line.split(": ", 1)[1]
        for line in prose_in_errors(source, "x.py", exception_classes([ast.parse(source)]) | {"VaultError"})
    ]
    assert found == [
        "'Het bestand  is kapot.'",
        "'Zet een kopie terug.'",
        "'Alles in orde.'",
        "'dit is geen gewoon bestand'",
        "'de schijf is vol'",
        "'een stap heeft een id nodig'",
    ]


def test_no_error_text_outside_the_catalogue() -> None:
    trees = _trees()
    exceptions = exception_classes(list(trees.values()))
    assert {"SignaleerError", "VaultBusy", "CaseFileUnreadable", "CombineError"} <= exceptions
    found = [
        line
        for path, tree in trees.items()
        if str(path.relative_to(SRC)) not in ALLOWED
        for line in prose_in_errors(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)), exceptions)
    ]
    assert not found, "put these error texts in the catalogue and ask for them with t():\n" + "\n".join(found)


def test_every_allowed_file_still_has_a_reason_to_be_allowed() -> None:
    trees = _trees()
    exceptions = exception_classes(list(trees.values()))
    for name in ALLOWED:
        path = SRC / name
        assert path.is_file(), f"{name} is gone: remove it from ALLOWED"
        assert prose_in_errors(path.read_text(encoding="utf-8"), name, exceptions), f"{name} is clean: remove it"


CONSTANT_ALLOWED = {"CSS": "the dossier export's style sheet", "DESTROY_WORD": "the word a person types, shown via t()"}
"""Module-level constants that are not prose, by name."""


def prose_constants(source: str, filename: str) -> list[str]:
    """``file:line: text`` of prose in a module-level constant (a string, or a dict or tuple of them).

    Error texts used to live in tables like ``_CAUSES = {"ENOSPC": "de schijf is vol"}``: such a table is a
    catalogue outside the catalogue. Names (``__all__``, an environment variable, a key) are not prose.
    """
    found = []
    for node in ast.parse(source).body:
        if not isinstance(node, ast.Assign | ast.AnnAssign) or node.value is None:
            continue
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        names = {target.id for target in targets if isinstance(target, ast.Name)}
        if names & {"__all__", *CONSTANT_ALLOWED}:
            continue
        values = [*node.value.values] if isinstance(node.value, ast.Dict) else [node.value]
        for value in values:
            for line, text in literal_parts(value):
                if _reads_as_text(text) and not re.fullmatch(r"[A-Z0-9_-]+", text):
                    found.append(f"{filename}:{line}: {text[:70]!r}")
    return found


def test_the_constant_scan_finds_a_table_of_sentences() -> None:
    source = '_CAUSES = {"ENOSPC": "de schijf is vol"}\nHINT = "Zet de waarde tussen aanhalingstekens."\n'
    source += 'ENV = "SIGNALEER_HOME"\n__all__ = ["Advice"]\nKEYS = ("strength.weak", "strength.fair")\n'
    assert [line.split(": ", 1)[1] for line in prose_constants(source, "x.py")] == [
        "'de schijf is vol'",
        "'Zet de waarde tussen aanhalingstekens.'",
    ]


def test_no_table_of_texts_outside_the_catalogue() -> None:
    """The core and the CLI keep no texts in module-level constants (the TUI has its own literal check)."""
    found = [
        line
        for path in sorted(SRC.rglob("*.py"))
        if not str(path.relative_to(SRC)).startswith("tui/") and str(path.relative_to(SRC)) not in ALLOWED
        for line in prose_constants(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)))
    ]
    assert not found, "put these texts in the catalogue and ask for them with t():\n" + "\n".join(found)


# --- The English program shows no Dutch error -----------------------------------------------------------------

DUTCH_WORDS = {
    "de", "het", "een", "niet", "geen", "is", "bestand", "kluis", "fout", "fouten", "ontbreekt", "onbekend",
    "onbekende", "moet", "nog", "van", "voor", "wordt", "kan", "zijn", "controleer", "zet", "maak", "verwacht",
    "regel", "schijf", "opnieuw", "waarde", "veld", "sleutel", "gat", "mislukt", "vol", "klopt", "wachtwoordzin",
    "probeer", "bestaat", "staat", "dubbel", "geldige", "ongeldige", "tekst", "leeg", "verwijder", "inhoud",
}  # fmt: skip
"""Frequent Dutch words of the error texts ("is" only counts in Dutch sentences: see ``dutch_in``)."""

_ENGLISH_TOO = {"is"}
_PATH_OR_QUOTED = re.compile(r"\S*/\S*|'[^']*'|\"[^\"]*\"|\S+\.(?:yaml|md|json|age)\b")


def dutch_in(text: str) -> set[str]:
    """The Dutch words in ``text``, paths, file names and quoted ids (Dutch identifiers) left out."""
    words = set(re.findall(r"[a-zà-ÿ]+", _PATH_OR_QUOTED.sub(" ", text).casefold()))
    return (words & DUTCH_WORDS) - _ENGLISH_TOO


def test_dutch_in_finds_dutch_and_not_english() -> None:
    assert dutch_in("De schijf is vol (/tmp/kluis/x.age).") == {"de", "schijf", "vol"}
    assert dutch_in("Saving the case failed: the disk is full (/home/data/kluis). Key 'bronnen'.") == set()


def _settings_language(home: Path, language: str) -> None:
    """Choose the CLI's language as a person does: in the settings file (no --taal)."""
    (home / "config").mkdir(parents=True, exist_ok=True)
    (home / "config" / "instellingen.json").write_text(json.dumps({"language": language}), encoding="utf-8")


def _cli(*args: str) -> Result:
    from click.testing import CliRunner

    from signaleer.cli import main

    return CliRunner().invoke(main, list(args))


@pytest.mark.parametrize("language", ["en", "nl"])
def test_signaleer_check_on_broken_content_speaks_the_language_of_the_settings(
    home: Path, monkeypatch: pytest.MonkeyPatch, language: str
) -> None:
    monkeypatch.setenv("SIGNALEER_CONTENT", str(ROOT / "tests" / "fixtures" / "minimal"))
    _settings_language(home, language)
    broken = sorted(str(path) for path in (ROOT / "tests" / "fixtures" / "broken").iterdir())
    result = _cli("check", *broken)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.stderr.count("\n    → ") >= 20, "every broken fixture gives errors with hints"
    found = dutch_in(result.output)
    if language == "en":
        assert not found, f"Dutch in the English check: {sorted(found)}\n{result.output}"
    else:
        assert {"de", "niet", "ontbreekt", "bestaat", "staat"} <= found  # the control: the scan sees Dutch


@pytest.mark.parametrize("language", ["en", "nl"])
def test_vault_and_disk_errors_speak_the_current_language(
    home: Path, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory, language: str
) -> None:
    from test_vault_support import copy_vault, vault_template

    from signaleer.errors import SignaleerError, disk_error
    from signaleer.export_writer import write_export
    from signaleer.settings import load_settings
    from signaleer.vault.keys import unlock
    from signaleer.vault.lock import Holder, busy_error
    from signaleer.vault.store import CaseStore

    _settings_language(home, language)
    passfile = tmp_path / "wachtwoord"
    passfile.write_text("niet de goede zin\n")
    passfile.chmod(0o600)
    shown = [_cli("cases", "list", "--passphrase-file", str(passfile)).stderr]  # no vault yet
    template = vault_template(tmp_path_factory)
    folder = copy_vault(template, home / "data" / "kluis")
    shown.append(_cli("cases", "list", "--passphrase-file", str(passfile)).stderr)  # the wrong passphrase

    set_language(as_language(language))  # what the CLI and the app do at start
    try:
        errors: list[SignaleerError] = [
            disk_error(OSError(errno.ENOSPC, "No space left on device", str(folder)), "x"),
            disk_error(OSError(errno.EROFS, "Read-only file system"), "x"),
            busy_error(folder, Holder("elders", 12, "app")),
            busy_error(folder, Holder("elders", 12, "command")),
        ]
        for attempt in (
            lambda: unlock(tmp_path / "nergens", "x"),
            lambda: CaseStore(folder, template.identity).open("0123456789abcdef"),
            lambda: CaseStore(folder, template.identity).open("kapot"),
            lambda: CaseStore(folder, template.identity, ["geen-sleutel"]),
            lambda: write_export(tmp_path / "nergens" / "x.md", "x"),
            lambda: load_settings(_write(tmp_path / "instellingen.json", b"{kapot")),
        ):
            with pytest.raises(SignaleerError) as raised:
                attempt()
            errors.append(raised.value)
        (folder / "0123456789abcdef.age").write_bytes(b"kapot")
        (folder / "vreemd.txt").write_bytes(b"x")
        problems = CaseStore(folder, template.identity).listing().problems
    finally:
        set_language("nl")
    shown += [error.render() for error in errors] + [problem.message for problem in problems]
    assert len(problems) == 2 and all(text.strip() for text in shown)
    found = dutch_in("\n".join(shown))
    if language == "en":
        assert not found, f"Dutch in English errors: {sorted(found)}\n" + "\n".join(shown)
    else:
        assert {"de", "kluis", "schijf", "vol", "bestaat", "niet"} <= found


@pytest.mark.parametrize("language", ["en", "nl"])
def test_a_broken_training_case_is_refused_in_the_language_of_the_settings(
    home: Path, tmp_path: Path, language: str
) -> None:
    _settings_language(home, language)
    form = tmp_path / "oefening.yaml"  # mistakes in the form (pydantic)
    form.write_text(
        "pseudoniem: A\nleeftijd: vijftien\npeildatum: morgen\nonzin: 1\ngesprekken: {buurman: {}}\n"
        "acuut: {vermist: misschien}\n",
        encoding="utf-8",
    )
    against = tmp_path / "inhoud.yaml"  # mistakes against the content, found once the form is right
    against.write_text(
        "pseudoniem: ''\nsignalen: [XX99]\nafwegingen:\n  bestaat_niet: {antwoord: ja}\n"
        "gesprekken: {ouders: {gehouden: nee}}\noverleg: [{datum: 2026-01-01}]\n",
        encoding="utf-8",
    )
    shown = ""
    for case in (form, against):
        result = _cli("advies", str(case))
        assert result.exit_code != 0 and "Traceback" not in result.output
        assert result.stderr.count(f"{case.name}:") >= 4, result.stderr
        shown += result.stderr
    found = dutch_in(shown)
    if language == "en":
        assert not found, f"Dutch in the English refusal: {sorted(found)}\n{shown}"
    else:
        assert {"moet", "onbekende", "onbekend", "verwacht"} <= found


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path
