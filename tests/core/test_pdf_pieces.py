"""A PDF page's lines are read a piece at a time where a piece is plain (between two of PDFium's
line breaks or jumps, nothing clipped, no raised mark) and a character at a time elsewhere:
both must give the same lines. The pages here are written by hand (Helvetica, not embedded),
so that raised marks (text rise), marks at a line's end, digits inside a run, two columns on
one of PDFium's lines, mixed sizes on one baseline and text above the page are where the test
puts them."""

from __future__ import annotations

import random
from typing import Any

import pytest

from diptych.core.reading.documents import _columns, _page_lines, pdf_blocks

pdfium = pytest.importorskip("pypdfium2")

Run = tuple[str, float, float]  # text, font size, rise


def _pdf(pages: list[str]) -> bytes:
    """A PDF of A4 pages, each drawn by its content stream, in Helvetica."""
    objs = ["<< /Type /Catalog /Pages 2 0 R >>", ""]
    kids = []
    for content in pages:
        no = len(objs) + 1
        kids.append(f"{no} 0 R")
        objs.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {no + 1} 0 R "
            "/Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
            "/Encoding /WinAnsiEncoding >> >> >> >>"
        )
        objs.append(f"<< /Length {len(content.encode('latin-1'))} >>\nstream\n{content}\nendstream")
    objs[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(kids)} >>"
    out = b"%PDF-1.4\n"
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{off:010d} 00000 n \n".encode() for off in offsets)
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


def _line(x: float, y: float, *runs: Run) -> str:
    """One text object: its runs drawn one after the other from (x, y)."""
    ops = [f"BT {x} {y} Td"]
    for text, size, rise in runs:
        t = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        ops.append(f"/F1 {size} Tf {rise} Ts ({t}) Tj")
    return " ".join([*ops, "ET"])


NOTES = "\n".join(
    [
        _line(
            72,
            790,
            ("The council voted on Monday to rebuild the flood wall.", 11, 0),
            ("1", 7, 4),
            (" The project will cost", 11, 0),
        ),
        _line(
            72,
            776,
            ("forty-eight million dollars,", 11, 0),
            ("12", 7, 4),
            (" most of it from a state fund; in 1962", 11, 0),
        ),
        _line(
            72,
            762,
            ("the river carried 900 m", 11, 0),
            ("3", 7, 4),
            (" of water a second, quickly jumping its banks.", 11, 0),
        ),
        _line(72, 748, ("A note ends this line, raised after its last word", 11, 0), ("2", 7, 4)),
        _line(72, 734, ("and the next line starts plainly, with 3 small words.", 11, 0)),
        _line(72, 860, ("This line is drawn above the page, where no one sees it.", 11, 0)),
        _line(
            72,
            720,
            ("Mixed sizes on one baseline: ", 11, 0),
            ("SMALLER WORDS", 8, 0),
            (" then back.", 11, 0),
        ),
    ]
)
# the letter after a mark character, or after one drawn off the page, is asked for its own
# font size (the one before may be set in another)
SIZES = "\n".join(
    [
        _line(72, 700, ("7", 11, 0), ("LARGERWORDS", 16, 0)),
        _line(-50, 650, ("abc", 30, 0), ("dehklmn", 10, 0)),
        _line(72, 600, ("a", 6, 0), ("77", 30, 0)),
    ]
)
ROWS = [
    ("Floods along the river have grown", "mined by the current, as the old"),
    ("more frequent in the last decade,", "wall was in the flood two years"),
    ("and the engineers say the wall was", "ago. Residents can comment on"),
    ("never designed for such volumes.", "the design at two meetings."),
]
# both columns' lines in one text object each: PDFium reads a row as one line of its own
COLUMNS = "\n".join(
    f"BT /F1 10 Tf 72 {700 - 13 * k} Td ({a}) Tj 260 0 Td ({b}) Tj ET"
    for k, (a, b) in enumerate(ROWS)
)


def _lines(data: bytes, *, by_character: bool = False) -> list[list[tuple[Any, ...]]]:
    doc = pdfium.PdfDocument(data)
    try:
        return [
            [tuple(vars(ln).values()) for ln in _page_lines(page, by_character=by_character)]
            for page in doc
        ]
    finally:
        doc.close()


