"""The pages: valid PDF, text in reading order, whole lines, fonts, links, outline, sizes."""

from __future__ import annotations

import re
import subprocess
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from diptych.export.pdf import Include, export_pdf
from diptych.export.plan import geometry
from helpers.articles import make_article
from helpers.export import assert_in_order, pdftotext, squeeze


@pytest.mark.parametrize("layout", ["sequential", "parallel"])
@pytest.mark.parametrize("size", ["a4", "letter"])
def test_qpdf_check_passes_and_page_size_and_orientation_match(
    app: Any, pair: Any, topics: Any, claims: Any, tmp_path: Path, layout: str, size: str
) -> None:
    out = tmp_path / "o.pdf"
    export_pdf(out, *pair, claims=claims, topics=topics, layout=layout, page_size=size)
    check = subprocess.run(["qpdf", "--check", str(out)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "No syntax or stream encoding errors" in check.stdout
    box = PdfReader(str(out)).pages[1].mediabox
    w, h = {"a4": (595, 842), "letter": (612, 792)}[size]
    if layout == "parallel":
        w, h = h, w
    assert (round(float(box.width)), round(float(box.height))) == (w, h)


def test_sequential_text_comes_out_a_then_b_in_reading_order(
    app: Any, pair: Any, topics: Any, claims: Any, tmp_path: Path
) -> None:
    a, b = pair
    out = tmp_path / "s.pdf"
    result = export_pdf(out, *pair, claims=claims, topics=topics)
    geo = geometry("a4", landscape=False, resolution=72)
    pages = range(result.page_numbers["a"], result.page_numbers["appendix"])
    body = _text_area(out, pages, geo.left - 2, geo.column_width + 4, landscape=False)
    blocks = [a.text[x.start : x.end] for x in a.blocks] + [
        b.text[x.start : x.end] for x in b.blocks
    ]
    assert_in_order(body, blocks)
    # each article's text appears once: no line drawn twice at a page break
    for x in a.blocks[2:]:
        assert squeeze(body).count(squeeze(a.text[x.start : x.end])) == 1


def _text_area(out: Path, pages: range, x: float, width: float, *, landscape: bool) -> str:
    """Text inside one column's area of each page (running heads and margins left out)."""
    geo = geometry("a4", landscape=landscape, resolution=72)
    chunks = []
    for p in pages:
        chunks.append(
            pdftotext(
                out, "-f", str(p), "-l", str(p), "-r", "72",
                "-x", str(int(x)), "-y", str(int(geo.top - 3)),
                "-W", str(int(width)), "-H", str(int(geo.bottom - geo.top + 6)),
            )
        )  # fmt: skip
    return "\n".join(chunks)


@pytest.mark.parametrize("with_topics", [True, False], ids=["topic-rows", "no-topics"])
def test_parallel_columns_read_a_on_the_left_and_b_on_the_right_in_order(
    app: Any, pair: Any, topics: Any, claims: Any, tmp_path: Path, with_topics: bool
) -> None:
    a, b = pair
    out = tmp_path / "p.pdf"
    result = export_pdf(
        out, *pair, claims=claims, topics=topics if with_topics else None, layout="parallel"
    )
    geo = geometry("a4", landscape=True, resolution=72)
    pages = range(result.page_numbers["a"], result.page_numbers["appendix"])
    left = _text_area(out, pages, geo.left - 2, geo.column_width + 4, landscape=True)
    right = _text_area(out, pages, geo.right_column_x - 2, geo.column_width + 4, landscape=True)
    assert_in_order(left, [a.text[x.start : x.end] for x in a.blocks])
    assert_in_order(right, [b.text[x.start : x.end] for x in b.blocks])
    # nothing of B leaks into the left column and vice versa
    assert squeeze(b.text[b.blocks[0].start : b.blocks[0].end]) not in squeeze(left)
    assert squeeze(a.text[a.blocks[0].start : a.blocks[0].end]) not in squeeze(right)


def test_parallel_rows_put_the_same_topic_side_by_side(
    app: Any, pair: Any, topics: Any, tmp_path: Path
) -> None:
    out = tmp_path / "p.pdf"
    export_pdf(out, *pair, topics=topics, layout="parallel")
    bbox = pdftotext(out, "-bbox")
    # each band label is a word at the top of a row; the same topic name sits at the same height
    words = re.findall(
        r'<page width="([\d.]+)"|<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="[\d.]+">([^<]+)</word>',
        bbox,
    )
    page = -1
    rows: dict[tuple[int, float], list[tuple[float, str]]] = {}
    for pw, x, y, w in words:
        if pw:
            page += 1
            continue
        if w in ("Wages", "Prices", "Ministers"):
            rows.setdefault((page, round(float(y))), []).append((float(x), w))
    facing = [v for v in rows.values() if len(v) == 2]
    assert facing, "no topic faces itself"
    for (x1, w1), (x2, w2) in (sorted(v) for v in facing):
        assert w1 == w2 and x1 < 421 < x2


def test_no_line_is_cut_at_a_page_break(app: Any, pair: Any, tmp_path: Path) -> None:
    out = tmp_path / "s.pdf"
    export_pdf(out, *pair, include=Include(cover=False))
    geo = geometry("a4", landscape=False, resolution=72)
    bbox = pdftotext(out, "-bbox")
    words = re.findall(r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)"', bbox)
    assert len(words) > 1000
    for y0, y1 in ((float(a), float(b)) for a, b in words):
        in_head = y1 < geo.top - 5
        in_foot = y0 > geo.bottom + 5
        assert in_head or in_foot or (geo.top - 1 <= y0 and y1 <= geo.bottom + 1), (y0, y1)


def test_fonts_are_embedded_and_ligatures_are_off(app: Any, tmp_path: Path) -> None:
    a = make_article(
        [
            ("title", "Office fluff"),
            ("paragraph", "The first official fifty affine workflows suffice."),
        ]
    )
    b = make_article([("paragraph", "Difficult efficient fjords.")], article_id="t:b")
    out = tmp_path / "f.pdf"
    export_pdf(out, a, b)
    fonts = subprocess.run(
        ["pdffonts", str(out)], capture_output=True, text=True, check=True
    ).stdout
    rows = fonts.splitlines()[2:]
    assert rows and all(re.search(r"\byes\s+(yes|no)\s+(yes|no)\s+\d+", r) for r in rows), fonts
    assert all(r.split()[-5] == "yes" for r in rows), fonts  # "emb" column
    text = pdftotext(out)
    assert "The first official fifty affine workflows suffice." in " ".join(text.split())
    assert not re.search("[\ufb00-\ufb06]", text)


def test_hyperlinks_stay_clickable(app: Any, tmp_path: Path) -> None:
    a = make_article(
        [("title", "Links"), ("paragraph", "Read the report online before the vote.")],
        styles=[("link", "the report online", "https://example.org/report")],
    )
    b = make_article([("paragraph", "Other text.")], article_id="t:b")
    out = tmp_path / "l.pdf"
    export_pdf(out, a, b, highlights=[], include=Include(cover=False))
    uris = [
        ref.get_object()["/A"]["/URI"]
        for page in PdfReader(str(out)).pages
        for ref in page.get("/Annots", []) or []
        if ref.get_object()["/Subtype"] == "/Link" and "/A" in ref.get_object()
    ]
    assert "https://example.org/report" in uris


def test_outline_lists_articles_then_topic_sections_and_appendix_entries_link_back(
    app: Any, pair: Any, topics: Any, claims: Any, tmp_path: Path
) -> None:
    out = tmp_path / "o.pdf"
    export_pdf(out, *pair, claims=claims, topics=topics)
    reader = PdfReader(str(out))
    outline = reader.outline
    titles = [o.title for o in outline if not isinstance(o, list)]
    assert titles[0] == "Cover"
    assert titles[1].startswith("A · Alpha") and titles[2].startswith("B · Beta")
    assert titles[3] == "Appendix"
    a_children = outline[2]
    assert [c.title for c in a_children] == [s.topic for s in topics.a]
    # the first topic bookmark points at the page holding that section's heading
    first = a_children[0]
    page = reader.get_destination_page_number(first)
    heading = pair[0].blocks[topics.a[0].first_block]
    assert squeeze(pair[0].text[heading.start : heading.end]) in squeeze(
        reader.pages[page].extract_text()
    )
    # claims appendix: each sentence entry is a link to its place
    goto = [
        ref.get_object()
        for p in reader.pages
        for ref in p.get("/Annots", []) or []
        if ref.get_object()["/Subtype"] == "/Link" and "/Dest" in ref.get_object()
    ]
    assert len(goto) >= 4 * len(claims)  # 2 margin numbers + 2 appendix entries per claim


def test_metadata_title_subject_creator_and_date(app: Any, pair: Any, tmp_path: Path) -> None:
    out = tmp_path / "m.pdf"
    export_pdf(out, *pair, title="My pair", author="Reader")
    meta = PdfReader(str(out)).metadata
    assert meta.title == "My pair"
    assert "Alpha" in meta.subject and "Beta" in meta.subject
    assert meta.creator.startswith("Diptych")
    assert meta.author == "Reader"
    assert meta.creation_date is not None


def test_include_options_leave_out_cover_annotations_and_appendix(
    app: Any, pair: Any, topics: Any, claims: Any, tmp_path: Path
) -> None:
    from helpers.export import random_highlights

    out = tmp_path / "bare.pdf"
    bare = Include(cover=False, highlights=False, claims=False, notes=False, topics=False)
    result = export_pdf(
        out,
        *pair,
        highlights=random_highlights(pair, 5),
        claims=claims,
        topics=topics,
        include=bare,
    )
    reader = PdfReader(str(out))
    subtypes = {
        ref.get_object()["/Subtype"] for p in reader.pages for ref in p.get("/Annots", []) or []
    }
    assert "/Highlight" not in subtypes and "/Link" not in subtypes
    assert result.page_numbers["a"] == 1 and "appendix" not in result.page_numbers
    titles = [o.title for o in reader.outline if not isinstance(o, list)]
    assert titles == [f"A · {pair[0].title}", f"B · {pair[1].title}"]
    assert "Appendix" not in pdftotext(out)


@pytest.mark.parametrize("layout", ["sequential", "parallel"])
def test_no_paragraph_leaves_a_single_line_alone_on_a_page(
    app: Any, pair: Any, topics: Any, layout: str
) -> None:
    """No orphan (a paragraph's first line alone at the foot of a page) and no widow (its last
    line alone at the top of the next), checked on where the planner put every line."""
    from diptych.export.render import Renderer

    r = Renderer(
        *pair,
        highlights=[],
        orphans=[],
        claims=[],
        topics=topics,
        layout=layout,
        page_size="a4",
        include=Include(cover=False),
        pair_title="t",
        author="me",
        exported_at=datetime.now(UTC),
        report=lambda _f, _m: None,
        check=lambda: None,
    )
    try:
        r.render()
        splits = 0
        for side in ("a", "b"):
            laid = r.plan.docs[side]
            place = r.plan.place[side]
            for blk in range(laid.block_count):
                lines = laid.line_range(blk, blk)
                if len(lines) < 2 or laid.kinds[blk] not in ("paragraph", "quote", "list_item"):
                    continue
                pages = [place[i][0] for i in lines]  # type: ignore[index]
                parts = [pages.count(p) for p in dict.fromkeys(pages)]
                if len(parts) > 1:
                    splits += 1
                    assert min(parts) >= 2, (side, blk, parts)
        assert splits >= 3  # paragraphs do break across pages (the check above has work to do)
    finally:
        r.close()


@pytest.mark.parametrize("layout", ["sequential", "parallel"])
def test_an_untitled_article_is_named_by_its_file_in_the_running_heads(
    app: Any, pair: Any, tmp_path: Path, layout: str
) -> None:
    """Polish: a .txt article without a title line gave the running head "B · " and nothing."""
    from dataclasses import replace

    from diptych.core.reading.articles import load_article

    txt = tmp_path / "harbour-notes.txt"
    txt.write_text(
        "A plain text file with no title line, just prose about the harbour and its ships.\n\n"
        + "\n\n".join(f"Paragraph {i} says the ships came in late again." for i in range(40)),
        encoding="utf-8",
    )
    b = load_article(txt)
    assert b.title == ""
    out = tmp_path / "o.pdf"
    export_pdf(out, pair[0], replace(b, id="test:b-untitled"), layout=layout)
    text = pdftotext(out)
    assert "B · harbour-notes.txt" in text
    assert not re.search(r"\bB · \s*$", text, re.MULTILINE)


def test_every_bookmark_and_link_names_a_place_on_its_page_not_only_the_page(
    app: Any, pair: Any, topics: Any, claims: Any, tmp_path: Path
) -> None:
    """/XYZ destinations carry numbers for left and top: pdfannots (and readers like it)
    take a null coordinate as "somewhere on this page" and then file every annotation of
    the page under its last bookmark."""
    out = tmp_path / "d.pdf"
    export_pdf(out, *pair, claims=claims, topics=topics)
    reader = PdfReader(str(out))

    def items(nodes: list[Any]) -> list[Any]:
        flat = []
        for n in nodes:
            flat.extend(items(n) if isinstance(n, list) else [n])
        return flat

    marks = items(reader.outline)
    assert len(marks) > 4
    for mark in marks:
        assert mark["/Type"] == "/XYZ"
        assert isinstance(mark["/Left"], int | float), mark.title
        assert isinstance(mark["/Top"], int | float), mark.title
    for page in reader.pages:
        for ref in page.get("/Annots", []) or []:
            dest = ref.get_object().get("/Dest")
            if dest is not None:
                assert str(dest[1]) == "/XYZ"
                assert all(isinstance(v, int | float) for v in (dest[2], dest[3])), dest
