"""Highlights become /Highlight annotations that other PDF programs read back exactly."""

from __future__ import annotations

import subprocess
import unicodedata
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
from pdfannots.utils import cleanup_text
from pypdf import PdfReader

from diptych.export.annotations import color_rgb
from diptych.export.pdf import ExportHighlight, ExportLink, OrphanHighlight, export_pdf
from helpers.export import pdfannots, pdftotext, random_highlights, squeeze


def _parts_by_highlight(annots: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    parts: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for an in annots:
        assert an["type"] == "Highlight"
        hid = an["name"].split("-")[1]
        parts[hid].append(an)
    for lst in parts.values():
        lst.sort(key=lambda x: x["page"])
    return parts


def _raw_annots(path: Path) -> list[tuple[int, dict[str, Any]]]:
    out = []
    for n, page in enumerate(PdfReader(str(path)).pages):
        for ref in page.get("/Annots", []) or []:
            obj = ref.get_object()
            if obj["/Subtype"] == "/Highlight":
                out.append((n, obj))
    return out


@pytest.mark.slow  # pdfminer reads the 14 pages in seconds (the Tj operators of each glyph run)
@pytest.mark.parametrize("layout", ["sequential", "parallel"])
def test_pdfannots_reads_every_highlight_with_exactly_its_text_note_and_page(
    app: Any, pair: Any, topics: Any, claims: Any, tmp_path: Path, layout: str
) -> None:
    hs = random_highlights(pair, 24, seed=11 if layout == "parallel" else 5)
    out = tmp_path / "out.pdf"
    result = export_pdf(out, *pair, highlights=hs, claims=claims, topics=topics, layout=layout)
    parts = _parts_by_highlight(pdfannots(out))
    assert set(parts) == {h.id for h in hs}
    assert result.annotations == sum(len(v) for v in parts.values())
    page_texts: dict[int, str] = {}
    for h in hs:
        got = parts[h.id]
        quote = (pair[0] if h.side == "a" else pair[1]).text[h.start : h.end]
        text = "".join(p["text"] or "" for p in got)
        assert squeeze(text) == squeeze(quote), h.id
        pages = [p["page"] for p in got]
        sections = topics.a if h.side == "a" else topics.b
        restarts = layout == "parallel" and any(h.start < s.start < h.end for s in sections)
        if restarts:
            # the parallel edition restarts both columns at a topic section: pages where only
            # the other article's section goes on may lie between the parts
            assert pages == sorted(pages) and len(set(pages)) == len(pages)
        else:
            assert pages == list(range(pages[0], pages[0] + len(pages)))  # consecutive pages
        for p in got:
            assert p["name"].endswith(f"-p{p['page']}")
            assert p["author"] == "Tester"
            assert p["created"].startswith("2026-11-20T10:00:00")
            if h.note:
                assert p["contents"] == cleanup_text(h.note)
            else:
                assert not p.get("contents")
        # the page pdfannots names really holds those words (each page read once)
        if pages[0] not in page_texts:
            page_texts[pages[0]] = squeeze(pdftotext(out, "-f", str(pages[0]), "-l", str(pages[0])))
        first_words = squeeze(got[0]["text"])[:40]
        assert first_words in page_texts[pages[0]]


def test_highlight_crossing_a_page_break_is_split_into_per_page_annotations_that_join_up(
    app: Any, pair: Any, tmp_path: Path
) -> None:
    a = pair[0]
    start = a.blocks[3].start
    end = a.blocks[min(len(a.blocks) - 1, 20)].end  # many paragraphs: spans page breaks
    h = ExportHighlight("a", start, end, note="long one", id="long")
    out = tmp_path / "long.pdf"
    export_pdf(out, *pair, highlights=[h], include=None)
    got = _parts_by_highlight(pdfannots(out))["long"]
    assert len(got) >= 2
    assert squeeze("".join(p["text"] for p in got)) == squeeze(a.text[start:end])
    raw = [obj for _n, obj in _raw_annots(out)]
    assert len(raw) == len(got)
    for obj in raw:
        quads = [float(v) for v in obj["/QuadPoints"]]
        assert len(quads) % 8 == 0 and len(quads) >= 16  # one quad per line, several lines
        for i in range(0, len(quads), 8):
            x0, y0, x1, y1, x2, y2, x3, y3 = quads[i : i + 8]
            # top-left, top-right, bottom-left, bottom-right
            assert y0 == y1 and y2 == y3 and y0 > y2
            assert x0 == x2 and x1 == x3 and x1 > x0


def test_highlight_crossing_a_line_break_has_one_quad_per_line(
    app: Any, pair: Any, tmp_path: Path
) -> None:
    a = pair[0]
    para = next(b for b in a.blocks if b.kind == "paragraph" and b.end - b.start > 400)
    h = ExportHighlight("a", para.start + 50, para.start + 260, id="x")
    out = tmp_path / "x.pdf"
    export_pdf(out, *pair, highlights=[h])
    (only,) = pdfannots(out)
    assert squeeze(only["text"]) == squeeze(a.text[h.start : h.end])
    ((_n, obj),) = _raw_annots(out)
    assert len(obj["/QuadPoints"]) >= 16


def test_annotation_carries_colour_opacity_dates_popup_and_multiply_appearance(
    app: Any, pair: Any, tmp_path: Path
) -> None:
    h = ExportHighlight(
        "b", 100, 180, color="green", note="n", author="Ann", created="2026-01-02T03:04:05Z", id="g"
    )
    out = tmp_path / "g.pdf"
    export_pdf(out, *pair, highlights=[h])
    ((_n, obj),) = _raw_annots(out)
    assert [round(float(c), 3) for c in obj["/C"]] == [round(c, 3) for c in color_rgb("green")]
    assert float(obj["/CA"]) > 0
    assert obj["/T"] == "Ann" and obj["/Contents"] == "n"
    assert obj["/CreationDate"] == "D:20260102030405+00'00'"
    assert str(obj["/M"]).startswith("D:2026")
    popup = obj["/Popup"].get_object()
    assert popup["/Subtype"] == "/Popup" and popup["/Parent"].get_object() == obj
    ap = obj["/AP"]["/N"].get_object()
    gs = ap["/Resources"]["/ExtGState"]
    assert any(g.get_object()["/BM"] == "/Multiply" for g in gs.values())


def test_notes_with_parentheses_backslashes_scripts_and_5000_characters_survive(
    app: Any, pair: Any, tmp_path: Path
) -> None:
    notes = {
        "paren": "unbalanced ) ( parentheses (nested (deep)) and a backslash \\ and \\n literal",
        "arabic": "ملاحظة بالعربية: هذا مهم",
        "cjk": "中文注释，日本語のメモ",
        "long": ("0123456789 " * 455)[:5000],
        "mixed": "Quote “this” — and ‘that’… tab\there\nsecond line",
    }
    a = pair[0]
    hs = [
        ExportHighlight("a", 40 + 90 * i, 70 + 90 * i, note=note, id=key)
        for i, (key, note) in enumerate(notes.items())
    ]
    out = tmp_path / "notes.pdf"
    export_pdf(out, *pair, highlights=hs)
    raw = {str(obj["/NM"]).split("-")[1]: obj for _n, obj in _raw_annots(out)}
    for key, note in notes.items():
        assert raw[key]["/Contents"] == note  # the exact string, read by pypdf
    parts = _parts_by_highlight(pdfannots(out))
    for h in hs:
        (got,) = parts[h.id]
        assert got["contents"] == cleanup_text(h.note)  # as pdfannots prints it
        assert squeeze(got["text"]) == squeeze(a.text[h.start : h.end])
    # the appendix prints the notes: the scripts render with embedded fonts
    appendix = unicodedata.normalize("NFKC", pdftotext(out))
    assert "ملاحظة" in appendix or "ملاحظة"[::-1] in appendix
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True).stdout
    rows = fonts.splitlines()[2:]
    assert rows and all(" yes " in r for r in rows)  # every font embedded
    from PySide6.QtGui import QFontDatabase

    # (Qt's own font list: fontconfig's fc-list is not on every machine)
    if QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese):
        assert "中文注释" in appendix
    else:  # pragma: no cover - CI should install fonts-droid-fallback or fonts-noto-cjk
        pytest.skip("no CJK font installed (apt-get install fonts-droid-fallback)")


