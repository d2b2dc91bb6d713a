"""Full garbage collections while the professional is idle, not inside a key press.

A full (generation 2) collection scans every tracked object that is not frozen: after the content is frozen
(``app.freeze_long_lived``) still the widgets of every screen and page, 50-60 ms in the walk, and Python starts
one whenever enough objects have survived the younger collections, so in the middle of a typed word or a tick
(``bench/bench_tmux.py``: one search of five took 117 ms instead of 57). Here the young generations stay
automatic, generation 2 is collected after a second without input, and Python's own trigger for it stays as a
backstop at ten times its usual distance (continuous typing for minutes), so cyclic garbage never piles up.
"""

from __future__ import annotations

import gc
from collections.abc import Callable

FULL_AFTER_IDLE = 1.0
"""Seconds without a key or mouse event before a full collection may run."""

FULL_EVERY = 5.0
"""Seconds at least between two idle collections."""

BACKSTOP_FACTOR = 10
"""Python's own full collections stay, this many times rarer (its third threshold is multiplied)."""


def defer_full_collections() -> None:
    """Make Python's own full collections ``BACKSTOP_FACTOR`` times rarer (``IdleCollector`` does the rest)."""
    young, middle, old = gc.get_threshold()
    gc.set_threshold(young, middle, old * BACKSTOP_FACTOR)


class IdleCollector:
    """Runs a full collection when the program has been idle for ``FULL_AFTER_IDLE`` seconds."""

    def __init__(self, clock: Callable[[], float]) -> None:
        self.clock = clock
        """Monotonic clock (the App's, injectable for tests)."""
        self.collected_at = clock()
        """When the last idle collection ran."""
        self.collections = 0
        """How many idle collections ran."""

    def maybe_collect(self, last_input: float) -> bool:
        """Collect all generations when idle long enough and something reached the oldest one; True when it ran."""
        now = self.clock()
        if now - last_input < FULL_AFTER_IDLE or now - self.collected_at < FULL_EVERY:
            return False
        self.collected_at = now
        if gc.get_count()[2] == 0:
            return False  # nothing survived into generation 2 since its last collection
        gc.collect()
        self.collections += 1
        return True
