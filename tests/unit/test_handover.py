"""``signaleer overdracht``: a case handed over encrypted between two real vaults, through the real click entry point.

Every vault here is real (identity.age at the test work factor, unlocked by the worker process); files are real
age files. A refusal must leave both vaults byte for byte as they were and write no file.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import Result
from fault_support import snapshot
from handover_support import (
    Laptop,
    handed,
    load_content_once,
    make,
    refused,
    stranger_laptop,
)
from test_vault_support import CANARY, make_case, summary_of

from signaleer.advice_text import event_text
from signaleer.content import loader
from signaleer.domain.case import Case
from signaleer.domain.content import Content
from signaleer.domain.handover import FORMAT, HandoverFile, short_recipient
from signaleer.fsio import file_kind
from signaleer.i18n import nt, t
from signaleer.vault import _age, handover
from signaleer.vault.store import CaseStore


@pytest.fixture(scope="module")
def content() -> Content:
    return loader.load_content_or_raise()


@pytest.fixture(autouse=True)
def _content_once(content: Content, monkeypatch: pytest.MonkeyPatch) -> None:
    load_content_once(content, monkeypatch)


@pytest.fixture
def stranger(tmp_path: Path) -> Laptop:
    return stranger_laptop(tmp_path)


# --- the round trip ----------------------------------------------------------------------------------------------


def test_round_trip_records_the_hand_over_on_both_sides(
    sender: Laptop, receiver: Laptop, case: Case, outbox: Path, content: Content
) -> None:
    out = handed(sender, receiver, case, outbox)
    assert out.read_bytes().startswith(_age.AGE_HEADER)

    imported = receiver.run("overdracht", "importeer", str(out))

    assert imported.exit_code == 0, imported.output
    assert t("cli.overdracht.importeer.done", lang="nl", id=case.id, pseudonym=CANARY) in imported.stdout
    mine, theirs = sender.store().open(case.id), receiver.store().open(case.id)
    sent = mine.timeline[-1]
    assert sent.code == "handed_over"
    assert sent.params == {
        "to": "Zorgcoördinator Noord",
        "recipient": receiver.recipient,
        "moment": sent.at.isoformat(),
    }
    assert [e.code for e in theirs.timeline] == ["created", "consultation", "handed_over", "received"]
    assert theirs.timeline[:3] == mine.timeline, "the receiver gets the sender's whole timeline, unchanged"
    got = theirs.timeline[-1]
    assert got.params == {"sender": "Wijkcoach Sanne", "recipient": sender.recipient, "moment": sent.at.isoformat()}
    assert got.at >= sent.at
    same = theirs.model_dump(exclude={"timeline", "updated_at"})
    assert same == mine.model_dump(exclude={"timeline", "updated_at"}), "the content arrives as it was"
    moment = sent.at.astimezone().strftime("%d-%m-%Y %H:%M")
    assert event_text(sent, mine, content, "nl") == (
        f"Overgedragen aan Zorgcoördinator Noord ({short_recipient(receiver.recipient)}) op {moment}."
    )
    assert event_text(got, theirs, content, "en") == (
        f"Received from Wijkcoach Sanne ({short_recipient(sender.recipient)}), handed over on {moment}."
    )
    listed = receiver.run("cases", "list", "--json")
    assert [c["id"] for c in json.loads(listed.stdout)["cases"]] == [case.id], "saved with a summary for the list"


def test_the_file_is_encrypted_to_the_receiver_only_not_to_the_sender(
    sender: Laptop, receiver: Laptop, stranger: Laptop, case: Case, outbox: Path
) -> None:
    data = handed(sender, receiver, case, outbox).read_bytes()

    envelope = handover.decode(data, receiver.identity.decrypt)
    assert envelope.format == FORMAT and envelope.format_version == 1 and envelope.also_readable_by == []
    assert envelope.sender.recipient == sender.recipient and envelope.receiver.recipient == receiver.recipient
    assert envelope.case.id == case.id and envelope.content_versions, "the sender's content versions travel along"
    for other in (sender, stranger):
        with pytest.raises(handover.HandoverRefused) as caught:
            handover.decode(data, other.identity.decrypt)
        assert caught.value.code == "not_for_you"
    plain = receiver.identity.decrypt(data)
    assert len(plain) % 4096 == 0, "padded like a case file"


def test_keep_leaves_the_copy_with_the_hand_over_in_its_timeline(
    sender: Laptop, receiver: Laptop, case: Case, outbox: Path
) -> None:
    result = make(sender, case.id, receiver.recipient, outbox / "x.age")

    assert result.exit_code == 0, result.output
    assert t("cli.overdracht.maak.kept", lang="nl", id=case.id) in result.stdout
    assert sender.store().open(case.id).timeline[-1].code == "handed_over"
    assert sender.store().deletions() == []


def test_delete_removes_the_copy_through_the_deletion_log(
    sender: Laptop, receiver: Laptop, case: Case, outbox: Path
) -> None:
    result = make(sender, case.id, receiver.recipient, outbox / "x.age", copy="verwijderen")

    assert result.exit_code == 0, result.output
    assert t("cli.overdracht.maak.deleted", lang="nl", id=case.id) in result.stdout
    assert not sender.store().exists(case.id)
    [entry] = sender.store().deletions()
    assert (entry.case_id, entry.action, entry.reason) == (case.id, "verwijderd", handover.DELETION_REASON)
    log = sender.run("cases", "deletions")
    assert t("cli.cases.deletions.reason.handed_over", lang="nl") in log.stdout and "handed_over" not in log.stdout
    assert receiver.run("overdracht", "importeer", str(outbox / "x.age")).exit_code == 0
    assert [e.code for e in receiver.store().open(case.id).timeline][-2:] == ["handed_over", "received"]


def test_the_english_alias_delete_means_verwijderen(sender: Laptop, receiver: Laptop, case: Case, outbox: Path) -> None:
    result = make(sender, case.id, receiver.recipient, outbox / "x.age", copy="delete")
    assert result.exit_code == 0, result.output
    assert not sender.store().exists(case.id)


def test_keep_or_delete_must_be_chosen(sender: Laptop, receiver: Laptop, case: Case, outbox: Path) -> None:
    before = snapshot(sender.vault)
    args = ["overdracht", "maak", case.id, "--aan", receiver.recipient, "--naam", "X", "--van", "Y"]
    result = sender.run(*args, "--uitvoer", str(outbox / "x.age"))

    assert result.exit_code == 2 and "--kopie" in result.output and "Traceback" not in result.output
    assert snapshot(sender.vault) == before and not list(outbox.iterdir())


def test_organisation_keys_can_open_the_file_too(sender: Laptop, receiver: Laptop, case: Case, outbox: Path) -> None:
    org = _age.generate_key()
    sender.set_org([_age.recipient_of(org)])

    result = make(sender, case.id, receiver.recipient, outbox / "x.age")

    assert result.exit_code == 0, result.output
    assert nt("cli.overdracht.maak.org", 1, lang="nl") in result.stdout
    data = (outbox / "x.age").read_bytes()
    envelope = handover.decode(data, lambda blob: _age.decrypt(blob, org))
    assert envelope.also_readable_by == [_age.recipient_of(org)] and envelope.case.pseudonym == CANARY
    assert handover.decode(data, receiver.identity.decrypt).case.id == case.id


def test_the_receivers_org_keys_apply_to_the_imported_case(
    sender: Laptop, receiver: Laptop, case: Case, outbox: Path
) -> None:
    org = _age.generate_key()
    receiver.set_org([_age.recipient_of(org)])
    out = handed(sender, receiver, case, outbox)

    assert receiver.run("overdracht", "importeer", str(out)).exit_code == 0

    saved = (receiver.vault / f"{case.id}.age").read_bytes()
    assert json.loads(_age.decrypt(saved, org))["case"]["pseudonym"] == CANARY


def test_the_key_command_prints_the_vaults_public_key(receiver: Laptop) -> None:
    result = receiver.run("overdracht", "sleutel")
    assert result.exit_code == 0 and result.stdout == receiver.recipient + "\n"
    assert short_recipient(receiver.recipient) in result.stderr


# --- refusals at import: one line, nothing changed ---------------------------------------------------------------


@pytest.fixture
def unchanged(receiver: Laptop) -> Iterator[None]:
    before = snapshot(receiver.vault)
    yield
    assert snapshot(receiver.vault) == before, "a refused import changed the vault"


def _import(receiver: Laptop, path: Path, *extra: str) -> Result:
    return receiver.run("overdracht", "importeer", str(path), *extra)


def test_a_file_for_another_vault_is_refused(
    sender: Laptop, receiver: Laptop, stranger: Laptop, case: Case, outbox: Path
) -> None:
    out = handed(sender, receiver, case, outbox)
    before = snapshot(stranger.vault)

    result = _import(stranger, out)

    refused(result, "not_for_you")
    assert "dit bestand is niet voor jouw kluis" in result.stderr.lower()
    assert snapshot(stranger.vault) == before


@pytest.mark.parametrize("where", ["header", "middle", "end"])
def test_a_tampered_file_is_refused(
    sender: Laptop, receiver: Laptop, case: Case, outbox: Path, unchanged: None, where: str
) -> None:
    out = handed(sender, receiver, case, outbox)
    data = bytearray(out.read_bytes())
    mac = data.index(b"\n--- ") + 5  # the header's MAC: a change there can never look like another key
    index = {"header": mac, "middle": len(data) // 2, "end": len(data) - 1}[where]
    data[index] = ord("A") if data[index] != ord("A") else ord("B")
    out.write_bytes(bytes(data))

    refused(_import(receiver, out), "damaged")


def test_a_truncated_file_is_refused(
    sender: Laptop, receiver: Laptop, case: Case, outbox: Path, unchanged: None
) -> None:
    out = handed(sender, receiver, case, outbox)
    out.write_bytes(out.read_bytes()[:-100])

    refused(_import(receiver, out), "damaged")


def test_a_file_that_is_not_age_is_refused(receiver: Laptop, outbox: Path, unchanged: None) -> None:
    plain = outbox / "overdracht.age"
    plain.write_text("hallo")
    refused(_import(receiver, plain), "not_age")


def _sealed(receiver: Laptop, outbox: Path, envelope: object) -> Path:
    path = outbox / "gemaakt.age"
    path.write_bytes(_age.encrypt(json.dumps(envelope).encode(), [receiver.recipient]))
    return path


@pytest.mark.parametrize(
    ("envelope", "code", "values"),
    [
        ({"format": "iets-anders", "format_version": 1}, "not_handover", {}),
        ({"format": FORMAT, "format_version": 2}, "newer_version", {"version": 2}),
        ({"format": FORMAT, "format_version": "1"}, "bad_version", {}),
        ({"format": FORMAT, "format_version": 1, "case": {}}, "invalid", {"field": "handed_over_at"}),
        ([1, 2], "not_handover", {}),
        ({"format": "signaleer-case", "format_version": 1}, "case_file", {}),
    ],
)
def test_a_wrong_format_or_version_is_refused(
    receiver: Laptop, outbox: Path, unchanged: None, envelope: object, code: str, values: dict[str, object]
) -> None:
    refused(_import(receiver, _sealed(receiver, outbox, envelope)), code, **values)


def test_a_case_file_from_a_vault_is_no_hand_over(receiver: Laptop, outbox: Path, unchanged: None) -> None:
    own = make_case(CANARY)
    file = outbox / "casus.age"
    store = CaseStore(outbox / "elders", receiver.identity)
    (outbox / "elders").mkdir()
    (outbox / "elders" / "identity.age").write_bytes((receiver.vault / "identity.age").read_bytes())
    store.save(own, summary_of(own))
    file.write_bytes((outbox / "elders" / f"{own.id}.age").read_bytes())

    refused(_import(receiver, file), "case_file")


def test_a_case_already_in_the_vault_is_not_overwritten(
    sender: Laptop, receiver: Laptop, case: Case, outbox: Path
) -> None:
    out = handed(sender, receiver, case, outbox)
    assert _import(receiver, out).exit_code == 0
    before = snapshot(receiver.vault)

    refused(_import(receiver, out), "exists", case_id=case.id)
    assert snapshot(receiver.vault) == before


def test_a_case_handed_back_replaces_the_kept_copy_only_when_nothing_is_lost(
    sender: Laptop, receiver: Laptop, case: Case, outbox: Path
) -> None:
    out = handed(sender, receiver, case, outbox)
    assert _import(receiver, out).exit_code == 0
    back = outbox / "terug.age"
    result = make(receiver, case.id, sender.recipient, back)
    assert result.exit_code == 0, result.output

    replaced = _import(sender, back, "--vervang")

    assert replaced.exit_code == 0, replaced.output
    assert t("cli.overdracht.importeer.replaced", lang="nl") in replaced.stdout
    codes = [e.code for e in sender.store().open(case.id).timeline]
    assert codes == ["created", "consultation", "handed_over", "received", "handed_over", "received"]


def test_a_kept_copy_changed_after_the_hand_over_is_never_replaced(
    sender: Laptop, receiver: Laptop, case: Case, outbox: Path
) -> None:
    from signaleer.domain.changes import close_case

    out = handed(sender, receiver, case, outbox)
    assert _import(receiver, out).exit_code == 0
    back = outbox / "terug.age"
    assert make(receiver, case.id, sender.recipient, back).exit_code == 0
    mine = sender.store().open(case.id)
    close_case(mine, "afgerond")  # recorded after the hand-over: it would be lost
    sender.store().save(mine, summary_of(mine))
    before = snapshot(sender.vault)

    refused(_import(sender, back, "--vervang"), "exists_changed", case_id=case.id)
    assert snapshot(sender.vault) == before


def test_a_case_in_the_deletion_log_needs_herstel(sender: Laptop, receiver: Laptop, case: Case, outbox: Path) -> None:
    out = handed(sender, receiver, case, outbox)
    assert _import(receiver, out).exit_code == 0
    receiver.store().delete(case.id, "verwijderd door de professional")
    before = snapshot(receiver.vault)

    refused(_import(receiver, out), "was_deleted", case_id=case.id)
    assert snapshot(receiver.vault) == before

    restored = _import(receiver, out, "--herstel")
    assert restored.exit_code == 0, restored.output
    assert t("cli.overdracht.importeer.restored", lang="nl") in restored.stdout
    assert receiver.store().open(case.id).timeline[-1].code == "received"
    assert [e.case_id for e in receiver.store().deletions()] == [case.id], "the log keeps its entry"


def test_an_org_key_vault_cannot_import_a_hand_over_meant_for_someone_else(
    sender: Laptop, receiver: Laptop, stranger: Laptop, case: Case, outbox: Path
) -> None:
    sender.set_org([receiver.recipient])  # the zorgcoördinator's vault is the organisation key
    out = outbox / "x.age"
    assert make(sender, case.id, stranger.recipient, out).exit_code == 0
    before = snapshot(receiver.vault)

    refused(_import(receiver, out), "not_addressed", label="Zorgcoördinator Noord")
    assert snapshot(receiver.vault) == before
    assert _import(stranger, out).exit_code == 0


def test_a_missing_or_special_file_is_refused_before_the_passphrase(receiver: Laptop, outbox: Path) -> None:
    missing = receiver.run("overdracht", "importeer", str(outbox / "weg.age"))
    assert missing.exit_code == 2 and "Traceback" not in missing.output
    fifo = outbox / "pijp.age"
    os.mkfifo(fifo)
    result = receiver.run("overdracht", "importeer", str(fifo))
    assert result.exit_code != 0 and "Traceback" not in result.output
    kind = file_kind(os.stat(fifo).st_mode)
    refused(result, "not_regular", path=fifo, kind=kind)


def test_a_crafted_file_with_a_control_character_in_a_label_is_refused(
    sender: Laptop, receiver: Laptop, case: Case, outbox: Path, unchanged: None
) -> None:
    """Anyone who knows a public key can encrypt to it: what the file says is checked like any input."""
    envelope = json.loads(receiver.identity.decrypt(handed(sender, receiver, case, outbox).read_bytes()))
    envelope["sender"]["label"] = "Wijkcoach\x1b]0;gekaapt\x07"

    refused(_import(receiver, _sealed(receiver, outbox, envelope)), "invalid", field="sender")


def test_a_refusal_speaks_english_when_the_settings_say_so(
    sender: Laptop, receiver: Laptop, stranger: Laptop, case: Case, outbox: Path
) -> None:
    out = handed(sender, receiver, case, outbox)
    (stranger.home / "config").mkdir(parents=True)
    (stranger.home / "config" / "instellingen.json").write_text('{"language": "en"}', encoding="utf-8")

    result = _import(stranger, out)

    assert result.exit_code == 2
    assert result.stderr.startswith(f"signaleer: {t('vault.handover.not_for_you', lang='en')}"), result.stderr
    assert "niet" not in result.stderr and "kluis" not in result.stderr


def test_the_file_goes_into_a_chosen_folder_or_here_by_default(
    sender: Laptop, receiver: Laptop, case: Case, outbox: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    args = ["overdracht", "maak", case.id, "--aan", receiver.recipient, "--naam", "X", "--van", "Y", "--kopie", "keep"]
    assert sender.run(*args, "--uitvoer", str(outbox)).exit_code == 0
    assert (outbox / f"overdracht-{case.id}.age").is_file()
    here = tmp_path / "hier"
    here.mkdir()
    monkeypatch.chdir(here)
    result = sender.run(*args)
    assert result.exit_code == 0, result.output
    assert [p.name for p in here.iterdir()] == [f"overdracht-{case.id}.age"]


# --- refusals when making one: one line, nothing changed, no file --------------------------------------------------


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"to": "age1nietgoed"}, "bad_recipient"),
        ({"to": "own"}, "own_recipient"),
        ({"name": "  "}, "empty_label.to"),
        ({"from": ""}, "empty_label.from"),
        ({"name": "x" * 121}, "long_label.to"),
        ({"name": "Zorg\x1b[2Jcoördinator"}, "control_label.to"),
        ({"out": "exists"}, "output_exists"),
        ({"out": "no-folder"}, "no_folder"),
        ({"out": "vault"}, "output_in_vault"),
    ],
)
def test_a_wrong_hand_over_is_refused_and_changes_nothing(
    sender: Laptop, receiver: Laptop, case: Case, outbox: Path, change: dict[str, str], code: str
) -> None:
    to = {"own": sender.recipient}.get(change.get("to", ""), change.get("to", receiver.recipient))
    out = {
        "exists": outbox / "al-daar.age",
        "no-folder": outbox / "weg" / "x.age",
        "vault": sender.vault / "x.age",
    }.get(change.get("out", ""), outbox / "x.age")
    if change.get("out") == "exists":
        out.write_text("ouder")
    before, files = snapshot(sender.vault), sorted(outbox.rglob("*"))
    args = ["overdracht", "maak", case.id, "--aan", to, "--naam", change.get("name", "Zorgcoördinator Noord")]
    args += ["--van", change.get("from", "Wijkcoach Sanne"), "--kopie", "verwijderen", "--uitvoer", str(out)]

    result = sender.run(*args)

    assert result.exit_code != 0 and "Traceback" not in result.output, result.output
    assert result.stderr.startswith("signaleer: ") and t(f"vault.handover.{code}.hint", lang="nl") in result.stderr
    assert snapshot(sender.vault) == before and sorted(outbox.rglob("*")) == files
    assert sender.store().exists(case.id)


def test_an_unknown_or_malformed_case_id_is_refused(sender: Laptop, receiver: Laptop, outbox: Path) -> None:
    before = snapshot(sender.vault)
    for case_id, key in (("0123456789abcdef", "vault.error.no_case"), ("../../etc", "vault.error.bad_case_id")):
        result = make(sender, case_id, receiver.recipient, outbox / "x.age")
        assert result.exit_code != 0 and "Traceback" not in result.output
        assert t(f"{key}.hint", lang="nl") in result.stderr, result.stderr
    assert snapshot(sender.vault) == before and not list(outbox.iterdir())


def test_a_change_waiting_for_its_reason_stops_the_hand_over(
    sender: Laptop, receiver: Laptop, case: Case, outbox: Path
) -> None:
    from signaleer.domain.case import PendingEdit

    mine = sender.store().open(case.id)
    mine.pending_edits.append(PendingEdit(kind="answer", key="signalen/toelichting", value="nog zonder reden"))
    sender.store().save(mine, summary_of(mine))
    before = snapshot(sender.vault)

    refused(
        make(sender, case.id, receiver.recipient, outbox / "x.age", copy="verwijderen"),
        "pending_edits",
        case_id=case.id,
    )
    assert snapshot(sender.vault) == before and not list(outbox.iterdir())


def test_a_damaged_deletion_log_stops_a_hand_over_that_deletes(
    sender: Laptop, receiver: Laptop, case: Case, outbox: Path
) -> None:
    (sender.vault / "verwijderlog.age").write_bytes(b"kapot")
    before = snapshot(sender.vault)

    result = make(sender, case.id, receiver.recipient, outbox / "x.age", copy="verwijderen")

    assert result.exit_code == 1 and "Traceback" not in result.output
    assert snapshot(sender.vault) == before and not list(outbox.iterdir())


# --- the canary: no case text in any file but the encrypted ones -------------------------------------------------


def test_no_case_text_reaches_any_file(
    sender: Laptop, receiver: Laptop, case: Case, outbox: Path, tmp_path: Path
) -> None:
    out = handed(sender, receiver, case, outbox, copy="verwijderen")
    assert _import(receiver, out).exit_code == 0
    assert CANARY in receiver.store().open(case.id).pseudonym

    leaks = [
        path
        for path in tmp_path.rglob("*")
        if path.is_file() and not path.is_symlink() and CANARY.encode() in path.read_bytes()
    ]
    assert leaks == []


def test_the_schema_describes_the_envelope() -> None:
    from signaleer.content.schema import schemas

    schema = json.loads(schemas()["overdracht.schema.json"])
    assert set(schema["required"]) >= {"handed_over_at", "sender", "receiver", "app_version", "case"}
    assert set(schema["properties"]) == set(HandoverFile.model_fields)
