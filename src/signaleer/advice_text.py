"""The one renderer of the engine's codes: advice, due actions, consent rules and timeline entries, in words.

The domain returns codes with parameters (:class:`~signaleer.domain.message.Msg`) and never a sentence; this
module turns them into text in a given language through the catalogue (``advice.<code>`` keys in
:mod:`signaleer.i18n`). The TUI's outcome screen, ``signaleer advies`` and the dossier export all call it, so
the same advice reads the same everywhere.

It lives beside the domain, not in it (the domain stays free of texts) and not in ``export/`` or a front end
(all three use it): it imports only the domain and the catalogue, never Textual, click or IO.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from typing import Any

from signaleer.domain.advice import Advice, next_step
from signaleer.domain.base import Language, LocalText
from signaleer.domain.case import Case, CaseSummary, EventParam, TimelineEvent
from signaleer.domain.consent import ConsentRule
from signaleer.domain.content import Content
from signaleer.domain.followup import DueAction, aftercare_checklist
from signaleer.domain.handover import short_recipient
from signaleer.domain.message import Items, Msg, Param, Text, codes
from signaleer.domain.progress import step_label as progress_label
from signaleer.i18n import nt, t

PREFIX = "advice."
"""Every code is the catalogue key ``advice.<code>``."""


def render(value: Param, lang: Language) -> str:
    """One code, content text or parameter in words."""
    if isinstance(value, Msg):
        values = {name: render(param, lang) for name, param in value.params}
        count = value.get("count")
        if isinstance(count, int):
            return nt(PREFIX + value.code, count, lang=lang, **values)
        return t(PREFIX + value.code, lang=lang, **values)
    if isinstance(value, LocalText):
        return value.get(lang)
    if isinstance(value, Items):
        return value.sep.join(render(v, lang) for v in value.values)
    if isinstance(value, dt.date):
        return value.strftime("%d-%m-%Y")  # people read DD-MM-JJJJ; JSON keeps ISO (see as_json)
    if value is None:
        return ""
    return str(value)


def paragraph(parts: Iterable[Param], lang: Language) -> str:
    """Parts shown one after the other, as one paragraph."""
    return " ".join(text for part in parts if (text := render(part, lang).strip()))


def all_of(texts: Iterable[Text], lang: Language) -> list[str]:
    """Each text in words."""
    return [render(text, lang) for text in texts]


def next_action(advice: Advice, lang: Language) -> str:
    """The next step in words."""
    return paragraph(advice.next_action, lang)


def consent_text(rule: ConsentRule, lang: Language) -> str:
    """The CoMensha consent rule, with the recorded status."""
    return paragraph(rule.text, lang)


def due_text(action: DueAction, lang: Language) -> str:
    """What a dated action asks, in words."""
    return render(action.text, lang)


def summarize(case: Case, content: Content, today: dt.date | None = None, lang: Language = "nl") -> CaseSummary:
    """The line the case list shows for ``case``, worded in ``lang`` (it is stored with the case, so the list
    shows it in the language of the last save)."""
    advice = next_step(case, content, today)
    return CaseSummary(
        id=case.id,
        pseudonym=case.pseudonym,
        gemeente=case.gemeente,
        phase=render(advice.phase_label, lang),
        next_action=next_action(advice, lang),
        due=advice.due,
        updated_at=case.updated_at,
        closed=case.closed,
    )


def as_text(advice: Advice, pseudonym: str, lang: Language) -> str:
    """The advice as plain text for the terminal (``signaleer advies``)."""

    def w(key: str, **values: object) -> str:
        return t(f"advice.cli.{key}", lang=lang, **values)

    lines = [f"{pseudonym} — {render(advice.phase_label, lang)}"]
    if advice.acute:
        lines.append(w("acute"))
    if advice.outcome_title:
        norm = w("norm", norm=advice.norm) if advice.norm else ""
        lines.append(w("outcome", title=render(advice.outcome_title, lang), norm=norm))
    lines += ["", w("next", action=next_action(advice, lang))]
    if advice.due:
        lines.append(w("due", date=advice.due.strftime("%d-%m-%Y")))

    def section(title: str, found: list[str]) -> None:
        if found:
            lines.extend(["", f"{title}:"])
            lines.extend(f"  - {item}" for item in found)

    section(w("why"), all_of(advice.reasons, lang))
    contacts = []
    for contact in advice.contacts:
        reach = contact.phone or contact.web or contact.email or w("no_number")
        contacts.append(f"{contact.label(lang)}: {reach}  [{t(f'advice.urgency.{contact.urgency}', lang=lang)}]")
    section(w("call"), contacts)
    section(w("record"), all_of(advice.to_record, lang))
    for qid, hint in advice.suggestions.items():
        answer = render(Msg("yes" if hint.answer else "no"), lang)
        section(w("suggestion", question=hint.number or qid, answer=answer), all_of(hint.reasons, lang))
    consent = [consent_text(advice.consent, lang), w("if_refused", text=render(advice.consent.if_refused, lang))]
    section(w("consent"), consent)
    section(w("warnings"), all_of(advice.warnings, lang))
    section(w("notes"), all_of([*advice.notes, *advice.prompts], lang))
    lines += ["", w("you_decide")]
    return "\n".join(lines)


def as_json(advice: Advice, lang: Language) -> dict[str, Any]:
    """The stable object printed by ``signaleer advies --json``: the texts in ``lang``, and the codes beside them."""
    return {
        "fase": advice.phase,
        "fase_label": render(advice.phase_label, lang),
        "acuut": advice.acute,
        "uitkomst": advice.outcome,
        "uitkomst_titel": render(advice.outcome_title, lang) if advice.outcome_title else None,
        "norm": advice.norm,
        "volgende_stap": next_action(advice, lang),
        "open_vraag": advice.pending_question,
        "termijn": advice.due.isoformat() if advice.due else None,
        "redenen": all_of(advice.reasons, lang),
        "contacten": [
            {
                "rol": c.role,
                "naam": c.label(lang),
                "telefoon": c.phone,
                "web": c.web,
                "email": c.email,
                "urgentie": c.urgency,
            }
            for c in advice.contacts
        ],
        "vast_te_leggen": all_of(advice.to_record, lang),
        "toestemming_comensha": advice.consent.signer,
        "toestemming": {
            "ondertekenaar": advice.consent.signer,
            "uitleg": consent_text(advice.consent, lang),
            "bij_weigering": render(advice.consent.if_refused, lang),
            "via_ouders_geblokkeerd": advice.consent.parental_route_blocked,
        },
        "suggesties": {
            k: {"antwoord": v.answer, "redenen": all_of(v.reasons, lang)} for k, v in advice.suggestions.items()
        },
        "te_herzien": list(advice.needs_review),
        "waarschuwingen": all_of(advice.warnings, lang),
        "toelichting": all_of(advice.notes, lang),
        "aandachtspunten": all_of(advice.prompts, lang),
        "vervolgacties": [
            {"soort": a.kind, "uiterlijk": a.due.isoformat(), "tekst": due_text(a, lang)} for a in advice.due_actions
        ],
        "codes": {
            "volgende_stap": codes(advice.next_action),
            "redenen": codes(advice.reasons),
            "vast_te_leggen": codes(advice.to_record),
            "waarschuwingen": codes(advice.warnings),
            "toelichting": codes(advice.notes),
        },
    }


def messages(advice: Advice) -> list[Msg]:
    """Every coded message in ``advice``, nested ones included (for checks that each has its words)."""
    found: list[Msg] = []

    def visit(value: Param) -> None:
        if isinstance(value, Msg):
            found.append(value)
            for _, param in value.params:
                visit(param)
        elif isinstance(value, Items):
            for item in value.values:
                visit(item)

    tops: list[Param] = [advice.phase_label, *advice.next_action, *advice.reasons, *advice.to_record]
    tops += [*advice.warnings, *advice.notes, *advice.prompts, *advice.consent.text, advice.consent.if_refused]
    tops += [reason for hint in advice.suggestions.values() for reason in hint.reasons]
    tops += [action.text for action in advice.due_actions]
    for top in tops:
        visit(top)
    return found


# ---------------------------------------------------------------- the timeline


def event_text(event: TimelineEvent, case: Case, content: Content, lang: Language) -> str:
    """A timeline entry in words: its code in ``lang`` with ids shown as labels, titles and numbers.

    An entry from before case format 2 has no code: its stored (Dutch) sentence is shown, with the ids in it
    replaced by labels as before.
    """
    if event.code is None:
        return _legacy_text(event.summary, case, content, lang)
    names = _Names(case, content, lang)
    values = {name: names.value(name, value) for name, value in event.params.items() if name != "review"}
    text = t(f"timeline.{event.code}", lang=lang, **values)
    review = event.params.get("review")
    if isinstance(review, list) and review:
        text += " " + t("timeline.review", lang=lang, numbers=names.numbers(review))
    return text


class _Names:
    """How the ids in timeline parameters are shown: the labels the professional saw."""

    def __init__(self, case: Case, content: Content, lang: Language) -> None:
        self.case, self.content, self.lang = case, content, lang
        self.kader = content.kader_for(case.sector)

    def value(self, name: str, value: EventParam) -> str:
        lang = self.lang
        if isinstance(value, bool):
            return t("advice.yes" if value else "advice.no", lang=lang)
        if isinstance(value, list):
            if name == "fields":
                return ", ".join(t(f"timeline.field.{v}", lang=lang) for v in value)
            return ", ".join(value)
        if value is None:
            return ""
        text = str(value)
        shown: Callable[[str], str] | None = {
            "acute": self.acute,
            "afweging": self.afweging,
            "field": self.field,
            "step": self.step,
            "outcome": self.outcome,
            "item": self.item,
            "recipient": short_recipient,
            "moment": self.moment,
        }.get(name)
        if shown is not None:
            return shown(text)
        keyed = {
            "status": "status.",
            "route": "advice.via.",
            "with_whom": "advice.with.",
            "partner": "advice.partner.",
            "state": "timeline.state.",
            "relation": "timeline.relation.",
        }.get(name)
        if keyed is not None:
            key = keyed + text
            return t(key, lang=lang) if t(key, lang=lang) != key else text
        return text

    def moment(self, stamp: str) -> str:
        """A moment stored as ISO text (a hand-over), shown in this computer's time as DD-MM-JJJJ HH:MM."""
        try:
            return dt.datetime.fromisoformat(stamp).astimezone().strftime("%d-%m-%Y %H:%M")
        except ValueError:
            return stamp

    def acute(self, field_id: str) -> str:
        for _, field in self.content.step_plan.fields_of_type("acute_question"):
            if field.id == field_id:
                return field.label.get(self.lang)
        return field_id

    def afweging(self, question_id: str) -> str:
        known = {q.id: q for q in self.kader.questions}
        if question_id not in known:
            return question_id
        question = known[question_id]
        return render(Msg("afweging_label", (("n", question.number), ("text", question.text))), self.lang)

    def numbers(self, ids: Iterable[str]) -> str:
        known = {q.id: q.number for q in self.kader.questions}
        return ", ".join(str(known.get(i, i)) for i in ids)

    def field(self, key: str) -> str:
        step_id, _, field_id = key.partition("/")
        for step in self.content.step_plan.steps:
            for field in step.fields:
                if step.id == step_id and field.id == field_id:
                    return field.label.get(self.lang)
        return key

    def step(self, step_id: str) -> str:
        for step in self.content.step_plan.steps:
            if step.id == step_id:
                return render(progress_label(step), self.lang)
        return step_id

    def outcome(self, outcome_id: str) -> str:
        for outcome in self.kader.outcomes:
            if outcome.id == outcome_id:
                return outcome.title.get(self.lang)
        return outcome_id

    def item(self, item_id: str) -> str:
        checklist = aftercare_checklist(self.content)
        for point in checklist.items if checklist else []:
            if point.id == item_id:
                return point.text.get(self.lang)
        return item_id


