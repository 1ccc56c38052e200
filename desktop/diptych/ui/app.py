"""Starting the GUI: platform check, QApplication, crash handler, the window, the event loop.

``run_gui(a, b, db=None) -> int``: ``a`` and ``b`` are two files, or both None for the last
pair (the seed pair on a first start). Before Qt is asked for a platform, ``check_platform()``
looks for the system libraries Qt's xcb plugin needs and, if some are missing, prints the
``apt-get install`` line that provides them instead of letting Qt abort.

For benchmarks and smoke tests: ``DIPTYCH_EXIT_WHEN=shown`` (or ``analysed``) prints
``shown <unix time> <cpu seconds>`` when both articles are painted (``analysed <time> <cpu>``
when the claims are shown) and quits; ``DIPTYCH_NO_DIALOGS=1`` skips the modal warning
dialogs (headless runs).
"""

from __future__ import annotations

import gc
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # Qt is imported once the platform is known to work
    from PySide6.QtWidgets import QApplication

    from diptych.ui.highlights.safekeeping import QuitSignals
    from diptych.ui.main_window import MainWindow

# sonames the xcb platform plugin (and Qt GUI) load, and the Debian packages providing them
XCB_LIBRARIES: tuple[tuple[str, str], ...] = (
    ("libEGL.so.1", "libegl1"),
    ("libGL.so.1", "libgl1"),
    ("libfontconfig.so.1", "libfontconfig1"),
    ("libxkbcommon-x11.so.0", "libxkbcommon-x11-0"),
    ("libxcb-cursor.so.0", "libxcb-cursor0"),
    ("libxcb-icccm.so.4", "libxcb-icccm4"),
    ("libxcb-keysyms.so.1", "libxcb-keysyms1"),
    ("libxcb-image.so.0", "libxcb-image0"),
    ("libxcb-render-util.so.0", "libxcb-render-util0"),
    ("libxcb-shape.so.0", "libxcb-shape0"),
    ("libxcb-xinerama.so.0", "libxcb-xinerama0"),
    ("libxcb-xkb.so.1", "libxcb-xkb1"),
    ("libxcb-randr.so.0", "libxcb-randr0"),
    ("libdbus-1.so.3", "libdbus-1-3"),
)
APT_PACKAGES = " ".join(pkg for _lib, pkg in XCB_LIBRARIES)


def install_line(packages: str = APT_PACKAGES) -> str:
    """The command that installs ``packages`` for this user: plain as root, with sudo when
    there is one, else through ``su`` (a minimal Debian has no sudo)."""
    import shutil

    if hasattr(os, "geteuid") and os.geteuid() == 0:
        return f"apt-get install {packages}"
    if shutil.which("sudo"):
        return f"sudo apt-get install {packages}"
    return f"su -c 'apt-get install {packages}'   (as root: this system has no sudo)"


def _can_load(soname: str) -> bool:
    import ctypes  # only when the xcb platform is checked (not on every start)

    try:
        ctypes.CDLL(soname, mode=os.RTLD_LAZY)
    except OSError:
        return False
    return True


def missing_xcb_libraries() -> list[str]:
    """Debian packages whose libraries the xcb plugin needs and that cannot be loaded."""
    return [pkg for lib, pkg in XCB_LIBRARIES if not _can_load(lib)]


def _xcb_plugin() -> Path | None:
    try:
        import PySide6
    except ImportError:
        return None
    p = Path(PySide6.__file__).parent / "Qt" / "plugins" / "platforms" / "libqxcb.so"
    return p if p.is_file() else None


def _platform_will_be_xcb() -> bool:
    if not sys.platform.startswith("linux"):
        return False
    requested = os.environ.get("QT_QPA_PLATFORM", "")
    if requested:
        return requested.split(":")[0].split(";")[0].strip() == "xcb"
    # Qt 6 picks wayland in a Wayland session (if it can), else xcb
    return not (
        os.environ.get("WAYLAND_DISPLAY") or os.environ.get("XDG_SESSION_TYPE") == "wayland"
    )


