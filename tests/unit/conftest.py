"""The unit tests' shared fixtures live in ``vault_fixtures`` (a named module, so mypy checks it; two files named
conftest.py would clash for mypy, see pyproject.toml); pytest finds fixtures imported here."""

from vault_fixtures import home, passfile, store, template

__all__ = ["home", "passfile", "store", "template"]
