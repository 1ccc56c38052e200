"""Diptych's headless engine: text in, facts out. Never imports Qt."""
