"""Counts of highlights read as English: "1 highlight", "2 highlights", never "highlight(s)"."""

from __future__ import annotations

import pytest

from diptych.core.notes.store.identity import MovedArticle


@pytest.mark.parametrize("still_there", [True, False])
def test_moved_highlights_are_counted_in_words(still_there: bool) -> None:
    one = MovedArticle("file:/a.md", "/a.md", still_there, 1).describe()
    two = MovedArticle("file:/a.md", "/a.md", still_there, 2).describe()
    assert "(s)" not in one + two
    assert "1 highlight " in one and "2 highlights " in two
    if still_there:
        assert "it is shown" in one and "they are shown" in two
