"""Plain-language reasons and notes for the advice: which answers and which signals led here."""

from __future__ import annotations

import re
from collections.abc import Callable

from signaleer.domain.afwegingskader import Afwegingskader, Walk
from signaleer.domain.base import Language
from signaleer.domain.case import HOUSEHOLD_RELATIONS, Case
from signaleer.domain.consent import parents_endanger
from signaleer.domain.content import Content
from signaleer.domain.followup import ROUTE_LABELS, STATUS_LABELS, WITH_LABELS, aftercare_checklist, label
from signaleer.domain.suggest import Suggestion, describe, is_minor, known_signals


def tr(language: Language, nl: str, en: str) -> str:
    """``en`` when the language is English, else ``nl``."""
    return en if language == "en" else nl


def yes_no(answer: bool, language: Language) -> str:
    """'ja'/'nee' or 'yes'/'no'."""
    return tr(language, "ja" if answer else "nee", "yes" if answer else "no")


def acute_reasons(case: Case, content: Content, language: Language) -> list[str]:
    """One reason per acute question answered yes."""
    reasons = []
    for _, field in content.step_plan.fields_of_type("acute_question"):
        if case.acute.get(field.id):
            label = field.label.get(language)
            reasons.append(tr(language, f"Acute check: '{label}' — ja.", f"Acute check: '{label}' — yes."))
    return reasons


def signal_reasons(case: Case, content: Content, language: Language) -> list[str]:
    """Which signals were ticked: strong and acute ones by name, the others by id."""
    if not case.signals:
        return [tr(language, "Er zijn (nog) geen signalen vastgelegd.", "No signals have been recorded (yet).")]
    signals = known_signals(case, content)
    heavy = [s for s in signals if s.acuut or s.weight == "strong"]
    other = [s.id for s in signals if s not in heavy]
    reasons = [tr(language, f"Signaal {describe(s, language)}", f"Signal {describe(s, language)}") for s in heavy]
    if other:
        lead = tr(
            language, "Verder aangevinkt" if heavy else "Aangevinkte signalen", "Also ticked" if heavy else "Ticked"
        )
        reasons.append(f"{lead}: {', '.join(other)}.")
    second_hand = [s.signal_id for s in case.signals if s.source_type == "van_horen_zeggen"]
    if second_hand:
        reasons.append(
            tr(
                language,
                f"Van horen zeggen (niet zelf waargenomen): {', '.join(second_hand)} — weeg dat voorzichtig.",
                f"Heard from others (not observed yourself): {', '.join(second_hand)} — weigh this with care.",
            )
        )
    if case.risk_factors:
        ids = ", ".join(f.factor_id for f in case.risk_factors)
        reasons.append(
            tr(
                language,
                f"Risicofactoren (verklaren kwetsbaarheid, geen bewijs): {ids}.",
                f"Risk factors (explain vulnerability, not proof): {ids}.",
            )
        )
    return reasons


def conversation_reasons(case: Case, language: Language) -> list[str]:
    """Conversations skipped, with the reason given."""
    reasons = []
    for partner, conversation in case.conversations.items():
        if conversation.held is False:
            reasons.append(
                tr(
                    language,
                    f"Gesprek met {partner} overgeslagen: {conversation.skip_reason}",
                    f"Conversation with {partner} skipped: {conversation.skip_reason}",
                )
            )
    return reasons


