"""View → Show removed text shows a page's navigation and footer, which the HTML reader
drops, greyed where they stood (issue 12, "Nothing hidden")."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QColor

from diptych.ui.main_window import MainWindow
from helpers.window import window_with_warnings

FORMATS = Path(__file__).resolve().parents[1] / "data" / "formats"
TIMEOUT = 60_000
PARAGRAPH = (
    "<p>Paragraph {} says that the river floods every spring near the old mill, and that "
    "the council wants to rebuild the wall before the next winter comes.</p>"
)
PAGE = (
    "<html><head><title>Mill story</title></head><body>"
    "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
    "<article><h1>Mill story</h1>"
    + "".join(PARAGRAPH.format(n) for n in ("one", "two", "three", "four"))
    + "</article><footer>© 2019 The Courier</footer></body></html>"
)


def _muted_pixels(pane, color: QColor) -> int:  # type: ignore[no-untyped-def]
    img = pane.viewport().grab().toImage()
    want = color.rgb() & 0xFFFFFF
    return sum(
        1
        for y in range(0, img.height(), 2)
        for x in range(0, img.width(), 2)
        if img.pixel(x, y) & 0xFFFFFF == want
    )


def test_show_removed_text_greys_the_pages_nav_and_footer_in_place(  # type: ignore[no-untyped-def]
    qtbot, tmp_path, monkeypatch
) -> None:
    window: MainWindow = window_with_warnings(qtbot, tmp_path, monkeypatch)
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    with qtbot.waitSignal(window.analysis_shown, timeout=TIMEOUT):
        window.open_pair(page, FORMATS / "article.docx")
    pane = window.reader("a")
    art = window.article("a")
    assert "Home" not in art.text and "Courier" not in art.text
    muted = QColor(pane._theme.muted)
    assert _muted_pixels(pane, muted) == 0
    window.acts.actions["show_removed"].trigger()
    assert pane.show_removed()
    assert pane.plain_text() == art.text  # shown beside the text, never in it
    shown = dict(pane._removed_groups())
    nav_at = next(r.at for r in art.removed if r.kind == "navigation")
    assert nav_at <= art.text.index("Paragraph one")
    assert shown[nav_at] == "[navigation] Home World"
    assert shown[len(art.text)] == "[footer] © 2019 The Courier"  # after the last paragraph
    qtbot.waitUntil(lambda: _muted_pixels(pane, muted) > 0, timeout=5000)  # painted greyed
    window.acts.actions["show_removed"].trigger()
    qtbot.waitUntil(lambda: _muted_pixels(pane, muted) == 0, timeout=5000)
    assert window.warnings == []
