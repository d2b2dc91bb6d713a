"""SVG snapshots of the signal step (the list, and the observation pane of a ticked signal) at 80×24 and 120×40.

Beside the text asserts: these catch what text cannot (colours, the focus, the [x] marks' style, a border that
moves rows). ``pytest-textual-snapshot`` cannot be installed next to pytest 9 (its syrupy pin wants pytest < 9),
so this compares Textual's own ``export_screenshot`` with the file in ``snapshots/``. After a deliberate change
of the screen, look at the new SVG and write it with ``SIGNALEER_UPDATE_SNAPSHOTS=1``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from shell_helpers import make_app, settle, start_unlocked
from textual.widgets import Input
from walk_driver import calm, go_to

from signaleer.domain import changes
from signaleer.domain.content import Content
from signaleer.paths import Paths
from signaleer.tui.widgets.signal_picker import SignalPicker
from signaleer.vault.keys import Identity

SNAPSHOTS = Path(__file__).parent / "snapshots"


def matches_snapshot(name: str, svg: str) -> None:
    path = SNAPSHOTS / f"{name}.svg"
    if os.environ.get("SIGNALEER_UPDATE_SNAPSHOTS") == "1" or not path.exists():
        if os.environ.get("CI") and not path.exists():
            pytest.fail(f"snapshot {path.name} is missing")
        path.write_text(svg, encoding="utf-8")
        return
    assert svg == path.read_text(encoding="utf-8"), f"the screen differs from {path.name}; look at both SVGs"


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
async def test_signal_step_snapshots(size: tuple[int, int], home: Paths, content: Content, identity: Identity) -> None:
    case = changes.new_case("Snapshot-1", 15, "meisje", "leiden", "wijkteam")
    app = make_app(home, content)
    async with app.run_test(size=size) as pilot:
        await start_unlocked(pilot, identity)
        app.screen._show_case(case)  # type: ignore[attr-defined]
        await settle(pilot)
        screen = await go_to(pilot, "signalen")
        screen.query_one("#signal-search", Input).value = "dure"
        await settle(pilot)
        picker = screen.query_one(SignalPicker)
        picker.tick_list.focus()
        await calm(pilot)
        matches_snapshot(f"signal_step_{size[0]}x{size[1]}", app.export_screenshot(title="signaleer"))
        picker.tick_list.action_select()  # tick GB01, the highlighted one
        await settle(pilot)
        picker.pane.query_one(".observation-text", Input).value = "Nieuwe dure telefoon, zegt dat ze hem kreeg."
        picker.pane.query_one(".source-note", Input).value = "mentor"
        picker.pane.query_one(".observation-text", Input).focus()
        await settle(pilot)
        matches_snapshot(f"signal_pane_{size[0]}x{size[1]}", app.export_screenshot(title="signaleer"))
