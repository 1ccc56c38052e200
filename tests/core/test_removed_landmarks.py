"""What the HTML reader drops without reading it (landmarks, hidden elements, dialogs, form
controls) is listed in ``Article.removed``, in place; code and media are not text and are
not listed; a site's whole menu is listed cut, with a count of what was cut."""

from __future__ import annotations

from diptych.core.reading.articles import article_from_text

PARAGRAPH = (
    "<p>Paragraph {} says that the river floods every spring near the old mill, and that "
    "the council wants to rebuild the wall before the next winter comes.</p>"
)


def page(head: str = "", middle: str = "", tail: str = "") -> str:
    return (
        "<html><head><title>Mill story</title><style>p { color: red }</style></head><body>"
        + head
        + "<article><h1>Mill story</h1>"
        + PARAGRAPH.format("one")
        + PARAGRAPH.format("two")
        + middle
        + PARAGRAPH.format("three")
        + PARAGRAPH.format("four")
        + "</article>"
        + tail
        + "<script>var tracker = 'do not list';</script></body></html>"
    )


def listed(html: str) -> list[tuple[str, str]]:
    art = article_from_text(html, "html")
    for r in art.removed:  # none of it is in the text, and it stands within the text
        assert " ".join(r.text.split())[:30] not in art.text
        assert 0 <= r.at <= len(art.text)
    return [(r.kind, " ".join(r.text.split())) for r in art.removed]


def test_landmark_roles_are_listed_under_their_kinds() -> None:
    html = page(
        head="<div role='banner'>The Courier daily</div>"
        "<div role='navigation'>Sections Sport</div><form role='search'>Search the site</form>",
        middle="<div role='complementary'>Most read today</div>",
        tail="<div role='contentinfo'>Contact the newsroom</div>",
    )
    assert listed(html) == [
        ("banner", "The Courier daily"),
        ("navigation", "Sections Sport"),
        ("search", "Search the site"),
        ("aside", "Most read today"),
        ("footer", "Contact the newsroom"),
    ]


def test_hidden_elements_are_listed_as_hidden_and_scripts_are_not_listed() -> None:
    html = page(
        head="<div hidden>Sign in to continue</div>",
        middle="<div style='display: none'>Subscribe for more</div>"
        "<span aria-hidden='true'>Icon label</span><span aria-hidden='true'>›</span>",
        tail="<footer>Copyright line<script>var x = 'no';</script><style>.a{}</style>"
        "<svg><text>chart label</text></svg> all rights</footer>",
    )
    assert listed(html) == [
        ("hidden", "Sign in to continue"),
        ("hidden", "Subscribe for more"),
        ("hidden", "Icon label"),  # a lone "›" has no words: not listed
        ("footer", "Copyright line all rights"),
    ]


def test_dialogs_controls_and_math_are_listed() -> None:
    html = page(
        head="<dialog open>Accept our cookies</dialog>",
        middle="<button>Play the video</button>"
        "<select><option>Edition: UK</option><option>Edition: US</option></select>"
        "<math><mi>x</mi><mo>=</mo><mn>2</mn></math>",
    )
    assert listed(html) == [
        ("dialog", "Accept our cookies"),
        ("control", "Play the video"),
        ("control", "Edition: UK Edition: US"),
        ("math", "x=2"),
    ]


def test_a_menu_is_listed_one_entry_a_line_and_a_huge_one_is_cut_with_a_count() -> None:
    items = "".join(f"<li><a href='/s{i}'>Section{i}</a></li>" for i in range(1200))
    art = article_from_text(page(head=f"<nav><ul>{items}</ul></nav>"), "html")
    [(kind, text)] = [(r.kind, r.text) for r in art.removed]
    assert kind == "navigation"
    lines = text.split("\n")
    assert lines[:3] == ["Section0", "Section1", "Section2"]
    assert lines[-1].endswith("Section199 … (+1,000 more words)")
    assert "Section200" not in text
    small = article_from_text(page(head="<nav><ul><li>Home</li><li>World</li></ul></nav>"), "html")
    assert [(r.kind, r.text) for r in small.removed] == [("navigation", "Home\nWorld")]


def test_removed_text_inside_a_paragraph_split_by_the_page_is_kept_in_the_list() -> None:
    # the paragraph the aside parts is joined again (its halves are one sentence), and the
    # aside is still listed, after the joined paragraph
    html = page(
        middle="<p>The mayor said the wall would cost more than the town</p>"
        "<aside>Related: Storm hits the coast</aside>"
        "<p>had set aside for it, and that work would begin in May.</p>"
    )
    art = article_from_text(html, "html")
    joined = "The mayor said the wall would cost more than the town had set aside for it"
    assert joined in art.text
    [(kind, at)] = [(r.kind, r.at) for r in art.removed if "Storm hits" in r.text]
    assert kind == "aside"
    assert at == art.text.index("Paragraph three")


def test_the_article_text_is_the_same_with_or_without_the_listed_furniture() -> None:
    plain = article_from_text(page(), "html")
    furnished = article_from_text(
        page(
            head="<nav>Home World</nav><div hidden>Sign in</div>",
            middle="<aside>Share this</aside>",
            tail="<footer>© 2019 The Courier</footer>",
        ),
        "html",
    )
    assert furnished.text == plain.text
    assert plain.removed == ()
    assert len(furnished.removed) == 4
