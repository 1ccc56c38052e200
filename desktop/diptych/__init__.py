"""Diptych: read two articles side by side and see where they meet."""

__version__ = "0.1.0"
