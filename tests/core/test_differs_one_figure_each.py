"""``_within_bound``, ``_roughly_same`` and ``_shares_of_a_whole`` read one figure a side
through ``_one_figure_each``: each answers as before it (the table's answers were those of the
three functions' own copies, main at 8779a3f)."""

from __future__ import annotations

import pytest

from diptych.core.compare.claims.written import (
    _Phrase,
    _roughly_same,
    _shares_of_a_whole,
    _within_bound,
)


def ph(*keys: str, rough: bool = False, bound: str = "", unit: str | None = None) -> _Phrase:
    return _Phrase(" ".join(keys), set(keys), 0, 0, rough, bound, unit)


P = "percent"
CASES = [
    # a, b: within bound, roughly same, shares of a whole
    ([ph("150", bound=">")], [ph("160")], (True, False, False)),
    ([ph("160")], [ph("150", bound=">")], (True, False, False)),
    ([ph("150", bound=">")], [ph("140")], (False, False, False)),
    ([ph("20", bound="<")], [ph("18")], (True, False, False)),
    ([ph("20", bound="<")], [ph("21")], (False, False, False)),
    ([ph("20", bound="<")], [ph("18", bound=">")], (False, False, False)),
    ([ph("10", rough=True)], [ph("9.6")], (False, True, False)),
    ([ph("9.6")], [ph("10", rough=True)], (False, True, False)),
    ([ph("15", rough=True)], [ph("12")], (False, False, False)),
    ([ph("320", rough=True)], [ph("300", rough=True)], (False, False, False)),
    ([ph("4", rough=True)], [ph("4:17")], (False, True, False)),
    ([ph("4", rough=True)], [ph("4:45")], (False, False, False)),
    ([ph("80", unit=P)], [ph("20", unit=P)], (False, False, True)),
    ([ph("80", unit=P)], [ph("30", unit=P)], (False, False, False)),
    ([ph("80", unit=P)], [ph("20")], (False, False, False)),
    ([ph("80", unit=P, rough=True)], [ph("20", unit=P)], (False, False, True)),
    ([ph("150", bound=">"), ph("2")], [ph("160")], (False, False, False)),
    ([ph("150", "2", bound=">")], [ph("160")], (False, False, False)),
    ([ph("nov", bound=">")], [ph("160")], (False, False, False)),
    ([ph("10", rough=True)], [ph("ten-ish")], (False, False, False)),
    ([], [ph("160")], (False, False, False)),
]


@pytest.mark.parametrize(("a", "b", "want"), CASES)
def test_each_answers_as_before(a, b, want) -> None:
    assert (_within_bound(a, b), _roughly_same(a, b), _shares_of_a_whole(a, b)) == want
