"""Test articles built straight from the model (no loader), with known blocks and styles."""

from __future__ import annotations

import hashlib

from diptych.core.model import Article, ArticleMeta, Block, InlineStyle, Span


def make_article(
    parts: list[tuple[str, str]],
    *,
    title: str = "",
    article_id: str = "test:article",
    styles: list[tuple[str, str, str | None]] = (),  # (kind, exact substring, url)
    byline: str = "",
) -> Article:
    """An Article from (kind, text) blocks; ``styles`` mark the first occurrence of a substring."""
    text = "\n".join(t for _k, t in parts)
    blocks = []
    pos = 0
    for kind, t in parts:
        level = 1 if kind == "list_item" else (2 if kind == "heading" else 0)
        blocks.append(Block(kind, pos, pos + len(t), level))  # type: ignore[arg-type]
        pos += len(t) + 1
    inline = []
    for kind, sub, url in styles:
        i = text.index(sub)
        inline.append(InlineStyle(kind, i, i + len(sub), url))  # type: ignore[arg-type]
    sentences = tuple(Span(b.start, b.end) for b in blocks)
    return Article(
        id=article_id,
        text=text,
        blocks=tuple(blocks),
        styles=tuple(inline),
        sentences=sentences,
        meta=ArticleMeta(title=title or (parts[0][1] if parts else ""), byline=byline),
        fingerprint="sha256:" + hashlib.sha256(text.encode()).hexdigest(),
    )


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
