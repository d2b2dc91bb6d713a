"""The two settings the first screen reads without pydantic (``early_settings``): safe on any file."""

from __future__ import annotations

import os
from pathlib import Path


def test_the_first_screen_reads_no_fifo_and_no_huge_settings_file(tmp_path: Path) -> None:
    from signaleer.early_settings import EarlySettings, peek_settings

    fifo = tmp_path / "instellingen.json"
    os.mkfifo(fifo)
    assert peek_settings(fifo) == EarlySettings()  # returns at once: the full load then names the problem
    big = tmp_path / "groot.json"
    big.write_text('{"language": "en"' + " " * (1 << 20) + "}", encoding="utf-8")
    assert peek_settings(big) == EarlySettings()
    small = tmp_path / "klein.json"
    small.write_text('{"language": "en", "theme": "hoog_contrast"}', encoding="utf-8")
    assert peek_settings(small) == EarlySettings(language="en", theme="hoog_contrast")