def _legacy_text(summary: str, case: Case, content: Content, lang: Language) -> str:
    """An entry stored as a Dutch sentence (case format 1), with its ids replaced by what the professional saw."""
    names = _Names(case, content, lang)
    rules: list[tuple[str, Callable[[re.Match[str]], str]]] = [
        (r"Acute check '(\w+)'", lambda m: f"Acute check '{names.acute(m[1])}'"),
        (r"Afweging (\w+):", lambda m: f"{names.afweging(m[1])}:"),
        (r"Opnieuw bekijken: ([\w, ]+)\.", lambda m: f"Opnieuw bekijken: afweging {names.numbers(_split(m[1]))}."),
        (r"Antwoord (\w+)/(\w+) vastgelegd", lambda m: f"Antwoord '{names.field(f'{m[1]}/{m[2]}')}' vastgelegd"),
        (r"Stap (\w+) overgeslagen", lambda m: f"{names.step(m[1])} overgeslagen"),
        (r"Besluit: (\w+)\.", lambda m: f"Besluit: {names.outcome(m[1])}."),
        (r"toestemming (\w+)\.", lambda m: f"toestemming {names.value('status', m[1]).lower()}."),
        (r" via (\w+)\.", lambda m: f" via {names.value('route', m[1])}."),
        (r"uitbuiter: (\w+)\.", lambda m: f"uitbuiter: {m[1].replace('_', '-')}."),
        (r"Nazorgpunt '(\w+)'", lambda m: f"Nazorgpunt '{names.item(m[1])}'"),
        (r"Vervolgcontact met (\w+)", lambda m: f"Vervolgcontact met {names.value('with_whom', m[1])}"),
    ]
    for pattern, replace in rules:
        summary = re.sub(pattern, replace, summary)
    return summary


def _split(ids: str) -> list[str]:
    return [i.strip() for i in ids.split(",")]
