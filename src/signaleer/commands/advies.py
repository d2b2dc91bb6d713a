"""`signaleer advies`: the advice for a training case file, readable or as JSON."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import click

from signaleer.commands.base import DateType, PathType, argument, command, language_option_value, option, show_date
from signaleer.content.casefile import read_case_file
from signaleer.content.loader import load_content_or_raise
from signaleer.domain.advice import Advice, next_step
from signaleer.errors import UsageError
from signaleer.i18n import Language, t
from signaleer.paths import bundled_examples


@command("advies", help="cli.advies.help")
@argument("case_file", metavar="cli.advies.metavar.case", required=False, type=PathType(path_type=Path, dir_okay=False))
@option("--voorbeeld", "--example", "example", metavar="cli.metavar.name", default=None, help="cli.advies.opt.example")
@option("--json", "as_json", is_flag=True, help="cli.advies.opt.json")
@option("--datum", "--date", "datum", type=DateType(), default=None, help="cli.advies.opt.date")
@option("--taal", "--language", "taal", type=click.Choice(["nl", "en"]), default=None, help="cli.opt.language")
def advies(case_file: Path | None, example: str | None, as_json: bool, datum: dt.date | None, taal: str | None) -> None:
    """The advice for a training case: phase, next step, reasons and whom to call."""
    language = language_option_value(taal)
    case_file = _case_path(case_file, example)
    content = load_content_or_raise()
    training = read_case_file(case_file, content)
    today = datum or training.today
    advice = next_step(training.case, content, today=today, language=language)
    if as_json:
        click.echo(json.dumps(advice.to_json(), ensure_ascii=False, indent=2))
    else:
        click.echo(render_text(advice, training.case.pseudonym, language))


def _case_path(case_file: Path | None, example: str | None) -> Path:
    """The file to read: the path given, or the bundled training case named by ``--voorbeeld``."""
    if (case_file is None) == (example is None):
        raise UsageError(t("cli.advies.which_case"), t("cli.advies.which_case.hint"))
    if case_file is not None:
        return case_file
    examples = bundled_examples()
    assert example is not None
    wanted = example.strip().lower().removesuffix(".yaml")
    for name, path in examples.items():
        if wanted in (name, path.stem):
            return path
    names = ", ".join(examples) or t("cli.none")
    raise UsageError(t("cli.advies.no_such_case", name=example), t("cli.choose_from", names=names))


def render_text(advice: Advice, pseudonym: str, language: Language = "nl") -> str:
    """The advice as plain text for the terminal, its headings in ``language`` (the advice's own words come
    from the domain, in the language it was made in)."""

    def label(key: str, **values: object) -> str:
        return t(key, lang=language, **values)

    lines = [f"{pseudonym} — {advice.phase_label}"]
    if advice.acute:
        lines.append(label("cli.advies.acute"))
    if advice.outcome_title:
        norm = label("cli.advies.norm", norm=advice.norm) if advice.norm else ""
        lines.append(label("cli.advies.outcome", outcome=advice.outcome_title, norm=norm))
    lines += ["", label("cli.advies.next_step", action=advice.next_action)]
    if advice.due:
        lines.append(label("cli.advies.due", date=show_date(advice.due)))

    def section(title: str, items: list[str]) -> None:
        if items:
            lines.extend(["", f"{title}:"])
            lines.extend(f"  - {item}" for item in items)

    section(label("cli.advies.why"), advice.reasons)
    contacts = []
    for contact in advice.contacts:
        reach = contact.phone or contact.web or contact.email or label("cli.advies.add_locally")
        contacts.append(f"{contact.name}: {reach}  [{contact.role}, {contact.urgency}]")
    section(label("cli.advies.call"), contacts)
    section(label("cli.advies.record"), advice.to_record)
    for qid, hint in advice.suggestions.items():
        answer = label("cli.yes") if hint.answer else label("cli.no")
        section(label("cli.advies.suggestion", id=qid, answer=answer), hint.reasons)
    consent = [advice.consent.text, label("cli.advies.if_refused", text=advice.consent.if_refused)]
    section(label("cli.advies.consent"), consent)
    section(label("cli.advies.note"), advice.warnings)
    section(label("cli.advies.explanation"), advice.notes + advice.prompts)
    lines += ["", label("cli.advies.you_decide")]
    return "\n".join(lines)
