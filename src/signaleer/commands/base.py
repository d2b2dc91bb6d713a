"""Click classes that speak the text catalogue, and the language the command line speaks.

Click stores a command's help, an option's help and metavar when the decorator runs, at import. signaleer
imports a command module once, but may speak Dutch or English per run (and tests switch within one process),
so texts are given as catalogue keys (``help="cli.vault.init.help"``) and these classes look the key up in
the current language each time click shows it. A string that is no ``cli.`` key is shown as it is (a metavar
such as ``ID``). ``tests/unit/test_cli_texts.py`` checks that every key exists and no prose literal is passed.

The language: the one in the settings file (``language``, chosen in the app under Instellingen), Dutch when
there is none; a command's ``--taal`` switches its output and messages. :func:`speak` also points click's own
messages (``Usage:``, ``Error: …``) at the Dutch translations in ``locale/nl/LC_MESSAGES/click.po``.
"""

from __future__ import annotations

import datetime as dt
import gettext
import os
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import click

from signaleer.i18n import CLICK_DOMAIN, LOCALE_DIR, Language, current_language, set_language, t

FC = TypeVar("FC", bound=Callable[..., Any] | click.Command)

KEY = re.compile(r"cli\.[a-z0-9_]+(\.[a-z0-9_]+)+")
"""A catalogue key of the command line."""

DATE_FORMATS = ("%d-%m-%Y", "%Y-%m-%d")
"""How a person may type a date: DD-MM-JJJJ, or ISO (JJJJ-MM-DD) as in files and JSON."""


def text(raw: str | None) -> str | None:
    """The text of ``raw`` in the current language when it is a catalogue key, else ``raw`` itself."""
    return t(raw) if raw is not None and KEY.fullmatch(raw) else raw


def cli_language() -> Language:
    """The language of the settings file (without pydantic, as the app's first screen reads it); Dutch if none."""
    from signaleer.early_settings import peek_settings
    from signaleer.paths import resolve_paths

    return "en" if peek_settings(resolve_paths().settings_file).language == "en" else "nl"


def speak(language: Language) -> None:
    """Give signaleer's texts and click's own messages in ``language`` from now on.

    Click asks the standard library's ``gettext.gettext`` for each of its messages at run time; that reads the
    default text domain and picks the language from the environment (``LANGUAGE``, then ``LC_ALL``,
    ``LC_MESSAGES``, ``LANG``). We bind the ``click`` domain to our catalogue and set ``LANGUAGE`` in this
    process's environment: it is the first variable gettext consults and it chooses only the language of
    messages, never the encoding, number format or sorting that ``LC_ALL``/``LANG`` would change. English
    has no click catalogue, so click falls back to its own English texts. The change is made for this process
    only (the user's shell keeps its settings); programs it starts inherit ``LANGUAGE``, which changes only the
    language of their messages. :func:`speaking` puts everything back afterwards.
    """
    set_language(language)
    gettext.bindtextdomain(CLICK_DOMAIN, str(LOCALE_DIR))
    gettext.textdomain(CLICK_DOMAIN)
    os.environ["LANGUAGE"] = language


@contextmanager
def speaking(language: Language) -> Iterator[None]:
    """:func:`speak` ``language`` while the block runs, then restore the language, domain and ``LANGUAGE``."""
    before = (current_language(), gettext.textdomain(), os.environ.get("LANGUAGE"))
    try:
        speak(language)
        yield
    finally:
        set_language(before[0])
        gettext.textdomain(before[1])
        if before[2] is None:
            os.environ.pop("LANGUAGE", None)
        else:
            os.environ["LANGUAGE"] = before[2]


def language_option_value(value: str | None) -> Language:
    """The language asked with ``--taal`` (which then speaks it for the rest of the command), else the current one."""
    if value is None:
        return current_language()
    language: Language = "en" if value == "en" else "nl"
    speak(language)
    return language


class _CatalogueText:
    """A click attribute (help, short help, epilog, metavar) kept as a catalogue key and looked up each time click
    reads it, so the words follow the language of the moment (``--taal``) instead of that at import."""

    def __set_name__(self, owner: type, name: str) -> None:
        self._slot = f"_catalogue_{name}"

    def __get__(self, instance: object, owner: type | None = None) -> str | None:
        return text(getattr(instance, self._slot, None))

    def __set__(self, instance: object, value: str | None) -> None:
        setattr(instance, self._slot, value)


class _Texts(click.Command):
    """Help, short help and epilog looked up in the catalogue when click reads them."""

    help = _CatalogueText()
    short_help = _CatalogueText()
    epilog = _CatalogueText()

    @property
    def options_metavar(self) -> str | None:
        return t("cli.metavar.options")

    @options_metavar.setter
    def options_metavar(self, value: str | None) -> None:
        """Click's ``[OPTIONS]``: always the catalogue's words instead."""

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        found = super().get_help_option(ctx)
        if found is not None:  # click keeps this option, and so its help, in the language of its first use
            found.help = gettext.gettext("Show this message and exit.")
        return found


