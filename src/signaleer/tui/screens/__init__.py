"""The shell's screens: unlock, home, new case, settings, knowledge, help, the neutral view.

``shell(node)`` (from ``tui/shell.py``) gives a screen the App as the protocol it may use.
"""

from signaleer.tui.shell import Shell, shell

__all__ = ["Shell", "shell"]
