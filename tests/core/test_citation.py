"""cite(): a quotation with its source, for Copy with citation."""

from __future__ import annotations

from dataclasses import replace

from diptych.core.model import ArticleMeta
from diptych.core.notes.citation import cite
from diptych.core.reading.articles import load_seed_pair


def test_a_seed_quote_names_author_title_outlet_date_and_url() -> None:
    a, _b = load_seed_pair()
    start = a.text.index("Bolivia, South America")
    text = cite(a, start, start + 60)
    quote, source = text.split("\n")
    assert quote == "“" + " ".join(a.text[start : start + 60].split()) + "”"
    assert source.startswith("— Bill Van Auken, “The US-backed coup in Bolivia”")
    assert "2019" in source and a.meta.url and source.endswith(a.meta.url)


def test_missing_parts_are_left_out_and_whitespace_collapsed() -> None:
    a, _b = load_seed_pair()
    bare = replace(a, meta=ArticleMeta(title="", source_path="/tmp/x.md"))
    start = a.text.index("\n") - 5
    text = cite(bare, start, start + 12)
    assert "\n" not in text.split("\n")[0] and "  " not in text
    assert text.endswith("— /tmp/x.md.")
    assert ", ," not in cite(replace(a, meta=ArticleMeta(publication="Outlet")), 0, 5)


def test_a_long_quote_is_cut_at_a_word() -> None:
    a, _b = load_seed_pair()
    text = cite(a, 0, len(a.text), max_chars=100).split("\n")[0]
    assert len(text) <= 103 and text.endswith("…”")