def test_orphans_are_listed_in_the_appendix_and_never_placed(
    app: Any, pair: Any, tmp_path: Path
) -> None:
    orphan = OrphanHighlight("a", quote="words that vanished from the article", note="keep me")
    bad_range = ExportHighlight("b", 10**7, 10**7 + 5, note="out of range", id="bad")
    out = tmp_path / "o.pdf"
    result = export_pdf(out, *pair, highlights=[bad_range], orphans=[orphan])
    assert _raw_annots(out) == []
    assert result.orphans == 2
    text = pdftotext(out)
    assert "words that vanished from the article" in " ".join(text.split())
    assert "keep me" in text and "out of range" in text
    assert "Orphaned highlights" in text


def test_linked_highlights_carry_the_link_in_both_notes(
    app: Any, pair: Any, tmp_path: Path
) -> None:
    a, b = pair
    ha = ExportHighlight("a", a.blocks[4].start, a.blocks[4].start + 40, note="left", id="L")
    hb = ExportHighlight("b", b.blocks[6].start, b.blocks[6].start + 50, note="right", id="R")
    out = tmp_path / "link.pdf"
    export_pdf(out, *pair, highlights=[ha, hb], links=[ExportLink("L", "R", "same claim")])
    raw = {str(obj["/NM"]).split("-")[1]: str(obj["/Contents"]) for _n, obj in _raw_annots(out)}
    assert raw["L"].startswith("left\n\nLinked with B, p. ")
    assert raw["R"].startswith("right\n\nLinked with A, p. ")
    assert b.text[hb.start : hb.start + 20] in raw["L"]
    assert a.text[ha.start : ha.start + 20] in raw["R"]
    assert "same claim" in raw["L"] and "same claim" in raw["R"]


