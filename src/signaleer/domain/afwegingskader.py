"""The Meldcode afwegingskader as a decision graph, and the walk over the professional's answers."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Annotated, Literal

from pydantic import Field

from signaleer.domain.base import Identifier, LocalText, Strict, Url, Versioned

Sector = Literal["wijkteam", "wmo", "jeugdhulp", "onderwijs", "zorg", "algemeen"]


class OutcomeRef(Strict):
    """An edge that ends in an outcome."""

    outcome: Identifier
    """Id of the outcome reached."""
    norm: Annotated[int, Field(ge=1, le=3)] | None = None
    """The professional norm (1-3) that requires melden on this edge, if any."""


Edge = Identifier | OutcomeRef
"""Where an answer leads: the id of the next question, or ``{outcome: id}``."""


class Question(Strict):
    """One afweging: a yes/no question with help text."""

    id: Identifier
    """Stable id, e.g. vermoeden."""
    number: Annotated[int, Field(ge=1, le=9)]
    """Number of the afweging as the Meldcode counts them (1-5)."""
    text: LocalText
    """The question."""
    help: LocalText
    """Help text: definitions and what to consider."""
    if_yes: Edge
    """Where a yes leads: a question id or {outcome: id}."""
    if_no: Edge
    """Where a no leads: a question id or {outcome: id}."""
    suggest_from_signals: bool = False
    """True when the engine may suggest 'yes' here from acute or strong signals (it never answers)."""
    at_evaluation: bool = False
    """True when this question is answered at the agreed evaluation date, not during the walk."""


MeldOpenCase = Literal["minderjarig", "zonder_ouders", "zestien_zeventien", "volwassen"]
"""Who is told about a melding ('open melden, tenzij'): depends on age and on the family's role."""


class MeldOpen(Strict):
    """'Open melden, tenzij', worded by the case: whom you tell that you report."""

    minderjarig: LocalText
    """Under 16: the young person and the parents with authority, unless that endangers someone."""
    zonder_ouders: LocalText
    """A minor whose parent or family member is the suspected exploiter, or whose parents' conversation was
    skipped as dangerous: the young person only; Veilig Thuis decides with you about the parents."""
    zestien_zeventien: LocalText
    """16 or 17: the young person; they decide what is shared with the parents."""
    volwassen: LocalText
    """18 or older: the client, not the parents."""
    bron: Url
    """Public source of the rule."""
    positie: int = 1
    """Where the text goes in the outcome's actions (0 = first)."""

    def text(self, case: MeldOpenCase) -> LocalText:
        """The wording for ``case``."""
        texts: dict[str, LocalText] = {
            "minderjarig": self.minderjarig,
            "zonder_ouders": self.zonder_ouders,
            "zestien_zeventien": self.zestien_zeventien,
            "volwassen": self.volwassen,
        }
        return texts[case]


def meld_open_case(age: int | None, family_exploiter: bool, parents_endanger: bool) -> MeldOpenCase:
    """Which 'meld open' wording fits: from 18 the client only; a family exploiter or a dangerous parents'
    conversation leaves the parents out; 16–17 the young person decides; otherwise young person and parents.
    An unknown age is treated as a minor under 16, the most protective wording that still names the parents,
    unless the family is involved."""
    if age is not None and age >= 18:
        return "volwassen"
    if family_exploiter or parents_endanger:
        return "zonder_ouders"
    if age is not None and age >= 16:
        return "zestien_zeventien"
    return "minderjarig"


class Outcome(Strict):
    """Where the afwegingskader ends: what to do and whom to call."""

    id: Identifier
    """Stable id, e.g. melden."""
    title: LocalText
    """Short name of the outcome."""
    explanation: LocalText
    """What this outcome means, in plain words."""
    actions: list[LocalText] = Field(default_factory=list)
    """Concrete actions, in order."""
    contact_roles: list[Identifier] = Field(default_factory=list)
    """Contact roles to show, most urgent first; resolved from the municipality's route."""
    melden: bool = False
    """True when this outcome means a melding at Veilig Thuis."""
    next: Identifier | None = None
    """A question to answer later (e.g. afweging 5 at the evaluation date)."""
    needs_date: bool = False
    """True when an evaluation date must be recorded with this outcome."""
    closes: bool = False
    """True when this outcome ends the Meldcode walk for this case."""
    meld_open: MeldOpen | None = None
    """'Open melden, tenzij' worded by the case; inserted into the actions (see ``actions_for``)."""

    def actions_for(self, case: MeldOpenCase | None) -> list[LocalText]:
        """The actions with the 'meld open' wording for ``case`` in its place (none without a case)."""
        actions = list(self.actions)
        if self.meld_open is not None and case is not None:
            actions.insert(min(self.meld_open.positie, len(actions)), self.meld_open.text(case))
        return actions


class Norm(Strict):
    """A professional norm that says when melden is required."""

    number: Annotated[int, Field(ge=1, le=3)]
    """Number of the norm (1-3)."""
    text: LocalText
    """The norm in plain words."""


