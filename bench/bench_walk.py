"""How long the signal step keeps the screen busy: searching the lists and ticking a signal.

Both run headless in the real app on the bundled content, at 100x30, and are timed until every message is
handled. The baseline is a bare Textual app in the same process doing the same kind of work: hiding rows of
a list of checkboxes for the search, ticking a checkbox and mounting an input below it for the tick. While
the screen is busy, typed keys wait (``tui/key_order.py``), so this is the lag a person feels.
No target yet; the first figures are in the 0.2 notes. Usage: ``python3 bench/bench_walk.py [runs]``.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from typing import Any

from textual.app import App, ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.pilot import Pilot
from textual.widgets import Checkbox, Input

SIZE = (100, 30)
ROWS = 150
"""Rows in the baseline list, about the number of signals."""


class Baseline(App[None]):
    """A list of checkbox rows with a search box: the least a signal step could cost."""

    def compose(self) -> ComposeResult:
        yield Input(id="search")
        with VerticalScroll():
            for index in range(ROWS):
                yield Vertical(Checkbox(f"Signaal {index} met een tekst van gewone lengte"), id=f"row-{index}")


async def settle(pilot: Pilot[Any]) -> None:
    """Until every posted message is handled (as the Pilot tests wait)."""
    await pilot.pause()
    await pilot.pause()


async def timed(pilot: Pilot[Any], action: Callable[[], Awaitable[None] | None]) -> float:
    start = time.perf_counter()
    result = action()
    if result is not None:
        await result
    await settle(pilot)
    return time.perf_counter() - start


async def baseline(runs: int) -> tuple[float, float]:
    """Median seconds for a search and for a tick in the bare app."""
    app = Baseline()
    searches, ticks = [], []
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        rows = list(app.query("Vertical"))
        for run in range(runs):

            def search() -> None:
                for index, row in enumerate(rows):
                    row.display = index % 10 == 0

            def clear() -> None:
                for row in rows:
                    row.display = True

            searches.append(await timed(pilot, search))
            await timed(pilot, clear)
            row = rows[run]

            async def tick(row: Any = row) -> None:
                row.query_one(Checkbox).value = True
                await row.mount(Vertical(Input(placeholder="Observatie"), Input(placeholder="dd-mm-jjjj")))

            ticks.append(await timed(pilot, tick))
    return statistics.median(searches), statistics.median(ticks)


async def signaleer(runs: int) -> tuple[float, float]:
    """Median seconds for a search and for a tick on the real signal step."""
    home = tempfile.mkdtemp(prefix="signaleer-bench-")
    os.environ["SIGNALEER_HOME"] = home
    from signaleer.content.loader import load_content_or_raise
    from signaleer.domain import changes
    from signaleer.paths import resolve_paths
    from signaleer.settings import load_settings
    from signaleer.tui.app import SignaleerApp
    from signaleer.tui.run import Services
    from signaleer.tui.walk import WalkScreen
    from signaleer.tui.widgets.signal_picker import SignalPicker
    from signaleer.vault.keys import create_vault

    paths = resolve_paths()
    identity = create_vault(paths.vault, "bench wachtwoordzin lang genoeg")
    content = load_content_or_raise()
    app = SignaleerApp(Services(paths, load_settings(paths.settings_file), content))
    searches, ticks = [], []
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.open_vault(identity)
        await settle(pilot)
        case = changes.new_case("Bench", 15, "meisje", "leiden", "wijkteam")
        app.screen._show_case(case)  # type: ignore[attr-defined]
        await settle(pilot)
        walk = app.screen
        assert isinstance(walk, WalkScreen)
        await walk.action_next()  # from the acute check to the signals
        await settle(pilot)
        search_box = walk.query_one("#signal-search", Input)
        signals = walk.query_one(SignalPicker).tick_list
        for run in range(runs):

            def search() -> None:
                search_box.value = "geld"

            def clear() -> None:
                search_box.value = ""

            searches.append(await timed(pilot, search))
            open_ids = [i for i in signals.shown_ids() if i not in signals.ticked]
            signal_id = open_ids[run % len(open_ids)]

            def tick(signal_id: str = signal_id) -> None:
                signals.highlighted = signals.get_option_index(signal_id)
                signals.action_select()

            ticks.append(await timed(pilot, tick))
            await timed(pilot, clear)
        await app.wait_for_saves()
    return statistics.median(searches), statistics.median(ticks)


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    base_search, base_tick = asyncio.run(baseline(runs))
    app_search, app_tick = asyncio.run(signaleer(runs))
    print(f"runs: {runs} (medians; headless at {SIZE[0]}x{SIZE[1]}, until every message is handled)")
    print(
        f"search  : bare {base_search * 1000:6.0f} ms   signaleer {app_search * 1000:6.0f} ms   "
        f"ratio {app_search / base_search:5.2f} x"
    )
    print(
        f"tick    : bare {base_tick * 1000:6.0f} ms   signaleer {app_tick * 1000:6.0f} ms   "
        f"ratio {app_tick / base_tick:5.2f} x"
    )


if __name__ == "__main__":
    main()
