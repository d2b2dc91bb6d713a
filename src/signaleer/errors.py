"""Errors that reach the user: a message and a hint, rendered once at the edge.

Every message and hint is a catalogue text (:mod:`signaleer.i18n`, keys ``error.*`` and per area), given in the
current language when the error is made.
"""

from __future__ import annotations

from signaleer.i18n import t


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


class VaultBusy(VaultError):
    """Another signaleer (the app or a command) has the vault open for writing."""

    exit_code = 2


class DiskError(SignaleerError):
    """A file could not be read or written: disk full, read-only, no permission, a failing disk."""


_CAUSES = frozenset({"ENOSPC", "EDQUOT", "EROFS", "EACCES", "EPERM", "EIO", "ENOENT", "ENOTDIR"})
"""The errnos with a cause of their own in the catalogue (``error.disk.cause.<name>``)."""
_HINTS = frozenset({"ENOSPC", "EDQUOT", "EROFS", "EACCES", "EPERM", "EIO"})
"""The errnos with a hint of their own (``error.disk.hint.<name>``); the others get ``error.disk.hint.default``."""


def os_error_name(exc: OSError) -> str:
    """The symbolic errno (``ENOSPC``, ``EROFS`` …), or ``OSError`` when there is none."""
    import errno

    return errno.errorcode.get(exc.errno or 0, "OSError")


def os_cause(exc: OSError) -> str:
    """The cause of an OSError in the current language: disk full, read-only, no permission, disk error."""
    name = os_error_name(exc)
    return t(f"error.disk.cause.{name}") if name in _CAUSES else (exc.strerror or name)


def disk_cause(exc: OSError) -> str:
    """As ``os_cause``, but an errno without words of its own is named (``schijffout ENOMEM``), not given in the C
    library's English: for the app's status line, where a person reads it in the interface language."""
    name = os_error_name(exc)
    return t(f"error.disk.cause.{name}") if name in _CAUSES else t("error.disk.cause.other", name=name)


def disk_error(exc: OSError, what: str) -> DiskError:
    """A ``DiskError`` saying that ``what`` failed and why (the file, the cause, what to do).

    ``what`` is a catalogue text too (``error.disk.what.*`` or the caller's own key).
    """
    name = os_error_name(exc)
    where = f" ({exc.filename})" if exc.filename else ""
    return DiskError(
        t("error.disk.failed", what=what, cause=os_cause(exc), where=where),
        t(f"error.disk.hint.{name}") if name in _HINTS else t("error.disk.hint.default"),
    )
