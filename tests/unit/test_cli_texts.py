"""The command line speaks one language at a time, every text from the catalogue, click's own messages included.

- every message id the installed click asks gettext for has a Dutch text in ``click.po`` (a click upgrade that
  brings a new English message fails here);
- every command's ``--help`` and usage errors contain none of click's English in Dutch, and do in English;
- no prose literal reaches click in ``cli.py`` or ``commands/*.py`` other than through ``t()``/``nt()`` or a
  catalogue key (an AST check, itself shown to catch an inserted literal).
"""

from __future__ import annotations

import ast
import gettext
import importlib.util
import os
import re
import subprocess
import sys
from functools import cache
from pathlib import Path
from types import ModuleType

import click
import pytest
from click.testing import CliRunner, Result

from signaleer.cli import main
from signaleer.commands.base import KEY, DateType
from signaleer.i18n import CLICK_DOMAIN, LANGUAGES, Language, current_language, has_text, t

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "src" / "signaleer"
CLICK_PO = SRC / "i18n" / "locale" / "nl" / "LC_MESSAGES" / f"{CLICK_DOMAIN}.po"

# Calls in click's source whose message id is not a literal, with the ids they can ask for. A new one, or a
# changed one, fails `test_click_asks_only_for_known_dynamic_ids`: add its ids here and to click.po.
KNOWN_DYNAMIC = {"_(extra['required'])": ("required",)}

# click's English as a person sees it in help and errors.
ENGLISH_WORDS = ("Usage", "Options", "Show this message", "Error:", "Missing argument", "Try", "Aborted", "OPTIONS")


# --- click's message ids -------------------------------------------------------------------------------------


def click_msgids(source: str) -> tuple[set[str], set[str]]:
    """``(literal ids, unparsed dynamic calls)`` of every ``_()``/``gettext()``/``ngettext()`` call in ``source``."""
    literal: set[str] = set()
    dynamic: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
            continue
        count = {"_": 1, "gettext": 1, "ngettext": 2}.get(node.func.id)
        if count is None:
            continue
        ids = node.args[:count]
        if len(ids) == count and all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in ids):
            literal.update(str(a.value) for a in ids if isinstance(a, ast.Constant))
        else:
            dynamic.add(ast.unparse(node))
    return literal, dynamic


@cache
def installed_click() -> tuple[frozenset[str], frozenset[str]]:
    literal: set[str] = set()
    dynamic: set[str] = set()
    for path in sorted(Path(click.__file__).parent.glob("*.py")):
        found, calls = click_msgids(path.read_text(encoding="utf-8"))
        literal |= found
        dynamic |= calls
    return frozenset(literal), frozenset(dynamic)


