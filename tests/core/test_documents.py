"""PDF, EPUB and DOCX files made by real tools (tests/data/formats/make_formats.py: Qt, pypdf,
python-docx, ebooklib), and hostile ones: encrypted, scanned, zip bombs, 500 pages."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from diptych.core.errors import ArticleError
from diptych.core.model import Article
from diptych.core.reading.articles import load_article

FORMATS = Path(__file__).resolve().parents[1] / "data" / "formats"


def blocks_of(art: Article, kind: str | None = None) -> list[str]:
    return [art.text[b.start : b.end] for b in art.blocks if kind is None or b.kind == kind]


def test_pdf_printed_by_qt_has_title_byline_paragraphs_and_no_page_numbers() -> None:
    art = load_article(FORMATS / "article.pdf")
    assert art.meta.source_format == "pdf"
    assert blocks_of(art)[0] == "River wall approved" and art.blocks[0].kind == "title"
    assert art.meta.byline == "Maria Lopez"
    assert blocks_of(art, "heading") == ["Part 1", "Part 6", "Part 11"]
    paras = blocks_of(art, "paragraph")
    assert len(paras) == 14
    for i, p in enumerate(paras, start=1):
        assert p.endswith(f"This is paragraph {i} of the article.")
    assert [r.text for r in art.removed if r.kind == "page number"] == ["1", "2", "3"]
    assert not any(p.strip().isdigit() for p in blocks_of(art))


def test_two_column_pdf_reads_in_order_joins_hyphenation_and_lists_running_heads() -> None:
    art = load_article(FORMATS / "two-columns.pdf")
    paras = blocks_of(art)
    assert len(paras) == 6
    assert paras[0].startswith("Floods along the Ash River")
    assert "so that it cannot be undermined by the current" in paras[1]
    assert paras[2].startswith("Residents can comment") and paras[3].startswith("Storms along")
    assert "MILLBROOK COURIER" not in art.text
    kinds = [(r.kind, r.text) for r in art.removed]
    assert kinds.count(("running head", "MILLBROOK COURIER — SPRING EDITION")) == 2
    assert ("page number", "2") in kinds


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("scanned.pdf", "has no text layer (a scanned PDF?)"),
        ("encrypted.pdf", "is an encrypted PDF (it needs a password)"),
    ],
)
def test_pdf_without_text_or_with_password_says_so(name: str, message: str) -> None:
    with pytest.raises(ArticleError) as exc:
        load_article(FORMATS / name)
    assert message in str(exc.value) and "\n" not in str(exc.value)


def test_truncated_pdf_is_a_clear_error(tmp_path: Path) -> None:
    f = tmp_path / "cut.pdf"
    f.write_bytes((FORMATS / "article.pdf").read_bytes()[:3000])
    with pytest.raises(ArticleError, match=r"is not a readable PDF|no text layer"):
        load_article(f)


def test_docx_saved_by_python_docx() -> None:
    art = load_article(FORMATS / "article.docx")
    assert art.meta.source_format == "docx"
    assert blocks_of(art, "title") == ["River wall approved"]
    assert "What happens next" in blocks_of(art, "heading")
    assert blocks_of(art, "list_item") == [
        "Survey the riverbank in summer",
        "Start construction next year",
    ]
    bold = [art.text[s.start : s.end] for s in art.styles if s.kind == "bold"]
    assert bold == ["rebuild the flood wall"]


def test_epub_built_by_ebooklib_reads_chapters_in_spine_order() -> None:
    art = load_article(FORMATS / "article.epub")
    assert art.meta.source_format == "epub" and art.meta.byline == "Maria Lopez"
    assert art.meta.title == "The River Book" and blocks_of(art)[0] == "The River Book"
    heads = [t for t in blocks_of(art) if t in ("The wall", "The town downstream")]
    assert heads == ["The wall", "The town downstream"]
    assert "Opponents argued" in art.text


def _bomb(kind: str) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        if kind == "epub":
            zf.writestr("mimetype", "application/epub+zip", compress_type=zipfile.ZIP_STORED)
            zf.writestr("META-INF/container.xml", "<container/>")
            zf.writestr("OEBPS/chapter.xhtml", b"\0" * (64 * 1024 * 1024))
        else:
            zf.writestr("word/document.xml", b" " * (64 * 1024 * 1024))
    return buf.getvalue()


@pytest.mark.parametrize("kind", ["epub", "docx"])
def test_zip_bomb_is_refused_unopened(tmp_path: Path, kind: str) -> None:
    f = tmp_path / f"bomb.{kind}"
    f.write_bytes(_bomb(kind))
    assert f.stat().st_size < 1024 * 1024
    with pytest.raises(ArticleError, match="zip bomb"):
        load_article(f)


def _many_pages(n: int, path: Path) -> None:
    from pypdf import PdfReader, PdfWriter

    src = PdfReader(str(FORMATS / "article.pdf"))
    w = PdfWriter()
    for i in range(n):
        w.add_page(src.pages[i % len(src.pages)])
    with open(path, "wb") as fh:
        w.write(fh)


@pytest.mark.slow
def test_500_page_pdf_loads_with_progress(tmp_path: Path) -> None:
    f = tmp_path / "long.pdf"
    _many_pages(500, f)
    seen: list[tuple[int, int]] = []
    art = load_article(f, progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (500, 500) and len(seen) == 500
    assert art.text.count("This is paragraph 1 of the article.") >= 160


def test_pdf_over_the_page_limit_is_refused_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from diptych.core.reading import documents

    monkeypatch.setattr(documents, "MAX_PAGES", 5)
    f = tmp_path / "long.pdf"
    _many_pages(6, f)
    with pytest.raises(ArticleError, match="has 6 pages"):
        load_article(f)


def test_pdf_footnote_marks_are_taken_out_and_listed_exponents_kept() -> None:
    # printed by Qt from HTML with <sup> marks (make_formats.py: make_footnotes_pdf)
    art = load_article(FORMATS / "footnotes.pdf")
    paras = blocks_of(art, "paragraph")
    assert paras[0] == (
        "The council voted on Monday to rebuild the flood wall. The project will cost "
        "forty-eight million dollars, most of it from a state fund."
    )
    # an exponent after a number's unit stays, as a superscript; a mark after a word goes
    assert paras[1].startswith("Engineers say the river now carries 900 m³ of water")
    assert paras[1].endswith("the old wall was built for in 1962.")
    marks = [(r.text, art.text[r.at - 6 : r.at]) for r in art.removed if r.kind == "footnote mark"]
    assert marks == [("1", " wall."), ("12", "llars,"), ("*", "lt for")]


def test_pdf_text_drawn_outside_the_page_is_not_read() -> None:
    """Qt prints a paragraph that runs over a page break on both pages and clips it: the
    second page holds the first page's last line again, above its top edge, where no one
    sees it. It is not read twice ('… the neighbouring town push water downstream to the
    neighbouring town of Eastford')."""
    from diptych.core.reading.documents import _page_lines  # the lines a page shows

    art = load_article(FORMATS / "article.pdf")
    paras = blocks_of(art, "paragraph")
    expected = (
        "Opponents argued that raising the wall would only push water downstream to the "
        "neighbouring town of Eastford, whose officials have asked for a study of the "
        "floodplain. This is paragraph {} of the article."
    )
    for i in (3, 6, 9, 12):
        assert paras[i - 1] == expected.format(i)
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(FORMATS / "article.pdf"))
    try:
        for page in pdf:
            height = page.get_height()
            assert all(ln.bottom >= 0 and ln.top <= height for ln in _page_lines(page))
    finally:
        pdf.close()


