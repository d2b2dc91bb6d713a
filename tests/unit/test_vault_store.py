"""CaseStore: round trip, order, problems, delete, purge, organisation recipients, file modes."""

from __future__ import annotations

import datetime as dt
import json
import os
import stat
import time
from pathlib import Path

import pytest
from test_vault_support import CANARY, VaultTemplate, copy_vault, make_case, summary_of

from signaleer.errors import VaultError
from signaleer.vault import _age
from signaleer.vault.keys import Identity
from signaleer.vault.store import CaseStore

TODAY = dt.date(2026, 3, 15)


@pytest.fixture
def store(template: VaultTemplate, tmp_path: Path) -> CaseStore:
    return CaseStore(copy_vault(template, tmp_path / "kluis"), template.identity)


def at(day: dt.date, hour: int = 12) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=dt.UTC)


def test_round_trip_keeps_every_field(store: CaseStore) -> None:
    case = make_case(CANARY, age=15, gender="meisje", answers={"stap1": {"zorg": "Ziet er moe uit"}})
    store.save(case, summary_of(case, phase="Stap 1", next_action="Overleg"))

    assert store.open(case.id) == case
    [summary] = store.listing().summaries
    assert (summary.id, summary.pseudonym, summary.phase, summary.next_action) == (case.id, CANARY, "Stap 1", "Overleg")


def test_saving_again_replaces_the_case(store: CaseStore) -> None:
    case = make_case()
    store.save(case, summary_of(case))
    case.pseudonym = "Nieuwe naam"
    store.save(case, summary_of(case))

    assert store.open(case.id).pseudonym == "Nieuwe naam"
    assert [s.pseudonym for s in store.listing().summaries] == ["Nieuwe naam"]


def test_file_holds_nothing_readable_and_is_named_by_random_id(store: CaseStore) -> None:
    case = make_case(CANARY)
    store.save(case, summary_of(case))

    names = sorted(os.listdir(store.folder))
    assert names == sorted([f"{case.id}.age", "identity.age", "recipient.txt"])
    data = (store.folder / f"{case.id}.age").read_bytes()
    assert data.startswith(b"age-encryption.org/v1\n")
    assert CANARY.encode() not in data and b"utrecht" not in data
    assert (store.folder / "recipient.txt").read_text().strip() == store.recipients[0]


def test_plaintext_is_the_documented_envelope_padded_to_4_kib(store: CaseStore, template: VaultTemplate) -> None:
    case = make_case()
    store.save(case, summary_of(case))

    plaintext = template.identity.decrypt((store.folder / f"{case.id}.age").read_bytes())
    assert len(plaintext) % 4096 == 0
    envelope = json.loads(plaintext)
    assert (envelope["format"], envelope["format_version"]) == ("signaleer-case", 1)
    assert envelope["case"]["id"] == envelope["summary"]["id"] == case.id


def test_files_are_0600_and_the_folder_0700(store: CaseStore) -> None:
    os.chmod(store.folder, 0o755)
    case = make_case()
    store.save(case, summary_of(case))

    assert stat.S_IMODE(os.stat(store.folder).st_mode) == 0o700
    for name in os.listdir(store.folder):
        assert stat.S_IMODE(os.stat(store.folder / name).st_mode) == 0o600, name


def test_a_new_vault_folder_and_its_missing_parents_are_0700(template: VaultTemplate, tmp_path: Path) -> None:
    from signaleer.fsio import ensure_private_dir

    ensure_private_dir(tmp_path / "data" / "kluis")

    assert stat.S_IMODE(os.stat(tmp_path / "data").st_mode) == 0o700
    assert stat.S_IMODE(os.stat(tmp_path / "data" / "kluis").st_mode) == 0o700


def test_list_order_overdue_first_then_due_then_recent_closed_last(store: CaseStore) -> None:
    rows: dict[str, dict[str, object]] = {
        "late_old": {"due": TODAY - dt.timedelta(days=10), "updated_at": at(TODAY - dt.timedelta(days=20))},
        "late_recent": {"due": TODAY - dt.timedelta(days=1), "updated_at": at(TODAY)},
        "due_soon": {"due": TODAY + dt.timedelta(days=2), "updated_at": at(TODAY - dt.timedelta(days=5))},
        "due_later": {"due": TODAY + dt.timedelta(days=9), "updated_at": at(TODAY)},
        "undated_recent": {"due": None, "updated_at": at(TODAY, 15)},
        "undated_old": {"due": None, "updated_at": at(TODAY, 9)},
        "closed_late": {"due": TODAY - dt.timedelta(days=30), "updated_at": at(TODAY), "closed": True},
    }
    for pseudonym, fields in rows.items():
        case = make_case(pseudonym)
        store.save(case, summary_of(case, **fields))

    order = [s.pseudonym for s in store.listing(today=TODAY).summaries]
    assert order == ["late_old", "late_recent", "due_soon", "due_later", "undated_recent", "undated_old", "closed_late"]


