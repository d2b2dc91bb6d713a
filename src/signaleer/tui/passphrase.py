"""The passphrase rule of the create-vault screen: the core's rule (``signaleer.vault.passphrase_rule``)."""

from __future__ import annotations

from signaleer.vault.passphrase_rule import COMMON_PARTS, LEVEL_KEYS, MIN_LENGTH, Strength, estimate, refusal

__all__ = ["COMMON_PARTS", "LEVEL_KEYS", "MIN_LENGTH", "Strength", "estimate", "refusal"]
