"""The README's set-up is what CI runs: exactly two commands, and `.ci/run` runs the second verbatim."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def _setup_commands() -> list[str]:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Starten en testen", 1)[1].split("\n## ", 1)[0]
    return [block.strip() for block in re.findall(r"```sh\n(.*?)```", section, flags=re.S)]


def test_the_readme_has_exactly_two_set_up_commands_in_a_virtual_environment() -> None:
    commands = _setup_commands()
    assert len(commands) == 2, commands
    for command in commands:
        assert "\n" not in command, command
        assert command.startswith("python3 -m venv .venv && "), "a distro Python refuses pip outside a venv (PEP 668)"
        assert " pip install" not in command.replace(".venv/bin/python -m pip install", ""), command
    assert commands[0].endswith(".venv/bin/signaleer")


def test_ci_runs_the_readme_test_command_verbatim() -> None:
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    run_lines = [
        line for line in ci.splitlines() if line and not line.startswith(("#", " ")) and "tools/check.py" in line
    ]
    assert run_lines == [_setup_commands()[1]]
