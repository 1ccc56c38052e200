"""Builds the QTextDocument a reading pane shows from an Article's blocks and inline styles.

The document is made by cursor insertion (never ``setHtml``/``setMarkdown``), one Qt block per
``Block``, so that its plain text equals ``Article.text`` character for character: Qt's block
separator stands for the "\\n" between blocks. Qt counts UTF-16 units, so positions are
converted with ``Utf16Map`` by the caller. Characters that Qt would turn into structure when
inserted (line feeds, carriage returns, U+2029, U+FFFC, frame markers) are shown as spaces so
that every offset still lines up; ``ReaderPane.plain_text()`` is what the pane displays.
"""

from __future__ import annotations

import itertools
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextList,
    QTextListFormat,
)

from diptych.core.controls import BIDI_REORDERING
from diptych.core.model import Article, Block, InlineStyle
from diptych.ui.safe_text import as_rich
from diptych.ui.theme import Theme, serif_font

# Characters QTextCursor.insertText turns into block breaks or objects ("\r\n" even becomes one
# break, shortening the text): displayed as a space of the same length instead.
# And the bidirectional controls that reorder the letters after them (embeddings, overrides,
# isolates and their ends: an unclosed U+202E draws the rest of the paragraph mirrored, so
# "account \u202e4321" would read "1234") as U+FFFD, one for one, so no offset moves. Direction
# marks (U+200E, U+200F, U+061C) reorder no letter and right-to-left text needs them: kept.
_STRUCTURAL = str.maketrans(
    {"\r": " ", "\n": " ", "\u2029": " ", "\ufffc": " ", "\ufdd0": " ", "\ufdd1": " "}
    | dict.fromkeys(BIDI_REORDERING, "\ufffd")
)

GIANT_BLOCK_CHARS = 16_000  # longer blocks are shown as several Qt blocks (see below)
BASE_POINT_SIZE = 12.5
LINE_HEIGHT_PERCENT = 150


@dataclass(frozen=True)
class DocumentStyle:
    """What the document's look depends on: the theme, the zoom factor and the reader's
    comfort settings (font family, base size, line spacing in percent of the font height)."""

    theme: Theme
    zoom: float = 1.0
    family: str = ""  # "" = the first installed reading serif
    base_size: float = BASE_POINT_SIZE
    line_height: int = LINE_HEIGHT_PERCENT

    @property
    def point_size(self) -> float:
        return self.base_size * self.zoom


def display_text(block_text: str) -> str:
    """The block's text as inserted into Qt (same length: structural characters as spaces,
    reordering bidi controls as U+FFFD)."""
    return block_text.translate(_STRUCTURAL)


def _block_format(
    kind: str, level: int, em: float, theme: Theme, line_height: int = LINE_HEIGHT_PERCENT
) -> QTextBlockFormat:
    bf = QTextBlockFormat()
    lh = QTextBlockFormat.LineHeightTypes.ProportionalHeight.value
    bf.setLineHeight(line_height, lh)
    if kind == "title":
        bf.setLineHeight(118, lh)
        bf.setBottomMargin(em * 0.5)
    elif kind == "byline":
        bf.setBottomMargin(em * 1.4)
    elif kind == "heading":
        bf.setLineHeight(125, lh)
        bf.setTopMargin(em * 1.1)
        bf.setBottomMargin(em * 0.45)
    elif kind == "quote":
        bf.setLeftMargin(em * 1.6)
        bf.setRightMargin(em * 1.0)
        bf.setBottomMargin(em * 0.8)
    elif kind == "list_item":
        bf.setBottomMargin(em * 0.3)
    else:
        bf.setBottomMargin(em * 0.8)
    return bf


def _char_format(kind: str, level: int, style: DocumentStyle) -> QTextCharFormat:
    cf = QTextCharFormat()
    size = style.point_size
    theme = style.theme
    cf.setForeground(QColor(theme.ink))
    if kind == "title":
        cf.setFontPointSize(size * 1.85)
        cf.setFontWeight(QFont.Weight.Bold)
    elif kind == "heading":
        scale = {1: 1.5, 2: 1.3}.get(level, 1.15)
        cf.setFontPointSize(size * scale)
        cf.setFontWeight(QFont.Weight.Bold)
    elif kind == "byline":
        cf.setFontPointSize(size * 0.92)
        cf.setForeground(QColor(theme.muted))
    elif kind == "quote":
        cf.setFontItalic(True)
        cf.setForeground(QColor(theme.muted if not theme.dark else theme.ink))
        cf.setFontPointSize(size)
    else:
        cf.setFontPointSize(size)
    return cf


def _styles_by_block(article: Article) -> list[list[InlineStyle]]:
    """Each block's inline styles (a style crossing blocks is listed in each)."""
    out: list[list[InlineStyle]] = [[] for _ in article.blocks]
    ends = [b.end for b in article.blocks]
    for st in article.styles:
        if st.end <= st.start:
            continue
        i = bisect_right(ends, st.start)
        while i < len(article.blocks) and article.blocks[i].start < st.end:
            out[i].append(st)
            i += 1
    return out


