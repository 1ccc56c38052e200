"""The status bar's line for a chosen claim names its topic as the topic's chip does."""

from __future__ import annotations

from diptych.core.model import ClaimPair, Span
from diptych.ui.window.navigation import claim_status


def _claim(topic: str | None) -> ClaimPair:
    return ClaimPair(Span(0, 5), Span(0, 5), 0.7, topic, (), (), tier="possible")


def test_a_long_or_hostile_topic_name_is_named_as_its_chip_names_it() -> None:
    assert claim_status("Claim 9 (possible)", _claim("coup")) == (
        "Claim 9 (possible): score 0.70, topic coup"
    )
    line = claim_status("Claim 1", _claim("x" * 2000))  # a 2,000-letter name filled the bar
    assert len(line) < 80 and line.endswith("…")
    assert "\u202e" not in claim_status("Claim 1", _claim("evil\u202ename"))
    assert claim_status("Claim 1", _claim(None)) == "Claim 1: score 0.70"
