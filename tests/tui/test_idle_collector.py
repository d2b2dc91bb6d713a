"""Full garbage collections wait until nobody types (``tui/collector.py``); the clock is a fake, nothing is timed."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from signaleer.tui.collector import BACKSTOP_FACTOR, FULL_AFTER_IDLE, FULL_EVERY, IdleCollector, defer_full_collections


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def thresholds() -> Iterator[tuple[int, int, int]]:
    saved = gc.get_threshold()
    yield saved
    gc.set_threshold(*saved)


def with_old_garbage() -> None:
    """Make generation 2 hold something new (a young collection moves survivors up)."""
    kept = [[n] for n in range(1000)]
    gc.collect(1)
    assert gc.get_count()[2] > 0, kept[0]


def test_no_full_collection_while_the_professional_types() -> None:
    clock = Clock()
    collector = IdleCollector(clock)
    clock.now += FULL_EVERY
    with_old_garbage()
    assert not collector.maybe_collect(last_input=clock.now - FULL_AFTER_IDLE / 2)  # a key half a second ago
    assert collector.collections == 0 and gc.get_count()[2] > 0


def test_a_full_collection_after_a_second_without_input_and_not_again_at_once() -> None:
    clock = Clock()
    collector = IdleCollector(clock)
    clock.now += FULL_EVERY
    with_old_garbage()
    assert collector.maybe_collect(last_input=clock.now - FULL_AFTER_IDLE)
    assert collector.collections == 1 and gc.get_count()[2] == 0
    with_old_garbage()
    clock.now += FULL_EVERY / 2
    assert not collector.maybe_collect(last_input=0.0)  # idle, but it collected moments ago
    clock.now += FULL_EVERY
    assert collector.maybe_collect(last_input=0.0)


def test_python_keeps_its_own_full_collections_as_a_backstop(thresholds: tuple[int, int, int]) -> None:
    young, middle, old = thresholds
    defer_full_collections()
    assert gc.get_threshold() == (young, middle, old * BACKSTOP_FACTOR)
    assert gc.isenabled()
