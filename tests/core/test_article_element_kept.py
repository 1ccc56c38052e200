"""Text inside the page's own <article> (or <main>) is not removed as page furniture on the
prose filter's guess: a short last paragraph reads as little prose, but the page's markup
says it is the article's. Menus and footers outside it still go."""

from __future__ import annotations

from diptych.core.reading.articles import article_from_text
from helpers.articles import MILL

BODY = (
    "<p>First paragraph with <a href='javascript:alert(1)'>a js link</a> and "
    "<img src='file:///etc/passwd' alt='passwd image'>.</p>"
    "<table><tr><th>A</th><th>B</th></tr><tr><td>cell one</td><td>cell two</td></tr></table>"
    "{pre}"
    "<p>Bidi: &#x202E;reversed&#x202C; done. Control: &#1; &#27;[31m.</p>"
    "<figure><img src='x.png'><figcaption>A figure caption the author wrote.</figcaption>"
    "</figure>"
    "<p>Footnote<sup><a href='#fn1'>1</a></sup>.</p>"
    "<ol><li id='fn1'>The footnote.</li></ol>"
    "<iframe src='https://evil.example'></iframe>"
    "<p>Last paragraph.</p>"
)


def page(body: str, wrapper: str = "article") -> str:
    return (
        "<html><head><title>The page heading</title></head><body>"
        "<nav><a href='/'>Home</a> | <a href='/about'>About</a></nav>"
        f"<{wrapper}><h1>The page heading</h1>{body}</{wrapper}>"
        "<footer>Copyright 2019 Footer</footer></body></html>"
    )


def test_last_paragraph_of_the_article_element_stays() -> None:
    for pre in ("<pre>  preformatted\n    indented code</pre>", ""):
        art = article_from_text(page(BODY.format(pre=pre)), "html")
        assert art.text.endswith("Last paragraph."), art.text
        assert [r.kind for r in art.removed] == ["navigation", "footer"]


def test_main_element_counts_as_the_article() -> None:
    art = article_from_text(page(BODY.format(pre=""), wrapper="main"), "html")
    assert art.text.endswith("Last paragraph.")
    assert not [r for r in art.removed if r.kind == "furniture"]


def test_text_outside_the_article_element_still_goes() -> None:
    html = page(BODY.format(pre="")).replace(
        "</article>",
        "</article><div><a href='https://x.example/s'>Sport</a> "
        "<a href='https://x.example/w'>Weather today.</a></div>",
    )
    art = article_from_text(html, "html")
    assert art.text.endswith("Last paragraph.")
    assert ("furniture", "Sport Weather today.") in [(r.kind, r.text) for r in art.removed]


def test_furniture_inside_the_article_is_listed_as_inside() -> None:
    art = article_from_text(MILL, "html")
    assert [(r.text, r.inside) for r in art.removed if r.kind == "furniture"] == [
        ("Sections Sport Weather", False),
        ("Share this story with your friends today.", True),
        ("Other story More", False),
    ]