def _damaged(kind: str, how: str) -> bytes:
    """article.epub or article.docx with its main part's data damaged, or its sizes lying,
    or that part locked with a password."""
    import struct
    import zipfile

    data = bytearray((FORMATS / f"article.{kind}").read_bytes())
    part = "EPUB/chap_1.xhtml" if kind == "epub" else "word/document.xml"
    info = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo(part)
    off = info.header_offset
    name_len, extra_len = struct.unpack("<HH", data[off + 26 : off + 30])
    start = off + 30 + name_len + extra_len
    if how == "damaged":
        for k in range(start + 10, start + 40):
            data[k] ^= 0x55
    elif how == "lying":  # the sizes say 10 bytes; the data holds more
        data[off + 22 : off + 26] = struct.pack("<I", 10)
        central = bytes(data).rfind(part.encode())
        entry = central - 46
        data[entry + 24 : entry + 28] = struct.pack("<I", 10)
    else:  # the "encrypted" flag set on the part
        data[off + 6] |= 1
        central = bytes(data).rfind(part.encode())
        data[central - 46 + 8] |= 1
    return bytes(data)


@pytest.mark.parametrize("how", ["damaged", "lying", "locked"])
@pytest.mark.parametrize("kind", ["epub", "docx"])
def test_a_zip_member_that_cannot_be_unpacked_is_one_clear_line(
    tmp_path: Path, kind: str, how: str
) -> None:
    f = tmp_path / f"bad.{kind}"
    f.write_bytes(_damaged(kind, how))
    with pytest.raises(ArticleError) as exc:
        load_article(f)
    text = str(exc.value)
    assert text.startswith(f"{f}: is not a readable {kind.upper()}"), text
    assert "damaged or locked" in text and "\n" not in text


