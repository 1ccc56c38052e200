"""The paraphrase model: the shipped trees evaluate as they were fitted, and the word-order
feature (longest common word sequence) is what a plain table computes."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from diptych.core.compare.claims import (
    PARA_FEATURES,
    TreeModel,
    common_sequence,
    paraphrase_logit,
    paraphrase_model,
)


def _table_lcs(x: list[str], y: list[str]) -> int:
    prev = [0] * (len(y) + 1)
    for a in x:
        cur = [0]
        for j, b in enumerate(y):
            cur.append(prev[j] + 1 if a == b else max(prev[j + 1], cur[j]))
        prev = cur
    return prev[-1]


@given(
    st.lists(st.sampled_from(["the", "a", "coup", "army", "of", "in", "morales"]), max_size=40),
    st.lists(st.sampled_from(["the", "a", "coup", "army", "of", "in", "morales"]), max_size=40),
)
def test_common_sequence_is_the_longest_common_subsequence(x: list[str], y: list[str]) -> None:
    assert common_sequence(x, y) == _table_lcs(x, y)


def test_common_sequence_of_sentences() -> None:
    a = ["the", "army", "demanded", "that", "morales", "step", "down", "on", "sunday"]
    b = [
        "on",
        "sunday",
        "the",
        "army",
        "chief",
        "demanded",
        "that",
        "the",
        "president",
        "step",
        "down",
    ]
    assert common_sequence(a, b) == 6  # the army demanded that step down
    assert common_sequence(a, []) == 0
    assert common_sequence(a, a) == len(a)


def test_shipped_trees_reproduce_the_fitted_log_odds() -> None:
    model = paraphrase_model()
    assert model.features == PARA_FEATURES
    assert len(model.check_logit) >= 20
    got = model.logit(model.check_x)
    np.testing.assert_allclose(got, model.check_logit, rtol=0, atol=1e-9)
    # the rows are not all alike: the check would catch a model that ignores its input
    assert float(np.ptp(model.check_logit)) > 1.0


def test_a_split_goes_left_at_its_threshold_and_right_above() -> None:
    tree = {
        "feature": [1, 0, 0],
        "threshold": [0.5, 0.0, 0.0],
        "left": [1, -1, -1],
        "right": [2, -1, -1],
        "value": [0.0, -2.0, 3.0],
    }
    model = TreeModel.from_json(
        {
            "features": ["f0", "f1"],
            "base": 0.25,
            "rate": 0.5,
            "depth": 1,
            "trees": [tree, tree],
            "check": {"x": [], "logit": []},
        }
    )
    x = np.asarray([[9.0, 0.5], [9.0, 0.5000001], [0.0, -1.0]])
    np.testing.assert_allclose(model.logit(x), [0.25 - 2.0, 0.25 + 3.0, 0.25 - 2.0])


def test_no_rows_no_work() -> None:
    assert paraphrase_logit(np.zeros((0, len(PARA_FEATURES)))).shape == (0,)


def test_rows_are_read_in_blocks_as_if_at_once() -> None:
    from diptych.core.compare.claims import paraphrase

    model = paraphrase_model()
    rng = np.random.default_rng(3)
    x = np.repeat(model.check_x, 400, axis=0) + rng.normal(0, 0.05, (400 * len(model.check_x), 1))
    assert len(x) > paraphrase._BLOCK
    whole = model._logit(x)
    np.testing.assert_array_equal(model.logit(x), whole)
