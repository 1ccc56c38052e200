"""What "Reload from the web" says changed between two fetches of a page."""

from __future__ import annotations

from diptych.core.reading.articles import article_from_text
from diptych.core.reading.web import what_changed


def _page(*paras: str) -> str:
    body = "".join(f"<p>{p}</p>" for p in paras)
    return f"<html><head><title>Mill story</title></head><body><article><h1>Mill story</h1>{body}</article></body></html>"


P = [
    f"Paragraph {i} says that the river floods every spring near the old mill, and that "
    f"the council wants to rebuild the wall."
    for i in range(5)
]


def test_same_page_has_not_changed() -> None:
    a = article_from_text(_page(*P), "html")
    b = article_from_text(_page(*P), "html")
    assert what_changed(a, b) == "the page has not changed"


def test_changed_added_and_removed_paragraphs_are_counted() -> None:
    a = article_from_text(_page(*P), "html")
    edited = P[1].replace("every spring", "every autumn")
    new = "A late paragraph says that the wall will be finished before the next flood season."
    b = article_from_text(_page(P[0], edited, P[2], P[4], new), "html")
    assert what_changed(a, b) == "1 paragraph changed, 1 paragraph added, 1 paragraph removed"
