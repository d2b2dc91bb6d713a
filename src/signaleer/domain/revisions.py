"""Typing continues one answer: edits made during the same visit to a step update it in place.

``changes`` asks a reason for every change of something already recorded. While the professional is
still writing an entry (a signal's observation, a conversation, a text field) during one visit to a
step, each saved keystroke is not a new answer: the first save goes through ``changes`` (with a
reason when it replaces an answer from an earlier visit), later saves in the same visit replace the
value without a new timeline event. Once the professional leaves the step, the answer is 'earlier'.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from signaleer.domain import changes
from signaleer.domain.case import Case, Conversation, ObservedSignal, RiskFactorNote, now
from signaleer.domain.changes import Change, ChangeError


@dataclass
class Visit:
    """The entries written during the current visit to one step."""

    step_id: str | None = None
    """The step being visited."""
    entries: set[str] = field(default_factory=set)
    """Keys of the entries already recorded during this visit (see ``entry_key``)."""

    def begin(self, step_id: str | None) -> None:
        """Start a new visit: every answer recorded so far becomes an earlier answer."""
        self.step_id = step_id
        self.entries.clear()

    def holds(self, change: Change) -> bool:
        """True when the entry ``change`` is about was written during this visit."""
        return entry_key(change) in self.entries

    def note(self, change: Change) -> None:
        """Remember that the entry ``change`` is about was written during this visit."""
        self.entries.add(entry_key(change))


def entry_key(change: Change) -> str:
    """One key per entry: a signal's add, change and removal share one entry."""
    kind = "signal" if change.kind.startswith("signal_") else change.kind
    return f"{kind}:{change.key}"


def needs_reason(case: Case, change: Change, visit: Visit) -> bool:
    """True when ``change`` replaces an answer from an earlier visit, so the professional must give a reason.

    Filling in an empty observation of a signal ticked earlier adds to it and needs no reason.
    """
    if visit.holds(change) or not changes.is_earlier_answer(case, change):
        return False
    if change.kind == "signal_change":
        old = next(s for s in case.signals if s.signal_id == change.key)
        return bool(old.observation.strip() or old.date or old.source_note.strip())
    return True


def _touch(case: Case) -> None:
    case.updated_at = max(now(), case.updated_at)


def revise_signal(case: Case, signal: ObservedSignal, visit: Visit, reason: str = "") -> None:
    """Record the observation of a ticked signal; continues in place during the same visit."""
    change = Change("signal_change", signal.signal_id)
    if visit.holds(change):
        for index, old in enumerate(case.signals):
            if old.signal_id == signal.signal_id:
                if old != signal:
                    case.signals[index] = signal
                    _touch(case)
                return
    changes.update_signal(case, signal, reason)
    visit.note(change)


def tick_signal(case: Case, signal: ObservedSignal, visit: Visit) -> None:
    """Tick a signal; its observation can then be written during this visit without a reason."""
    changes.add_signal(case, signal)
    visit.note(Change("signal_add", signal.signal_id))


def revise_answer(case: Case, step_id: str, field_id: str, value: str, visit: Visit, reason: str = "") -> None:
    """Record a simple step field; continues in place during the same visit."""
    change = Change("answer", f"{step_id}/{field_id}")
    if visit.holds(change):
        if case.answers.get(step_id, {}).get(field_id, "") != value:
            case.answers.setdefault(step_id, {})[field_id] = value
            _touch(case)
        return
    changes.set_answer(case, step_id, field_id, value, reason)
    visit.note(change)


def revise_conversation(case: Case, with_: str, conversation: Conversation, visit: Visit, reason: str = "") -> None:
    """Record the conversation with 'jongere' or 'ouders'; continues in place during the same visit."""
    change = Change("conversation", with_)
    if visit.holds(change) and with_ in case.conversations:
        if conversation.held is False and not conversation.skip_reason.strip():
            raise ChangeError("skip_needs_reason")
        if case.conversations[with_] != conversation:
            case.conversations[with_] = conversation
            _touch(case)
        return
    changes.set_conversation(case, with_, conversation, reason)
    visit.note(change)


def revise_risk_factors(case: Case, factors: list[RiskFactorNote], visit: Visit, reason: str = "") -> None:
    """Record the risk factors; continues in place during the same visit."""
    change = Change("risk_factors")
    if visit.holds(change) and case.risk_factors:
        if case.risk_factors != factors:
            case.risk_factors = list(factors)
            _touch(case)
        return
    changes.set_risk_factors(case, factors, reason)
    visit.note(change)
