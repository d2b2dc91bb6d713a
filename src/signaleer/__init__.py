"""signaleer: decision support for signalling exploitation of young people (loverboyproblematiek)."""

__version__ = "0.1.0"