def walk_reasons(
    case: Case, kader: Afwegingskader, path: Walk, hints: dict[str, Suggestion], language: Language
) -> tuple[list[str], list[str]]:
    """Reasons per answered afweging on the path, and warnings where the answer differs from the suggestion."""
    reasons: list[str] = []
    warnings: list[str] = []
    for step in path.trace:
        question = kader.question(step.question_id)
        recorded = case.afwegingen[step.question_id]
        answer = yes_no(step.answer, language)
        reasons.append(
            tr(
                language,
                f"{afweging_label(kader, question.id, language)}: {answer} — je reden: {recorded.reason}",
                f"{afweging_label(kader, question.id, language)}: {answer} — your reason: {recorded.reason}",
            )
        )
        hint = hints.get(step.question_id)
        if hint is not None and hint.answer != step.answer:
            warnings.append(
                tr(
                    language,
                    f"Bij afweging {question.number} wijkt je antwoord ({answer}) af van de suggestie"
                    f" ({yes_no(hint.answer, language)}). Dat mag; zorg dat je reden dat uitlegt en overleg bij"
                    " twijfel met Veilig Thuis.",
                    f"At afweging {question.number} your answer ({answer}) differs from the suggestion"
                    f" ({yes_no(hint.answer, language)}). That is allowed; make sure your reason explains it and consult"
                    " Veilig Thuis when in doubt.",
                )
            )
    if path.norm is not None:
        for norm in kader.norms:
            if norm.number == path.norm:
                reasons.append(
                    tr(
                        language,
                        f"Norm {norm.number}: {norm.text.get(language)}",
                        f"Norm {norm.number}: {norm.text.get(language)}",
                    )
                )
    return reasons, warnings


def adult_notes(case: Case, language: Language) -> list[str]:
    """The adult branch (18+): when the Meldcode applies and when the route runs via police and CoMensha."""
    if is_minor(case):
        return []
    notes = [
        tr(
            language,
            f"{case.age} jaar: kindermishandeling is niet van toepassing. De Meldcode geldt wel als de vermoedelijke"
            " uitbuiter tot de huiselijke kring hoort (partner, ex-partner, familie): dan is het huiselijk geweld en"
            " loopt de route via Veilig Thuis. Hoort de uitbuiter daar niet bij, dan loopt de route via politie,"
            " zorgcoördinator mensenhandel en CoMensha. Dit is jouw afweging; beide routes staan hieronder.",
            f"Aged {case.age}: child abuse does not apply. The Meldcode does apply when the suspected exploiter belongs"
            " to the domestic circle (partner, ex-partner, family): that is domestic violence and the route runs via"
            " Veilig Thuis. Otherwise the route runs via the police, the care coordinator for trafficking and CoMensha."
            " This is your judgement; both routes are listed below.",
        )
    ]
    relation = case.exploiter_relation
    if relation in HOUSEHOLD_RELATIONS:
        notes.append(
            tr(
                language,
                f"Vastgelegd: de vermoedelijke uitbuiter is {relation.replace('_', '-')} — huiselijke kring, dus de"
                " Meldcode is van toepassing.",
                f"Recorded: the suspected exploiter is {relation.replace('_', '-')} — domestic circle, so the Meldcode"
                " applies.",
            )
        )
    elif relation == "anders":
        notes.append(
            tr(
                language,
                "Vastgelegd: de vermoedelijke uitbuiter hoort niet tot de huiselijke kring — de route via politie,"
                " zorgcoördinator en CoMensha ligt voor de hand; overleg bij twijfel met Veilig Thuis.",
                "Recorded: the suspected exploiter is outside the domestic circle — the route via police, care"
                " coordinator and CoMensha is the obvious one; consult Veilig Thuis when in doubt.",
            )
        )
    notes.append(
        tr(
            language,
            "Volwassene: politie alleen met haar/zijn toestemming, tenzij er acuut gevaar is. Bied hulp aan via de"
            " zorgcoördinator mensenhandel of Fier. Zij/hij beslist zelf over registratie bij CoMensha.",
            "Adult: involve the police only with their consent, unless there is acute danger. Offer help via the care"
            " coordinator or Fier. They decide themselves about registration with CoMensha.",
        )
    )
    return notes