def test_marks_exponents_columns_and_clipped_text_on_a_hand_written_page() -> None:
    doc = pdfium.PdfDocument(_pdf([NOTES, COLUMNS]))
    try:
        notes, columns = (
            [ln.text for ln in _columns(_page_lines(page), page.get_width())] for page in doc
        )
    finally:
        doc.close()
    assert notes == [
        "The council voted on Monday to rebuild the flood wall.\x031\x04",
        "The project will cost",
        "forty-eight million dollars,\x031\x04\x032\x04 most of it from a state fund; in 1962",
        "the river carried 900 m³",
        "of water a second, quickly jumping its banks.",
        "A note ends this line, raised after its last word\x032\x04",
        "and the next line starts plainly, with 3 small words.",
        "Mixed sizes on one baseline: SMALLER WORDS then back.",
    ]
    # a row of PDFium's text crosses the gap between the columns: two lines, read by column
    assert columns == [a for a, _b in ROWS] + [b for _a, b in ROWS]


def test_a_letter_after_a_mark_or_after_clipped_text_has_its_own_font_size() -> None:
    (sizes,) = _lines(_pdf([SIZES]))
    assert [(ln[0], ln[-1]) for ln in sizes] == [
        ("7LARGERWORDS", 16.0),
        ("dehklmn", 10.0),
        ("a77", 30.0),
    ]


@pytest.mark.parametrize("name", ["article.pdf", "two-columns.pdf", "footnotes.pdf"])
def test_plain_pieces_read_as_character_by_character_on_the_test_pdfs(name: str) -> None:
    from pathlib import Path

    data = (Path(__file__).resolve().parents[1] / "data" / "formats" / name).read_bytes()
    assert _lines(data) == _lines(data, by_character=True)


def test_plain_pieces_read_as_character_by_character_on_the_hand_written_pages() -> None:
    data = _pdf([NOTES, COLUMNS, SIZES])
    assert _lines(data) == _lines(data, by_character=True)


WORDS = [
    "the",
    "river",
    "wall",
    "flood",
    "1962",
    "3",
    "m",
    "quickly",
    "jumping",
    "gypsy",
    "12",
    "council,",
    "voted.",
    "fund;",
    "x2",
    "(a)",
    "high-way",
    "*",
    "7",
]


def _random_page(rng: random.Random) -> str:
    """Lines of words and raised or lowered marks in several sizes, some on one baseline,
    some going back up the page, some across a column gap, some above or below the page."""
    out = []
    y = 800
    for _ in range(rng.randint(3, 25)):
        x = rng.choice([72, 72, 72, 90, 300, 320])
        runs: list[Run] = []
        for _ in range(rng.randint(1, 5)):
            if rng.random() < 0.25:
                mark = rng.choice(["1", "2", "12", "*", "3", "a"])
                runs.append((mark, rng.choice([6, 7, 11]), rng.choice([0, 3, 4, 6, -2])))
            else:
                text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 8)))
                runs.append(
                    (
                        rng.choice(["", " "]) + text,
                        rng.choice([10, 11, 11, 14]),
                        rng.choice([0, 0, 2]),
                    )
                )
        out.append(_line(x, y, *runs))
        if rng.random() < 0.2:
            gap = rng.choice([150, 250, -100])
            out.append(f"BT /F1 10 Tf {x} {y} Td (left part) Tj {gap} 0 Td (right part) Tj ET")
        y -= rng.choice([0, 6, 12, 13, 14, 30, -20, 60])
        if rng.random() < 0.05:
            y = rng.choice([860, 845, -5])
    return "\n".join(out)


@pytest.mark.parametrize("seed", range(40))
def test_plain_pieces_read_as_character_by_character_on_random_pages(seed: int) -> None:
    rng = random.Random(seed)
    data = _pdf([_random_page(rng) for _ in range(2)])
    assert _lines(data) == _lines(data, by_character=True)
    pdf_blocks(data)  # and the blocks are built from them
