"""The unit tests' shared fixtures live in ``vault_fixtures``, ``handover_support`` and ``pty_support`` (named
modules, so mypy checks them; two files named conftest.py would clash for mypy, see pyproject.toml); pytest finds
fixtures imported here. A test module that defines a fixture of the same name uses its own."""

from handover_support import case, outbox, receiver, sender
from pty_support import age_binary
from vault_fixtures import home, passfile, store, template

__all__ = ["age_binary", "case", "home", "outbox", "passfile", "receiver", "sender", "store", "template"]
