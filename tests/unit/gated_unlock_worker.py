"""The unlock worker behind a gate: it waits for one byte on the FIFO named by ``SIGNALEER_TEST_GATE``.

A test points ``keys.WORKER_MODULE`` here, so an unlock can only finish after another thread of the caller
has opened the FIFO and written to it: proof, without any timing, that the caller was not blocked.
"""

from __future__ import annotations

import os
import sys

from signaleer.vault import _unlock_worker

if __name__ == "__main__":
    with open(os.environ["SIGNALEER_TEST_GATE"], "rb") as gate:
        gate.read(1)
    sys.exit(_unlock_worker.main())