@cache
def tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("i18n_tool", ROOT / "tools" / "i18n.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def dutch_click_texts() -> dict[str, str | tuple[str, ...]]:
    """msgid (and msgid_plural) → Dutch text(s) from click.po."""
    found: dict[str, str | tuple[str, ...]] = {}
    for message in tool().read(CLICK_PO):
        if not message.id:
            continue
        for msgid in message.id if isinstance(message.id, tuple) else (message.id,):
            found[msgid] = message.string
    return found


def missing_dutch(msgids: set[str] | frozenset[str], dutch: dict[str, str | tuple[str, ...]]) -> list[str]:
    """The ids without a (complete) Dutch text."""
    missing = []
    for msgid in sorted(msgids):
        text = dutch.get(msgid)
        parts = text if isinstance(text, tuple) else (text,)
        if text is None or not all(part and part.strip() for part in parts):
            missing.append(msgid)
    return missing


def test_every_message_of_the_installed_click_has_a_dutch_text() -> None:
    literal, dynamic = installed_click()
    assert {"Usage:", "Options", "Error: {message}", "Aborted!", "Missing argument"} <= literal, "scan broken?"
    wanted = set(literal) | {msgid for call in dynamic for msgid in KNOWN_DYNAMIC.get(call, ())}
    missing = missing_dutch(wanted, dutch_click_texts())
    assert not missing, f"add these click messages to {CLICK_PO.relative_to(ROOT)}: {missing}"


def test_click_asks_only_for_known_dynamic_ids() -> None:
    _, dynamic = installed_click()
    assert set(dynamic) == set(KNOWN_DYNAMIC), "click's non-literal gettext calls changed: update KNOWN_DYNAMIC"


def test_the_msgid_check_notices_a_message_click_adds() -> None:
    source = (
        "from gettext import gettext as _, ngettext\n_('Usage:')\n_('A brand new message')\nngettext('a', 'b', 2)\n"
    )
    literal, dynamic = click_msgids(source)
    assert literal == {"Usage:", "A brand new message", "a", "b"} and not dynamic
    assert missing_dutch(literal, dutch_click_texts()) == ["A brand new message", "a", "b"]
    _, calls = click_msgids("_(some_variable)\n")
    assert calls == {"_(some_variable)"}


def test_the_compiled_click_catalogue_is_what_gettext_finds() -> None:
    dutch = gettext.translation(CLICK_DOMAIN, SRC / "i18n" / "locale", languages=["nl"])
    assert dutch.gettext("Usage:") == dutch_click_texts()["Usage:"] != "Usage:"


# --- help and usage errors of every command ------------------------------------------------------------------


def speak_in_settings(home: Path, language: str) -> None:
    """Choose the CLI's language the way a person does: in the settings file."""
    config = home / "config"
    config.mkdir(parents=True, exist_ok=True)
    (config / "instellingen.json").write_text(f'{{"language": "{language}"}}', encoding="utf-8")


def command_paths() -> list[tuple[list[str], click.Command]]:
    """Every command under ``signaleer``, as the words that call it, found through click's own command tree."""
    found: list[tuple[list[str], click.Command]] = []

    def walk(path: list[str], command: click.Command) -> None:
        found.append((path, command))
        if isinstance(command, click.Group):
            ctx = click.Context(command)
            for name in command.list_commands(ctx):
                sub = command.get_command(ctx, name)
                assert sub is not None, name
                walk([*path, name], sub)

    walk([], main)
    return found


def invoke(args: list[str], stdin: str | None = None) -> Result:
    return CliRunner().invoke(main, args, input=stdin)


def english_in(output: str) -> list[str]:
    return [word for word in ENGLISH_WORDS if word in output]


def test_the_tree_has_every_command() -> None:
    names = {" ".join(path) for path, _ in command_paths()}
    assert {"", "check", "vault", "vault init", "cases show", "cases export", "stats", "docs"} <= names
    assert len(names) >= 20


@pytest.mark.parametrize("language", LANGUAGES)
def test_help_of_every_command_speaks_one_language(home: Path, language: Language) -> None:
    speak_in_settings(home, language)
    for path, command in command_paths():
        result = invoke([*path, "--help"])
        where = f"signaleer {' '.join(path)} --help"
        assert result.exit_code == 0, f"{where}: {result.output}"
        assert not KEY.search(result.output), f"{where} shows a catalogue key: {result.output}"
        assert len(result.output.splitlines()) >= 3, where
        if language == "nl":
            assert not english_in(result.output), f"{where} in Dutch shows {english_in(result.output)}"
            assert "Gebruik:" in result.output and "Opties:" in result.output, where
        else:
            assert "Usage:" in result.output and "Options:" in result.output, where
            assert "Show this message" in result.output and "Gebruik:" not in result.output, where
        if isinstance(command, click.Group):
            assert t("cli.main.commands", lang=language) + ":" in result.output or "Commands:" in result.output


@pytest.mark.parametrize("language", LANGUAGES)
def test_usage_errors_of_every_command_speak_one_language(home: Path, language: Language) -> None:
    speak_in_settings(home, language)
    missing_argument = 0
    for path, command in command_paths():
        unknown = invoke([*path, "--bestaat-niet"])
        errors = [(unknown, "unknown option")]
        required = [p for p in command.params if isinstance(p, click.Argument) and p.required]
        if required:
            missing_argument += 1
            errors.append((invoke(path), "missing argument"))
        for result, what in errors:
            where = f"signaleer {' '.join(path)}: {what}"
            assert result.exit_code == 2, f"{where}: {result.output}"
            assert "Traceback" not in result.output
            if language == "nl":
                assert not english_in(result.output), f"{where} in Dutch shows {english_in(result.output)}"
                assert "Fout:" in result.output and "Meer hulp:" in result.output, f"{where}: {result.output}"
            else:
                assert "Error:" in result.output and "Try '" in result.output, f"{where}: {result.output}"
        if required:
            expected = "Ontbrekend argument" if language == "nl" else "Missing argument"
            assert expected in errors[-1][0].output, path
    assert missing_argument >= 4, "cases show/delete/export/import take an argument"


@pytest.mark.parametrize(("language", "word"), [("nl", "Afgebroken."), ("en", "Aborted!")])
def test_an_aborted_prompt_says_so_in_the_language(home: Path, language: Language, word: str) -> None:
    speak_in_settings(home, language)
    result = invoke(["vault", "init"], stdin="")  # end of input at the passphrase prompt
    assert result.exit_code == 1 and word in result.output, result.output
    assert t("cli.vault.prompt.new", lang=language) in result.output


def test_language_option_switches_the_messages_too(home: Path) -> None:
    result = invoke(["advies", "--taal", "en", "--voorbeeld", "bestaat-niet"])
    assert result.exit_code == 2 and t("cli.advies.no_such_case", lang="en", name="bestaat-niet") in result.output
    assert current_language() == "nl", "the language of one run must not stay behind"


def test_the_cli_leaves_the_process_as_it_found_it(home: Path) -> None:
    before = (current_language(), gettext.textdomain(), os.environ.get("LANGUAGE"))
    speak_in_settings(home, "en")
    invoke(["--help"])
    assert (current_language(), gettext.textdomain(), os.environ.get("LANGUAGE")) == before


# --- options, dates ------------------------------------------------------------------------------------------


def test_options_are_dutch_with_english_aliases_in_the_help(home: Path) -> None:
    stats = invoke(["stats", "--help"]).output
    for pair in ("--van, --from", "--tot, --to", "--formaat, --format", "--drempel, --threshold", "--taal, --language"):
        assert pair in stats, pair
    assert "--ouder-dan, --older-than" in invoke(["cases", "purge", "--help"]).output
    assert "[%Y-%m-%d]" not in stats and "DD-MM-JJJJ" in stats


@pytest.mark.parametrize("typed", ["31-12-2026", "2026-12-31", " 31-12-2026 "])
def test_a_date_is_typed_as_dd_mm_jjjj_or_iso(typed: str) -> None:
    import datetime as dt

    assert DateType().convert(typed, None, None) == dt.date(2026, 12, 31)


def test_a_wrong_date_is_a_dutch_usage_error(home: Path) -> None:
    result = invoke(["advies", "--voorbeeld", "lotte", "--datum", "2026-31-12"])
    assert result.exit_code == 2 and t("cli.date.invalid", lang="nl", value="2026-31-12") in result.output


# --- the passphrase prompt without a terminal ----------------------------------------------------------------


def test_no_english_getpass_warning_without_a_terminal(tmp_path: Path) -> None:
    """The real program, stdin a pipe and no controlling terminal: getpass cannot hide the input."""
    env = {**os.environ, "SIGNALEER_HOME": str(tmp_path / "home")}
    env.pop("SIGNALEER_PASSPHRASE_FILE", None)
    run = subprocess.run(
        [sys.executable, "-m", "signaleer", "vault", "init"],
        input="lange fietsbel zin\nandere fietsbel zin\n",
        capture_output=True,
        text=True,
        env=env,
        start_new_session=True,  # no controlling terminal: /dev/tty cannot be opened
        timeout=60,
    )
    assert run.returncode == 2, run.stderr
    assert "Password input may be echoed" not in run.stderr
    assert t("cli.vault.echo_warning", lang="nl") in run.stderr
    assert t("cli.vault.mismatch", lang="nl") in run.stderr  # both lines were read, from the pipe


# --- no prose literal reaches click ---------------------------------------------------------------------------

OUTPUT_CALLS = {"echo", "secho", "prompt", "confirm", "ClickException", "UsageError", "BadParameter", "fail"}
TEXT_KEYWORDS = {"help", "short_help", "epilog", "prompt"}
WORD = re.compile(r"[^\W\d_]{2,}")
PROGRAM = {"signaleer"}


def has_prose(node: ast.AST) -> bool:
    """Whether the text ``node`` makes holds a literal word (other than the program's name) outside ``t()``/``nt()``.

    It follows what builds a string (literals, f-strings, ``+``/``%``, ``a if c else b``, ``"…".format()``),
    not the arguments of other calls (``path.read_text(encoding="utf-8")`` is no text for a person).
    """
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str) and any(word not in PROGRAM for word in WORD.findall(node.value))
    if isinstance(node, ast.JoinedStr):
        return any(has_prose(value) for value in node.values if isinstance(value, ast.Constant))
    if isinstance(node, ast.BinOp):
        return has_prose(node.left) or has_prose(node.right)
    if isinstance(node, ast.IfExp):
        return has_prose(node.body) or has_prose(node.orelse)
    if isinstance(node, ast.BoolOp):
        return any(has_prose(value) for value in node.values)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        return isinstance(node.func.value, ast.Constant) and has_prose(node.func.value)
    return False


