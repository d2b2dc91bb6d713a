"""Errors that reach the user: a message and a hint, rendered once at the edge."""

from __future__ import annotations


class SignaleerError(Exception):
    """An error with a plain-language message and a hint on what to do next."""

    exit_code = 1

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def render(self) -> str:
        """The message and hint as one block of text for stderr or a dialog."""
        return f"{self.message}\n  → {self.hint}" if self.hint else self.message


class ContentInvalid(SignaleerError):
    """The content folders contain errors; ``errors`` lists them all."""


class UsageError(SignaleerError):
    """The user asked for something that cannot be done as asked."""

    exit_code = 2


class VaultError(SignaleerError):
    """Something is wrong with the vault: missing, locked, wrong passphrase, unreadable file."""


class WrongPassphrase(VaultError):
    """The passphrase does not open the identity."""


class CaseFileError(SignaleerError):
    """A training case file (plain YAML) is invalid."""


def os_reason(exc: OSError) -> str:
    """A short Dutch reason for a failed file operation, for messages like ``pad: … (reden)``."""
    import errno

    reasons = {
        errno.ENOSPC: "de schijf is vol",
        errno.EROFS: "de schijf is alleen-lezen",
        errno.EACCES: "geen toestemming",
        errno.EPERM: "geen toestemming",
        errno.ENOENT: "de map bestaat niet",
        errno.ENOTDIR: "een deel van het pad is geen map",
        errno.EIO: "leesfout of schrijffout van de schijf",
        errno.EDQUOT: "je schijfquotum is op",
    }
    return reasons.get(exc.errno or 0, exc.strerror or type(exc).__name__)
