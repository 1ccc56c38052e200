"""The ``diptych`` command: the window by default, subcommands for headless work.

``app`` (``main``, the parser, the window or a subcommand), ``options`` (options shared by the
subcommands, defined once), and one module per subcommand group: ``analysis`` (article, topics,
claims), ``highlights`` (the store: list, add, link, import, export, backups), ``export``
(export-pdf), ``desktop`` (install-desktop-entry).
"""

from diptych.cli.app import build_parser, main

__all__ = ["build_parser", "main"]