def test_foreign_renamed_and_stray_files_are_reported_by_name_and_skipped(
    store: CaseStore, template: VaultTemplate
) -> None:
    good = make_case("Goed")
    store.save(good, summary_of(good))
    other = make_case("Ander")
    store.save(other, summary_of(other))
    os.replace(store.folder / f"{other.id}.age", store.folder / "0123456789abcdef.age")
    stranger = _age.generate_key()
    (store.folder / "fedcba9876543210.age").write_bytes(_age.encrypt(b"{}", [_age.recipient_of(stranger)]))
    (store.folder / "aantekening.txt").write_text("los bestand")
    (store.folder / "ffffffffffffffff.age").write_bytes(b"")
    (store.folder / "submap").mkdir()

    listing = store.listing()

    assert [s.pseudonym for s in listing.summaries] == ["Goed"]
    problems = {p.name: p.message for p in listing.problems}
    assert set(problems) == {
        "0123456789abcdef.age",
        "fedcba9876543210.age",
        "aantekening.txt",
        "ffffffffffffffff.age",
        "submap",
    }
    assert "bestandsnaam" in problems["0123456789abcdef.age"]
    assert "niet versleuteld voor deze kluis" in problems["fedcba9876543210.age"]
    assert store.open(good.id) == good
    with pytest.raises(VaultError, match=r"0123456789abcdef\.age"):
        store.open("0123456789abcdef")
    with pytest.raises(VaultError, match=r"ffffffffffffffff\.age"):
        store.open("ffffffffffffffff")


def test_open_of_missing_or_malformed_id_is_a_clear_error(store: CaseStore) -> None:
    with pytest.raises(VaultError, match="bestaat niet"):
        store.open("0000000000000000")
    for bad in ["../identity", "ABCDEF0123456789", "", "0123"]:
        with pytest.raises(VaultError, match="geen geldig casusnummer"):
            store.open(bad)


def test_save_refuses_a_summary_of_another_case_and_a_destroyed_vault(store: CaseStore) -> None:
    case, other = make_case(), make_case()
    with pytest.raises(VaultError):
        store.save(case, summary_of(other))
    (store.folder / "identity.age").unlink()
    with pytest.raises(VaultError, match="bestaat niet"):
        store.save(case, summary_of(case))
    assert not (store.folder / f"{case.id}.age").exists()


def test_delete_removes_only_that_case(store: CaseStore) -> None:
    keep, drop = make_case("Blijft"), make_case("Weg")
    for case in (keep, drop):
        store.save(case, summary_of(case))

    store.delete(drop.id)

    assert [s.pseudonym for s in store.listing().summaries] == ["Blijft"]
    with pytest.raises(VaultError):
        store.delete(drop.id)


def test_purge_removes_cases_unchanged_for_longer_than_the_period(store: CaseStore) -> None:
    ages = {"oud": 400, "grens": 30, "net_over": 31, "vers": 0}
    ids = {}
    for pseudonym, days in ages.items():
        case = make_case(pseudonym)
        store.save(case, summary_of(case, updated_at=at(TODAY - dt.timedelta(days=days))))
        ids[pseudonym] = case.id

    purged = store.purge(30, today=TODAY)

    assert purged == sorted([ids["oud"], ids["net_over"]])
    assert sorted(s.pseudonym for s in store.listing().summaries) == ["grens", "vers"]
    assert store.purge(30, today=TODAY) == []
    with pytest.raises(VaultError):
        store.purge(-1)


def test_deletions_are_logged_encrypted_without_anything_from_the_case(template: VaultTemplate, tmp_path: Path) -> None:
    org = _age.generate_key()
    folder = copy_vault(template, tmp_path / "kluis")
    store = CaseStore(folder, template.identity, [_age.recipient_of(org)])
    assert store.deletions() == []
    gone, old = make_case(CANARY), make_case(f"{CANARY}-oud")
    store.save(gone, summary_of(gone))
    store.save(old, summary_of(old, updated_at=at(TODAY - dt.timedelta(days=400))))

    store.delete(gone.id, "na export naar het dossier")
    store.purge(365, today=TODAY)

    log = store.deletions()
    assert [(e.action, e.case_id) for e in log] == [("verwijderd", gone.id), ("opgeschoond", old.id)]
    assert log[0].reason == "na export naar het dossier" and "365 dagen" in log[1].reason
    assert all(e.at.tzinfo is not None for e in log)
    raw = (folder / "verwijderlog.age").read_bytes()
    assert raw.startswith(_age.AGE_HEADER) and gone.id.encode() not in raw
    plain = Identity(org).decrypt(raw)  # the organisation can read the log, as it can the cases
    assert gone.id.encode() in plain and CANARY.encode() not in plain
    assert store.listing().problems == []  # the log is not mistaken for a damaged case


