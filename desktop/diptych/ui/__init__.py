"""Diptych's PySide6 widgets: thin views over diptych.core results."""