def parents_notes(case: Case, language: Language) -> list[str]:
    """Notes on involving the parents of a minor."""
    if not is_minor(case):
        return []
    notes = []
    if parents_endanger(case):
        notes.append(
            tr(
                language,
                "Het gesprek met de ouders is overgeslagen omdat het de jongere in gevaar brengt: vraag de ouders niet"
                " om toestemming. Meld bij Veilig Thuis en bespreek met hen of en hoe de ouders worden geïnformeerd"
                " (open melden, tenzij; anoniem melden is bespreekbaar).",
                "The conversation with the parents was skipped because it would endanger the young person: do not ask"
                " the parents for consent. Report to Veilig Thuis and discuss with them whether and how the parents are"
                " informed ('open reporting, unless'; an anonymous report can be discussed).",
            )
        )
    elif case.exploiter_relation == "familie":
        notes.append(
            tr(
                language,
                "Een familielid is mogelijk betrokken: sla het gesprek met de ouders over als dat de jongere in gevaar"
                " brengt, en vraag dan geen toestemming aan de ouders.",
                "A family member may be involved: skip the conversation with the parents if it would endanger the young"
                " person, and do not ask the parents for consent.",
            )
        )
    elif case.age is not None and 12 <= case.age <= 15:
        notes.append(
            tr(
                language,
                "12–15 jaar: ouders met gezag mogen worden ingelicht nadat je dat met de jongere hebt besproken.",
                "Aged 12–15: parents with authority may be informed after you discussed it with the young person.",
            )
        )
    elif case.age is not None and case.age >= 16:
        notes.append(
            tr(
                language,
                "16–17 jaar: de jongere beslist zelf wat met ouders wordt gedeeld, tenzij er ernstige zorgen over de"
                " veiligheid zijn.",
                "Aged 16–17: the young person decides what is shared with the parents, unless there are serious safety"
                " concerns.",
            )
        )
    return notes


# ---------------------------------------------------------------- the professional's words, not the editors'

EDITOR_NOTE = re.compile(
    r"\bbron(nen)?\b|\bdeskundige\b|\bnagegaan\b|\bna controle\b|\bcontroleer\b|\blokaal in\b|\bbewust leeg"
    r"|\bstaa?n er niet bij\b|\bverouderd\b|\bsources?\b|\bexpert\b|\bverified\b|\bafter checking\b"
    r"|\bcheck (them|the hours)\b|\bfill (it|them) in\b|\bon purpose\b|\bnot given\b|\boutdated\b",
    re.IGNORECASE,
)
"""A sentence (or clause) that talks about the sources or a check still to do: meant for content editors."""
_PIECES = re.compile(r"(?<=[.!?;])(\s+)")


def split_notes(text: str) -> tuple[str, list[str]]:
    """``text`` without the sentences meant for content editors, and those sentences (for a 'Bronnen' view).

    A sentence or ``;``-clause that mentions the sources, an expert still to confirm, or a check to do locally
    is an editor's note; the rest is what the professional reads. Markdown and line breaks are kept.
    """
    parts = _PIECES.split(text)
    pieces, gaps = parts[0::2], [*parts[1::2], ""]
    kept: list[tuple[str, str]] = []
    notes: list[str] = []
    dropped_before = False
    for piece, gap in zip(pieces, gaps, strict=True):
        bare = piece.strip()
        if bare and EDITOR_NOTE.search(bare):
            notes.append(_sentence(bare.lstrip("-* ").strip()))
            if kept and kept[-1][0].endswith(";"):
                kept[-1] = (kept[-1][0][:-1] + ".", kept[-1][1])
            dropped_before = True
            if kept and "\n" in gap and "\n" not in kept[-1][1]:
                kept[-1] = (kept[-1][0], gap)
            continue
        if dropped_before and piece[:1].islower():
            piece = piece[:1].upper() + piece[1:]
        kept.append((piece, gap))
        dropped_before = False
    main = "".join(p + g for p, g in kept).rstrip()
    return main, notes


def _sentence(text: str) -> str:
    text = text[:1].upper() + text[1:]
    return text[:-1] + "." if text.endswith(";") else text


