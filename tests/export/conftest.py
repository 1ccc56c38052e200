"""Fixtures for the PDF export tests: a test pair with topics and claims, and PDF readers."""

from __future__ import annotations

import json
import random
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from articles import long_article, make_article

from diptych.core.model import (
    Article,
    ArticleTopics,
    ClaimPair,
    Topic,
    TopicSection,
    TopicSet,
)
from diptych.export.pdf import ExportHighlight

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


def word_range(text: str, rng: random.Random, min_len: int, max_len: int) -> tuple[int, int]:
    """A random [start, end) starting and ending on word boundaries."""
    while True:
        s = rng.randrange(0, max(1, len(text) - max_len))
        while s < len(text) and (s > 0 and not text[s - 1].isspace()):
            s += 1
        e = min(len(text), s + rng.randrange(min_len, max_len))
        while e < len(text) and not text[e].isspace():
            e += 1
        if text[s:e].strip() and e > s:
            return s, e


def random_highlights(
    pair: tuple[Article, Article], n: int, *, seed: int = 7, max_len: int = 420
) -> list[ExportHighlight]:
    rng = random.Random(seed)
    colors = ["yellow", "green", "blue", "pink", "purple", "#ff8800"]
    out = []
    for i in range(n):
        side = "a" if i % 2 == 0 else "b"
        art = pair[0] if side == "a" else pair[1]
        s, e = word_range(art.text, rng, 8, max_len)
        out.append(
            ExportHighlight(
                side=side,  # type: ignore[arg-type]
                start=s,
                end=e,
                color=colors[i % len(colors)],
                note=f"note {i}: ({side}) \\ check" if i % 3 else "",
                author="Tester",
                created="2026-11-20T10:00:00Z",
                modified="2026-11-21T11:30:00Z",
                id=f"h{i}",
            )
        )
    return out


def squeeze(s: str) -> str:
    """Text with all whitespace removed (pdfminer reads Qt's spaces as tabs, lines as breaks)."""
    return re.sub(r"\s+", "", s)


def pdfannots(path: Path) -> list[dict[str, Any]]:
    out = subprocess.run(
        [sys.executable, "-m", "pdfannots", "--keep-hyphens", "-f", "json", str(path)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)


def pdftotext(path: Path, *args: str) -> str:
    out = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", *args, str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    )
    return out.stdout


def assert_in_order(haystack: str, needles: list[str]) -> None:
    """Every needle occurs in ``haystack`` after the previous one (whitespace ignored)."""
    hay = squeeze(haystack)
    pos = 0
    for n, needle in enumerate(needles):
        nd = squeeze(needle)
        if not nd:
            continue
        found = hay.find(nd, pos)
        assert found >= 0, f"block {n} missing or out of order: {needle[:80]!r}"
        pos = found + len(nd)


__all__ = [
    "assert_in_order",
    "make_article",
    "pdfannots",
    "pdftotext",
    "random_highlights",
    "squeeze",
    "word_range",
]
