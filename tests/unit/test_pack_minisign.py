"""Interoperability with the ``minisign`` CLI (the distro's package), both ways.

- A pack signed by signaleer: its manifest and signature, taken out of the tar, verify with ``minisign -Vm``.
- A key made by the CLI (``minisign -G -W``) and a manifest signed by the CLI (``minisign -Sm``, prehashed as the
  CLI does by default, and legacy ``-l``): ``pakket maak --manifest … --handtekening …`` builds the pack and
  ``pakket installeer`` accepts it; ``pakket maak --sleutel`` signs with the CLI's secret key too. This is the
  route for an organisation that keeps its key on a separate machine.
"""

from __future__ import annotations

import shutil
import subprocess
import tarfile
from pathlib import Path

import pytest
from pack_support import content_folder, invoke, make_key
from pty_support import run_in_pty

from signaleer.pack.signing import public_key_id
from signaleer.pack.state import read_state
from signaleer.paths import resolve_paths

MINISIGN = shutil.which("minisign")
pytestmark = pytest.mark.skipif(MINISIGN is None, reason="the minisign CLI is not installed (apt install minisign)")


@pytest.fixture
def laptop(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SIGNALEER_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("SIGNALEER_CONTENT", raising=False)
    monkeypatch.chdir(tmp_path)
    return tmp_path / "home"


def minisign(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    assert MINISIGN is not None
    return subprocess.run(
        [MINISIGN, *args], cwd=cwd, capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=60
    )


def cli_key_pair(folder: Path) -> tuple[Path, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    made = minisign("-G", "-W", "-p", "cli.pub", "-s", "cli.key", cwd=folder)
    assert made.returncode == 0, made.stderr
    return folder / "cli.key", folder / "cli.pub"


def test_a_pack_signed_by_signaleer_verifies_with_the_minisign_cli(laptop: Path, tmp_path: Path) -> None:
    secret, public = make_key(tmp_path / "sleutels")
    folder = content_folder(tmp_path / "inhoud")
    built = invoke(["pakket", "maak", str(folder), "--sleutel", str(secret), "--versie", "1.2", "--uitvoer", "p.tar"])
    assert built.exit_code == 0, built.output
    out = tmp_path / "uit"
    out.mkdir()
    with tarfile.open(tmp_path / "p.tar") as tar:
        for name in ("manifest.json", "manifest.json.minisig"):
            handle = tar.extractfile(name)
            assert handle is not None
            (out / name).write_bytes(handle.read())
    checked = minisign("-Vm", "manifest.json", "-p", str(public), cwd=out)
    assert checked.returncode == 0, checked.stderr
    assert "signaleer-pakket versie:1.2" in checked.stdout  # the trusted comment, signed too
    # and the CLI notices a changed manifest: the check above can fail
    manifest = out / "manifest.json"
    manifest.write_bytes(manifest.read_bytes().replace(b'"1.2"', b'"9.9"'))
    assert minisign("-Vm", "manifest.json", "-p", str(public), cwd=out).returncode != 0


def test_key_ids_are_shown_as_the_cli_shows_them(tmp_path: Path) -> None:
    _, public = cli_key_pair(tmp_path)
    comment, line = public.read_text(encoding="ascii").splitlines()
    assert comment.endswith(public_key_id(line))


@pytest.mark.parametrize("legacy", [False, True], ids=["prehashed", "legacy"])
def test_a_manifest_signed_by_the_minisign_cli_is_installed(laptop: Path, tmp_path: Path, legacy: bool) -> None:
    secret, public = cli_key_pair(tmp_path / "tekenmachine")
    folder = content_folder(tmp_path / "inhoud")
    written = invoke(
        ["pakket", "manifest", str(folder), "--versie", "3.0", "--auteur", "AF", "--uitvoer", "manifest.json"]
    )
    assert written.exit_code == 0, written.output
    signed = minisign("-S", *(["-l"] if legacy else []), "-m", "manifest.json", "-s", str(secret), cwd=tmp_path)
    assert signed.returncode == 0, signed.stderr
    built = invoke(
        [
            "pakket",
            "maak",
            str(folder),
            "--manifest",
            "manifest.json",
            "--handtekening",
            "manifest.json.minisig",
            "--uitvoer",
            "cli.tar",
        ]
    )
    assert built.exit_code == 0, built.output
    assert invoke(["pakket", "vertrouw", str(public)]).exit_code == 0
    installed = invoke(["pakket", "installeer", "cli.tar"])
    assert installed.exit_code == 0, installed.output
    state = read_state(resolve_paths().config)
    assert state.huidig is not None and (state.huidig.versie, state.huidig.auteur) == ("3.0", "AF")
    assert public.read_text(encoding="ascii").splitlines()[0].endswith(state.huidig.sleutel)


def test_maak_refuses_a_folder_that_differs_from_the_signed_manifest(laptop: Path, tmp_path: Path) -> None:
    secret, _ = cli_key_pair(tmp_path / "tekenmachine")
    folder = content_folder(tmp_path / "inhoud")
    assert invoke(["pakket", "manifest", str(folder), "--versie", "3.0", "--uitvoer", "manifest.json"]).exit_code == 0
    assert minisign("-Sm", "manifest.json", "-s", str(secret), cwd=tmp_path).returncode == 0
    route = folder / "meldroutes" / "den_haag.yaml"
    route.write_text(route.read_text(encoding="utf-8") + "# later veranderd\n", encoding="utf-8")
    built = invoke(
        ["pakket", "maak", str(folder), "--manifest", "manifest.json", "--handtekening", "manifest.json.minisig"]
    )
    assert built.exit_code == 1 and "meldroutes/den_haag.yaml" in built.output, built.output
    assert not list(tmp_path.glob("*.tar"))


def test_the_cli_secret_key_signs_a_pack_and_restore_works(laptop: Path, tmp_path: Path) -> None:
    secret, public = cli_key_pair(tmp_path / "sleutels")
    assert invoke(["pakket", "vertrouw", str(public)]).exit_code == 0
    for version in ("1.0", "1.1"):
        folder = content_folder(tmp_path / f"inhoud-{version}", phone=version)
        built = invoke(
            [
                "pakket",
                "maak",
                str(folder),
                "--sleutel",
                str(secret),
                "--versie",
                version,
                "--uitvoer",
                f"{version}.tar",
            ]
        )
        assert built.exit_code == 0, built.output
        assert invoke(["pakket", "installeer", f"{version}.tar"]).exit_code == 0
    assert invoke(["pakket", "herstel"]).exit_code == 0
    assert read_state(resolve_paths().config).huidig.versie == "1.0"  # type: ignore[union-attr]


def minisign_in_pty(args: list[str], cwd: Path, password: str, timeout: float = 120) -> tuple[int, bytes]:
    """Run the minisign CLI on a pseudo-terminal (it reads passwords only there), typing ``password`` at each prompt."""
    assert MINISIGN is not None
    return run_in_pty([MINISIGN, *args], cwd, password, prompt=b"Password", timeout=timeout, ignore_case=False)


@pytest.mark.slow
def test_a_password_protected_key_made_by_the_cli_signs_a_pack(laptop: Path, tmp_path: Path) -> None:
    """The CLI's default: a key encrypted with its own scrypt parameters (1 GiB); signaleer asks the password."""
    status, output = minisign_in_pty(["-G", "-p", "cli.pub", "-s", "cli.key"], tmp_path, "lange fietsbel zin")
    assert status == 0, output
    assert b"encrypted secret key" in (tmp_path / "cli.key").read_bytes().splitlines()[0]
    assert invoke(["pakket", "vertrouw", "cli.pub"]).exit_code == 0
    folder = content_folder(tmp_path / "inhoud")
    built = invoke(
        ["pakket", "maak", str(folder), "--sleutel", "cli.key", "--versie", "1.0"], stdin="lange fietsbel zin\n"
    )
    assert built.exit_code == 0, built.output
    installed = invoke(["pakket", "installeer", "signaleer-pakket-1.0.tar"])
    assert installed.exit_code == 0, installed.output