def test_poppler_draws_each_highlight_in_its_colour(app: Any, pair: Any, tmp_path: Path) -> None:
    a = pair[0]
    para = next(b for b in a.blocks if b.kind == "paragraph")
    colors = ["yellow", "blue", "#ff8800"]
    hs = [
        ExportHighlight("a", para.start + 40 * i, para.start + 40 * i + 30, color=c, id=f"c{i}")
        for i, c in enumerate(colors)
    ]
    out = tmp_path / "c.pdf"
    export_pdf(out, *pair, highlights=hs, include=None)
    from PySide6.QtGui import QImage

    dpi = 96
    for page, obj in _raw_annots(out):
        prefix = tmp_path / f"p{page}"
        subprocess.run(
            [
                "pdftoppm", "-png", "-r", str(dpi), "-f", str(page + 1), "-l", str(page + 1),
                "-singlefile", str(out), str(prefix),
            ],
            check=True,
        )  # fmt: skip
        img = QImage(str(prefix) + ".png")
        k = dpi / 72
        q = [float(v) for v in obj["/QuadPoints"]]
        quads = [q[i : i + 8] for i in range(0, len(q), 8)]
        x0, top, x1, _y1, _x2, bottom, _x3, _y3 = max(quads, key=lambda t: t[2] - t[0])
        want = [round(float(c) * 255) for c in obj["/C"]]
        h = img.height() / k
        inside = close = 0
        for x in range(int(x0 * k) + 2, int(x1 * k) - 2):
            for y in range(int((h - top) * k) + 2, int((h - bottom) * k) - 2):
                c = img.pixelColor(x, y)
                inside += 1
                got = (c.red(), c.green(), c.blue())
                close += max(abs(g - w) for g, w in zip(got, want, strict=True)) <= 8
        # most of a highlighted line is background between glyphs: it must be the colour
        assert inside and close / inside > 0.4, (obj["/NM"], close / inside)


