"""Fixtures for the PDF export tests: a test pair with topics and claims (helpers: helpers.export)."""

from __future__ import annotations

import shutil
from typing import Any

import pytest

from diptych.core.model import (
    Article,
    ArticleTopics,
    ClaimPair,
    Topic,
    TopicSection,
    TopicSet,
)
from helpers.export import long_article

for tool in ("pdftotext", "pdftoppm", "qpdf", "pdffonts"):
    if shutil.which(tool) is None:  # pragma: no cover - CI installs poppler-utils and qpdf
        raise RuntimeError(f"{tool} is needed by tests/export (apt-get install poppler-utils qpdf)")


@pytest.fixture
def app(qapp: Any) -> Any:
    """A Qt application (pytest-qt's QApplication, so widget tests can share it)."""
    return qapp


def _sections(article: Article, names: list[str]) -> tuple[TopicSection, ...]:
    """One section per heading run, topics cycling through ``names`` (None for the front)."""
    heads = [i for i, b in enumerate(article.blocks) if b.kind == "heading"]
    out = []
    for n, first in enumerate(heads):
        last = (heads[n + 1] - 1) if n + 1 < len(heads) else len(article.blocks) - 1
        blocks = article.blocks
        out.append(
            TopicSection(names[n % len(names)], blocks[first].start, blocks[last].end, first, last)
        )
    return tuple(out)


@pytest.fixture(scope="session")
def pair() -> tuple[Article, Article]:
    a = long_article(26, title="Alpha: wages and the agreement", seed=1, article_id="test:a")
    b = long_article(34, title="Beta: prices after the agreement", seed=4, article_id="test:b")
    return a, b


@pytest.fixture(scope="session")
def topics(pair: tuple[Article, Article]) -> ArticleTopics:
    a, b = pair
    tset = TopicSet(
        "test",
        (
            Topic("Wages", "#e8590c", ("wages",)),
            Topic("Prices", "#1971c2", ("prices",)),
            Topic("Ministers", "#2f9e44", ("ministers",)),
        ),
    )
    return ArticleTopics(
        tset, _sections(a, ["Wages", "Prices", "Ministers"]), _sections(b, ["Prices", "Wages"])
    )


@pytest.fixture(scope="session")
def claims(pair: tuple[Article, Article]) -> tuple[ClaimPair, ...]:
    a, b = pair
    pa = [x for x in a.blocks if x.kind == "paragraph"]
    pb = [x for x in b.blocks if x.kind == "paragraph"]
    out = []
    for i, j, topic in ((0, 1, "Wages"), (5, 9, "Prices"), (12, 20, None)):
        sa, sb = pa[i], pb[j]
        out.append(
            ClaimPair(
                a=type(a.sentences[0])(sa.start, sa.start + 60),
                b=type(b.sentences[0])(sb.start, sb.start + 80),
                score=0.9 - i / 100,
                topic=topic,
                shared_terms=("agreement",),
                diff=(),
            )
        )
    return tuple(out)
