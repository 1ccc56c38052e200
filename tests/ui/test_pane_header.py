"""The pane header: a long title ends in "…" within the pane, never clipped mid-letter."""

from __future__ import annotations

from PySide6.QtGui import QTextDocument

from diptych.ui.pane_view import PaneView
from helpers.articles import make_article

TITLE = "Down With U.S.-Backed Right-Wing Coup! For an Indigenous-Centred Workers Government"


def _shown(view: PaneView) -> str:
    doc = QTextDocument()
    doc.setHtml(view.header.text())
    return doc.toPlainText()


def _article():
    art = make_article([("title", TITLE), ("paragraph", "Some text. More text.")], title=TITLE)
    return art


def _view(qtbot, art, side: str = "a", width: int = 1400) -> PaneView:
    """A pane showing ``art``, ``width`` wide, on screen."""
    view = PaneView(side)
    qtbot.addWidget(view)
    view.set_article(art)
    view.resize(width, 300)
    view.show()
    qtbot.waitExposed(view)
    return view


def test_a_long_title_is_elided_to_the_pane_and_kept_whole_in_the_tooltip(qtbot):
    view = _view(qtbot, _article(), "b", width=420)
    shown = _shown(view)
    assert shown.startswith("B") and shown.rstrip().endswith("…"), shown
    assert "Down With" in shown
    # what is drawn fits the header (no letters cut off at the edge)
    assert view.header.sizeHint().width() <= view.width() + 2
    assert TITLE in view.header.toolTip()
    # wide enough: the whole title
    view.resize(1400, 300)
    qtbot.waitUntil(lambda: TITLE in _shown(view))
    assert "…" not in _shown(view).split(TITLE)[0]


ACTING = "\u202e\u202c\u2066\u2069\u200f\x1b\x07\x85"


def test_bidi_and_control_characters_in_a_title_do_not_act_in_the_header(qtbot):
    """An unclosed U+202E in a title would show 'evil.png' for 'gnp.live' and turn the date
    and byline after it around: in the header and its tooltip it is shown as U+FFFD."""
    title = "Coup \u202egnp.live and \u2066more\x1b[2J"
    art = make_article([("title", title), ("paragraph", "Some text.")], title=title)
    view = _view(qtbot, art)
    for shown in (view.header.text(), view.header.toolTip()):
        assert not any(c in shown for c in ACTING), repr(shown)
    assert "Coup \ufffdgnp.live" in _shown(view)


def test_a_web_article_is_described_by_its_address_not_its_snapshot_file(qtbot):
    """A page opened from a URL is kept as ``snapshots/<hash>/page.html``: the header names
    the page's address, never 'page.html' (every web article's snapshot file is so named)."""
    from dataclasses import replace

    url = "https://news.example.org/world/bolivia-coup.html"
    art = make_article([("title", "Coup"), ("paragraph", "Some text.")], article_id=url)
    art = replace(
        art,
        meta=replace(
            art.meta, url=url, source_path="/home/r/.local/share/diptych/snapshots/ab12/page.html"
        ),
    )
    view = _view(qtbot, art, "b")
    shown = _shown(view)
    assert "page.html" not in shown and "news.example.org/world/bolivia-coup.html" in shown
    assert url in view.header.toolTip()


def test_an_untitled_web_article_is_named_by_its_address_in_the_window_title_too() -> None:
    from dataclasses import replace

    from diptych.ui.pane_view import article_name

    url = "https://news.example.org/world/story"
    art = make_article([("paragraph", "Some text.")], article_id=url, title="")
    art = replace(art, meta=replace(art.meta, url=url, source_path="/s/ab12/page.html"))
    assert art.title == ""
    assert article_name(art) == "news.example.org/world/story"


def test_an_untitled_file_is_named_once_in_the_header(qtbot):
    """A PDF without a title is named by its file; the description (publication, date, byline,
    else the file's name) does not say the name a second time."""
    from dataclasses import replace

    art = make_article([("paragraph", "Floods along the river. More text.")], title="")
    art = replace(art, meta=replace(art.meta, source_path="/home/r/papers/two-columns.pdf"))
    view = _view(qtbot, art)
    assert _shown(view).count("two-columns.pdf") == 1
