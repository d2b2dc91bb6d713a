"""Thousands of mutated, truncated and malformed case files give a clean problem, never a traceback."""

from __future__ import annotations

import copy
import json
import random
from pathlib import Path
from typing import Any

import pytest
from test_vault_support import CANARY, VaultTemplate, copy_vault, make_case, summary_of, vault_template

from signaleer.domain.case import Case
from signaleer.vault import _age, envelope
from signaleer.vault.envelope import CaseFileUnreadable
from signaleer.vault.store import CaseStore

SEED = 5_2026
NAME = "0123456789abcdef"


@pytest.fixture
def store(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> CaseStore:
    template: VaultTemplate = vault_template(tmp_path_factory)
    return CaseStore(copy_vault(template, tmp_path / "kluis"), template.identity)


@pytest.fixture
def original(store: CaseStore) -> tuple[Case, bytes]:
    case = make_case(CANARY, id=NAME, answers={"stap2": {"zorg": CANARY}})
    store.save(case, summary_of(case, phase="Stap 2"))
    return case, (store.folder / f"{NAME}.age").read_bytes()


def mutate_bytes(data: bytes, rng: random.Random) -> bytes:
    """One random corruption of a file: truncation, bit flips, cuts, inserts, garbage."""
    kind = rng.randrange(8)
    cut = rng.randrange(len(data))
    if kind == 0:
        return data[:cut]
    if kind == 1:
        mutable = bytearray(data)
        for _ in range(rng.randint(1, 8)):
            mutable[rng.randrange(len(mutable))] ^= 1 << rng.randrange(8)
        return bytes(mutable)
    if kind == 2:
        return data[:cut] + data[cut + rng.randint(1, 200) :]
    if kind == 3:
        return data[:cut] + rng.randbytes(rng.randint(1, 64)) + data[cut:]
    if kind == 4:
        return data + rng.randbytes(rng.randint(1, 64))
    if kind == 5:
        return data[:cut] + bytes(rng.randint(1, 512)) + data[cut + 512 :]
    if kind == 6:
        return rng.randbytes(rng.randint(0, 2048))
    return b"age-encryption.org/v1\n" + rng.randbytes(rng.randint(0, 300))


def test_mutated_and_truncated_files_fail_cleanly(store: CaseStore, original: tuple[Case, bytes]) -> None:
    case, data = original
    rng = random.Random(SEED)
    path = store.folder / f"{NAME}.age"
    mutants = [data[:length] for length in range(0, len(data), 7)]
    mutants += [mutate_bytes(data, rng) for _ in range(1500)]
    failures = 0
    for mutant in mutants:
        path.write_bytes(mutant)
        try:
            opened = store.open(NAME)
        except CaseFileUnreadable as exc:
            failures += 1
            assert exc.name == f"{NAME}.age" and f"{NAME}.age" in exc.message and CANARY not in exc.render()
        else:
            assert mutant == data and opened == case
    assert failures >= len(mutants) - 5


def test_listing_a_folder_of_broken_files_reports_each_by_name(store: CaseStore, original: tuple[Case, bytes]) -> None:
    _, data = original
    good = make_case("Nog leesbaar")
    store.save(good, summary_of(good))
    rng = random.Random(SEED + 1)
    broken = {}
    for _ in range(400):
        name = f"{rng.getrandbits(64):016x}.age"
        mutant = mutate_bytes(data, rng)
        if mutant != data:
            broken[name] = mutant
            (store.folder / name).write_bytes(mutant)

    listing = store.listing()

    assert sorted(s.pseudonym for s in listing.summaries) == sorted([CANARY, "Nog leesbaar"])
    assert sorted(p.name for p in listing.problems) == sorted(broken)
    assert all(p.message and CANARY not in p.message for p in listing.problems)
    assert store.open(good.id) == good


def random_value(rng: random.Random) -> Any:
    return rng.choice(
        [None, 0, -1, 2**70, 1.5, float("nan"), True, "", "x" * 300, [], {}, [1, "a"], {"x": 1}, CANARY, "2026-13-45"]
    )


def mutate_tree(tree: Any, rng: random.Random) -> Any:
    """Replace, drop or add one node somewhere in a JSON tree."""
    tree = copy.deepcopy(tree)
    node = tree
    for _ in range(rng.randint(0, 6)):
        children = (
            list(node.items()) if isinstance(node, dict) else list(enumerate(node)) if isinstance(node, list) else []
        )
        containers = [(key, child) for key, child in children if isinstance(child, dict | list) and child]
        if not containers or rng.random() < 0.3:
            break
        _, node = rng.choice(containers)
    if isinstance(node, dict) and node:
        key = rng.choice(list(node))
        action = rng.randrange(3)
        if action == 0:
            node[key] = random_value(rng)
        elif action == 1:
            del node[key]
        else:
            node[f"onbekend_{rng.randrange(9)}"] = random_value(rng)
    elif isinstance(node, list) and node:
        node[rng.randrange(len(node))] = random_value(rng)
    return tree


def test_well_encrypted_but_malformed_contents_fail_cleanly(store: CaseStore, original: tuple[Case, bytes]) -> None:
    case, _ = original
    plaintext = envelope.encode(case, summary_of(case, phase="Stap 2"))
    tree = json.loads(plaintext)
    rng = random.Random(SEED + 2)
    specials = [
        b"",
        b"\xff\xfe not utf-8",
        b"[" * 100_000,
        b"null",
        b"[]",
        json.dumps({**tree, "format": "iets-anders"}).encode(),
        json.dumps({**tree, "format_version": 2}).encode(),
        json.dumps({**tree, "format_version": True}).encode(),
        json.dumps({**tree, "format_version": "1"}).encode(),
        json.dumps({**tree, "summary": [], "case": "x"}).encode(),
    ]
    mutants = specials + [json.dumps(mutate_tree(tree, rng)).encode() for _ in range(700)]
    mutants += [plaintext[: rng.randrange(len(plaintext.rstrip()))] for _ in range(100)]
    path = store.folder / f"{NAME}.age"
    outcomes = {"unreadable": 0, "valid": 0}
    for mutant in mutants:
        path.write_bytes(_age.encrypt(mutant, store.recipients))
        listing = store.listing()
        assert len(listing.summaries) + len(listing.problems) == 1
        assert all(p.name == f"{NAME}.age" and CANARY not in p.message for p in listing.problems)
        try:
            store.open(NAME)
        except CaseFileUnreadable as exc:
            outcomes["unreadable"] += 1
            assert exc.name == f"{NAME}.age" and CANARY not in exc.render()
        else:
            outcomes["valid"] += 1
    assert outcomes["unreadable"] > 300 and outcomes["valid"] > 10, outcomes
