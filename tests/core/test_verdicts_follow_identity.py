"""The reader's verdicts follow an article's identity as its highlights do: opened from copies
of both files, from a renamed file, from the same text converted to HTML, or with the panes
the other way round, the pair shows the verdicts given on the original files."""

from __future__ import annotations

import html
import os
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from diptych.core.compare.claims import find_claims
from diptych.core.model import Article
from diptych.core.notes.claim_verdicts import with_verdicts
from diptych.core.notes.store import Store
from diptych.core.reading.articles import load_article

A_PARAS = [
    "The river flooded the lower town on Monday after three days of heavy rain in the hills.",
    "Engineers say the old wall would cost twelve million euros to raise by a full metre.",
    "The mayor asked the region for help with the cost of cleaning the streets.",
]
B_PARAS = [
    "After three days of heavy rain in the hills the river flooded the lower town on Monday.",
    "A higher wall would cost twelve million euros, engineers say, and take two years to build.",
    "Shops along the quay stayed closed for the rest of the week.",
]
A_TEXT = "# Floods\n\n" + "\n\n".join(A_PARAS) + "\n"
B_TEXT = "# The flood\n\n" + "\n\n".join(B_PARAS) + "\n"
A_QUOTE = "Engineers say the old wall would cost twelve million euros to raise by a full metre."
B_QUOTE = (
    "A higher wall would cost twelve million euros, engineers say, and take two years to build."
)


def _span(art: Article, quote: str) -> tuple[int, int]:
    i = art.text.index(quote)
    return i, i + len(quote)


@pytest.fixture
def judged(tmp_path: Path):
    """A store with a "same" verdict on the originals first/a.md and first/b.md."""
    first = tmp_path / "first"
    first.mkdir()
    (first / "a.md").write_text(A_TEXT, encoding="utf-8")
    (first / "b.md").write_text(B_TEXT, encoding="utf-8")
    store = Store.open(tmp_path / "h.sqlite3", backups=False)
    a, b = load_article(first / "a.md"), load_article(first / "b.md")
    v = store.set_verdict(a, _span(a, A_QUOTE), b, _span(b, B_QUOTE), "same")
    yield store, tmp_path, v
    store.close()


def _copies(tmp_path: Path) -> tuple[Article, Article]:
    second = tmp_path / "second"
    second.mkdir()
    for name in ("a.md", "b.md"):
        shutil.copy(tmp_path / "first" / name, second / name)
    return load_article(second / "a.md"), load_article(second / "b.md")


def _found(store: Store, a: Article, b: Article) -> list[tuple[str, str, str]]:
    return [
        (a.text[r.a[0] : r.a[1]], b.text[r.b[0] : r.b[1]], r.verdict.verdict)
        for r in store.resolve_verdicts(a, b)
        if r.found
    ]


def test_copies_of_both_files_show_the_verdict(judged) -> None:
    store, tmp_path, v = judged
    a2, b2 = _copies(tmp_path)
    assert _found(store, a2, b2) == [(A_QUOTE, B_QUOTE, "same")]
    # and the claims of the copies carry it (the panel's check, the CLI's "verdict")
    claims, keys = with_verdicts(find_claims(a2, b2), a2, b2, store)
    judged_claims = [claims.claims[i] for i in keys]
    assert [(c.verdict, c.tier) for c in judged_claims] == [("same", "strong")]
    assert list(keys.values()) == [v.id]
    c = judged_claims[0]
    assert A_QUOTE in a2.span_text(c.a) and B_QUOTE in b2.span_text(c.b)
    assert store.pair_verdict_count(a2, b2) == 1
    # the verdict stays with the original files
    assert store.verdicts_for(a2.id, b2.id) == []


def test_the_swapped_pair_of_copies_shows_the_verdict(judged) -> None:
    store, tmp_path, _v = judged
    a2, b2 = _copies(tmp_path)
    assert _found(store, b2, a2) == [(B_QUOTE, A_QUOTE, "same")]
    claims, keys = with_verdicts(find_claims(b2, a2), b2, a2, store)
    assert [claims.claims[i].verdict for i in keys] == ["same"]


