"""A queue of cases waiting to be saved: one save at a time, the latest version of each case wins."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from signaleer.domain.case import Case


def failure_text(exc: BaseException) -> str:
    """Why a save, export or settings change failed, in the interface language; never case content.

    A disk error names the real cause (disk full, read-only, no permission, disk error); a signaleer error
    gives its own message; anything else only the name of the error.
    """
    from signaleer.errors import SignaleerError, disk_cause

    os_error = exc if isinstance(exc, OSError) else exc.__cause__
    if isinstance(os_error, OSError):
        return disk_cause(os_error)
    if isinstance(exc, SignaleerError):
        return exc.message
    return type(exc).__name__


class CaseSaver:
    """Holds copies of changed cases until a worker thread has written them.

    ``submit`` is called on the UI thread; ``drain`` runs in one worker thread at a time.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pending: dict[str, Case] = {}
        self._draining = False
        self.failed: dict[str, Case] = {}
        """Cases whose last save failed; kept so they can be saved again."""
        self.saved_count = 0
        """Number of successful writes (for tests and the status line)."""
        self.deleted: set[str] = set()
        """Ids of cases deleted in this session: a late save must not bring them back."""

    def submit(self, case: Case) -> bool:
        """Queue a copy of ``case``; True when a new worker must be started to drain the queue."""
        snapshot = case.model_copy(deep=True)
        with self._lock:
            if case.id in self.deleted:
                return False
            self._pending[case.id] = snapshot
            self.failed.pop(case.id, None)
            if self._draining:
                return False
            self._draining = True
            return True

    @property
    def busy(self) -> bool:
        """True while cases wait or are being written."""
        with self._lock:
            return self._draining or bool(self._pending)

    @property
    def has_unsaved(self) -> bool:
        """True when a case waits, is being written, or failed to save."""
        return self.busy or bool(self.failed)

    def drain(self, save: Callable[[Case], None]) -> list[tuple[Case, Exception]]:
        """Save queued cases one by one until the queue is empty; return the failures."""
        failures: list[tuple[Case, Exception]] = []
        while True:
            with self._lock:
                if not self._pending:
                    self._draining = False
                    return failures
                case_id = next(iter(self._pending))
                case = self._pending.pop(case_id)
            try:
                save(case)
            except Exception as exc:  # reported to the user, the case is kept for another try
                with self._lock:
                    if case_id not in self._pending:
                        self.failed[case_id] = case
                failures.append((case, exc))
            else:
                self.saved_count += 1

    def retry_failed(self) -> bool:
        """Queue the failed cases again; True when a worker must be started."""
        with self._lock:
            failed, self.failed = self.failed, {}
        start = False
        for case in failed.values():
            start = self.submit(case) or start
        return start

    def drop(self, case_id: str) -> None:
        """Refuse every later save of ``case_id`` (it is being deleted) and forget a failed one."""
        with self._lock:
            self.deleted.add(case_id)
            self._pending.pop(case_id, None)
            self.failed.pop(case_id, None)

    def undrop(self, case_id: str) -> None:
        """Accept saves of ``case_id`` again (its deletion failed)."""
        with self._lock:
            self.deleted.discard(case_id)

    def forget(self) -> None:
        """Drop every queued and failed case from memory (after they were saved, or on purpose)."""
        with self._lock:
            self._pending.clear()
            self.failed.clear()
