"""Fonts shipped with Diptych (DejaVu, Bitstream Vera licence: see LICENSE-DejaVu.txt)."""
