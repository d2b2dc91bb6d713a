"""Signed content packs: the aandachtsfunctionaris builds one file, every laptop installs it offline.

A pack is one uncompressed tar file (``archive.py``) holding ``manifest.json`` (``manifest.py``: format, pack
version, date, author, the sha256 and size of every content file), ``manifest.json.minisig`` (a signature in the
minisign format over the manifest's bytes, ``signing.py``) and the content files under ``checklists/`` and
``meldroutes/``. ``install.py`` installs a pack only when the signature verifies against a trusted key of the
settings, every file matches the manifest, nothing else is in it, the version is newer and ``check`` passes;
the installed pack is a content root between the bundled content and the user's own files (``state.py``).

No Textual here (import-linter); ``state.py`` needs no crypto, so the content loader can ask it cheaply.
"""

from __future__ import annotations

from signaleer.errors import SignaleerError


class PackRefused(SignaleerError):
    """A pack (or a key, a manifest, a signature) that is not accepted; nothing was changed."""
