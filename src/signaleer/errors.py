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


class VaultBusy(VaultError):
    """Another signaleer (the app or a command) has the vault open for writing."""

    exit_code = 2


class DiskError(SignaleerError):
    """A file could not be read or written: disk full, read-only, no permission, a failing disk."""


_CAUSES = {
    "ENOSPC": "de schijf is vol",
    "EDQUOT": "je schijfquotum is vol",
    "EROFS": "de schijf of map is alleen-lezen",
    "EACCES": "je hebt geen toestemming om hier te schrijven of te lezen",
    "EPERM": "je hebt geen toestemming om hier te schrijven of te lezen",
    "EIO": "de schijf gaf een lees- of schrijffout",
    "ENOENT": "de map bestaat niet",
    "ENOTDIR": "een deel van het pad is geen map",
}
_HINTS = {
    "ENOSPC": "Maak ruimte vrij op de schijf en probeer het opnieuw. Er is niets half geschreven.",
    "EDQUOT": "Maak ruimte vrij en probeer het opnieuw. Er is niets half geschreven.",
    "EROFS": "Zet de kluis op een schrijfbare schijf (of koppel die schrijfbaar) en probeer het opnieuw.",
    "EACCES": "Controleer de rechten van de map: die moet van jou zijn (chmod 700).",
    "EPERM": "Controleer de rechten van de map: die moet van jou zijn (chmod 700).",
    "EIO": "Controleer de schijf en maak een reservekopie van de kluis.",
}


def os_error_name(exc: OSError) -> str:
    """The symbolic errno (``ENOSPC``, ``EROFS`` …), or ``OSError`` when there is none."""
    import errno

    return errno.errorcode.get(exc.errno or 0, "OSError")


def os_cause(exc: OSError) -> str:
    """The cause of an OSError in plain Dutch: disk full, read-only, no permission, disk error."""
    name = os_error_name(exc)
    return _CAUSES.get(name) or (exc.strerror or name)


def disk_error(exc: OSError, what: str) -> DiskError:
    """A ``DiskError`` saying that ``what`` failed and why (the file, the cause, what to do)."""
    where = f" ({exc.filename})" if exc.filename else ""
    return DiskError(
        f"{what} is mislukt: {os_cause(exc)}{where}.",
        _HINTS.get(os_error_name(exc), "Controleer de schijf en de rechten van de map en probeer het opnieuw."),
    )
