"""A topic name with a bidi override or a line break in the claims panel's topic filter and
group headers (tryout): "\u202epolice (2)" showed as "(2) ecilop", the count turned around
with the name, as the topic chips did before they were fixed."""

from __future__ import annotations

from dataclasses import replace

from diptych.core.model import Topic, TopicSet
from diptych.ui.claims.panel import ClaimsPanel
from helpers.claims_list import headings
from helpers.claims_list import text as row_text
from helpers.highlights import seedlike_pair

ACTING = "\u202e\u202c\u2066\u2069\x1b\x07"
NAME = "\u202epolice\u202c\nsecond \x1b[31m line"


def test_topic_names_are_shown_inertly_on_one_line_in_the_filter_and_headers(qtbot):
    a, b, claims = seedlike_pair()
    topics = TopicSet("t", (Topic(NAME, "#d62728", ("price",)), Topic("Weather", "#1f77b4", ())))
    cs = tuple(replace(c, topic=NAME) if c.topic == "Economy" else c for c in claims.claims)
    panel = ClaimsPanel()
    qtbot.addWidget(panel)
    panel.set_claims(replace(claims, claims=cs), a, b, topics)
    panel.set_grouped_by_topic(True)
    shown = [panel.topic_combo.itemText(i) for i in range(panel.topic_combo.count())]
    shown += [row_text(heading) for heading in headings(panel)]
    named = [t for t in shown if "police" in t]
    assert len(named) == 2, shown  # the filter's entry and the group's header
    for text in named:
        assert not any(c in text for c in ACTING), repr(text)
        assert "\n" not in text, repr(text)
    # the filter still selects that topic's claims
    panel.set_topic_filter(NAME)
    assert panel.visible_claims() and all(cs[i].topic == NAME for i in panel.visible_claims())
