"""Run a program on a pseudo-terminal and type a secret at its prompts: the age and minisign CLIs read
passphrases only from a terminal, never from stdin. Also the ``age_binary`` fixture."""

from __future__ import annotations

import os
import pty
import select
import shutil
import time
from pathlib import Path

import pytest

AGE = shutil.which("age") or "/usr/bin/age"


@pytest.fixture(scope="module")
def age_binary() -> str:
    """The age CLI (re-exported by tests/unit/conftest.py); skipped where it is missing, a failure on CI."""
    if not os.path.exists(AGE):
        if os.environ.get("CI"):
            pytest.fail("the age CLI is missing; .ci/run must install it (apt-get install age)")
        pytest.skip("the age CLI is not installed (this test fails instead of skipping when CI is set)")
    return AGE


def run_in_pty(
    argv: list[str],
    cwd: Path,
    secret: str | None,
    prompt: bytes = b"passphrase",
    timeout: float = 60,
    *,
    ignore_case: bool = True,
) -> tuple[int, bytes]:
    """Run ``argv`` in ``cwd`` on a pseudo-terminal, typing ``secret`` each time ``prompt`` is printed once more;
    the exit code and everything the program wrote to the terminal. ``ignore_case=False`` for a program that also
    uses the prompt's word in other lines (minisign: "Password:" prompts, "the password" in its messages)."""
    pid, fd = pty.fork()
    if pid == 0:  # child: become the program, and never return into pytest
        try:
            os.chdir(cwd)
            os.execv(argv[0], argv)
        finally:
            os._exit(127)
    output, answered, deadline = b"", 0, time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([fd], [], [], 1)
            if not ready:
                continue
            try:
                chunk = os.read(fd, 4096)
            except OSError:  # EIO: the child closed the terminal
                break
            if not chunk:
                break
            output += chunk
            seen = output.lower().count(prompt.lower()) if ignore_case else output.count(prompt)
            if secret is not None and seen > answered:
                os.write(fd, secret.encode() + b"\n")
                answered += 1
    finally:
        os.close(fd)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), output
