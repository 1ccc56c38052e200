"""Text left out of a user's own Markdown or text file as a copied page's furniture is never
left out silently: the window says how much, of which file, and where to see it. Of a web
page, the running text left out from inside its article is said; its menus and footers,
expected to go, are not."""

from __future__ import annotations

from pathlib import Path

from diptych.core.reading.articles import article_from_text, load_article
from diptych.ui.pane_view import left_out_notice
from helpers.articles import MILL
from helpers.window import TIMEOUT_MS, shown_window

_BODY = (
    "The main body of the essay is long and full of words that make up prose of a kind, with "
    "several clauses, and it goes on for a while.\n\n"
    "Another body paragraph follows, with more sentences in it. It says things. It has many "
    "words to weigh.\n"
)
# a page saved as Markdown: a menu of links above the article
_SAVED_PAGE = "- [Home](/)\n- [News](/news)\n- [Sport](/sport)\n- [Weather](/weather)\n\n" + _BODY


def test_left_out_notice_counts_what_was_left_out_and_names_the_file(tmp_path: Path) -> None:
    f = tmp_path / "saved\x1b[31m page.md"
    f.write_text(_SAVED_PAGE, encoding="utf-8")
    art = load_article(f)
    assert len(art.removed) == 4
    said = left_out_notice(("a", art))
    assert said.startswith("Left out as menus or footers: 4 passages of A;")
    assert "saved\ufffd[31m page.md" in said  # the file's name, shown inertly
    assert "View → Show removed text" in said
    # nothing left out, or only what the format itself marks (front matter): nothing to say
    assert left_out_notice(("a", article_from_text(_BODY, "markdown"))) == ""
    fm = article_from_text("---\ntitle: T\n---\n\n" + _BODY, "markdown")
    assert fm.removed and left_out_notice(("b", fm)) == ""
    # both sides: one sentence, the counts first, the files' names last
    both = left_out_notice(("a", art), ("b", fm), ("b", art))
    assert both.startswith("Left out as menus or footers: 4 passages of A and 4 of B;")


def test_web_page_notice_says_what_left_the_article_not_its_menus(tmp_path: Path) -> None:
    f = tmp_path / "mill.html"
    f.write_text(MILL, encoding="utf-8")
    said = left_out_notice(("b", load_article(f)))
    # the share box inside the article is said; the menu and related links outside are not
    assert said == (
        "Left out as page furniture: 1 passage of B; View → Show removed text shows them "
        "(41 characters of mill.html, from inside its article)"
    )
    # only outside furniture (and landmarks): nothing to say
    outside_only = MILL.replace(
        "<div class='share'>Share this story with your friends today.</div>", ""
    )
    art = article_from_text("<nav><a href='/'>Home</a></nav>" + outside_only, "html")
    assert [r for r in art.removed if r.kind == "furniture"]
    assert left_out_notice(("b", art)) == ""


def test_window_tells_what_was_left_out_of_a_users_file(qtbot, settings, tmp_path) -> None:
    a, b = tmp_path / "saved.md", tmp_path / "mine.md"
    a.write_text(_SAVED_PAGE, encoding="utf-8")
    b.write_text(_BODY, encoding="utf-8")
    w = shown_window(qtbot, settings)
    with qtbot.waitSignal(w.articles_shown, timeout=TIMEOUT_MS):
        w.open_pair(a, b)
    qtbot.waitUntil(lambda: "saved.md" in w.notice_label.text(), timeout=5_000)
    assert "4 passages of A" in w.notice_label.text()


def test_the_notice_says_where_to_see_them_before_it_is_cut(qtbot, settings) -> None:
    """Tryout: at 1480x900 the seed pair's notice (both articles leave furniture out) was cut
    after A's file name, so neither B's count nor "View → Show removed text" was read; the
    way to see them comes first now, the files' names last."""
    from PySide6.QtCore import Qt

    from helpers.window import open_seed

    w = open_seed(qtbot, shown_window(qtbot, settings, size=(1480, 900)))
    w.show_claim(0)  # a passing message beside the notice takes its room
    qtbot.wait(100)  # the status bar laid out again
    notice = w.status.notice_label
    room = notice.contentsRect().width() - 2 * notice.margin()
    shown = notice.fontMetrics().elidedText(notice.text(), Qt.TextElideMode.ElideRight, room)
    assert "of A and 24 of B" in shown
    assert "View → Show removed text shows them" in shown
