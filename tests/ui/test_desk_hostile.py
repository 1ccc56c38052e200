"""The hostile and broken input corpus (issue 6) through the window: each file opened as B
either shows its text or explains itself in a dialog, and A stays as it was."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from diptych.ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]
CORPUS_SCRIPT = ROOT / "tests" / "data" / "hostile" / "make_corpus.py"
TIMEOUT_MS = 30_000


def _corpus():
    spec = importlib.util.spec_from_file_location("make_corpus", CORPUS_SCRIPT)
    if spec is None or spec.loader is None:
        pytest.skip("no corpus script")
    mod = importlib.util.module_from_spec(spec)
    sys.modules["make_corpus"] = mod
    spec.loader.exec_module(mod)
    return mod


@pytest.mark.slow
def test_every_hostile_file_opens_or_is_explained_and_a_stays_intact(qtbot, tmp_path, monkeypatch):
    if not CORPUS_SCRIPT.exists():
        pytest.skip("no hostile corpus script")
    corpus = _corpus()
    cases = corpus.build(tmp_path / "corpus")
    dialogs: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a, **k: dialogs.append(text))
    w = MainWindow(settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    w.resize(1200, 800)
    w.show()
    with qtbot.waitSignal(w.articles_shown, timeout=TIMEOUT_MS):
        w.open_seed_pair()
    a_text = w.article("a").text
    outcomes = {}
    for case in cases:
        path = tmp_path / "corpus" / case.filename if case.filename else tmp_path / "nope.txt"
        before_b = w.article("b")
        n_dialogs = len(dialogs)
        w.open_side("b", path)
        qtbot.waitUntil(
            lambda before=before_b, n=n_dialogs: w.article("b") is not before or len(dialogs) > n,
            timeout=TIMEOUT_MS,
        )
        if case.outcome == "ok":
            assert w.article("b") is not before_b, f"{case.name}: not opened ({dialogs[-1:]})"
            assert w.reader("b").plain_text().__len__() == len(w.article("b").text)
            outcomes[case.name] = "opened"
        else:
            assert len(dialogs) > n_dialogs, f"{case.name}: no message"
            assert w.article("b") is before_b, f"{case.name}: B was replaced"
            outcomes[case.name] = "explained"
        assert w.reader("a").plain_text() == a_text, f"{case.name}: A changed"
    assert len(outcomes) == len(cases)
