"""Diptych's PySide6 widgets (importing this package guards against a PySide6 6.12 bug, see
``none_refcount_guard``)."""

from diptych.ui.none_refcount_guard import protect_none

protect_none()