def test_a_damaged_deletion_log_is_reported_not_overwritten(store: CaseStore) -> None:
    (store.folder / "verwijderlog.age").write_bytes(b"kapot")
    case = make_case("Weg")
    store.save(case, summary_of(case))
    with pytest.raises(VaultError, match="verwijderlog"):
        store.deletions()
    with pytest.raises(VaultError, match="verwijderlog"):
        store.delete(case.id)
    assert store.exists(case.id)  # nothing removed without a log entry
    assert (store.folder / "verwijderlog.age").read_bytes() == b"kapot"


def test_organisation_recipient_can_read_every_case(template: VaultTemplate, tmp_path: Path) -> None:
    org = _age.generate_key()
    folder = copy_vault(template, tmp_path / "kluis")
    store = CaseStore(folder, template.identity, [_age.recipient_of(org), template.identity.recipient])
    case = make_case(CANARY)
    store.save(case, summary_of(case))

    assert store.recipients == [template.identity.recipient, _age.recipient_of(org)]
    plaintext = Identity(org).decrypt((folder / f"{case.id}.age").read_bytes())
    assert json.loads(plaintext)["case"]["pseudonym"] == CANARY
    assert store.open(case.id) == case


def test_reencrypt_lets_a_new_organisation_key_read_existing_cases_and_drops_a_removed_one(
    template: VaultTemplate, tmp_path: Path
) -> None:
    first, second = _age.generate_key(), _age.generate_key()
    folder = copy_vault(template, tmp_path / "kluis")
    before = CaseStore(folder, template.identity, [_age.recipient_of(first)])
    case = make_case(CANARY)
    before.save(case, summary_of(case))
    (folder / "0123456789abcdef.age").write_bytes(b"geen age")  # a damaged file is reported, left alone
    path = folder / f"{case.id}.age"
    with pytest.raises(_age.AgeError):
        Identity(second).decrypt(path.read_bytes())

    after = CaseStore(folder, template.identity, [_age.recipient_of(second)])
    done, problems = after.reencrypt()

    assert done == 1 and [p.name for p in problems] == ["0123456789abcdef.age"]
    assert json.loads(Identity(second).decrypt(path.read_bytes()))["case"]["pseudonym"] == CANARY
    with pytest.raises(_age.AgeError):
        Identity(first).decrypt(path.read_bytes())  # the removed key cannot read the new version
    assert after.open(case.id) == case and (folder / "0123456789abcdef.age").read_bytes() == b"geen age"


def test_invalid_organisation_recipient_is_refused(template: VaultTemplate, tmp_path: Path) -> None:
    with pytest.raises(VaultError, match="organisatiesleutel"):
        CaseStore(tmp_path, template.identity, ["age1nietgeldig"])


def test_temp_files_are_ignored_by_the_list_and_all_removed_when_the_vault_is_opened(store: CaseStore) -> None:
    """A temp file may hold a whole case (kill -9 during fsync): under the lock every one is a leftover."""
    case = make_case()
    store.save(case, summary_of(case))
    fresh = store.folder / f".{case.id}.age.123.abcd.tmp"
    stale = store.folder / f".{case.id}.age.456.ef01.tmp"
    for path in (fresh, stale):
        path.write_bytes(b"age-encryption.org/v1\n-> X25519 afgebroken")
    old = time.time() - 2 * 3600
    os.utime(stale, (old, old))

    listing = store.listing()
    assert listing.problems == [] and len(listing.summaries) == 1
    assert fresh.exists() and stale.exists()  # a reader never removes what a writer may be writing

    assert store.remove_leftovers() == 2
    assert not fresh.exists() and not stale.exists()


def test_identity_never_pickles_nor_shows_its_secret(template: VaultTemplate) -> None:
    import pickle

    with pytest.raises(TypeError):
        pickle.dumps(template.identity)
    assert "AGE-SECRET-KEY" not in repr(template.identity)
    assert template.identity.recipient in repr(template.identity)
