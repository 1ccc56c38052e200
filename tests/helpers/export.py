"""For the PDF export tests: long articles (no loader), random highlights, the PDF readers."""

from __future__ import annotations

import json
import random
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

from diptych.core.model import Article
from diptych.export.pdf import ExportHighlight
from helpers.articles import make_article

LOREM = (
    "Officials said the agreement would be signed within a week, although the final text "
    "had not been published and several ministers declined to comment on its details. "
    "Critics argued that the effect on wages and prices was difficult to estimate, and that "
    "the figures offered by the government were optimistic at best."
)


def long_article(
    paragraphs: int, *, title: str, seed: int = 0, article_id: str = "test:long"
) -> Article:
    """A title, headings every few paragraphs, and varied paragraphs (deterministic)."""
    words = LOREM.split()
    parts: list[tuple[str, str]] = [("title", title), ("byline", "By A. Writer")]
    for i in range(paragraphs):
        if i % 6 == 0:
            parts.append(("heading", f"Section {i // 6 + 1} of the report on matter {seed}"))
        k = (i * 7 + seed) % len(words)
        n = 40 + (i * 13 + seed) % 80
        para = " ".join(words[(k + j) % len(words)] for j in range(n))
        parts.append(("paragraph", f"Paragraph {i + 1}. " + para[0].upper() + para[1:] + "."))
    return make_article(parts, title=title, article_id=article_id)


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


def pdfannots_started(path: Path) -> subprocess.Popen[str]:
    """pdfannots reading ``path`` (pdfminer: seconds per file), started to run alongside."""
    return subprocess.Popen(
        [sys.executable, "-m", "pdfannots", "--keep-hyphens", "-f", "json", str(path)],
        stdout=subprocess.PIPE,
        text=True,
    )


def pdfannots(path: Path) -> list[dict[str, Any]]:
    """The annotations pdfannots (pdfminer) reads from ``path``."""
    proc = pdfannots_started(path)
    out, _ = proc.communicate(timeout=300)
    assert proc.returncode == 0, f"pdfannots failed on {path}"
    return json.loads(out)


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
