"""TopicBar: chips for every topic, wrapping onto more rows rather than widening the window."""

from __future__ import annotations

from PySide6.QtWidgets import QTextEdit, QVBoxLayout, QWidget

from diptych.core.model import ArticleTopics, Topic, TopicSection, TopicSet
from diptych.ui.topic_bar import TopicBar

COLORS = ("#d64541", "#2d7dd2", "#1b998b", "#8e44ad", "#e67e22", "#16a085")


def many_topics(n: int) -> ArticleTopics:
    topics = tuple(
        Topic(f"topic number {i} with a rather long name", COLORS[i % len(COLORS)], ())
        for i in range(n)
    )
    sections = tuple(TopicSection(t.name, i * 10, i * 10 + 9, i, i) for i, t in enumerate(topics))
    return ArticleTopics(TopicSet("many", topics, proposed=True), sections, sections)


def test_many_topics_wrap_onto_rows_inside_a_narrow_window(qtbot):
    window = QWidget()
    qtbot.addWidget(window)
    lay = QVBoxLayout(window)
    bar = TopicBar()
    lay.addWidget(bar)
    lay.addWidget(QTextEdit(), 1)
    bar.set_topics(many_topics(12))
    window.resize(640, 500)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: bar.height() > 60)

    # the window did not have to grow to fit the chips
    assert window.width() == 640
    assert window.minimumSizeHint().width() < 640
    chips = bar.chips()
    assert len(chips) == 12
    rows = set()
    for chip in chips.values():
        geo = chip.geometry()
        assert chip.isVisible()
        assert bar.rect().contains(geo), chip.topic  # whole chip on screen, none clipped
        rows.add(geo.y())
    assert len(rows) >= 3


def test_a_few_topics_sit_on_one_row(qtbot):
    bar = TopicBar()
    qtbot.addWidget(bar)
    topics = many_topics(3)
    bar.set_topics(topics)
    bar.resize(1400, bar.heightForWidth(1400))
    bar.show()
    qtbot.waitExposed(bar)
    ys = {chip.geometry().y() for chip in bar.chips().values()}
    assert len(ys) == 1
    assert [c.text().split("   ")[0] for c in bar.chips().values()] == [
        t.name for t in topics.topic_set.topics
    ]


def test_an_unrelated_pair_is_told_why_it_has_no_topics(qtbot):
    bar = TopicBar()
    qtbot.addWidget(bar)
    bar.set_topics(ArticleTopics(TopicSet("Proposed from both articles", (), True), (), ()))
    assert not bar.chips()
    assert "different things" in bar._note.text()
