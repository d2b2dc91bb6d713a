"""kill -9 of a writer at random moments leaves every case in its old or its new state, never lost."""

from __future__ import annotations

import os
import random
import signal
import time
from pathlib import Path

import pytest
from test_vault_support import VaultTemplate, copy_vault, make_case, summary_of, vault_template

from signaleer.domain.case import Case
from signaleer.vault.atomic import is_temp_name
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


def write_forever(folder: Path, identity: Identity, start: int, ready_fd: int) -> None:
    """The writer child: save every case at ever higher versions until killed."""
    store = CaseStore(folder, identity)
    os.write(ready_fd, b"r")
    version = start
    while True:
        version += 1
        for case_id in CASE_IDS:
            case = versioned(case_id, version)
            store.save(case, summary_of(case))


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

    for _ in range(KILLS):
        ready_r, ready_w = os.pipe()
        pid = os.fork()
        if pid == 0:  # the writer child; never returns into pytest
            try:
                os.close(ready_r)
                write_forever(folder, template.identity, min(previous), ready_w)
            finally:
                os._exit(1)
        os.close(ready_w)
        assert os.read(ready_r, 1) == b"r"
        os.close(ready_r)
        time.sleep(rng.uniform(0, 0.04))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)

        listing = store.list()
        assert listing.problems == []
        assert sorted(s.id for s in listing.summaries) == CASE_IDS
        versions = [version_of(store.open(case_id)) for case_id in CASE_IDS]
        for summary in listing.summaries:
            assert summary.pseudonym == f"versie {versions[CASE_IDS.index(summary.id)]}"
        assert all(now >= before for now, before in zip(versions, previous, strict=True)), "a save was undone"
        # the writer saves the cases in order, so each is at the newest version or the one before it
        assert all(v in (versions[0], versions[0] - 1) for v in versions) and versions == sorted(versions, reverse=True)
        previous = versions
        interrupted += sum(is_temp_name(name) for name in os.listdir(folder))
        for name in os.listdir(folder):
            if is_temp_name(name):
                os.unlink(folder / name)

    assert min(previous) > 0, "the writer never completed a save"
    print(f"{KILLS} kills, {min(previous)} rounds saved, {interrupted} writes cut off mid-file")