def test_highlight_after_emoji_and_accents_lands_on_the_same_words(
    app: Any, tmp_path: Path
) -> None:
    from helpers.articles import make_article

    text = "Crowds 🎉🎉 cheered in El Alto 👍 while Añez 🇧🇴 took the oath before the assembly."
    a = make_article([("title", "Emoji"), ("paragraph", text)])
    b = make_article([("paragraph", "Other side.")], article_id="t:b")
    start = a.text.index("took the oath")
    h = ExportHighlight("a", start, start + len("took the oath before"), note="after emoji", id="e")
    out = tmp_path / "e.pdf"
    export_pdf(out, a, b, highlights=[h])
    (got,) = pdfannots(out)
    assert squeeze(got["text"]) == squeeze("took the oath before")


@pytest.mark.parametrize(
    ("first", "last"), [("هذا", "السطر"), ("minister said", "نص عربي")], ids=["rtl", "ltr-into-rtl"]
)
def test_highlight_on_right_to_left_words_covers_exactly_those_words(
    app: Any, tmp_path: Path, first: str, last: str
) -> None:
    from helpers.articles import make_article

    text = (
        "The minister said: هذا نص عربي طويل نسبيا يمتد عبر السطر ثم يعود إلى الإنجليزية. "
        "Then the English text continues for a while after the quotation."
    )
    a = make_article([("title", "Bidi"), ("paragraph", text)])
    b = make_article([("paragraph", "Other.")], article_id="t:b")
    s, e = a.text.index(first), a.text.index(last) + len(last)
    out = tmp_path / "rtl.pdf"
    export_pdf(out, a, b, highlights=[ExportHighlight("a", s, e, id="r")])
    got = "".join(p["text"] for p in pdfannots(out))
    # pdfminer returns Arabic as presentation forms, in visual order within each piece
    got_chars = sorted(squeeze(unicodedata.normalize("NFKC", got)))
    assert got_chars == sorted(squeeze(a.text[s:e]))


def test_bidi_controls_are_shown_not_obeyed_in_text_annotations_and_metadata(
    app: Any, pair: Any, tmp_path: Path
) -> None:
    """Tryout: a U+202E in a note made the appendix read "abcfed", /Contents held the raw
    override and ``--title`` put it in the cover and the Title metadata. Shown as U+FFFD,
    as the Markdown export and the tooltips do."""
    hs = [
        ExportHighlight("a", 40, 70, note="abc\u202edef", id="rlo", tags=("x\u2067y",)),
        ExportHighlight("a", 130, 160, note="plain", id="other"),
    ]
    links = [ExportLink("rlo", "other", note="link\u202enote")]
    out = tmp_path / "bidi.pdf"
    export_pdf(
        out, *pair, highlights=hs, links=links, title="<b>T</b>\u202eevil", author="m\u202ee"
    )
    raw = {str(obj["/NM"]).split("-")[1]: obj for _n, obj in _raw_annots(out)}
    assert raw["rlo"]["/Contents"].startswith("abc\ufffddef")
    assert "\u202e" not in str(raw["rlo"]["/Contents"]) and "\u202e" not in raw["rlo"]["/T"]
    meta = PdfReader(out).metadata
    assert meta.title == "<b>T</b>\ufffdevil" and meta.author == "m\ufffde"
    text = pdftotext(out)
    for control in ("\u202e", "\u2067"):
        assert control not in text
    flat = squeeze(text)
    assert "abcfed" not in flat and "abc\ufffddef" in flat
    assert "<b>T</b>\ufffdevil" in flat and "link\ufffdnote" in flat


def test_a_right_to_left_notes_direction_mark_is_kept(app: Any, pair: Any, tmp_path: Path) -> None:
    """Direction marks (U+200E, U+200F) reorder no letter and right-to-left notes need them:
    kept in the annotation's /Contents, as in the panes (an override is still U+FFFD)."""
    note = "\u05e9\u05dc\u05d5\u05dd\u200f (1) \u202eevil"
    hs = [ExportHighlight("a", 40, 70, note=note, id="rtl")]
    out = tmp_path / "rtl.pdf"
    export_pdf(out, *pair, highlights=hs)
    raw = {str(obj["/NM"]).split("-")[1]: obj for _n, obj in _raw_annots(out)}
    assert str(raw["rtl"]["/Contents"]) == "\u05e9\u05dc\u05d5\u05dd\u200f (1) \ufffdevil"