class Command(_Texts):
    """A click command whose texts are catalogue keys."""


class Group(_Texts, click.Group):
    """A click group whose texts, and those of its subcommands, are catalogue keys."""

    command_class = Command

    @property
    def subcommand_metavar(self) -> str:
        return t("cli.metavar.subcommand_optional" if self.invoke_without_command else "cli.metavar.subcommand")

    @subcommand_metavar.setter
    def subcommand_metavar(self, value: str) -> None:
        """Click's ``COMMAND [ARGS]...``: always the catalogue's words instead."""


Group.group_class = Group


class Option(click.Option):
    """A click option whose help and metavar may be catalogue keys."""

    help = _CatalogueText()
    metavar = _CatalogueText()


class Argument(click.Argument):
    """A click argument whose metavar may be a catalogue key."""

    _metavar: str | None

    @property
    def metavar(self) -> str | None:
        return text(self._metavar)

    @metavar.setter
    def metavar(self, value: str | None) -> None:
        self._metavar = value


def file_option(*decls: str, help_key: str) -> Callable[[FC], FC]:
    """An optional option naming one file to read (``--sleutel``, ``--manifest`` …): no folder, no default."""
    return option(
        *decls,
        type=PathType(path_type=Path, dir_okay=False),
        default=None,
        metavar="cli.metavar.file",
        help=help_key,
    )


def output_option(help_key: str, *, dir_okay: bool = True) -> Callable[[FC], FC]:
    """``--uitvoer``/``--output``: where to write (a file, or with ``dir_okay`` a folder to put it in); optional."""
    return option(
        "--uitvoer",
        "--output",
        "output",
        type=PathType(path_type=Path, dir_okay=dir_okay),
        default=None,
        metavar="cli.metavar.path",
        help=help_key,
    )


def language_option(dest: str = "language") -> Callable[[FC], FC]:
    """``--taal``/``--language``: the language of this command's output (``nl`` or ``en``), else the settings'."""
    return option("--taal", "--language", dest, type=click.Choice(["nl", "en"]), default=None, help="cli.opt.language")


def threshold_option(help_key: str) -> Callable[[FC], FC]:
    """``--drempel``/``--threshold``: the small-count suppression threshold (at least 2, default 5)."""
    return option(
        "--drempel",
        "--threshold",
        "threshold",
        type=click.IntRange(min=2),
        default=5,
        show_default=True,
        metavar="cli.metavar.number",
        help=help_key,
    )


def command(name: str, **attrs: Any) -> Callable[[Callable[..., Any]], Command]:
    """``click.command`` with :class:`Command`."""
    return click.command(name, cls=Command, **attrs)


def group(name: str, **attrs: Any) -> Callable[[Callable[..., Any]], Group]:
    """``click.group`` with :class:`Group`."""
    return click.group(name, cls=Group, **attrs)


def option(*decls: str, **attrs: Any) -> Callable[[FC], FC]:
    """``click.option`` with :class:`Option`."""
    return click.option(*decls, cls=Option, **attrs)


def argument(*decls: str, **attrs: Any) -> Callable[[FC], FC]:
    """``click.argument`` with :class:`Argument`."""
    return click.argument(*decls, cls=Argument, **attrs)


class PathType(click.Path):
    """``click.Path`` whose word for the kind of path (file, directory) follows the current language.

    Click translates that word once, when the type is made at import; this asks click's catalogue each time.
    """

    @property
    def name(self) -> str:
        kind = "file" if self.file_okay and not self.dir_okay else "directory" if not self.file_okay else "path"
        return gettext.gettext(kind)

    @name.setter
    def name(self, value: str) -> None:
        """Set by click's ``__init__``; the word is chosen from ``file_okay``/``dir_okay`` instead."""


class DateType(click.ParamType[dt.date]):
    """A date typed by a person as DD-MM-JJJJ (ISO JJJJ-MM-DD is accepted too); the value is a ``date``."""

    @property
    def name(self) -> str:  # type: ignore[override]
        return t("cli.date.name")

    def get_metavar(self, param: click.Parameter, ctx: click.Context) -> str | None:
        return t("cli.metavar.date")

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> dt.date:
        if isinstance(value, dt.date):
            return value
        for form in DATE_FORMATS:
            try:
                return dt.datetime.strptime(str(value).strip(), form).date()
            except ValueError:
                continue
        self.fail(t("cli.date.invalid", value=value), param, ctx)


def show_date(day: dt.date) -> str:
    """A date as a person reads it: DD-MM-JJJJ."""
    return day.strftime("%d-%m-%Y")
