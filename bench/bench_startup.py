"""Start-up time and peak memory of signaleer's first screen, as a ratio to a bare Textual app.

Each run starts a fresh Python process that shows its first screen headless and exits; the
parent times from process start to the "ready" line. Runs alternate between the two apps.
Targets: both ratios at most 1.3. Usage: ``.venv/bin/python bench/bench_startup.py [runs]``.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

CHILD = r"""
import asyncio, json, resource, sys, time
kind = sys.argv[1]
from textual.app import App
if kind == "bare":
    from textual.widgets import Footer, Static

    class Bare(App[None]):
        def compose(self):
            yield Static("Hallo")
            yield Footer()

    app = Bare()
else:
    from signaleer.tui.app import SignaleerApp
    from signaleer.tui.services import build_services

    app = SignaleerApp(build_services(defer=True))  # as run_app starts it


def rss_kb() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


async def loaded() -> None:
    # signaleer loads settings and content behind the first screen; wait for that too (bare: nothing).
    services = getattr(app, "services", None)
    while services is not None and not services.loaded:
        await asyncio.sleep(0.01)
    await app.workers.wait_for_complete()
    print(json.dumps({"loaded_rss_kb": rss_kb()}), flush=True)
    app.exit()


def ready() -> None:
    print(json.dumps({"rss_kb": rss_kb()}), flush=True)
    app.call_later(loaded)


app.call_after_refresh(lambda: app.call_after_refresh(ready))
app.run(headless=True, size=(80, 24))
"""


def run_once(kind: str, home: str) -> tuple[float, int, int]:
    """Seconds from process start to the first screen, peak RSS there, and peak RSS once loading is done (KiB)."""
    env = {**os.environ, "SIGNALEER_HOME": home}
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-c", CHILD, kind], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    elapsed = time.perf_counter() - start
    rest = process.stdout.read()  # not communicate(): it would bypass what readline() already buffered
    err = process.stderr.read() if process.stderr else ""
    process.wait(timeout=60)
    if not line or not rest.strip():
        raise SystemExit(f"{kind} did not start:\n{err}")
    return elapsed, int(json.loads(line)["rss_kb"]), int(json.loads(rest.strip().splitlines()[-1])["loaded_rss_kb"])


def main() -> None:
    """Run both apps alternately and print medians and ratios."""
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    results: dict[str, list[tuple[float, int, int]]] = {"bare": [], "signaleer": []}
    with tempfile.TemporaryDirectory() as home:
        run_once("signaleer", home)  # warm the file cache and bytecode once
        run_once("bare", home)
        for _ in range(runs):
            for kind in results:
                results[kind].append(run_once(kind, home))
    median = {k: tuple(statistics.median(r[i] for r in v) for i in range(3)) for k, v in results.items()}
    fastest = {k: min(r[0] for r in v) for k, v in results.items()}
    (bare_t, bare_m, bare_l), (app_t, app_m, app_l) = median["bare"], median["signaleer"]
    print(f"runs per app: {runs} (medians; first screen headless at 80x24)")
    print(f"bare Textual : {bare_t * 1000:7.0f} ms  {bare_m / 1024:6.1f} MiB peak RSS at first screen")
    print(f"signaleer    : {app_t * 1000:7.0f} ms  {app_m / 1024:6.1f} MiB peak RSS at first screen")
    print(f"ratio        : {app_t / bare_t:7.2f} x time  {app_m / bare_m:6.2f} x memory   (targets <= 1.30)")
    # On a shared machine the median moves with other load; the fastest run of each is the steadier figure.
    print(
        f"fastest run  : bare {fastest['bare'] * 1000:.0f} ms, signaleer {fastest['signaleer'] * 1000:.0f} ms, "
        f"ratio {fastest['signaleer'] / fastest['bare']:.2f} x"
    )
    print(
        f"after signaleer has loaded settings and content behind the first screen: {app_l / 1024:.1f} MiB peak RSS, "
        f"{app_l / bare_l:.2f} x the bare app"
    )


if __name__ == "__main__":
    main()
