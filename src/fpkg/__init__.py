"""fpkg — the Foreign Policy Knowledge Graph."""

__version__ = "0.1.0"
