"""``make_article``: an Article built straight from the model, shaped like the loader's.

The one way tests build an article without parsing a file. Blocks tile the text with one "\\n"
between them (as ``Article`` requires), levels follow the real loader (title 1, heading 2,
list item 1, anything else 0: compare ``load_article`` on a Markdown file), the fingerprint is
the real one, and sentences are split at ". " (or "!", "?") inside each block unless the test
asks for one sentence per block.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from diptych.core.model import Article, ArticleMeta, Block, InlineStyle, Span
from diptych.core.reading.articles import fingerprint_of

#: Block levels as the loader gives them (a "## Heading" is level 2, "### Sub" level 3).
LOADER_LEVELS = {"title": 1, "heading": 2, "list_item": 1}

BlockSpec = str | tuple[str, str] | tuple[str, str, int]
StyleSpec = InlineStyle | tuple[str, str, str | None]

_SENTENCE_END = re.compile(r"(?<=[.!?]) ")


def _blocks(content: str | Sequence[BlockSpec]) -> list[tuple[str, str, int]]:
    if isinstance(content, str):
        content = content.split("\n")
    out = []
    for spec in content:
        if isinstance(spec, str):
            out.append(("paragraph", spec, 0))
        elif len(spec) == 3:
            out.append((spec[0], spec[1], spec[2]))
        else:
            out.append((spec[0], spec[1], LOADER_LEVELS.get(spec[0], 0)))
    return out


def _sentences(text: str, blocks: Sequence[Block], split: bool) -> tuple[Span, ...]:
    out = []
    for b in blocks:
        start = b.start
        if split:
            for m in _SENTENCE_END.finditer(text, b.start, b.end):
                out.append(Span(start, m.start()))
                start = m.end()
        if b.end > start:
            out.append(Span(start, b.end))
    return tuple(out)


def _style(text: str, spec: StyleSpec) -> InlineStyle:
    if isinstance(spec, InlineStyle):
        return spec
    kind, substring, url = spec
    i = text.index(substring)
    return InlineStyle(kind, i, i + len(substring), url)  # type: ignore[arg-type]


def make_article(
    content: str | Sequence[BlockSpec],
    article_id: str = "test:article",
    title: str | None = None,
    *,
    styles: Sequence[StyleSpec] = (),
    byline: str = "",
    split_sentences: bool = True,
) -> Article:
    """An Article from ``content``: one text (a paragraph a line), plain paragraphs, or blocks.

    Blocks are ``(kind, text)`` pairs (the level the loader would give) or ``(kind, text,
    level)``. ``title`` defaults to the first block's text. ``styles`` are ``InlineStyle``s or
    ``(kind, substring, url)``, which mark the first occurrence of ``substring``.
    ``split_sentences=False`` makes each block one sentence.
    """
    specs = _blocks(content)
    text = "\n".join(t for _k, t, _l in specs)
    blocks, pos = [], 0
    for kind, t, level in specs:
        blocks.append(Block(kind, pos, pos + len(t), level))  # type: ignore[arg-type]
        pos += len(t) + 1
    return Article(
        id=article_id,
        text=text,
        blocks=tuple(blocks),
        styles=tuple(_style(text, s) for s in styles),
        sentences=_sentences(text, blocks, split_sentences),
        meta=ArticleMeta(
            title=specs[0][1] if title is None and specs else title or "", byline=byline
        ),
        fingerprint=fingerprint_of(text),
    )


_MILL_P = (
    "<p>Paragraph {} says that the river floods every spring near the old mill, and that "
    "the council wants to rebuild the wall before the next winter comes.</p>"
)
#: an HTML page (``MILL``) with furniture outside its article (a menu, related links) and inside it (a box the
# page names "share", between two paragraphs)
MILL = (
    "<html><head><title>Mill story</title></head><body>"
    "<div class='menu'>Sections Sport Weather</div>"
    "<article><h1>Mill story</h1>"
    + _MILL_P.format("one")
    + _MILL_P.format("two")
    + "<div class='share'>Share this story with your friends today.</div>"
    + _MILL_P.format("three")
    + _MILL_P.format("four")
    + "</article><div class='related'><a href='https://x.example/a'>Other story</a> "
    "<a href='https://x.example/b'>More</a></div></body></html>"
)
