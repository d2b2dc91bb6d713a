"""The one passphrase rule for a new vault key, used by ``vault init``/``vault passwd`` and the TUI alike.

At least ``MIN_LENGTH`` characters and an estimated strength of level 2 ("redelijk") or more: a rough
estimate from length, character variety, repetition and well-known words (feedback, not a guarantee).
The refusal has one catalogue text (``refusal``), so both front ends say the same.
"""

from __future__ import annotations

import math
import string
from dataclasses import dataclass

from signaleer.i18n import as_language, t

MIN_LENGTH = 10
"""Shorter passphrases are refused."""

COMMON_PARTS = ("wachtwoord", "password", "welkom", "qwerty", "azerty", "123456", "signaleer", "geheim", "abcdef")
"""Passphrases built on these are guessed first; they count as weak."""

LEVEL_KEYS = ("strength.too_short", "strength.weak", "strength.fair", "strength.good", "strength.strong")
"""i18n keys (of the TUI) of the levels 0 (refused) to 4."""

REFUSAL_KEY = "vault.error.passphrase_refused"
"""The catalogue key of why a passphrase is refused (``{min}`` is filled in)."""


@dataclass(frozen=True)
class Strength:
    """The estimate: level 0–4, the i18n key of its label, and whether it may be used."""

    level: int
    label_key: str
    acceptable: bool


def estimate(passphrase: str) -> Strength:
    """Estimate strength from length, character variety and repetition; level 2 or more is accepted."""
    if len(passphrase) < MIN_LENGTH:
        return Strength(0, LEVEL_KEYS[0], False)
    pool = 0
    for chars, size in ((string.ascii_lowercase, 26), (string.ascii_uppercase, 26), (string.digits, 10)):
        if any(c in chars for c in passphrase):
            pool += size
    if any(not c.isalnum() for c in passphrase):
        pool += 33
    distinct = len(set(passphrase))
    bits = min(len(passphrase), distinct * 2) * math.log2(max(pool, 2))
    words = len(passphrase.split())
    if words >= 4:
        bits += 20
    if any(part in passphrase.casefold() for part in COMMON_PARTS):
        bits = min(bits, 40)
    level = 1 if bits < 50 else 2 if bits < 65 else 3 if bits < 85 else 4
    return Strength(level, LEVEL_KEYS[level], level >= 2)


def refusal(language: str = "nl") -> str:
    """The text that says why a passphrase is refused, in ``language`` ("nl" or "en")."""
    return t(REFUSAL_KEY, lang=as_language(language), min=MIN_LENGTH)


def problem(passphrase: str, language: str = "nl") -> str | None:
    """None when ``passphrase`` may protect a vault, else the refusal in ``language``."""
    return None if estimate(passphrase).acceptable else refusal(language)
