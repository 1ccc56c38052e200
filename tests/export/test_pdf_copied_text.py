"""Text copied out of the PDF has spaces between words in every reader, pdfminer included.

Qt's PDF engine names the space glyph U+0009 in the fonts' ToUnicode CMaps (the first code point
its font engine maps to that glyph); pdf.js and poppler turn it back into a space, pdfminer-based
readers (pdfannots, note tools) copied TABs. ``export.tounicode`` rewrites the CMaps.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pdfminer.high_level import extract_text

from diptych.export.pdf import ExportHighlight, export_pdf
from diptych.export.tounicode import build_cmap, fixed_cmap, parse_cmap
from helpers.articles import make_article
from helpers.export import pdfannots, pdftotext

SENTENCE = "The port director said the lithium contract was signed in November."

# The shape QFontSubset::createToUnicodeMap writes (glyph 3 is the space glyph, named TAB).
QT_CMAP = b"""/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
/CMapName /Adobe-Identity-UCS def
/CMapType 2 def
1 begincodespacerange
<0000> <FFFF>
endcodespacerange
3 beginbfrange
<0000> <0000> <0000>
<0001> <0004> [<0042> <006F> <0009> <00E9> ]
<0005> <0007> <0061>
endbfrange
1 beginbfchar
<0008> <D83DDE00>
endbfchar
endcmap
CMapName currentdict /CMap defineresource pop
end
end
"""


def test_qt_shaped_cmap_parses_and_only_the_tab_becomes_a_space() -> None:
    before = parse_cmap(QT_CMAP)
    assert before == {
        0: "\x00",
        1: "B",
        2: "o",
        3: "\t",
        4: "é",
        5: "a",
        6: "b",
        7: "c",
        8: "\U0001f600",
    }
    fixed = fixed_cmap(QT_CMAP)
    assert fixed is not None
    assert parse_cmap(fixed) == {**before, 3: " "}
    assert fixed_cmap(fixed) is None  # nothing left to fix
    assert parse_cmap(build_cmap({1: "x"})) == {1: "x"}


def test_pdfminer_pdfannots_and_pdftotext_read_spaces_not_tabs(app: Any, tmp_path: Path) -> None:
    a = make_article([("title", "Copy test"), ("paragraph", SENTENCE)])
    b = make_article([("paragraph", "Workers and peasants marched on La Paz.")], article_id="t:b")
    start = a.text.index(SENTENCE)
    h = ExportHighlight("a", start, start + len(SENTENCE), note="n", id="h1")
    out = tmp_path / "copy.pdf"
    export_pdf(out, a, b, highlights=[h])

    mined = extract_text(str(out))
    assert "\t" not in mined
    assert SENTENCE in " ".join(mined.split("\n"))
    assert "Workers and peasants marched on La Paz." in mined

    (annot,) = pdfannots(out)
    assert "\t" not in annot["text"]
    assert " ".join(annot["text"].split()) == SENTENCE

    raw = pdftotext(out, "-raw")
    assert "\t" not in raw and SENTENCE in " ".join(raw.split())
