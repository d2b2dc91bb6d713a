"""Allow ``python -m signaleer``."""

from signaleer.cli import main

main()
