"""The topic filter's entry for a topic with a long name is shortened, its count kept and the
whole name in its tooltip (tryout: a topic named by a 2,000-letter word opened the filter's
list as wide as the screen, far wider than the window)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from diptych.ui.claims.panel import ClaimsPanel
from helpers.claims_list import long_topic_pair

LONG = "A" * 2000


def test_a_long_topic_name_is_shortened_in_the_topic_filter(qtbot):
    a, b, claims, topics, n = long_topic_pair(LONG)
    p = ClaimsPanel()
    qtbot.addWidget(p)
    p.set_claims(claims, a, b, topics)
    cs = claims.claims
    combo = p.topic_combo
    i = combo.findData(LONG)
    for floor in (0.0, 0.5):  # the counts are written again at each filter
        p.set_min_score(floor)
        entry = combo.itemText(i)
        assert entry.endswith(
            f"({n if floor == 0 else sum(c.topic == LONG and c.score >= floor for c in cs)})"
        )
        assert "…" in entry
        # no longer than the names the filter shows in full (the other entries)
        assert len(entry) < 100
        tip = "".join(str(combo.itemData(i, Qt.ItemDataRole.ToolTipRole)).split())
        assert LONG in tip
    assert combo.itemText(combo.findData("Weather")).startswith("Weather (")
    # the filter still selects that topic's claims
    p.set_min_score(0.0)
    p.set_topic_filter(LONG)
    assert p.visible_claims() and all(cs[k].topic == LONG for k in p.visible_claims())


def test_the_detail_names_a_long_topic_as_its_chip_does(qtbot):
    """(tryout: the detail began with the whole 2,000-letter name, its tier, score and diff
    screens further down.)"""
    a, b, claims, topics, _n = long_topic_pair(LONG)
    cs = claims.claims
    p = ClaimsPanel()
    qtbot.addWidget(p)
    p.set_claims(claims, a, b, topics)
    p.select_claim(next(i for i, c in enumerate(cs) if c.topic == LONG))
    first = p.detail.toPlainText().splitlines()[0]
    assert "…" in first and LONG not in first
    assert "strong" in first and "score" in first