class Afwegingskader(Versioned):
    """An afwegingskader file: the graph for one or more sectors."""

    kind: Literal["afwegingskader"]
    """Marks this file as an afwegingskader."""
    id: Identifier
    """Stable id of this variant, e.g. wijkteam."""
    sectors: Annotated[list[Sector], Field(min_length=1)]
    """Sectors this variant is for."""
    title: LocalText
    """Title shown in the wizard."""
    intro: LocalText
    """Short introduction: the professional decides; the app only explains."""
    placement: LocalText | None = None
    """Where afweging 1-2 sit in this organisation's plan (step 4 or step 5)."""
    start: Identifier
    """Id of the first question."""
    norms: list[Norm] = Field(default_factory=list)
    """The professional norms."""
    questions: Annotated[list[Question], Field(min_length=1)]
    """The afwegingen."""
    outcomes: Annotated[list[Outcome], Field(min_length=1)]
    """The outcomes."""

    def question(self, question_id: str) -> Question:
        """The question with ``question_id``."""
        for question in self.questions:
            if question.id == question_id:
                return question
        raise KeyError(question_id)

    def outcome(self, outcome_id: str) -> Outcome:
        """The outcome with ``outcome_id``."""
        for outcome in self.outcomes:
            if outcome.id == outcome_id:
                return outcome
        raise KeyError(outcome_id)

    def graph_problems(self) -> list[GraphProblem]:
        """Structural problems: dangling edges, cycles, dead ends, unreachable nodes."""
        return _graph_problems(self)


@dataclass(frozen=True)
class GraphProblem:
    """One structural problem in the decision graph, with the node and edge it is about."""

    node: str
    """Question or outcome id (or the start id)."""
    edge: str | None
    """The field that holds the faulty edge (if_yes, if_no, next, start), or None for the node itself."""
    code: str
    """What is wrong, as a code: the text is ``content.graph.<code>`` in the catalogue (content/semantics.py words it)."""
    params: tuple[tuple[str, str], ...] = ()
    """The values the text names (ids, the cycle), as (name, value) pairs."""


@dataclass(frozen=True)
class Step:
    """One answered question on the walk."""

    question_id: str
    answer: bool


@dataclass
class Walk:
    """The result of walking the graph with the answers given so far."""

    trace: list[Step] = field(default_factory=list)
    """The answered questions on the path, in order."""
    outcome: str | None = None
    """The last outcome reached on the path, if any."""
    norm: int | None = None
    """The professional norm on the edge that reached the outcome, if any."""
    pending: str | None = None
    """The next question to answer, if the walk is not finished."""
    waiting_for_evaluation: bool = False
    """True when the pending question is one for the evaluation date."""


def walk(kader: Afwegingskader, answers: Mapping[str, bool]) -> Walk:
    """Follow the graph from the start using ``answers``; stop at the first unanswered question."""
    result = Walk()
    node: str | None = kader.start
    seen: set[str] = set()
    while node is not None and node not in seen:
        seen.add(node)
        question = kader.question(node)
        if node not in answers:
            result.pending = node
            result.waiting_for_evaluation = question.at_evaluation
            return result
        answer = answers[node]
        result.trace.append(Step(node, answer))
        edge = question.if_yes if answer else question.if_no
        if isinstance(edge, OutcomeRef):
            result.outcome = edge.outcome
            result.norm = edge.norm
            node = kader.outcome(edge.outcome).next
        else:
            node = edge
    return result


def _edges(kader: Afwegingskader) -> dict[str, list[tuple[str, str]]]:
    """Adjacency over question ids and ``outcome:<id>`` nodes, each target with the field that holds it."""
    graph: dict[str, list[tuple[str, str]]] = {}
    for question in kader.questions:
        targets = []
        for name, edge in (("if_yes", question.if_yes), ("if_no", question.if_no)):
            targets.append((f"outcome:{edge.outcome}" if isinstance(edge, OutcomeRef) else edge, name))
        graph[question.id] = targets
    for outcome in kader.outcomes:
        graph[f"outcome:{outcome.id}"] = [(outcome.next, "next")] if outcome.next else []
    return graph


def _label(node: str) -> str:
    return node.removeprefix("outcome:")


def _graph_problems(kader: Afwegingskader) -> list[GraphProblem]:
    problems: list[GraphProblem] = []
    question_ids = {q.id for q in kader.questions}
    outcome_ids = {o.id for o in kader.outcomes}
    listed = {"question": [q.id for q in kader.questions], "outcome": [o.id for o in kader.outcomes]}
    for what, items in listed.items():
        for dupe in sorted({i for i in items if items.count(i) > 1}):
            problems.append(GraphProblem(dupe, None, f"duplicate_{what}", (("id", dupe),)))
    if kader.start not in question_ids:
        problems.append(GraphProblem(kader.start, "start", "bad_start", (("target", kader.start),)))
    graph = _edges(kader)
    for node, targets in graph.items():
        for target, edge in targets:
            if target.startswith("outcome:") and _label(target) not in outcome_ids:
                problems.append(GraphProblem(_label(node), edge, "unknown_outcome", (("target", _label(target)),)))
            elif not target.startswith("outcome:") and target not in question_ids:
                problems.append(GraphProblem(_label(node), edge, "unknown_question", (("target", target),)))
    if problems:
        return problems
    state: dict[str, int] = {}

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for target, edge in graph[node]:
            if state.get(target) == 1:
                cycle = [*path[path.index(target) :], target]
                problems.append(
                    GraphProblem(_label(node), edge, "cycle", (("cycle", " → ".join(_label(c) for c in cycle)),))
                )
            elif target not in state:
                visit(target, [*path, target])
        state[node] = 2

    visit(kader.start, [kader.start])
    for node in graph:
        if node not in state:
            problems.append(
                GraphProblem(_label(node), None, "unreachable", (("node", _label(node)), ("start", kader.start)))
            )
    terminal = {n for n, targets in graph.items() if n.startswith("outcome:") and not targets}
    can_finish = set(terminal)
    changed = True
    while changed:
        changed = False
        for node, targets in graph.items():
            if node not in can_finish and any(t in can_finish for t, _ in targets):
                can_finish.add(node)
                changed = True
    for node in graph:
        if node in state and node not in can_finish:
            problems.append(GraphProblem(_label(node), None, "dead_end", (("node", _label(node)),)))
    return problems
