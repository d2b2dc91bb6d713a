"""English texts of the first-run and unlock screens."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "unlock.title": "signaleer",
    "unlock.intro": "Type your passphrase to open your notes.",
    "unlock.placeholder": "Passphrase",
    "unlock.go": "Open",
    "unlock.empty": "Type your passphrase first.",
    "unlock.wrong": "This passphrase is not correct. Mind capital letters and try again.",
    "create.title": "Welcome to signaleer",
    "create.intro": "Your notes are kept encrypted on this laptop. Choose a passphrase to protect them. "
    "Tip: a sentence of four or more words is strong and easy to remember.",
    "create.first": "Choose a passphrase",
    "create.second": "Type the passphrase once more",
    "create.strength": "Strength: {bar} {label}",
    "create.warning": "Note: if you forget this passphrase, nobody can open your notes again, not even the "
    "helpdesk. Only when an organisation key is set in Settings can the designated officer "
    "(aandachtsfunctionaris) still read them.",
    "create.go": "Create vault",
    "create.too_weak": "This passphrase is too short or too easy to guess. Use at least {min} characters, "
    "for example a sentence of four words.",
    "create.mismatch": "The two passphrases differ. Type them again.",
    "create.os_error": "The vault could not be created ({error}). Ask your administrator for help.",
    "start_error.title": "signaleer cannot start",
    "start_error.leave": "Your passphrase was not used and the field was cleared. Fix the files above and "
    "start signaleer again. Press Esc to close (the errors are then also shown in the terminal).",
    "strength.empty": "nothing typed yet",
    "strength.too_short": "too short",
    "strength.weak": "weak",
    "strength.fair": "fair",
    "strength.good": "good",
    "strength.strong": "strong",
}
