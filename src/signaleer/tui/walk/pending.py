"""Typed changes of earlier answers that wait for their reason (``Case.pending_edits``).

The reason is asked when the edit is done (the field is left, Enter, a page move), not at the first key, so
the keys after it never land in the reason box. Until the reason is given the edit is kept in the case,
which is saved encrypted: Escape on the dialog, quick-hide, the idle lock and quitting keep it.
"""

from __future__ import annotations

from signaleer.domain import revisions
from signaleer.domain.case import Case, Conversation, ObservedSignal, PendingEdit, PendingKind
from signaleer.domain.revisions import Visit


def keep(case: Case, kind: PendingKind, key: str, value: str, what: str) -> PendingEdit:
    """Keep (or update) the pending edit of ``kind``/``key`` with ``value``."""
    edit = PendingEdit(kind=kind, key=key, value=value, what=what)
    case.pending_edits = [e for e in case.pending_edits if (e.kind, e.key) != (kind, key)] + [edit]
    return edit


def drop(case: Case, edit: PendingEdit) -> None:
    """Forget ``edit`` (given its reason, or the value went back to the saved answer)."""
    case.pending_edits = [e for e in case.pending_edits if (e.kind, e.key) != (edit.kind, edit.key)]


def find(case: Case, kind: PendingKind, key: str) -> PendingEdit | None:
    """The pending edit of ``kind``/``key``, if any."""
    return next((e for e in case.pending_edits if (e.kind, e.key) == (kind, key)), None)


def apply(case: Case, edit: PendingEdit, visit: Visit, reason: str) -> None:
    """Record ``edit`` as the answer, with ``reason``, and forget it as pending."""
    if edit.kind == "signal_change":
        revisions.revise_signal(case, ObservedSignal.model_validate_json(edit.value), visit, reason)
    elif edit.kind == "answer":
        step_id, field_id = edit.key.split("/", 1)
        revisions.revise_answer(case, step_id, field_id, edit.value, visit, reason)
    else:
        revisions.revise_conversation(case, edit.key, Conversation.model_validate_json(edit.value), visit, reason)
    drop(case, edit)


def shown(case: Case) -> Case:
    """``case`` as the screen shows it: its answers with the pending edits typed over them (no timeline)."""
    if not case.pending_edits:
        return case
    view = case.model_copy(deep=True)
    for edit in view.pending_edits:
        if edit.kind == "signal_change":
            signal = ObservedSignal.model_validate_json(edit.value)
            view.signals = [signal if s.signal_id == signal.signal_id else s for s in view.signals]
        elif edit.kind == "answer":
            step_id, field_id = edit.key.split("/", 1)
            view.answers.setdefault(step_id, {})[field_id] = edit.value
        else:
            view.conversations[edit.key] = Conversation.model_validate_json(edit.value)
    return view