def _local_display_missing(display: str) -> bool:
    """True when DISPLAY names a local X server whose socket does not exist."""
    if not display.startswith(":"):
        return False  # host:N (ssh -X, remote X): cannot tell cheaply
    number = display[1:].split(".")[0]
    return number.isdigit() and not Path(f"/tmp/.X11-unix/X{number}").exists()


def check_platform() -> str | None:
    """A message explaining why Qt cannot start here, or None when it should."""
    if not _platform_will_be_xcb():
        return None
    # Qt's xcb plugin dlopens some of these itself (libxcb-cursor since Qt 6.5), so the
    # plugin loading is not enough of a test: look for each library
    missing = missing_xcb_libraries()
    if missing:
        return (
            "diptych: Qt cannot open a window: system libraries are missing ("
            + ", ".join(missing)
            + ").\nInstall them with:\n\n    "
            + install_line()
            + "\n"
        )
    plugin = _xcb_plugin()
    if plugin is not None and not _can_load(str(plugin)):
        return (
            f"diptych: Qt's xcb platform plugin ({plugin}) cannot be loaded.\n"
            f"These packages usually provide what it needs:\n\n    {install_line()}\n"
        )
    display = os.environ.get("DISPLAY", "")
    if not display:
        return (
            "diptych: no display to open a window on (DISPLAY is not set).\n"
            "Run Diptych in a desktop session, or headless with QT_QPA_PLATFORM=offscreen.\n"
        )
    if _local_display_missing(display):
        return (
            f"diptych: no X server is running on display {display}.\n"
            "Run Diptych in a desktop session, or headless with QT_QPA_PLATFORM=offscreen.\n"
        )
    return None


def create_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication, named so QSettings land under organization "Diptych"."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
    else:
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
        )
        args = list(argv if argv is not None else [sys.argv[0]])
        if "-style" not in args and not any(a.startswith("-style=") for a in args):
            # Fusion from the start (the theme's palettes are made for it): asking the app
            # for its style later, from Python, costs PySide a few ms of type set-up
            args += ["-style", "Fusion"]
        app = QApplication(args)
        app.setProperty("diptych_style", "fusion")
    app.setOrganizationName("Diptych")
    app.setApplicationName("Diptych")
    app.setApplicationDisplayName("Diptych")
    app.setDesktopFileName("diptych")
    return app


def quiet_offscreen_warnings() -> None:
    """Headless (``QT_QPA_PLATFORM=offscreen``: CI, the wheel check, benchmarks), Qt's
    offscreen plugin warns "This plugin does not support propagateSizeHints()" whenever a
    window's size limits change: true and harmless there, so not printed. Every other message
    goes where it went."""
    if not os.environ.get("QT_QPA_PLATFORM", "").startswith("offscreen"):
        return
    from PySide6.QtCore import qInstallMessageHandler

    previous: list[object] = [None]

    def handler(mode: object, context: object, message: str) -> None:
        if "does not support propagateSizeHints" in message:
            return
        if callable(previous[0]):
            previous[0](mode, context, message)
        else:
            sys.stderr.write(message + "\n")

    previous[0] = qInstallMessageHandler(handler)


def set_window_icon(app: QApplication) -> None:
    """The app icon (after the first paint: finding it imports the resources code)."""
    from PySide6.QtGui import QIcon

    try:
        from diptych.core.resources import resource_path

        icon = resource_path("icons", "diptych.svg")
        if icon.is_file():
            app.setWindowIcon(QIcon(str(icon)))
    except Exception:  # an icon is not worth failing to start over
        pass


