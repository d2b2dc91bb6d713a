"""The app and the vault lock, and the app on a broken disk: nothing lost, the real cause, no crash."""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from shell_helpers import PASSPHRASE, SIZE, make_app, screen_text, settle, start_unlocked
from test_followup_screens import TALL, _melded, _open, _store, _wait_for
from textual.widgets import Button, Input

from signaleer.advice_text import summarize
from signaleer.cli import main
from signaleer.domain import changes
from signaleer.domain.case import Case, ObservedSignal
from signaleer.domain.content import Content
from signaleer.paths import Paths
from signaleer.tui.followup.export_pane import ExportPane
from signaleer.tui.screens.confirm import ConfirmScreen
from signaleer.tui.screens.home import HomeScreen
from signaleer.tui.textual_compat import notifications
from signaleer.vault.keys import Identity
from signaleer.vault.lock import VaultLock
from signaleer.vault.store import CaseStore


@pytest.fixture
def passfile(tmp_path: Path) -> Path:
    path = tmp_path / "wachtwoord"
    path.write_text(PASSPHRASE + "\n")
    path.chmod(0o600)
    return path


def _can_mount() -> str | None:
    if os.geteuid() != 0 or not shutil.which("mount"):
        return "not root"
    return None


@contextlib.contextmanager
def unwritable(folder: Path) -> Iterator[str]:
    """Make ``folder`` unwritable for real: a read-only bind mount as root, chmod 0500 as a normal user.

    Yields the Dutch cause the app must name.
    """
    if os.geteuid() != 0:
        os.chmod(folder, 0o500)
        try:
            yield "geen toestemming"
        finally:
            os.chmod(folder, 0o700)
        return
    bind = subprocess.run(["mount", "--bind", str(folder), str(folder)], capture_output=True)
    if bind.returncode != 0:
        pytest.skip(f"root, but mount refused: {bind.stderr.decode(errors='replace').strip()}")
    try:
        subprocess.run(["mount", "-o", "remount,ro,bind", str(folder)], check=True, capture_output=True)
        yield "alleen-lezen"
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=True, capture_output=True)


def observed(pseudonym: str) -> Case:
    case = changes.new_case(pseudonym, 15, "meisje", None, "wijkteam")
    changes.add_signal(case, ObservedSignal(signal_id="GB01", observation="Nieuwe telefoon, net getypt"))
    return case


async def test_the_cli_cannot_delete_a_case_the_app_has_open(
    home: Paths, content: Content, identity: Identity, passfile: Path
) -> None:
    case = observed("Open-In-App")
    app = make_app(home, content)
    async with app.run_test(size=SIZE) as pilot:
        await start_unlocked(pilot, identity)
        app.save_case(case)
        await settle(pilot)

        result = CliRunner().invoke(main, ["cases", "delete", case.id, "--ja", "--passphrase-file", str(passfile)])

        assert result.exit_code == 2, result.output
        assert "is al geopend in signaleer (op deze computer" in result.stderr
        assert "Sluit signaleer daar eerst af" in result.stderr
        case.role = "na de poging"
        app.save_case(case)
        await settle(pilot)
        assert not app.session.saver.has_unsaved
    store = CaseStore(home.vault, identity)
    assert store.open(case.id).role == "na de poging" and store.deletions() == []
    after = CliRunner().invoke(main, ["cases", "delete", case.id, "--ja", "--passphrase-file", str(passfile)])
    assert after.exit_code == 0, after.output  # the app let go of the lock when it ended


async def test_a_stale_app_never_writes_back_a_case_deleted_elsewhere(
    home: Paths, content: Content, identity: Identity, passfile: Path
) -> None:
    """The app locked (idle or F12) lets go of the vault; a CLI deletes X; the app's later save of X is refused."""
    case = observed("Weg-Elders")
    app = make_app(home, content)
    async with app.run_test(size=SIZE) as pilot:
        await start_unlocked(pilot, identity)
        app.save_case(case)
        await settle(pilot)
        await app.lock()
        await settle(pilot)

        deleted = CliRunner().invoke(main, ["cases", "delete", case.id, "--ja", "--passphrase-file", str(passfile)])
        assert deleted.exit_code == 0, deleted.output

        app.open_vault(identity)
        await settle(pilot)
        case.role = "nog een toetsaanslag"
        app.save_case(case)  # a screen that still held the case
        await settle(pilot)
        assert any("is verwijderd" in n.message for n in notifications(app))
        assert case.id in app.session.saver.failed  # kept in memory, never silently dropped
    store = CaseStore(home.vault, identity)
    assert not store.exists(case.id) and [e.case_id for e in store.deletions()] == [case.id]


