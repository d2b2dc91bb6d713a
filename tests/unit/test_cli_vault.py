"""``signaleer vault`` and ``signaleer cases`` through the real click entry point."""

from __future__ import annotations

import datetime as dt
import json
import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from test_vault_support import CANARY, PASSPHRASE, VaultTemplate, make_case, summary_of

from signaleer.cli import main
from signaleer.i18n import nt, t
from signaleer.vault.keys import vault_exists
from signaleer.vault.store import CaseStore

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "01_lotte.yaml"


def run(*args: str, stdin: str | None = None) -> Result:
    return CliRunner().invoke(main, list(args), input=stdin)


def test_init_asks_twice_refuses_short_or_different_then_creates(home: Path) -> None:
    short = run("vault", "init", stdin="kort\n")
    assert short.exit_code == 2 and "te kort" in short.stderr and "→" in short.stderr
    different = run("vault", "init", stdin="lange fietsbel zin\nandere fietsbel zin\n")
    assert different.exit_code == 2 and t("cli.vault.mismatch", lang="nl") in different.stderr
    assert not vault_exists(home / "data" / "kluis")

    created = run("vault", "init", stdin=f"{PASSPHRASE}\n{PASSPHRASE}\n")

    folder = home / "data" / "kluis"
    assert created.exit_code == 0, created.output
    recipient = (folder / "recipient.txt").read_text().strip()
    assert recipient in created.stdout and PASSPHRASE not in created.output
    assert stat.S_IMODE(os.stat(folder).st_mode) == 0o700
    again = run("vault", "init", stdin=f"{PASSPHRASE}\n{PASSPHRASE}\n")
    assert again.exit_code == 1 and again.stderr.startswith(
        f"signaleer: {t('cli.vault.exists', lang='nl', folder=folder)}"
    )


def test_commands_without_a_vault_say_how_to_make_one(home: Path, passfile: Path) -> None:
    result = run("cases", "list", "--passphrase-file", str(passfile))
    assert result.exit_code == 1
    assert result.stderr.startswith("signaleer: Er is nog geen kluis") and "vault init" in result.stderr
    assert t("cli.vault.missing.hint", lang="nl") in result.stderr


