"""Regenerate the README screenshots of the reading desk on the seed pair.

    .venv/bin/python scripts/screenshots.py [OUT_DIR]      (default: docs/screenshots)

Writes desk-light.png, desk-dark.png (a claim selected in each) and desk-topic.png (after a
topic chip click). Runs headless (QT_QPA_PLATFORM=offscreen unless set) with settings in a
temporary directory, so it never touches the user's own state.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
_tmp = tempfile.mkdtemp(prefix="diptych-shots-")
for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
    os.environ[var] = str(Path(_tmp) / var.lower())

from PySide6.QtCore import QEventLoop, QSettings, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from diptych.ui.app import create_application  # noqa: E402
from diptych.ui.main_window import MainWindow  # noqa: E402

WIDTH, HEIGHT = 1600, 940


def _wait(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def _wait_for_analysis(window: MainWindow, timeout_ms: int = 60_000) -> None:
    loop = QEventLoop()
    window.analysis_shown.connect(lambda _a: loop.quit())
    QTimer.singleShot(timeout_ms, loop.quit)
    if window.analysis() is None:
        loop.exec()
    if window.analysis() is None:
        raise SystemExit("the analysis did not finish")


def _pick_claim(window: MainWindow) -> int:
    """A well-scored claim a little way into both articles (more telling than the title)."""
    claims = window.analysis().claims.claims
    a_len = len(window.article("a").text)
    for i, c in enumerate(claims):
        if c.a.start > a_len * 0.15 and len(c.a) > 60:
            return i
    return 0


def shoot(out_dir: Path, mode: str, name: str, *, topic: bool = False) -> Path:
    settings = QSettings(str(Path(_tmp) / f"{name}.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings=settings)
    window.resize(WIDTH, HEIGHT)
    window.restore_geometry()
    window.set_theme_mode(mode)
    window.show()
    window.open_seed_pair()
    _wait_for_analysis(window)
    _wait(300)
    if topic:
        names = [t.name for t in window.analysis().topics.topic_set.topics]
        window.topic_bar.click_topic(names[min(2, len(names) - 1)])
    else:
        window.claims_panel.select_claim(_pick_claim(window))
    _wait(500)  # let the flash reach its steady mark
    out = out_dir / f"{name}.png"
    window.grab().save(str(out))
    window.close()
    window.deleteLater()
    _wait(50)
    return out


def main(argv: list[str]) -> int:
    out_dir = Path(argv[1]) if len(argv) > 1 else ROOT / "docs" / "screenshots"
    out_dir.mkdir(parents=True, exist_ok=True)
    app = create_application()
    shots = [
        shoot(out_dir, "light", "desk-light"),
        shoot(out_dir, "dark", "desk-dark"),
        shoot(out_dir, "light", "desk-topic", topic=True),
    ]
    for s in shots:
        print(s)
    QApplication.processEvents()
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
