"""File → Open URL…: the address field is wide enough to read a real URL."""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QLineEdit, QWidget

from diptych.ui.window import dialogs


def _field_width(qtbot, monkeypatch, parent_width: int) -> int:
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.resize(parent_width, 600)
    seen: list[int] = []

    def exec_(self: QInputDialog) -> int:
        self.show()
        qtbot.waitExposed(self)
        seen.append(self.findChild(QLineEdit).width())
        return 0  # cancelled

    monkeypatch.setattr(QInputDialog, "exec", exec_)
    assert dialogs.ask_url(parent, "a") is None
    return seen[0]


def _typing(qtbot, monkeypatch, answers: list[str]) -> tuple[QWidget, list[str]]:
    """A parent for ``ask_url`` whose dialog is answered with ``answers`` in turn; the
    warnings it shows are recorded in the list returned."""
    typed = iter(answers)
    warned: list[str] = []
    monkeypatch.setattr(dialogs, "warn", lambda _p, _t, text: warned.append(text))

    def exec_(self: QInputDialog) -> int:
        self.setTextValue(next(typed))
        return 1

    monkeypatch.setattr(QInputDialog, "exec", exec_)
    parent = QWidget()
    qtbot.addWidget(parent)
    return parent, warned


def test_the_url_field_is_wide_enough_for_a_real_address(qtbot, monkeypatch):
    """Tester: the field was about 210 px wide."""
    assert _field_width(qtbot, monkeypatch, 400) >= dialogs.URL_FIELD_WIDTH
    assert _field_width(qtbot, monkeypatch, 1400) >= 0.6 * 1400 - 1


def test_the_url_typed_is_returned_and_a_bad_one_asked_again(qtbot, monkeypatch):
    parent, warned = _typing(qtbot, monkeypatch, ["ftp://x", "  https://example.org/a  "])
    assert dialogs.ask_url(parent, "b") == "https://example.org/a"
    assert len(warned) == 1


def test_an_address_typed_without_its_scheme_gets_https_or_http_for_this_machine(
    qtbot, monkeypatch
):
    """As in a browser's address bar; a file path or a word is still refused."""
    parent, warned = _typing(
        qtbot,
        monkeypatch,
        [
            "/home/me/story.html",
            "story",
            "news.example.org/2024/story?id=3",
            "127.0.0.1:8765/page",
            "localhost:8000",
            "localhost.example.org/story",
        ],
    )
    assert dialogs.ask_url(parent, "a") == "https://news.example.org/2024/story?id=3"
    assert dialogs.ask_url(parent, "a") == "http://127.0.0.1:8765/page"  # this machine: http
    assert dialogs.ask_url(parent, "a") == "http://localhost:8000"
    assert dialogs.ask_url(parent, "a") == "https://localhost.example.org/story"
    assert len(warned) == 2
