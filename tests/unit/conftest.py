"""The unit tests' shared fixtures live in ``vault_fixtures`` and ``handover_support`` (named modules, so mypy
checks them; two files named conftest.py would clash for mypy, see pyproject.toml); pytest finds fixtures
imported here. A test module that defines a fixture of the same name uses its own."""

from handover_support import case, outbox, receiver, sender
from vault_fixtures import home, passfile, store, template

__all__ = ["case", "home", "outbox", "passfile", "receiver", "sender", "store", "template"]
