"""Child process for test_note_kill9.py: the real window on the seed pair, a highlight, its
note editor open, and a note typed key by key (QTest) until the parent kills the process.

argv: db path, settings path. Prints ``ready <highlight id>`` once typing starts, then
``typed <n> <CLOCK_MONOTONIC seconds>`` after each key (n = characters typed so far).
"""

from __future__ import annotations

import random
import sys
import time

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from diptych.ui.main_window import MainWindow

TEXT = (
    "The two reports agree on the date but not on the cause; A blames the storm, B the "
    "maintenance backlog. Check the council minutes from March and the insurer's letter. "
) * 20


def main() -> None:
    db, ini, seed = sys.argv[1], sys.argv[2], int(sys.argv[3])
    rnd = random.Random(seed)
    app = QApplication([])
    w = MainWindow(settings=QSettings(ini, QSettings.Format.IniFormat), db=db)
    w.resize(1400, 860)
    w.show()
    state = {"n": 0}

    def start_typing() -> None:
        ctl = w.highlight_controller
        if ctl is None or ctl.is_loading() or w.article("a") is None:
            QTimer.singleShot(100, start_typing)
            return
        text = w.article("a").text
        first = text.split("\n")[4]
        start = text.index(first)
        w.reader("a").setFocus()
        w.reader("a").select_span(start, start + min(40, len(first)))
        hid = ctl.highlight_selection("yellow", "a")
        assert hid is not None
        ctl.edit(hid)
        print("ready", hid, flush=True)
        type_next()

    def type_next() -> None:
        n = state["n"]
        QTest.keyClicks(w.highlight_controller.note_editor.text_edit, TEXT[n])
        state["n"] = n + 1
        print("typed", n + 1, f"{time.monotonic():.4f}", flush=True)
        # a typist's rhythm: 40-160 ms between keys, now and then a 0.4-1.2 s pause
        gap = rnd.uniform(0.4, 1.2) if rnd.random() < 0.03 else rnd.uniform(0.04, 0.16)
        QTimer.singleShot(int(gap * 1000), type_next)

    w.highlights_ready.connect(lambda: QTimer.singleShot(0, start_typing))
    w.restore_session()
    app.exec()


if __name__ == "__main__":
    main()