def test_epub_as_sigil_writes_it_reads_every_chapter_and_not_its_contents_page(
    tmp_path: Path,
) -> None:
    """Sigil and Calibre give the navigation document an id of its own name (marked by
    properties="nav") and percent-encode hrefs ("Chapter%201.xhtml" for "Chapter 1.xhtml")."""

    def page(title: str, body: str) -> str:
        return (
            '<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml">'
            f"<head><title>{title}</title></head><body>{body}</body></html>"
        )

    f = tmp_path / "sigil.epub"
    with zipfile.ZipFile(f, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("mimetype", "application/epub+zip", compress_type=zipfile.ZIP_STORED)
        zf.writestr(
            "META-INF/container.xml",
            '<?xml version="1.0"?><container version="1.0" '
            'xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles>'
            '<rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>'
            "</rootfiles></container>",
        )
        zf.writestr(
            "OEBPS/content.opf",
            '<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0">'
            '<metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Two Rivers</dc:title>'
            "</metadata><manifest>"
            '<item id="nav.xhtml" href="Text/nav.xhtml" media-type="application/xhtml+xml" '
            'properties="nav"/>'
            '<item id="c1" href="Text/Chapter%201.xhtml" media-type="application/xhtml+xml"/>'
            '<item id="c2" href="Text/Chapter%202.xhtml" media-type="application/xhtml+xml"/>'
            '</manifest><spine><itemref idref="nav.xhtml"/><itemref idref="c1"/>'
            '<itemref idref="c2"/></spine></package>',
        )
        zf.writestr(
            "OEBPS/Text/nav.xhtml",
            page(
                "Contents",
                '<nav><ol><li><a href="Chapter%201.xhtml">Upstream</a></li>'
                '<li><a href="Chapter%202.xhtml">Downstream</a></li></ol></nav>',
            ),
        )
        for n, (head, text) in enumerate(
            [
                ("Upstream", "The council voted to rebuild the wall along the river."),
                ("Downstream", "Eastford asked for a study of the floodplain first."),
            ],
            start=1,
        ):
            zf.writestr(
                f"OEBPS/Text/Chapter {n}.xhtml", page(head, f"<h1>{head}</h1><p>{text}</p>")
            )
    art = load_article(f)
    assert "The council voted to rebuild" in art.text and "Eastford asked" in art.text
    assert art.text.count("Upstream") == 1 and art.text.count("Downstream") == 1
