"""kill -9 of a writer mid-save leaves every case in its old or its new state, never lost.

The kill moment is deterministic: the writer reports each complete save over a pipe and, in most rounds,
stops at a named point of its next save (before the fsync, before or after the rename) until it is killed.
"""

from __future__ import annotations

import contextlib
import os
import random
import signal
from pathlib import Path
from typing import Any

import pytest
from test_vault_support import VaultTemplate, copy_vault, make_case, summary_of, vault_template

from signaleer.domain.case import Case
from signaleer.fsio import is_temp_name
from signaleer.vault.keys import Identity
from signaleer.vault.store import CaseStore

KILLS = 300 if os.environ.get("SIGNALEER_LONG_TESTS") == "1" else 25
CASE_IDS = ["00000000000000a1", "00000000000000b2", "00000000000000c3"]


def version_of(case: Case) -> int:
    """The version a case was saved at, after checking that all its parts agree on it."""
    version = int(case.pseudonym.removeprefix("versie "))
    assert case.signals[0].observation == payload(version), "case content is mixed from two versions"
    return version


def payload(version: int) -> str:
    return f"[{version}]" * (4000 + version % 7 * 500)


def versioned(case_id: str, version: int) -> Case:
    case = make_case(f"versie {version}", id=case_id)
    case.signals[0].observation = payload(version)
    return case


POINTS = ("before_fsync", "before_replace", "after_replace", "anywhere")
"""Where a writer is killed: at a named point of its next save (deterministic), or right after it reported
its last complete save (wherever the next one is then; the checks hold for every moment)."""


def stop_at(point: str, after_saves: int, saves: list[int], report_fd: int) -> None:
    """In the writer child: announce ``point`` of save number ``after_saves`` with b"p" and wait there for the kill.

    The hooks wrap ``os.fsync`` and ``os.replace`` of this child process only (it is a fork); they act on
    the case files alone, whatever else a save writes.
    """
    real_fsync, real_replace = os.fsync, os.replace

    def stop_here(name: str) -> None:
        if name == point and saves[0] == after_saves:
            os.write(report_fd, b"p")
            while True:
                signal.pause()

    def fsync(fd: int) -> None:
        with contextlib.suppress(OSError):
            name = os.path.basename(os.readlink(f"/proc/self/fd/{fd}"))
            if is_temp_name(name) and ".age." in name:
                stop_here("before_fsync")  # the temp file is written, not yet durable
        real_fsync(fd)

    def replace(src: Any, dst: Any, *args: Any, **kwargs: Any) -> None:
        is_case = str(dst).endswith(".age") and os.path.basename(str(dst))[:-4] in CASE_IDS
        if is_case:
            stop_here("before_replace")  # the temp file is complete and fsync'd, the old case still in place
        real_replace(src, dst, *args, **kwargs)
        if is_case:
            stop_here("after_replace")  # the new case is in place, the folder not yet fsync'd

    os.fsync, os.replace = fsync, replace  # type: ignore[assignment]


def write_forever(folder: Path, identity: Identity, start: int, report_fd: int, point: str, after_saves: int) -> None:
    """The writer child: save every case at ever higher versions, reporting b"s" after each, until killed."""
    store = CaseStore(folder, identity)
    saves = [0]
    if point != "anywhere":
        stop_at(point, after_saves, saves, report_fd)
    version = start
    while True:
        version += 1
        for case_id in CASE_IDS:
            case = versioned(case_id, version)
            store.save(case, summary_of(case))
            saves[0] += 1
            os.write(report_fd, b"s")


def read_reports(fd: int, point: str, after_saves: int) -> int:
    """Read the writer's reports up to the kill moment; return the number of complete saves it reported."""
    done = 0
    while True:
        byte = os.read(fd, 1)
        assert byte in (b"s", b"p"), "the writer died before the kill moment"
        if byte == b"p":
            assert done == after_saves
            return done
        done += 1
        if point == "anywhere" and done == after_saves + 1:
            return done
        assert done <= after_saves, f"save {after_saves} passed {point} without stopping (no such point?)"


def expected_versions(previous: list[int], start: int, saves: int) -> list[int]:
    """The version of each case after ``saves`` complete saves of a writer that started at ``start``."""
    versions = list(previous)
    for number in range(saves):
        versions[number % len(CASE_IDS)] = start + 1 + number // len(CASE_IDS)
    return versions


def test_kill_minus_9_never_loses_or_corrupts_a_case(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> None:
    template: VaultTemplate = vault_template(tmp_path_factory)
    folder = copy_vault(template, tmp_path / "kluis")
    store = CaseStore(folder, template.identity)
    for case_id in CASE_IDS:
        case = versioned(case_id, 0)
        store.save(case, summary_of(case))
    rng = random.Random(20260315)
    previous = [0] * len(CASE_IDS)
    interrupted = 0
    stops: dict[str, int] = dict.fromkeys(POINTS, 0)

    for round_number in range(KILLS):
        point = POINTS[round_number % len(POINTS)]  # every point in turn; how many saves first is drawn
        after_saves = rng.randrange(0, 2 * len(CASE_IDS))
        start = min(previous)
        report_r, report_w = os.pipe()
        pid = os.fork()
        if pid == 0:  # the writer child; never returns into pytest
            try:
                os.close(report_r)
                write_forever(folder, template.identity, start, report_w, point, after_saves)
            finally:
                os._exit(1)
        os.close(report_w)
        try:
            completed = read_reports(report_r, point, after_saves)
        finally:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            os.close(report_r)
        stops[point] += 1

        listing = store.listing()
        assert listing.problems == []
        assert sorted(s.id for s in listing.summaries) == CASE_IDS
        versions = [version_of(store.open(case_id)) for case_id in CASE_IDS]
        for summary in listing.summaries:
            assert summary.pseudonym == f"versie {versions[CASE_IDS.index(summary.id)]}"
        assert all(now >= before for now, before in zip(versions, previous, strict=True)), "a save was undone"
        # the writer saves the cases in order, so each is at the newest version or the one before it
        assert all(v in (versions[0], versions[0] - 1) for v in versions) and versions == sorted(versions, reverse=True)
        if point in ("before_fsync", "before_replace"):  # the interrupted save is not visible
            assert versions == expected_versions(previous, start, completed)
        elif point == "after_replace":  # the interrupted save is visible: the rename is the commit point
            assert versions == expected_versions(previous, start, completed + 1)
        else:  # killed somewhere in the next save: every reported save survived
            assert all(
                now >= want for now, want in zip(versions, expected_versions(previous, start, completed), strict=True)
            )
        previous = versions
        interrupted += sum(is_temp_name(name) for name in os.listdir(folder))
        for name in os.listdir(folder):
            if is_temp_name(name):
                os.unlink(folder / name)

    assert min(previous) > 0, "the writer never completed a save"
    assert all(stops.values()), stops
    print(f"{KILLS} kills at {stops}, {min(previous)} rounds saved, {interrupted} writes cut off mid-file")
