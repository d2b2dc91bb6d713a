"""Signed content packs from the command line: build, trust, install, restore, and every refusal.

Real files throughout: keys made by py-minisign, packs built by ``signaleer pakket maak`` from copies of the
bundled routes, a config folder under a temporary SIGNALEER_HOME. Each refusal checks the exit code, the one
Dutch line, and that the whole home folder (config and data) is byte for byte as before.
"""

from __future__ import annotations

import datetime as dt
import json
import tarfile
from pathlib import Path

import pytest
from pack_support import (
    content_folder,
    forge,
    invoke,
    make_key,
    member,
    raw_tar,
    tree,
    with_manifest_and_signature,
)

from signaleer.content.loader import collect_files, default_roots
from signaleer.i18n import t
from signaleer.pack import PackRefused, signing
from signaleer.pack.archive import build_archive, read_archive
from signaleer.pack.manifest import MAX_FILE_BYTES, version_key
from signaleer.pack.state import PackState, installed_root, read_state
from signaleer.paths import bundled_content_root, resolve_paths
from signaleer.settings import Settings


@pytest.fixture
def laptop(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A temporary SIGNALEER_HOME (config and data); the bundled content of this checkout."""
    monkeypatch.setenv("SIGNALEER_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("SIGNALEER_CONTENT", raising=False)
    monkeypatch.chdir(tmp_path)
    return tmp_path / "home"


@pytest.fixture
def keys(tmp_path: Path) -> tuple[Path, Path]:
    return make_key(tmp_path / "sleutels")


def build(folder: Path, secret: Path, version: str, out: Path) -> Path:
    result = invoke(
        [
            "pakket",
            "maak",
            str(folder),
            "--sleutel",
            str(secret),
            "--versie",
            version,
            "--datum",
            "01-12-2026",
            "--uitvoer",
            str(out),
        ]
    )
    assert result.exit_code == 0, result.output
    return out


def trust(public: Path) -> None:
    result = invoke(["pakket", "vertrouw", str(public)])
    assert result.exit_code == 0, result.output


def install(pack: Path, *extra: str) -> tuple[int, str]:
    result = invoke(["pakket", "installeer", str(pack), *extra])
    return result.exit_code, result.output


def refused(laptop: Path, pack: Path, expected: str, *extra: str) -> None:
    """Installing ``pack`` fails with ``expected`` in the output, and nothing under ``laptop`` changed."""
    before = tree(laptop)
    code, output = install(pack, *extra)
    assert code != 0, output
    assert expected in output, output
    assert "Traceback" not in output
    assert tree(laptop) == before


@pytest.fixture
def installed(laptop: Path, keys: tuple[Path, Path], tmp_path: Path) -> Path:
    """Version 1.0 built and installed; returns the pack file."""
    secret, public = keys
    trust(public)
    pack = build(content_folder(tmp_path / "inhoud"), secret, "1.0", tmp_path / "v1.tar")
    code, output = install(pack)
    assert code == 0, output
    return pack


# --- the round trip ------------------------------------------------------------------------------------------


def test_round_trip_build_trust_install_show_and_use(laptop: Path, keys: tuple[Path, Path], tmp_path: Path) -> None:
    secret, public = keys
    folder = content_folder(tmp_path / "inhoud", phone="pakketversie")
    result = invoke(
        ["pakket", "maak", str(folder), "--sleutel", str(secret), "--versie", "2026.12", "--auteur", "AF Wijkteam Oost"]
    )
    assert result.exit_code == 0, result.output
    pack = tmp_path / "signaleer-pakket-2026.12.tar"
    assert pack.is_file() and "2026.12" in result.output
    trust(public)
    code, output = install(pack)
    assert code == 0, output
    assert (
        t(
            "cli.pakket.install.done",
            version="2026.12",
            date=dt.date.today().strftime("%d-%m-%Y"),
            author="AF Wijkteam Oost",
            key=signing.public_key_id(public.read_text().splitlines()[1]),
        )
        in output
    )
    state = read_state(resolve_paths().config)
    assert state.huidig is not None and state.huidig.versie == "2026.12" and state.vorige is None
    # the pack is a content root between the bundled files and the user's own
    roots = default_roots()
    assert len(roots) == 3 and roots[1] == resolve_paths().config / "pakket" / state.huidig.folder
    used = collect_files(roots)["meldroutes/den_haag.yaml"]
    assert used.is_relative_to(roots[1]) and used.read_text(encoding="utf-8").endswith("# pakketversie\n")
    shown = invoke(["pakket", "toon"])
    assert shown.exit_code == 0 and "Inhoud: pakket 2026.12 van" in shown.output
    assert t("cli.pakket.show.intact") in shown.output
    routes = invoke(["routes"])
    assert routes.exit_code == 0 and "Inhoud: pakket 2026.12 van" in routes.output.splitlines()[-1]
    assert invoke(["check"]).exit_code == 0
    # the user's own file still wins over the pack
    own = resolve_paths().user_content / "meldroutes"
    own.mkdir(parents=True)
    (own / "den_haag.yaml").write_bytes((folder / "meldroutes" / "den_haag.yaml").read_bytes())
    assert collect_files(default_roots())["meldroutes/den_haag.yaml"] == own / "den_haag.yaml"


def test_routes_say_bundled_content_without_a_pack(laptop: Path) -> None:
    result = invoke(["routes"])
    assert result.exit_code == 0
    assert result.output.splitlines()[-1] == t("cli.pakket.line.bundled")
    assert default_roots()[1] == resolve_paths().user_content


def test_the_pack_file_is_deterministic_and_leaks_no_owner_or_time(
    keys: tuple[Path, Path], tmp_path: Path, laptop: Path
) -> None:
    secret, _ = keys
    folder = content_folder(tmp_path / "inhoud")
    first = build(folder, secret, "1.0", tmp_path / "a.tar").read_bytes()
    second = build(folder, secret, "1.0", tmp_path / "b.tar").read_bytes()
    assert first == second  # Ed25519 signatures are deterministic, the tar has no times or owners
    with tarfile.open(tmp_path / "a.tar") as tar:
        names = tar.getnames()
        assert names[:2] == ["manifest.json", "manifest.json.minisig"] and names[2:] == sorted(names[2:])
        for info in tar.getmembers():
            assert (info.mtime, info.uid, info.gid, info.uname, info.gname, info.mode) == (0, 0, 0, "", "", 0o644)
    manifest = json.loads(read_archive(first, "a").manifest)
    assert set(manifest) == {"formaat", "schema_versie", "versie", "datum", "auteur", "bestanden"}
    assert [f["pad"] for f in manifest["bestanden"]] == ["meldroutes/_sjabloon.yaml", "meldroutes/den_haag.yaml"]


def test_newer_version_keeps_the_previous_and_herstel_swaps(
    installed: Path, keys: tuple[Path, Path], tmp_path: Path
) -> None:
    secret, _ = keys
    v2 = build(content_folder(tmp_path / "inhoud2", phone="twee"), secret, "1.1", tmp_path / "v2.tar")
    code, output = install(v2)
    assert code == 0 and t("cli.pakket.install.previous", version="1.0") in output
    config = resolve_paths().config
    state = read_state(config)
    assert (state.huidig.versie, state.vorige.versie) == ("1.1", "1.0")  # type: ignore[union-attr]
    folders = sorted(p.name for p in (config / "pakket").iterdir() if p.is_dir())
    assert len(folders) == 2
    restored = invoke(["pakket", "herstel"])
    assert restored.exit_code == 0, restored.output
    state = read_state(config)
    assert (state.huidig.versie, state.vorige.versie) == ("1.0", "1.1")  # type: ignore[union-attr]
    assert "# twee" not in collect_files(default_roots())["meldroutes/den_haag.yaml"].read_text(encoding="utf-8")
    assert invoke(["pakket", "herstel"]).exit_code == 0
    assert read_state(config).huidig.versie == "1.1"  # type: ignore[union-attr]
    # a third version drops the oldest folder
    v3 = build(content_folder(tmp_path / "inhoud3", phone="drie"), secret, "2", tmp_path / "v3.tar")
    assert install(v3)[0] == 0
    assert len([p for p in (config / "pakket").iterdir() if p.is_dir()]) == 2


def test_herstel_without_a_previous_pack_changes_nothing(installed: Path, laptop: Path) -> None:
    before = tree(laptop)
    result = invoke(["pakket", "herstel"])
    assert result.exit_code == 1 and t("pack.restore.none") in result.output
    assert tree(laptop) == before


def test_verwijder_goes_back_to_the_bundled_content_and_herstel_brings_the_pack_back(
    installed: Path, laptop: Path
) -> None:
    config = resolve_paths().config
    in_use = read_state(config).huidig
    assert in_use is not None and installed_root(config) is not None
    removed = invoke(["pakket", "verwijder"])
    assert removed.exit_code == 0, removed.output
    assert t("cli.pakket.remove.done", version="1.0") in removed.output
    assert read_state(config) == PackState(huidig=None, vorige=in_use)
    assert default_roots() == [bundled_content_root(), resolve_paths().user_content]  # the pack is out of the stack
    assert invoke(["routes"]).output.splitlines()[-1] == t("cli.pakket.line.bundled")
    before = tree(laptop)
    again = invoke(["pakket", "verwijder"])
    assert again.exit_code == 1 and t("pack.remove.none") in again.output
    assert tree(laptop) == before
    restored = invoke(["pakket", "herstel"])
    assert restored.exit_code == 0 and t("cli.pakket.restore.done_alone", version="1.0") in restored.output
    assert read_state(config) == PackState(huidig=in_use, vorige=None)
    assert default_roots()[1] == installed_root(config)


def test_verwijder_refuses_when_the_content_without_the_pack_fails_check(installed: Path, laptop: Path) -> None:
    config = resolve_paths().config
    own = config / "meldroutes"
    own.mkdir(parents=True)
    bundled = collect_files([bundled_content_root()])["meldroutes/den_haag.yaml"].read_text(encoding="utf-8")
    (own / "den_haag.yaml").write_text(bundled.replace("kind:", "kind_onbekend:", 1), encoding="utf-8")
    before = tree(laptop)
    result = invoke(["pakket", "verwijder"])
    assert result.exit_code == 1 and "den_haag.yaml" in result.output, result.output
    assert tree(laptop) == before  # still the pack in use: nothing changed


def test_a_key_id_reads_as_the_minisign_cli_prints_it_and_is_found_with_or_without_zeros() -> None:
    # One key in 16 has an id starting with a zero digit; minisign prints it without (its .pub comment says
    # "minisign public key FAF35E32F5012EC"), signaleer printed "0FAF35E32F5012EC": the ids to compare differed.
    assert signing.key_id_text(bytes.fromhex("ec12502fe335af0f")) == "FAF35E32F5012EC"
    assert signing.key_id_text(bytes.fromhex("871f789c8726d7c1")) == "C1D726879C781F87"
    assert signing.same_key_id("FAF35E32F5012EC", "0faf35e32f5012ec")
    assert signing.same_key_id("FAF35E32F5012EC", " FAF35E32F5012EC ")
    assert not signing.same_key_id("FAF35E32F5012EC", "FAF35E32F5012ED")
    assert not signing.same_key_id("FAF35E32F5012EC", "geen-id")


def test_versions_compare_number_by_number() -> None:
    assert version_key("2026.12") == version_key("2026.12.0") < version_key("2026.12.1") < version_key("2027")
    assert version_key("1.10") > version_key("1.9")


# --- refusals: nothing changes ---------------------------------------------------------------------------------


def test_an_older_version_is_refused(installed: Path, laptop: Path, keys: tuple[Path, Path], tmp_path: Path) -> None:
    secret, _ = keys
    old = build(content_folder(tmp_path / "oud"), secret, "0.9", tmp_path / "old.tar")
    refused(laptop, old, t("pack.install.older", version="0.9", installed="1.0"))
    refused(laptop, old, t("pack.install.older", version="0.9", installed="1.0"), "--opnieuw")


def test_the_same_version_needs_opnieuw(installed: Path, laptop: Path) -> None:
    refused(laptop, installed, t("pack.install.same", version="1.0"))
    code, output = install(installed, "--opnieuw")
    assert code == 0, output


@pytest.mark.parametrize("change", ["flip", "append", "empty"])
def test_a_tampered_file_is_refused(
    installed: Path, laptop: Path, keys: tuple[Path, Path], tmp_path: Path, change: str
) -> None:
    secret, _ = keys
    good = build(content_folder(tmp_path / "nieuw"), secret, "2.0", tmp_path / "v2.tar")
    contents = read_archive(good.read_bytes(), "v2")
    files = dict(contents.files)
    original = files["meldroutes/den_haag.yaml"]
    files["meldroutes/den_haag.yaml"] = {
        "flip": original.replace(b"a", b"o", 1),  # same size, other bytes
        "append": original + b"# extra\n",
        "empty": b"",
    }[change]
    assert files["meldroutes/den_haag.yaml"] != original
    bad = tmp_path / "gewijzigd.tar"
    bad.write_bytes(build_archive(contents.manifest, contents.signature, files))
    refused(laptop, bad, t("pack.verify.changed_file", name="gewijzigd.tar", path="meldroutes/den_haag.yaml"))


def test_a_tampered_manifest_is_refused(installed: Path, laptop: Path, keys: tuple[Path, Path], tmp_path: Path) -> None:
    secret, public = keys
    good = build(content_folder(tmp_path / "nieuw"), secret, "2.0", tmp_path / "v2.tar")
    contents = read_archive(good.read_bytes(), "v2")
    bad = tmp_path / "manifest.tar"
    bad.write_bytes(build_archive(contents.manifest.replace(b'"2.0"', b'"9.0"'), contents.signature, contents.files))
    key_id = signing.public_key_id(public.read_text().splitlines()[1])
    refused(laptop, bad, t("pack.verify.failed", key=key_id))


def test_an_untrusted_key_is_refused(installed: Path, laptop: Path, tmp_path: Path) -> None:
    other_secret, other_public = make_key(tmp_path / "ander", "ander")
    pack = build(content_folder(tmp_path / "nieuw"), other_secret, "2.0", tmp_path / "ander.tar")
    key_id = signing.public_key_id(other_public.read_text().splitlines()[1])
    refused(laptop, pack, t("pack.verify.untrusted", key=key_id))


def test_no_trusted_key_at_all_is_refused(laptop: Path, keys: tuple[Path, Path], tmp_path: Path) -> None:
    pack = build(content_folder(tmp_path / "inhoud"), keys[0], "1.0", tmp_path / "v1.tar")
    refused(laptop, pack, t("pack.verify.no_keys"))


@pytest.mark.parametrize("keep", [0.5, 0.9, 0.2])
def test_a_truncated_pack_is_refused(
    installed: Path, laptop: Path, keys: tuple[Path, Path], tmp_path: Path, keep: float
) -> None:
    data = build(content_folder(tmp_path / "nieuw"), keys[0], "2.0", tmp_path / "v2.tar").read_bytes()
    cut = tmp_path / "kort.tar"
    cut.write_bytes(data[: int(len(data) * keep)])
    refused(laptop, cut, t("pack.read.truncated", name="kort.tar").split(":")[0])


@pytest.mark.parametrize(
    "data", [b"", b"kind: gemeente_route\n", bytes(range(256)) * 20], ids=["empty", "yaml", "noise"]
)
def test_not_a_pack_is_refused(installed: Path, laptop: Path, tmp_path: Path, data: bytes) -> None:
    other = tmp_path / "iets.tar"
    other.write_bytes(data)
    refused(laptop, other, t("pack.read.not_a_pack", name="iets.tar"))


def test_a_tar_without_our_manifest_first_is_not_a_pack(installed: Path, laptop: Path, tmp_path: Path) -> None:
    other = tmp_path / "gewoon.tar"
    other.write_bytes(raw_tar([member("meldroutes/x.yaml", b"kind: x\n")]))
    refused(laptop, other, t("pack.read.not_a_pack", name="gewoon.tar"))


def test_content_that_fails_check_is_refused_with_file_and_line(
    installed: Path, laptop: Path, keys: tuple[Path, Path], tmp_path: Path
) -> None:
    files = {"meldroutes/kapot.yaml": b"kind: bestaat_niet\nversie: 1\n"}
    bad = tmp_path / "kapot.tar"
    bad.write_bytes(forge(keys[0], files, "2.0"))
    refused(laptop, bad, "kapot.tar:meldroutes/kapot.yaml:1:")


def test_a_file_outside_the_manifest_is_refused(
    installed: Path, laptop: Path, keys: tuple[Path, Path], tmp_path: Path
) -> None:
    good = forge(
        keys[0],
        {"meldroutes/den_haag.yaml": (tmp_path / "inhoud" / "meldroutes" / "den_haag.yaml").read_bytes()},
        "2.0",
    )
    bad = tmp_path / "extra.tar"
    bad.write_bytes(with_manifest_and_signature(good, [member("meldroutes/extra.yaml", b"kind: x\n")]))
    refused(laptop, bad, t("pack.verify.extra_file", name="extra.tar", path="meldroutes/extra.yaml"))


@pytest.mark.parametrize(
    ("name", "kind", "expected"),
    [
        ("../buiten.yaml", tarfile.REGTYPE, "pack.read.bad_path"),
        ("meldroutes/../../buiten.yaml", tarfile.REGTYPE, "pack.read.bad_path"),
        ("/etc/buiten.yaml", tarfile.REGTYPE, "pack.read.bad_path"),
        ("meldroutes/link.yaml", tarfile.SYMTYPE, "pack.read.not_a_file"),
        ("meldroutes/hard.yaml", tarfile.LNKTYPE, "pack.read.not_a_file"),
        ("meldroutes/dev.yaml", tarfile.CHRTYPE, "pack.read.not_a_file"),
        ("meldroutes/fifo.yaml", tarfile.FIFOTYPE, "pack.read.not_a_file"),
        ("meldroutes/map", tarfile.DIRTYPE, "pack.read.not_a_file"),
        ("manifest.json", tarfile.REGTYPE, "pack.read.twice"),
    ],
)
def test_unsafe_members_are_refused(
    installed: Path, laptop: Path, keys: tuple[Path, Path], tmp_path: Path, name: str, kind: bytes, expected: str
) -> None:
    good = forge(
        keys[0],
        {"meldroutes/den_haag.yaml": (tmp_path / "inhoud" / "meldroutes" / "den_haag.yaml").read_bytes()},
        "2.0",
    )
    bad = tmp_path / "onveilig.tar"
    bad.write_bytes(with_manifest_and_signature(good, [member(name, b"x: 1\n", kind)]))
    refused(laptop, bad, t(expected, name="onveilig.tar", member=name))
    assert not (tmp_path / "buiten.yaml").exists() and not (laptop / "buiten.yaml").exists()


def test_a_member_larger_than_the_limit_is_refused(
    installed: Path, laptop: Path, keys: tuple[Path, Path], tmp_path: Path
) -> None:
    good = forge(keys[0], {"meldroutes/den_haag.yaml": b"kind: x\n"}, "2.0")
    bad = tmp_path / "bom.tar"
    bad.write_bytes(with_manifest_and_signature(good, [member("meldroutes/groot.yaml", b"#" * (MAX_FILE_BYTES + 1))]))
    refused(laptop, bad, t("pack.read.member_too_big", name="bom.tar", member="meldroutes/groot.yaml"))


def test_a_pack_without_signature_is_refused(installed: Path, laptop: Path, tmp_path: Path) -> None:
    bad = tmp_path / "los.tar"
    bad.write_bytes(raw_tar([member("manifest.json", b"{}"), member("meldroutes/x.yaml", b"kind: x\n")]))
    refused(laptop, bad, t("pack.read.no_signature", name="los.tar"))


# --- building ------------------------------------------------------------------------------------------------


def test_maak_refuses_content_that_fails_check(laptop: Path, keys: tuple[Path, Path], tmp_path: Path) -> None:
    folder = content_folder(tmp_path / "inhoud")
    (folder / "meldroutes" / "kapot.yaml").write_text("kind: bestaat_niet\n", encoding="utf-8")
    result = invoke(["pakket", "maak", str(folder), "--sleutel", str(keys[0]), "--versie", "1.0"])
    assert result.exit_code == 1, result.output
    assert "Geen pakket gemaakt: 1 fout in de inhoud" in result.output and "kapot.yaml:1:1:" in result.output
    assert not list(tmp_path.glob("*.tar"))


@pytest.mark.parametrize("version", ["1.0-beta", "v2", "1..2", "1.2.3.4.5", ""])
def test_maak_refuses_a_bad_version(laptop: Path, keys: tuple[Path, Path], tmp_path: Path, version: str) -> None:
    folder = content_folder(tmp_path / "inhoud")
    result = invoke(["pakket", "maak", str(folder), "--sleutel", str(keys[0]), "--versie", version])
    assert result.exit_code == 1 and t("pack.version.invalid", version=version) in result.output, result.output


def test_an_encrypted_key_asks_its_password(laptop: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(signing, "KDF_OPSLIMIT", 32768)  # scrypt's smallest: the test needs no second per key
    monkeypatch.setattr(signing, "KDF_MEMLIMIT", 1 << 24)
    secret, _, key_id = signing.new_key_pair("lange fietsbel zin")
    (tmp_path / "org.key").write_bytes(secret)
    assert signing.secret_key_encrypted(secret)
    folder = content_folder(tmp_path / "inhoud")
    args = ["pakket", "maak", str(folder), "--sleutel", str(tmp_path / "org.key"), "--versie", "1.0"]
    wrong = invoke(args, stdin="verkeerd wachtwoord\n")
    assert wrong.exit_code == 1 and t("pack.secret.wrong_password") in wrong.output
    assert not list(tmp_path.glob("*.tar"))
    right = invoke(args, stdin="lange fietsbel zin\n")
    assert right.exit_code == 0 and key_id in right.output, right.output
    (tmp_path / "pw").write_text("lange fietsbel zin\n", encoding="utf-8")
    from_file = invoke([*args, "--uitvoer", str(tmp_path / "b.tar"), "--wachtwoordbestand", str(tmp_path / "pw")])
    assert from_file.exit_code == 0, from_file.output


def test_sleutel_maak_writes_a_private_secret_key_and_never_overwrites(
    laptop: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(signing, "KDF_OPSLIMIT", 32768)
    monkeypatch.setattr(signing, "KDF_MEMLIMIT", 1 << 24)
    (tmp_path / "pw").write_text("lange fietsbel zin\n", encoding="utf-8")
    args = [
        "pakket",
        "sleutel-maak",
        "--uitvoer",
        str(tmp_path / "wijkteam"),
        "--wachtwoordbestand",
        str(tmp_path / "pw"),
    ]
    made = invoke(args)
    assert made.exit_code == 0, made.output
    secret, public = tmp_path / "wijkteam.key", tmp_path / "wijkteam.pub"
    assert secret.stat().st_mode & 0o777 == 0o600 and public.stat().st_mode & 0o777 == 0o644
    assert signing.secret_key_encrypted(secret.read_bytes())
    before = secret.read_bytes()
    again = invoke(args)
    assert again.exit_code == 2 and t("cli.pakket.keygen.exists", path=tmp_path / "wijkteam.key") in again.output
    assert secret.read_bytes() == before


# --- trusted keys --------------------------------------------------------------------------------------------


def test_vertrouw_and_vergeet_edit_the_settings(laptop: Path, keys: tuple[Path, Path]) -> None:
    _, public = keys
    line = public.read_text().splitlines()[1]
    key_id = signing.public_key_id(line)
    assert invoke(["pakket", "vertrouw", line]).exit_code == 0
    assert t("cli.pakket.trust.already", key=key_id) in invoke(["pakket", "vertrouw", str(public)]).output
    settings = json.loads(resolve_paths().settings_file.read_text())
    assert settings["trusted_pack_keys"] == [line]
    assert key_id in invoke(["pakket", "toon"]).output
    forgotten = invoke(["pakket", "vergeet", key_id])
    assert forgotten.exit_code == 0, forgotten.output
    assert json.loads(resolve_paths().settings_file.read_text())["trusted_pack_keys"] == []
    assert invoke(["pakket", "vergeet", key_id]).exit_code == 2


@pytest.mark.parametrize(
    "text", ["RWQ", "age1qqqq", "untrusted comment: x\nRUQ" + "A" * 53, "RWQ" + "A" * 52, "hallo wereld"]
)
def test_vertrouw_refuses_what_is_no_public_key(laptop: Path, text: str) -> None:
    before = tree(laptop)
    result = invoke(["pakket", "vertrouw", text])
    assert result.exit_code == 1 and t("pack.key.invalid") in result.output
    assert tree(laptop) == before


def test_settings_refuse_a_malformed_trusted_key() -> None:
    with pytest.raises(ValueError):
        Settings.model_validate({"trusted_pack_keys": ["RWQ-not-a-key"]})
    Settings.model_validate({"trusted_pack_keys": ["RWQ" + "A" * 53]})


def test_toon_notices_an_installed_file_changed_on_this_laptop(installed: Path) -> None:
    state = read_state(resolve_paths().config)
    assert state.huidig is not None
    target = resolve_paths().config / "pakket" / state.huidig.folder / "meldroutes" / "den_haag.yaml"
    target.write_text(target.read_text(encoding="utf-8") + "# lokaal\n", encoding="utf-8")
    result = invoke(["pakket", "toon"])
    assert result.exit_code == 1 and "meldroutes/den_haag.yaml" in result.output


def test_a_damaged_state_file_is_one_clear_error(installed: Path) -> None:
    state_file = resolve_paths().config / "pakket" / "pakket.json"
    state_file.write_text("{kapot", encoding="utf-8")
    result = invoke(["check"])
    assert result.exit_code == 1 and t("pack.state.damaged", path=state_file) in result.output
    assert "Traceback" not in result.output


def test_english_refusal(installed: Path, laptop: Path, tmp_path: Path) -> None:
    (resolve_paths().settings_file).write_text(
        json.dumps({**json.loads(resolve_paths().settings_file.read_text()), "language": "en"}), encoding="utf-8"
    )
    other = tmp_path / "iets.tar"
    other.write_bytes(b"nothing")
    refused(laptop, other, t("pack.read.not_a_pack", lang="en", name="iets.tar"))


def test_a_key_that_copies_a_trusted_key_id_is_refused(
    installed: Path, laptop: Path, keys: tuple[Path, Path], tmp_path: Path
) -> None:
    """Key ids are not secret: a signature by another key, labelled with the trusted key's id, must still fail."""
    import base64

    _, public = keys
    trusted_line = public.read_text().splitlines()[1]
    trusted_id = base64.b64decode(trusted_line)[2:10]
    other_secret, _ = make_key(tmp_path / "ander", "ander")
    pack = build(content_folder(tmp_path / "nieuw"), other_secret, "2.0", tmp_path / "ander.tar")
    contents = read_archive(pack.read_bytes(), "ander")
    lines = contents.signature.splitlines()
    raw = base64.b64decode(lines[1])
    lines[1] = base64.b64encode(raw[:2] + trusted_id + raw[10:])
    forged = tmp_path / "vals.tar"
    forged.write_bytes(build_archive(contents.manifest, b"\n".join(lines) + b"\n", contents.files))
    refused(laptop, forged, t("pack.verify.failed", key=signing.public_key_id(trusted_line)))


def test_an_install_that_another_one_overtook_is_refused_under_the_lock(
    installed: Path, laptop: Path, keys: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two installs at once: the one that gets the lock second sees the state the first left, not the old one."""
    from signaleer.pack import install

    secret, public = keys
    v2 = build(content_folder(tmp_path / "twee", phone="2"), secret, "2.0", tmp_path / "v2.tar").read_bytes()
    v3 = build(content_folder(tmp_path / "drie", phone="3"), secret, "3.0", tmp_path / "v3.tar").read_bytes()
    config = resolve_paths().config
    trusted = [public.read_text().splitlines()[1]]
    real_lock = install._lock
    after_other: dict[str, str] = {}

    def overtaken(root: Path) -> int:
        """The other install (3.0) runs to its end just before this one (2.0) takes the lock."""
        monkeypatch.setattr(install, "_lock", real_lock)
        install.install_pack(config, v3, "v3.tar", trusted)
        after_other.update(tree(laptop))
        return real_lock(root)

    monkeypatch.setattr(install, "_lock", overtaken)
    with pytest.raises(PackRefused) as caught:
        install.install_pack(config, v2, "v2.tar", trusted)  # checked against 1.0 first: newer, so it goes on
    assert caught.value.message == t("pack.install.older", version="2.0", installed="3.0")
    assert tree(laptop) == after_other
    assert read_state(config).huidig.versie == "3.0"  # type: ignore[union-attr]


def test_the_manifest_schema_in_schemas_is_the_model() -> None:
    from pack_support import ROOT

    from signaleer.content.schema import schemas

    written = (ROOT / "schemas" / "pakket_manifest.schema.json").read_text(encoding="utf-8")
    assert written == schemas()["pakket_manifest.schema.json"], "run: signaleer schema"


def test_the_check_on_install_includes_the_users_own_files(
    laptop: Path, keys: tuple[Path, Path], tmp_path: Path
) -> None:
    """The content as the program will use it: bundled, the pack, the user's own files on top."""
    secret, public = keys
    trust(public)
    pack = build(content_folder(tmp_path / "inhoud"), secret, "1.0", tmp_path / "v1.tar")
    own = resolve_paths().user_content / "meldroutes"
    own.mkdir(parents=True)
    (own / "eigen.yaml").write_text("kind: bestaat_niet\n", encoding="utf-8")
    refused(laptop, pack, "eigen.yaml:1:1:")
    (own / "eigen.yaml").unlink()
    assert install(pack)[0] == 0
