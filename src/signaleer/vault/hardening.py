"""Keep secrets out of crash output: no core dumps of a process that holds the vault key."""

from __future__ import annotations


def disable_core_dumps() -> None:
    """Set this process's core-dump size limit to zero (best effort; a no-op where unsupported)."""
    try:
        import resource
    except ImportError:  # Windows has no core dumps of this kind
        return
    try:
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    except (ValueError, OSError):
        return
