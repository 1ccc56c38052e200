"""The Outline side tab: headings and topic sections of both articles; a click jumps there."""

from __future__ import annotations

from PySide6.QtCore import Qt

from helpers.window import desk_settings, open_seed, shown_window

TIMEOUT = 60_000


def test_outline_lists_headings_and_sections_and_jumps_there(qtbot, tmp_path):
    w = open_seed(qtbot, shown_window(qtbot, desk_settings(tmp_path)))
    qtbot.waitUntil(lambda: w.outline is not None, timeout=TIMEOUT)
    outline = w.outline
    assert w.side_tabs.tabText(w.side_tabs.indexOf(outline)) == "Outline"
    b = w.article("b")
    heads_b = [e for e in outline.entries("b") if e[0] == "Headings"]
    want = [blk for blk in b.blocks if blk.kind in ("title", "heading")]
    assert [s for _g, _t, s in heads_b] == [blk.start for blk in want]
    secs_a = [e for e in outline.entries("a") if e[0].startswith("Topic sections")]
    assert [s for _g, _t, s in secs_a] == [s.start for s in w.analysis().topics.a]
    assert all(
        t.split(":")[0] in {x.name for x in w.analysis().topics.topic_set.topics}
        for _g, t, _s in secs_a
    )

    # keyboard: the last section of A, Enter: it comes to A's sync line
    target = w.analysis().topics.a[-1]
    w.side_tabs.setCurrentWidget(outline)
    root = outline.topLevelItem(0)
    group = next(
        root.child(i)
        for i in range(root.childCount())
        if root.child(i).text(0).startswith("Topic sections")
    )
    group.setExpanded(True)
    outline.setCurrentItem(group.child(group.childCount() - 1))
    outline.setFocus()
    qtbot.keyClick(outline, Qt.Key.Key_Return)
    reader = w.reader("a")
    start, end = reader.line_range_at_y(reader.sync_line_y())
    assert (
        start <= target.start <= end
        or abs(reader.offset_at_y(reader.sync_line_y()) - target.start) < 90
    )


def test_an_untitled_file_is_named_by_its_file_name_as_in_the_pane_header(qtbot):
    """Tryout: the Outline read "A · file:///work/…/two-columns.pdf" (the article's id) where
    the pane header says "two-columns.pdf"."""
    from dataclasses import replace

    from diptych.ui.window.outline import OutlinePanel
    from helpers.articles import make_article

    a = make_article(
        [("paragraph", "Floods along the river.")], article_id="file:///x/two-columns.pdf", title=""
    )
    a = replace(a, meta=replace(a.meta, source_path="/x/two-columns.pdf"))
    b = make_article([("title", "River wall"), ("paragraph", "Text.")], title="River wall")
    panel = OutlinePanel()
    qtbot.addWidget(panel)
    panel.set_articles(a, b)
    assert panel.topLevelItem(0).text(0) == "A · two-columns.pdf"
    assert panel.topLevelItem(1).text(0) == "B · River wall"