def test_list_in_order_as_table_and_json_with_problems_on_stderr(
    store: CaseStore, passfile: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    today = dt.date.today()
    late, later = make_case("Te laat"), make_case("Straks")
    store.save(late, summary_of(late, due=today - dt.timedelta(days=2), next_action="Bel VT"))
    store.save(later, summary_of(later, due=today + dt.timedelta(days=5)))
    (store.folder / "0123456789abcdef.age").write_bytes(b"kapot")
    monkeypatch.setenv("SIGNALEER_PASSPHRASE_FILE", str(passfile))

    result = run("cases", "list", "--json")

    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [(c["pseudonym"], c["overdue"]) for c in data["cases"]] == [("Te laat", True), ("Straks", False)]
    assert [p["name"] for p in data["problems"]] == ["0123456789abcdef.age"]
    assert t("cli.skipped", lang="nl", name="0123456789abcdef.age", message="") in result.stderr

    table = run("cases", "list")
    lines = table.stdout.splitlines()
    assert lines[0].split()[:2] == ["Nummer", "Pseudoniem"]
    assert "Te laat" in lines[1] and t("cli.cases.list.overdue", lang="nl") in lines[1] and "Straks" in lines[2]
    assert (today - dt.timedelta(days=2)).strftime("%d-%m-%Y") in lines[1], "a date for people: DD-MM-JJJJ"


def test_wrong_passphrase_renders_message_and_hint(store: CaseStore, tmp_path: Path) -> None:
    wrong = tmp_path / "fout"
    wrong.write_text("niet de goede zin\n")
    wrong.chmod(0o600)

    result = run("cases", "list", "--passphrase-file", str(wrong))

    assert result.exit_code == 1
    assert result.stderr.startswith("signaleer: De wachtwoordzin klopt niet") and "\n  → " in result.stderr


def test_show_prints_the_case_only_to_a_terminal_unless_asked(store: CaseStore, passfile: Path) -> None:
    case = make_case(CANARY)
    store.save(case, summary_of(case))

    refused = run("cases", "show", case.id, "--passphrase-file", str(passfile))
    assert refused.exit_code == 2 and t("cli.cases.show.no_terminal", lang="nl") in refused.stderr
    assert CANARY not in refused.output

    shown = run("cases", "show", case.id, "--passphrase-file", str(passfile), "--pijp")
    assert shown.exit_code == 0, shown.output
    assert t("cli.cases.show.title", lang="nl", id=case.id, pseudonym=CANARY) in shown.stdout and "GB01" in shown.stdout


def test_import_stores_a_training_case_encrypted(store: CaseStore, passfile: Path, template: VaultTemplate) -> None:
    result = run("cases", "import", str(EXAMPLE), "--passphrase-file", str(passfile))

    assert result.exit_code == 0, result.output
    [summary] = store.listing().summaries
    assert summary.pseudonym == "Lotte" and summary.phase and summary.next_action
    assert t("cli.cases.import.done", lang="nl", id=summary.id, pseudonym="Lotte") in result.stdout
    assert b"Lotte" not in (store.folder / f"{summary.id}.age").read_bytes()
    assert store.open(summary.id).pseudonym == "Lotte"


def test_purge_removes_old_cases_after_confirmation(store: CaseStore, passfile: Path) -> None:
    old_time = dt.datetime.now(dt.UTC) - dt.timedelta(days=100)
    old, fresh = make_case("Oud"), make_case("Vers")
    store.save(old, summary_of(old, updated_at=old_time))
    store.save(fresh, summary_of(fresh))

    result = run("cases", "purge", "--older-than", "30", "--passphrase-file", str(passfile), "--ja")

    assert result.exit_code == 0, result.output
    assert nt("cli.cases.purge.done", 1, lang="nl") in result.stdout and old.id in result.stdout
    assert [s.pseudonym for s in store.listing().summaries] == ["Vers"]


def test_purge_takes_a_dutch_yes_and_asks_again_on_nonsense(store: CaseStore, passfile: Path) -> None:
    old = make_case("Oud")
    store.save(old, summary_of(old, updated_at=dt.datetime.now(dt.UTC) - dt.timedelta(days=100)))
    result = run("cases", "purge", "--older-than", "30", "--passphrase-file", str(passfile), stdin="misschien\nja\n")
    assert result.exit_code == 0, result.output
    assert t("cli.cases.confirm.again", lang="nl") in result.stderr
    assert nt("cli.cases.purge.done", 1, lang="nl") in result.stdout
    assert [e.case_id for e in store.deletions()] == [old.id]


def test_rekey_encrypts_the_cases_anew_for_the_organisation_keys_in_the_settings(
    store: CaseStore, passfile: Path, home: Path
) -> None:
    from signaleer.paths import resolve_paths
    from signaleer.settings import Settings, save_settings
    from signaleer.vault import _age
    from signaleer.vault.keys import Identity

    case = make_case("Overdracht")
    store.save(case, summary_of(case))
    org = _age.generate_key()
    save_settings(resolve_paths().settings_file, Settings(org_recipients=[_age.recipient_of(org)]))
    status_before = run("vault", "status")

    result = run("vault", "rekey", "--passphrase-file", str(passfile))

    assert result.exit_code == 0, result.output
    keys = nt("cli.vault.rekey.keys", 2, lang="nl")
    assert result.stdout == nt("cli.vault.rekey.done", 1, lang="nl", keys=keys) + "\n"
    assert b"Overdracht" in Identity(org).decrypt((store.folder / f"{case.id}.age").read_bytes())
    assert t("cli.vault.status.files", lang="nl", n=1) in status_before.stdout


def test_delete_asks_first_and_the_deletion_log_shows_only_the_number(store: CaseStore, passfile: Path) -> None:
    case = make_case("Geheim-Verwijderd")
    store.save(case, summary_of(case))
    empty = run("cases", "deletions", "--passphrase-file", str(passfile))
    assert empty.exit_code == 0 and t("cli.cases.deletions.none", lang="nl") in empty.stdout

    refused = run("cases", "delete", case.id, "--passphrase-file", str(passfile), stdin="n\n")
    assert refused.exit_code == 2 and t("cli.nothing_removed", lang="nl") in refused.output
    assert store.exists(case.id)

    done = run("cases", "delete", case.id, "--passphrase-file", str(passfile), stdin="j\n")
    assert done.exit_code == 0, done.output
    assert not store.exists(case.id)
    log = run("cases", "deletions", "--passphrase-file", str(passfile))
    assert log.exit_code == 0 and case.id in log.stdout and "verwijderd door de professional" in log.stdout
    assert "Geheim-Verwijderd" not in log.stdout

    missing = run("cases", "delete", case.id, "--passphrase-file", str(passfile), "--ja")
    assert missing.exit_code != 0 and "Traceback" not in missing.output and "bestaat niet" in missing.output


def test_passwd_refuses_a_short_or_repeated_wrong_new_passphrase_before_any_change(
    store: CaseStore, passfile: Path, tmp_path: Path
) -> None:
    before = (store.folder / "identity.age").read_bytes()
    short = run("vault", "passwd", "--passphrase-file", str(passfile), stdin="kort\n")
    assert short.exit_code == 2 and "te kort" in short.stderr
    mismatch = run("vault", "passwd", "--passphrase-file", str(passfile), stdin="nieuwe zin een\nnieuwe zin twee\n")
    assert mismatch.exit_code == 2 and t("cli.vault.mismatch", lang="nl") in mismatch.stderr
    wrong_old = run("vault", "passwd", stdin="niet de oude zin\nnieuwe zin een\nnieuwe zin een\n")
    assert wrong_old.exit_code == 1 and "klopt niet" in wrong_old.stderr
    assert (store.folder / "identity.age").read_bytes() == before


def test_destroy_needs_the_typed_word(store: CaseStore) -> None:
    case = make_case()
    store.save(case, summary_of(case))

    kept = run("vault", "destroy", stdin="verwijderen\n")
    assert kept.exit_code == 2 and vault_exists(store.folder)

    gone = run("vault", "destroy", stdin="VERWIJDEREN\n")
    assert gone.exit_code == 0 and not store.folder.exists()


def test_status_needs_no_passphrase(store: CaseStore) -> None:
    result = run("vault", "status")
    assert result.exit_code == 0 and store.recipients[0] in result.stdout
    assert t("cli.vault.status.files", lang="nl", n=0) in result.stdout


def test_empty_passphrase_file_is_a_usage_error(store: CaseStore, tmp_path: Path) -> None:
    empty = tmp_path / "leeg"
    empty.write_text("")
    result = run("cases", "list", "--passphrase-file", str(empty))
    assert result.exit_code == 2 and t("cli.vault.passfile.empty", lang="nl", path=empty) in result.stderr
