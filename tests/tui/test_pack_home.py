"""The home screen says which content is in use: the installed pack's version and date, or the bundled content."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from shell_helpers import SIZE, make_app, screen_text, start_unlocked

from signaleer.domain.content import Content
from signaleer.i18n import t
from signaleer.pack.archive import build_archive
from signaleer.pack.install import install_pack
from signaleer.pack.manifest import make_manifest
from signaleer.pack.signing import new_key_pair, open_secret_key, public_key_line, trusted_comment
from signaleer.paths import Paths
from signaleer.vault.keys import Identity

ROOT = Path(__file__).resolve().parents[2]


def install_a_pack(paths: Paths, version: str, day: dt.date) -> None:
    """A real signed pack of one bundled route, installed with the core's own checks."""
    secret, public, _ = new_key_pair(None)
    files = {"meldroutes/den_haag.yaml": (ROOT / "meldroutes" / "den_haag.yaml").read_bytes()}
    manifest = make_manifest(files, version, day, "AF").to_bytes()
    with open_secret_key(secret, None) as key:
        pack = build_archive(manifest, key.sign(manifest, trusted_comment(version, day)), files)
    install_pack(paths.config, pack, "test.tar", [public_key_line(public.decode("ascii"))])


async def test_home_shows_the_installed_pack(home: Paths, content: Content, identity: Identity) -> None:
    install_a_pack(home, "2026.12", dt.date(2026, 12, 1))
    app = make_app(home, content)
    async with app.run_test(size=SIZE) as pilot:
        await start_unlocked(pilot, identity)
        text = screen_text(app)
        assert t("home.content.pack", version="2026.12", date="01-12-2026") in text
        assert t("home.title") in text.splitlines()[0]  # on the title line: no row taken from the case list


async def test_home_says_bundled_content_without_a_pack(home: Paths, content: Content, identity: Identity) -> None:
    app = make_app(home, content)
    async with app.run_test(size=SIZE) as pilot:
        await start_unlocked(pilot, identity)
        first = screen_text(app).splitlines()[0]
        assert t("home.title") in first and t("home.content.bundled") in first


def test_the_pack_state_module_is_cheap_to_import() -> None:
    """The home screen imports ``signaleer.pack.state``: it must bring no crypto and no YAML."""
    import subprocess

    code = "import sys, signaleer.pack.state; print(sorted(m for m in ('minisign', 'yaml', 'cryptography', 'pydantic') if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


async def test_home_names_the_pack_the_content_was_loaded_with(home: Paths, identity: Identity) -> None:
    """A pack installed while the app runs shows after a restart, together with its content: not before."""
    from signaleer.tui.app import SignaleerApp
    from signaleer.tui.services import build_services

    services = build_services(home)  # settings and content loaded now: no pack installed
    install_a_pack(home, "3.0", dt.date(2026, 12, 1))
    app = SignaleerApp(services)
    async with app.run_test(size=SIZE) as pilot:
        await start_unlocked(pilot, identity)
        first = screen_text(app).splitlines()[0]
        assert t("home.content.bundled") in first and "3.0" not in first
