"""Data shipped with Diptych (read with importlib.resources)."""