def is_key(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and bool(KEY.fullmatch(node.value))
        and all(has_text(node.value, lang) for lang in LANGUAGES)
    )


def called_name(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""


def literal_texts(source: str) -> list[tuple[int, str]]:
    """``(line, what)`` of every user-facing literal given to click other than through the catalogue."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call):
            name = called_name(node)
            if (name in OUTPUT_CALLS or name.endswith(("Error", "Exception"))) and any(
                has_prose(arg) for arg in node.args
            ):
                found.append((node.lineno, f"{name}(…) with a literal text"))
            for keyword in node.keywords:
                if keyword.arg in TEXT_KEYWORDS and not is_key(keyword.value) and has_prose(keyword.value):
                    found.append((node.lineno, f"{keyword.arg}= is not a catalogue key or t()"))
        elif isinstance(node, ast.FunctionDef):
            commands = [
                d for d in node.decorator_list if isinstance(d, ast.Call) and called_name(d) in {"command", "group"}
            ]
            gives_help = any(k.arg == "help" for d in commands for k in d.keywords)
            doc = ast.get_docstring(node)
            if commands and not gives_help and doc and has_prose(ast.Constant(doc)):
                found.append((node.lineno, f"{node.name}: the docstring is the help; give help='cli.…'"))
    return found


def cli_sources() -> list[Path]:
    return [SRC / "cli.py", *sorted((SRC / "commands").glob("*.py"))]


def test_no_literal_text_reaches_click_outside_the_catalogue() -> None:
    found = [
        f"{path.relative_to(ROOT)}:{line}: {what}"
        for path in cli_sources()
        for line, what in literal_texts(path.read_text(encoding="utf-8"))
    ]
    assert not found, "\n".join(found)


@pytest.mark.parametrize(
    "inserted",
    [
        'click.echo("Kluis gemaakt.")',
        'click.echo(f"{n} casus(sen) verwijderd.")',
        'raise UsageError(t("cli.nothing_removed"), "Probeer het opnieuw.")',
        'click.prompt("Wachtwoordzin", hide_input=True)',
        '@option("--x", help="Een tekst.")\ndef f() -> None: ...',
        '@option("--x", help="cli.no.such.key")\ndef f() -> None: ...',
        '@cases.command("x")\ndef x() -> None:\n    """Toon alles."""',
    ],
)
def test_the_literal_check_catches_an_inserted_literal(inserted: str) -> None:
    source = (SRC / "commands" / "vault.py").read_text(encoding="utf-8")
    assert not literal_texts(source)
    assert literal_texts(source + "\n\n" + inserted + "\n"), inserted