def run_gui(a: str | None, b: str | None, db: str | None = None) -> int:
    """Open the window on files ``a`` and ``b`` (or the last/seed pair) and run until closed."""
    if (a is None) != (b is None):
        print("diptych: give two files (A and B), or none for the last pair", file=sys.stderr)
        return 2
    problem = check_platform()
    if problem:
        sys.stderr.write(problem)
        return 1
    quiet_offscreen_warnings()
    app = create_application()
    from diptych.ui.ui_gc import UiThreadCollector

    # Python's cycle collector on this (the UI) thread only, never in a worker (see ui_gc.py)
    collector = UiThreadCollector(app)
    from diptych.ui.crash import install_crash_handler
    from diptych.ui.desk_state import DeskState
    from diptych.ui.main_window import MainWindow
    from diptych.ui.theme import apply_theme, resolve_theme

    # the theme before any widget exists: nothing gets polished twice
    apply_theme(app, resolve_theme(DeskState().theme_mode()))
    window = MainWindow(db=db)
    # the icon once the text is on screen: finding and decoding it is not worth a later first paint
    from PySide6.QtCore import QCoreApplication, QEvent, QThreadPool, QTimer

    window.articles_shown.connect(lambda: QTimer.singleShot(250, lambda: set_window_icon(app)))
    holder = [window]
    crash = install_crash_handler(lambda: holder[0] if holder and holder[0].isVisible() else None)
    window.crash_report = crash.report

    def on_quit_signal(_signum: int) -> None:
        # SIGTERM (logout, kill) / SIGINT (Ctrl+C): save the note being typed, then close
        if holder:
            ctl = holder[0].highlight_controller
            if ctl is not None:
                ctl.save_for_quit()
            holder[0].close()
        app.quit()

    quit_signals: list[QuitSignals] = []

    def install_quit() -> None:
        # after the first paint (its socket and signal set-up cost the start a few ms): a
        # SIGTERM before then finds no note being typed, and ends Diptych as it always did
        from diptych.ui.highlights.safekeeping import install_quit_signals

        quit_signals.append(install_quit_signals(on_quit_signal))

    window.fit_first_window()
    window.restore_geometry()
    window.show()
    _maybe_exit_when_ready(window)  # before opening: cached articles show at once
    if a is not None and b is not None:
        window.open_pair(a, b)
    else:
        window.restore_session()
    # queued behind the first paint's events (and the articles' when they were cached)
    QTimer.singleShot(0, install_quit)
    try:
        code = app.exec()
    finally:
        window.loader.cancel_all()
        window.loader.wait(5000)
        crash.uninstall()
        for signals in quit_signals:
            signals.uninstall()
        # delete the window while Qt is alive (PySide can crash tearing it down at
        # interpreter exit), and what it leaves to the cycle collector on this thread, before
        # automatic collection (in any thread) is given back
        holder.clear()
        window.deleteLater()
        app.processEvents()
        # after the event loop, processEvents() alone leaves deleteLater() undone
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        del window
        QThreadPool.globalInstance().waitForDone(5000)  # jobs of the window's parts
        app.processEvents()  # their last signals; then the jobs are deleted
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        gc.collect()
        collector.stop()
    return int(code)


def _maybe_exit_when_ready(window: MainWindow) -> None:
    """``DIPTYCH_EXIT_WHEN=shown|analysed``: print timings and quit (benchmarks, smoke tests)."""
    when = os.environ.get("DIPTYCH_EXIT_WHEN")
    if not when:
        return
    import time

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    def report(what: str) -> None:
        # Unix time, then the process's CPU seconds so far (all threads)
        print(f"{what} {time.time():.6f} {time.process_time():.6f}", flush=True)

    def quit_app() -> None:
        app = QApplication.instance()
        if app is not None:
            app.quit()

    def on_shown() -> None:
        # the panes paint on the next event-loop turn; report after it
        def painted() -> None:
            window.reader("a").viewport().repaint()
            window.reader("b").viewport().repaint()
            report("shown")
            if when == "shown":
                quit_app()

        QTimer.singleShot(0, painted)

    def on_analysed(_analysis: object) -> None:
        def painted() -> None:
            window.claims_panel.repaint()
            report("analysed")
            if when == "analysed":
                quit_app()

        QTimer.singleShot(0, painted)

    window.articles_shown.connect(on_shown)
    window.analysis_shown.connect(on_analysed)
    QTimer.singleShot(60_000, quit_app)