def _segments(block: Block, styles: list[InlineStyle]) -> list[tuple[int, int, list[InlineStyle]]]:
    """The block cut at style boundaries: (start, end, styles covering that piece)."""
    if not styles:
        return [(block.start, block.end, [])]
    cuts = {block.start, block.end}
    for st in styles:
        cuts.add(max(block.start, st.start))
        cuts.add(min(block.end, st.end))
    points = sorted(cuts)
    segs = []
    for s, e in itertools.pairwise(points):
        if e > s:
            segs.append((s, e, [st for st in styles if st.start <= s and st.end >= e]))
    return segs


def build_document(article: Article, style: DocumentStyle) -> QTextDocument:
    """A new QTextDocument showing ``article`` (plain text == Article.text, offsets aligned)."""
    doc = QTextDocument()
    doc.setUndoRedoEnabled(False)
    body_font = serif_font(style.point_size, style.family)
    doc.setDefaultFont(body_font)
    doc.setDocumentMargin(0)
    em = QFontMetricsF(body_font).height()
    theme = style.theme
    text = article.text
    styles = _styles_by_block(article)
    cursor = QTextCursor(doc)
    cursor.beginEditBlock()
    current_list: QTextList | None = None
    list_kind = (0, False)  # the current list's level, and whether it is numbered
    for i, block in enumerate(article.blocks):
        bf = _block_format(block.kind, block.level, em, theme, style.line_height)
        base = _char_format(block.kind, block.level, style)
        if i == 0:
            cursor.setBlockFormat(bf)
            cursor.setBlockCharFormat(base)
        else:
            cursor.insertBlock(bf, base)
        if block.kind == "list_item":
            level = max(1, block.level or 1)
            numbered = block.number > 0
            if current_list is None or (level, numbered) != list_kind:
                # a new list at each change of depth or kind; a numbered one starts at its
                # first item's number, so "2." after a nested list still reads 2
                lf = QTextListFormat()
                if numbered:
                    lf.setStyle(QTextListFormat.Style.ListDecimal)
                    lf.setStart(block.number)
                else:
                    lf.setStyle(
                        QTextListFormat.Style.ListDisc
                        if level % 2
                        else QTextListFormat.Style.ListCircle
                    )
                lf.setIndent(level)
                current_list = cursor.createList(lf)
                list_kind = (level, numbered)
            else:
                current_list.add(cursor.block())
        else:
            current_list = None
        cuts = _giant_block_cuts(text, block)
        if cuts:
            cont = QTextBlockFormat(bf)
            cont.setTopMargin(0)
            cont.setBottomMargin(0)
        for s, e, covering in _segments(block, styles[i]):
            cf = base if not covering else _styled(base, covering, theme)
            if not cuts:
                cursor.insertText(display_text(text[s:e]), cf)
                continue
            # a giant block goes in as several Qt blocks, each break standing in for a space
            pos = s
            for cut in cuts[bisect_left(cuts, s) : bisect_left(cuts, e)]:
                cursor.insertText(display_text(text[pos:cut]), cf)
                cursor.insertBlock(cont, cf)
                pos = cut + 1
            cursor.insertText(display_text(text[pos:e]), cf)
    cursor.endEditBlock()
    doc.setModified(False)
    return doc


def _styled(base: QTextCharFormat, covering: list[InlineStyle], theme: Theme) -> QTextCharFormat:
    """``base`` with the bold/italic/link styles covering a piece of text."""
    cf = QTextCharFormat(base)
    for st in covering:
        if st.kind == "bold":
            cf.setFontWeight(QFont.Weight.Bold)
        elif st.kind == "italic":
            cf.setFontItalic(not base.fontItalic())
        elif st.kind == "link" and st.url:
            cf.setAnchor(True)
            cf.setAnchorHref(st.url)
            cf.setForeground(QColor(theme.link))
            cf.setFontUnderline(True)
            cf.setToolTip(as_rich(st.url))
    return cf


def _giant_block_cuts(text: str, block: Block) -> list[int]:
    """Offsets of spaces at which a very long block is broken into several Qt blocks.

    Qt lays a block out in one piece: a 5 MB paragraph would freeze the window for seconds.
    Each cut replaces one space by a Qt block break, so offsets stay aligned (the pane's
    plain text then has "\n" there). Text without spaces is left whole.
    """
    if block.end - block.start <= GIANT_BLOCK_CHARS:
        return []
    cuts = []
    pos = block.start + GIANT_BLOCK_CHARS // 2
    while pos < block.end - GIANT_BLOCK_CHARS // 4:
        cut = text.find(" ", pos, min(block.end, pos + GIANT_BLOCK_CHARS // 2))
        if cut < 0:
            pos += GIANT_BLOCK_CHARS // 2
            continue
        cuts.append(cut)
        pos = cut + GIANT_BLOCK_CHARS // 2
    return cuts


def document_plain_text(doc: QTextDocument) -> str:
    """The document's text as Python sees it: raw characters, block separators as "\\n".

    (``toPlainText()`` also turns no-break spaces into spaces; ``toRawText()`` does not.)
    """
    return doc.toRawText().replace("\u2029", "\n")