async def test_a_second_app_shows_where_the_vault_is_open_and_can_try_again(
    home: Paths, content: Content, identity: Identity
) -> None:
    other = VaultLock(home.vault, "app")
    other.acquire()
    app = make_app(home, content)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.open_vault(identity)
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen) and not app.session.unlocked
        assert f"al geopend in signaleer (op deze computer, proces {os.getpid()})" in app.screen.question
        assert "al geopend" in screen_text(app) and "Opnieuw proberen" in screen_text(app)
        other.release()
        app.screen.query_one("#yes", Button).press()
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen) and app.session.unlocked


async def test_ctrl_q_after_a_failed_save_asks_keeps_the_edit_and_saves_it_later(
    home: Paths, content: Content, identity: Identity
) -> None:
    """It crashed with NoActiveWorker (exit 1, the typed text lost) and blamed the re-encryption."""
    case = observed("Niet-Kwijt")
    app = make_app(home, content)
    async with app.run_test(size=SIZE) as pilot:
        await start_unlocked(pilot, identity)
        with unwritable(home.vault) as cause:
            app.save_case(case)
            await settle(pilot)
            messages = [n.message for n in notifications(app)]
            assert any(m.startswith("Opslaan is mislukt (") and cause in m for m in messages), messages
            assert not any("Opnieuw versleutelen" in m for m in messages)

            await pilot.press("ctrl+q")
            await settle(pilot)
            assert isinstance(app.screen, ConfirmScreen) and app.is_running
            assert "gaan de laatste wijzigingen verloren" in " ".join(screen_text(app).split())
            await pilot.press("escape")  # no: stay, with the change in memory
            await settle(pilot)
            assert app.is_running and case.id in app.session.saver.failed
        await pilot.press("ctrl+q")  # the disk is writable again: the failed save is tried once more, then quit
        await settle(pilot)
    assert app.return_code in (None, 0)
    stored = CaseStore(home.vault, identity).open(case.id)
    assert stored.signals[0].observation == "Nieuwe telefoon, net getypt"


async def test_a_settings_change_on_a_read_only_disk_names_the_cause(
    home: Paths, content: Content, identity: Identity
) -> None:
    app = make_app(home, content)
    async with app.run_test(size=SIZE) as pilot:
        await start_unlocked(pilot, identity)
        home.config.mkdir(parents=True, exist_ok=True)
        with unwritable(home.config) as cause:
            app.apply_settings(app.settings.model_copy(update={"retention_days": 99}))
            await settle(pilot)
        messages = [n.message for n in notifications(app)]
        assert any("instellingen konden niet worden opgeslagen" in m and cause in m for m in messages), messages
        assert app.settings.retention_days == 99  # still in use until the app ends


async def test_an_export_to_a_full_disk_is_reported_and_leaves_nothing(
    home: Paths, content: Content, identity: Identity, tmp_path: Path
) -> None:
    """A full disk left a truncated plain-text export (8,192 bytes of the case) and no message."""
    if _can_mount():
        pytest.skip("a full disk needs a tmpfs, which needs root")
    case = _melded("Vol-Export")
    _store(home, identity, content, case)
    out = tmp_path / "uit"
    out.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8k", "tmpfs", str(out)], check=True)
    try:
        app = make_app(home, content)
        async with app.run_test(size=TALL) as pilot:
            screen = await _open(pilot, app, identity, case, "export")
            screen.query_one("#path", Input).value = str(out / "dossier.html")
            screen.query_one("#do-export", Button).press()
            await _wait_for(pilot, ConfirmScreen)
            app.screen.query_one("#yes", Button).press()
            await settle(pilot)
            await settle(pilot)
            messages = [n.message for n in notifications(app)]
            assert any("De export is niet geschreven" in m and "de schijf is vol" in m for m in messages), messages
            assert screen.query_one(ExportPane).written is None
        assert os.listdir(out) == []
    finally:
        subprocess.run(["umount", "-l", str(out)], check=True)


async def test_opening_the_vault_in_the_app_removes_leftover_temp_files(
    home: Paths, content: Content, identity: Identity
) -> None:
    case = observed("Restje")
    store = CaseStore(home.vault, identity)
    store.save(case, summarize(case, content))
    leftover = home.vault / f".{case.id}.age.999.cafe.tmp"
    leftover.write_bytes((home.vault / f"{case.id}.age").read_bytes())  # a kill -9 during fsync
    app = make_app(home, content)
    async with app.run_test(size=SIZE) as pilot:
        await start_unlocked(pilot, identity)
        assert not leftover.exists() and store.exists(case.id)


async def test_a_read_only_vault_is_said_when_it_is_opened(home: Paths, content: Content, identity: Identity) -> None:
    app = make_app(home, content)
    async with app.run_test(size=SIZE) as pilot:
        with unwritable(home.vault) as cause:
            await start_unlocked(pilot, identity)
            messages = [n.message for n in notifications(app)]
            assert any("de kluis is alleen-lezen" in m and cause in m for m in messages), messages
        assert stat.S_IMODE(os.stat(home.vault).st_mode) == 0o700
