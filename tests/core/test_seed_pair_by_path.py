"""The seed pair's two texts have one topic set wherever they are read from: the shipped
seeds (no arguments), the same files by path from a checkout or a copy, the command line.

Tryout: ``python -m diptych`` showed the seed's topics (coup, MAS record, lithium, program),
the same two files opened by path from a worktree "topics proposed from the two articles"
(international, police, gas, ...), and ``diptych claims --json`` of those paths gave the claims
other ``topic`` values than the window without arguments: the seed pair was known by its
canonical URLs only, which only the shipped files get, while the set a reader saves for a pair
is keyed on its texts."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from diptych.core.compare.pair import analyze_pair, pair_topics
from diptych.core.compare.topics import seed_topic_set
from diptych.core.reading.articles import load_article, load_seed_pair
from diptych.core.resources import seed_pair
from helpers.articles import make_article
from helpers.cli import run_cli
from helpers.window import app_env


def _copies(folder: Path) -> tuple[Path, Path]:
    """The seed pair's two files copied into ``folder`` (the same bytes, another place)."""
    pair = seed_pair()
    out = []
    for side in (pair.a, pair.b):
        dest = folder / Path(side.path).name
        shutil.copyfile(side.path, dest)
        out.append(dest)
    return out[0], out[1]


def test_the_seed_files_opened_by_path_from_elsewhere_get_the_seed_topic_set(tmp_path):
    pa, pb = _copies(tmp_path)
    a, b = load_article(pa), load_article(pb)
    assert a.id.startswith("file:") and b.id.startswith("file:")  # not known by their URLs
    for x, y in ((a, b), (b, a)):  # either side
        ts = pair_topics(x, y).topic_set
        assert ts == seed_topic_set() and not ts.proposed


def test_one_seed_text_beside_another_text_still_gets_proposed_topics(tmp_path):
    pa, _pb = _copies(tmp_path)
    a = load_article(pa)
    other = make_article("Miners marched on the capital. The army blocked the road to the mines.")
    assert pair_topics(a, other).topic_set.proposed
    assert pair_topics(a, a).topic_set.proposed  # the same text twice is not the seed pair


def test_the_claims_of_the_seed_texts_have_the_same_topics_by_path_as_without_arguments(tmp_path):
    pa, pb = _copies(tmp_path)
    seed = analyze_pair(*load_seed_pair())
    copied = analyze_pair(load_article(pa), load_article(pb))
    assert copied.topics.topic_set == seed.topics.topic_set
    assert [(c.a, c.b, c.topic) for c in copied.claims.claims] == [
        (c.a, c.b, c.topic) for c in seed.claims.claims
    ]


def test_the_command_line_gives_the_claims_the_same_topics_by_path_as_without_arguments(tmp_path):
    pa, pb = _copies(tmp_path)
    env = app_env(tmp_path)

    def topics(*args: str) -> list[tuple[int, int, str]]:
        out = run_cli("claims", "--json", *args, env=env)
        assert out.returncode == 0, out.stderr
        claims = json.loads(out.stdout)["claims"]
        return [(c["a"]["start"], c["b"]["start"], c["topic"]) for c in claims]

    without = topics()
    assert {t for _a, _b, t in without} <= {t.name for t in seed_topic_set().topics} | {None}
    assert topics(str(pa), str(pb)) == without
