"""Long hand-built articles and a simple anchor chain for the reading-desk tests (no parsing)."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from diptych.core.model import Article
from helpers.articles import make_article


def long_article(n_paragraphs: int, tag: str, *, title: str | None = None) -> Article:
    """Many numbered paragraphs, each a few sentences: 'Paragraph 7 of <tag>. ...'."""
    blocks = [("title", title or f"Article {tag}")]
    for i in range(n_paragraphs):
        if i % 10 == 0:
            blocks.append(("heading", f"Section {i // 10} of {tag}"))
        blocks.append(
            (
                "paragraph",
                f"Paragraph {i} of {tag} opens here. "
                + "It carries enough words to wrap over a few lines in a reading pane. " * 3
                + f"Paragraph {i} of {tag} ends here.",
            )
        )
    return make_article(blocks, title=title or f"Article {tag}", article_id=f"test:{tag}")


class LinearChain:
    """A monotone piecewise-linear map between two lengths through given anchor points."""

    def __init__(self, points: Sequence[tuple[float, float]], len_a: int, len_b: int) -> None:
        pts = sorted({(0.0, 0.0), (float(len_a), float(len_b)), *points})
        self.points = pts
        self._a = [p[0] for p in pts]
        self._b = [p[1] for p in pts]

    @staticmethod
    def _interp(xs: list[float], ys: list[float], x: float) -> float:
        x = max(xs[0], min(xs[-1], x))
        i = min(max(bisect_right(xs, x) - 1, 0), len(xs) - 2)
        x0, x1, y0, y1 = xs[i], xs[i + 1], ys[i], ys[i + 1]
        return y0 if x1 == x0 else y0 + (y1 - y0) * (x - x0) / (x1 - x0)

    def map_a_to_b(self, offset: float) -> float:
        return self._interp(self._a, self._b, offset)

    def map_b_to_a(self, offset: float) -> float:
        return self._interp(self._b, self._a, offset)