def role_label(role: str, content: Content, gemeente: str | None = None) -> str:
    """A role key as the professional knows it: the name of its contact in the route, e.g. 'Veilig Thuis'."""
    for contact in content.national_route.contacts:
        if contact.role == role:
            return contact.name
    for contact in content.route(gemeente).by_role(role):
        return contact.name
    return role.replace("_", " ")


def afweging_label(kader: Afwegingskader, question_id: str, language: Language) -> str:
    """'Afweging 3 – Kun jij (met je organisatie) goede hulp bieden …?' for a question id."""
    known = {q.id: q for q in kader.questions}
    if question_id not in known:
        return question_id
    question = known[question_id]
    return f"{tr(language, 'Afweging', 'Afweging')} {question.number} – {question.text.get(language)}"


def event_text(summary: str, case: Case, content: Content, language: Language) -> str:
    """A timeline entry with its ids replaced by what the professional saw: labels, titles, numbers.

    The timeline stores the summary as written at the time (it is append-only); this only changes how it reads.
    """
    kader = content.kader_for(case.sector)
    questions = {q.id: q for q in kader.questions}
    outcomes = {o.id: o.title.get(language) for o in kader.outcomes}
    fields = {(s.id, f.id): f.label.get(language) for s in content.step_plan.steps for f in s.fields}
    acute = {f.id: f.label.get(language) for _, f in content.step_plan.fields_of_type("acute_question")}
    steps = {s.id: s for s in content.step_plan.steps}

    def step_name(step_id: str) -> str:
        step = steps.get(step_id)
        if step is None:
            return step_id
        title = step.title.get(language)
        return title if step.number == 0 else f"{tr(language, 'Stap', 'Step')} {step.number} – {title}"

    def numbers(ids: str) -> str:
        found = [i.strip() for i in ids.split(",")]
        return ", ".join(str(questions[i].number) if i in questions else i for i in found)

    rules: list[tuple[str, Callable[[re.Match[str]], str]]] = [
        (r"Acute check '(\w+)'", lambda m: f"Acute check '{acute.get(m[1], m[1])}'"),
        (r"Afweging (\w+):", lambda m: f"{afweging_label(kader, m[1], language)}:"),
        (r"Opnieuw bekijken: ([\w, ]+)\.", lambda m: f"Opnieuw bekijken: afweging {numbers(m[1])}."),
        (r"Antwoord (\w+)/(\w+) vastgelegd", lambda m: f"Antwoord '{fields.get((m[1], m[2]), m[2])}' vastgelegd"),
        (r"Stap (\w+) overgeslagen", lambda m: f"{step_name(m[1])} overgeslagen"),
        (r"Besluit: (\w+)\.", lambda m: f"Besluit: {outcomes.get(m[1], m[1])}."),
        (r"toestemming (\w+)\.", lambda m: f"toestemming {label(STATUS_LABELS, m[1], language)}."),
        (r" via (\w+)\.", lambda m: f" via {label(ROUTE_LABELS, m[1], language)}."),
        (r"uitbuiter: (\w+)\.", lambda m: f"uitbuiter: {m[1].replace('_', '-')}."),
        (r"Nazorgpunt '(\w+)'", lambda m: f"Nazorgpunt '{_aftercare_label(content, m[1], language)}'"),
        (r"Vervolgcontact met (\w+)", lambda m: f"Vervolgcontact met {_with_label(m[1], language)}"),
    ]
    for pattern, replace in rules:
        summary = re.sub(pattern, replace, summary)
    return summary


def _aftercare_label(content: Content, item_id: str, language: Language) -> str:
    checklist = aftercare_checklist(content)
    for item in checklist.items if checklist else []:
        if item.id == item_id:
            return item.text.get(language)
    return item_id


def _with_label(key: str, language: Language) -> str:
    if key in WITH_LABELS:
        nl, en = WITH_LABELS[key]
        return tr(language, nl, en)
    return key