def test_a_renamed_file_keeps_the_verdict(judged) -> None:
    store, tmp_path, v = judged
    old = tmp_path / "first" / "a.md"
    new = tmp_path / "renamed.md"
    os.rename(old, new)
    a2, b = load_article(new), load_article(tmp_path / "first" / "b.md")
    assert a2.id != v.a.article_id
    assert _found(store, a2, b) == [(A_QUOTE, B_QUOTE, "same")]
    assert _found(store, b, a2) == [(B_QUOTE, A_QUOTE, "same")]


def test_the_text_converted_to_html_keeps_the_verdict(judged) -> None:
    store, tmp_path, v = judged
    page = tmp_path / "floods.html"
    page.write_text(
        "<!doctype html><html><head><meta charset='utf-8'><title>Floods</title></head>"
        "<body><article><h1>Floods</h1>"
        + "".join(f"<p>{html.escape(p)}</p>" for p in A_PARAS)
        + "</article></body></html>",
        encoding="utf-8",
    )
    (tmp_path / "first" / "a.md").unlink()
    a2, b = load_article(page), load_article(tmp_path / "first" / "b.md")
    assert a2.id != v.a.article_id
    assert _found(store, a2, b) == [(A_QUOTE, B_QUOTE, "same")]


def test_judging_the_same_passages_on_a_copy_replaces_the_verdict(judged) -> None:
    store, tmp_path, v = judged
    a2, b2 = _copies(tmp_path)
    again = store.set_verdict(b2, _span(b2, B_QUOTE), a2, _span(a2, A_QUOTE), "different")
    assert again.id == v.id and again.version == v.version + 1
    assert again.a.quote.exact == B_QUOTE  # seen as it was given: B first
    assert _found(store, a2, b2) == [(A_QUOTE, B_QUOTE, "different")]
    first = tmp_path / "first"
    a, b = load_article(first / "a.md"), load_article(first / "b.md")
    assert _found(store, a, b) == [(A_QUOTE, B_QUOTE, "different")]
    assert len(store.all_verdicts()) == 1


def test_two_verdicts_on_the_same_passages_show_as_the_latest(judged) -> None:
    store, tmp_path, v = judged
    a2, b2 = _copies(tmp_path)
    # one given on the copies (e.g. brought in from a W3C file): a later, other verdict
    later = replace(
        v,
        id="copy-verdict",
        a=replace(v.a, article_id=a2.id),
        b=replace(v.b, article_id=b2.id),
        verdict="different",
        modified="9999-01-01T00:00:00Z",
    )
    assert store.import_verdicts([later]) == (1, 0)
    for art in (a2, b2):  # the copies' texts are known to the store (as after a verdict there)
        store.remember_article(art)
    resolved = store.resolve_verdicts(a2, b2)
    assert [(r.verdict.id, r.verdict.verdict) for r in resolved] == [("copy-verdict", "different")]
    # the originals too: one verdict on those passages, the latest
    first = tmp_path / "first"
    a, b = load_article(first / "a.md"), load_article(first / "b.md")
    assert [r.verdict.id for r in store.resolve_verdicts(a, b)] == ["copy-verdict"]


def test_another_text_does_not_take_the_verdict(judged) -> None:
    store, tmp_path, _v = judged
    other = tmp_path / "other.md"
    other.write_text(
        "# Drought\n\nNo rain fell in the hills for three months and the river ran dry in "
        "the lower town.\n\n" + A_QUOTE + "\n",
        encoding="utf-8",
    )
    b = load_article(tmp_path / "first" / "b.md")
    assert store.resolve_verdicts(load_article(other), b) == []


def test_the_exports_of_the_copies_list_the_confirmed_claim(judged) -> None:
    from diptych.core.notes.interchange import export_markdown, export_w3c

    store, tmp_path, _v = judged
    a2, b2 = _copies(tmp_path)
    md = export_markdown(store, [a2, b2])
    assert "## Claims you confirmed" in md and "twelve million euros to raise" in md
    items = export_w3c(store, [a2, b2])["first"]["items"]
    assessing = [i for i in items if i.get("motivation") == "assessing"]
    assert [t["selector"][0]["exact"] for t in assessing[0]["target"]] == [A_QUOTE, B_QUOTE]
