"""Web page titles and metadata: the site's name taken off the page title wherever the page
names its site (og:site_name, application-name, JSON-LD WebSite / publisher, the canonical
URL's host), a headline's own parts kept, and author and date read from JSON-LD and meta tags
without a user handle or a placeholder date."""

from __future__ import annotations

import pytest

from diptych.core.reading.articles import article_from_text


def _story(n: int = 5) -> str:
    return "".join(
        f"<p>Paragraph {i} tells, in plain sentences, what the council decided about the "
        f"river wall and why the people along the bank care about it so much.</p>"
        for i in range(n)
    )


def _page(head: str, body_top: str = "") -> str:
    return f"<html><head>{head}</head><body><article>{body_top}{_story()}</article></body></html>"


def _title(head: str, body_top: str = "") -> str:
    return article_from_text(_page(head, body_top), "html").meta.title


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        # the site's name first, as og:site_name gives it
        (
            "<title>The Courier | Storm hits the coast</title>"
            '<meta property="og:site_name" content="The Courier">',
            "Storm hits the coast",
        ),
        # a site name that itself holds a separator, then a colon
        (
            "<title>Courier | Your local news: Storm hits the coast</title>"
            '<meta property="og:site_name" content="Courier | Your local news">',
            "Storm hits the coast",
        ),
        # the site named by its JSON-LD WebSite, after " :: "
        (
            "<title>Storm hits the coast :: The Courier</title>"
            '<script type="application/ld+json">{"@type": "WebSite", "name": "The Courier"}'
            "</script>",
            "Storm hits the coast",
        ),
        # the site named only by the canonical URL's host, in lower case, first
        (
            "<title>thecourier | Storm hits the coast</title>"
            '<link rel="canonical" href="https://www.thecourier.com/2024/storm-hits-the-coast">',
            "Storm hits the coast",
        ),
        # the host's name under a country's second level, at the end
        (
            "<title>Storm hits the coast - the courier</title>"
            '<meta property="og:url" content="https://news.thecourier.co.uk/storm">',
            "Storm hits the coast",
        ),
        # a shortened site name ("The Real Deal" of "The Real Deal New York")
        (
            "<title>Storm hits the coast » The Courier</title>"
            '<meta property="og:site_name" content="The Courier New York">',
            "Storm hits the coast",
        ),
    ],
)
def test_site_name_leaves_the_page_title(head: str, expected: str) -> None:
    assert _title(head) == expected


def test_a_short_name_before_a_headline_leaves_the_title_without_site_metadata() -> None:
    assert _title("<title>The Courier | Storm hits the coast</title>") == "Storm hits the coast"
    # a short first part that is words of the headline stays
    assert _title("<title>Brexit - what happens next</title>") == "Brexit - what happens next"


def test_a_one_word_site_name_in_lower_case_leaves_the_end_of_the_title() -> None:
    assert _title("<title>Storm hits the coast | thecourier</title>") == "Storm hits the coast"


def test_a_headline_part_after_a_dash_is_not_a_site_name() -> None:
    head = "<title>Third plague case in China – ‘The plague is coming’</title>"
    assert _title(head) == "Third plague case in China – ‘The plague is coming’"


def test_a_later_og_title_does_not_replace_the_first() -> None:
    head = (
        '<meta property="og:title" content="Storm hits the coast">'
        '<meta property="og:title" content="The Courier: Storm hits the coast">'
    )
    assert _title(head) == "Storm hits the coast"


def test_application_name_that_repeats_the_title_leaves_it_whole() -> None:
    head = (
        "<title>Storm hits the coast</title>"
        '<meta name="application-name" content="Storm hits the coast">'
    )
    assert _title(head) == "Storm hits the coast"


def test_an_icon_title_inside_svg_is_not_the_page_title() -> None:
    html = (
        "<html><body><svg><title>Facebook</title><path d='M0 0'/></svg>"
        f"<article>{_story()}</article></body></html>"
    )
    assert article_from_text(html, "html").meta.title != "Facebook"


def test_json_ld_author_handle_gives_way_to_a_printed_name() -> None:
    head = (
        '<meta itemprop="author" content="Kevin Rebong">'
        '<script type="application/ld+json">{"@type": "BlogPosting", "headline": '
        '"Storm hits the coast", "author": {"@type": "Person", "name": "kevin-r"}}</script>'
    )
    art = article_from_text(_page(head), "html")
    assert art.meta.byline == "Kevin Rebong"


def test_placeholder_json_ld_date_is_no_date() -> None:
    head = (
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Storm hits '
        'the coast", "datePublished": "0001-01-01T00:00:00Z"}</script>'
    )
    assert article_from_text(_page(head), "html").meta.date == ""


def test_article_published_time_wins_over_a_generic_date_meta() -> None:
    head = (
        '<meta name="date" content="2019-11-20">'
        '<meta property="article:published_time" content="2019-11-18T12:02:02-05:00">'
    )
    assert article_from_text(_page(head), "html").meta.date == "2019-11-18"


@pytest.mark.parametrize(
    ("head", "top"),
    [
        # a logo's h1 naming the site (as og:site_name does), the headline in an h2
        (
            '<meta property="og:site_name" content="The Courier">',
            "<h1>The Courier</h1><h2>Storm hits the coast</h2>",
        ),
        # the site named only by what the <title> carries after its headline; two h1s
        (
            "<title>Storm hits the coast | The Courier</title>",
            "<h1>The Courier</h1><h1>Storm hits the coast</h1>",
        ),
        # an h1 naming the section; the metadata's headline is the h2 under it
        (
            '<meta property="og:title" content="Storm hits the coast">',
            "<h1>News</h1><h2>Storm hits the coast</h2>",
        ),
    ],
)
def test_a_heading_that_the_metadata_names_beats_a_site_or_section_h1(head: str, top: str) -> None:
    art = article_from_text(_page(head, top), "html")
    assert art.meta.title == "Storm hits the coast"
    titles = [art.text[b.start : b.end] for b in art.blocks if b.kind == "title"]
    assert titles == ["Storm hits the coast"]


def test_the_site_name_heading_above_the_headline_is_removed_and_listed() -> None:
    head = '<meta property="og:site_name" content="The Courier">'
    art = article_from_text(
        _page(head, "<h1>The Courier</h1><h2>Storm hits the coast</h2>"), "html"
    )
    assert not art.text.startswith("The Courier")
    assert ("furniture", "The Courier") in [(r.kind, r.text) for r in art.removed]


def test_an_h1_stands_when_no_heading_says_what_the_metadata_says() -> None:
    head = '<meta property="og:title" content="Mill owners meet the council">'
    art = article_from_text(_page(head, "<h1>Storm hits the coast</h1><h2>Tides</h2>"), "html")
    assert art.meta.title == "Storm hits the coast"


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        ("Mon, 18 Nov 2019 16:07:38 -0600", "2019-11-18"),  # RFC 2822
        ("19 Nov 2019 07:09 GMT", "2019-11-19"),
        ("01:38:07 PM IST Nov 20, 2019", "2019-11-20"),
        ("Tue Nov 19 2019 03:05:46 GMT+0000", "2019-11-19"),
    ],
)
def test_json_ld_date_written_out_is_read(published: str, expected: str) -> None:
    head = (
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Storm hits '
        f'the coast", "datePublished": "{published}"}}</script>'
    )
    assert article_from_text(_page(head), "html").meta.date == expected


def test_json_ld_that_does_not_parse_still_gives_headline_author_and_date() -> None:
    head = (
        '<script type="application/ld+json">{"@type": "Article", "headline": "Storm hits the '
        'coast", "description": "The "worst" storm", "author": {"@type": "Person", "name": '
        '"Ann Lee"}, "datePublished": "2018-04-18T14:39:09+02:00"}</script>'
    )
    art = article_from_text(_page(head), "html")
    assert (art.meta.title, art.meta.byline, art.meta.date) == (
        "Storm hits the coast",
        "Ann Lee",
        "2018-04-18",
    )


def test_a_fact_check_claim_review_gives_the_date() -> None:
    head = (
        '<title>Storm hits the coast</title><script type="application/ld+json">{"@type": '
        '"ClaimReview", "datePublished": "2019-11-18T10:15:00+00:00", "claimReviewed": '
        '"The storm hit the coast"}</script>'
    )
    assert article_from_text(_page(head), "html").meta.date == "2019-11-18"


def test_a_lower_case_login_in_microdata_is_no_author() -> None:
    head = '<meta itemprop="author" content="gto"><meta name="author" content="Вера Петрова">'
    assert article_from_text(_page(head), "html").meta.byline == "Вера Петрова"
    # a name in a script without letter case is a name
    head = '<meta name="author" content="张伟">'
    assert article_from_text(_page(head), "html").meta.byline == "张伟"


def test_a_cms_default_account_is_no_author() -> None:
    head = (
        '<meta name="author" content="Ann Lee"><script type="application/ld+json">'
        '{"@type": "BlogPosting", "headline": "Storm hits the coast", "author": "admin"}</script>'
    )
    assert article_from_text(_page(head), "html").meta.byline == "Ann Lee"


def test_a_one_word_h1_against_a_headline_in_the_metadata_is_a_label() -> None:
    head = '<meta property="og:title" content="Storm hits the coast">'
    art = article_from_text(_page(head, "<h1>Blog</h1>"), "html")
    assert art.meta.title == "Storm hits the coast"
    assert [art.text[b.start : b.end] for b in art.blocks if b.kind == "title"] == [
        "Storm hits the coast"
    ]


def test_posted_on_a_date_by_a_name_is_a_byline() -> None:
    top = "<h1>Storm hits the coast</h1><p>Posted on March 5, 2024 by Ann Lee</p>"
    art = article_from_text(_page("", top), "html")
    assert (art.meta.byline, art.meta.date) == ("Ann Lee", "2024-03-05")
    assert art.blocks[1].kind == "byline"


def test_a_label_in_capitals_under_the_headline_is_no_byline() -> None:
    top = "<h1>Viera defeats Rockledge</h1><h2>GIRLS BASKETBALL</h2>"
    art = article_from_text(_page("", top), "html")
    assert art.meta.byline != "GIRLS BASKETBALL"
    assert [art.text[b.start : b.end] for b in art.blocks if b.kind == "byline"] == []
    # a name in capitals the metadata gives is the byline
    head = '<meta name="author" content="Ann Lee">'
    art = article_from_text(_page(head, "<h1>Viera defeats Rockledge</h1><p>ANN LEE</p>"), "html")
    assert art.blocks[1].kind == "byline"


def test_a_published_line_with_a_time_first_gives_the_date() -> None:
    top = "<h1>Storm hits the coast</h1><p>Published 11:11 PM EST Nov 19, 2019</p>"
    art = article_from_text(_page("", top), "html")
    assert art.meta.date == "2019-11-19"
    assert art.blocks[1].kind == "byline"


def test_an_author_read_with_the_date_line_after_it_loses_the_date_line() -> None:
    top = (
        '<h1 class="title">Storm hits the coast</h1><div class="byline-section">'
        '<div class="attribution"><span class="author"></span><span class="publication">'
        'Courier wire services</span></div><div class="publish-date">Published 11:11 PM EST '
        "Nov 19, 2019</div></div>"
    )
    art = article_from_text(_page("", top), "html")
    assert "Published" not in art.meta.byline


def test_a_one_word_heading_sharing_a_word_with_the_metadata_headline_is_a_label() -> None:
    head = '<meta property="og:title" content="Storm hits the coast overnight">'
    art = article_from_text(_page(head, "<h1>Storm</h1><p>A short note.</p>"), "html")
    assert art.meta.title == "Storm hits the coast overnight"


def test_a_documents_heading_that_its_title_names_as_a_site_is_kept() -> None:
    # an EPUB or DOCX has no site: its headings are its own, whatever its title carries
    from diptych.core.reading.articles import _choose_page_title
    from diptych.core.reading.rawblocks import RawBlock

    kept = [
        RawBlock("heading", "Acme", level=1, explicit=True),
        RawBlock("heading", "Storm damage along the coast", level=2, explicit=True),
        RawBlock("paragraph", "The storm reached the coast on Monday night."),
    ]
    _choose_page_title(kept, 0, {"title": "Storm damage along the coast | Acme"}, web=False)
    assert [b.text for b in kept][:2] == ["Acme", "Storm damage along the coast"]


@pytest.mark.parametrize("sep", ["»", "/", "›", ">"])
def test_a_breadcrumb_ending_with_the_title_is_removed_and_listed(sep: str) -> None:
    top = f'<p><a href="/">Home</a> {sep} <a href="/news">News</a> {sep} Storm hits the coast</p>'
    art = article_from_text(_page("<title>Storm hits the coast - The Courier</title>", top), "html")
    assert art.meta.title == "Storm hits the coast"
    assert "Home" not in art.text
    assert any(r.text.startswith("Home") for r in art.removed)


@pytest.mark.parametrize("stamp", ["1574121600", "1574121600000"])
def test_json_ld_date_as_epoch_seconds_or_milliseconds(stamp: str) -> None:
    head = (
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Storm hits '
        f'the coast", "datePublished": {stamp}}}</script>'
    )
    assert article_from_text(_page(head), "html").meta.date == "2019-11-19"


def test_the_title_tags_part_beside_the_pages_own_heading_is_the_site() -> None:
    # no og:site_name: "The Courier" is as long as the headline, but the page's own h1 says
    # which part is the headline; the site's name is not added as a heading of its own
    story = "".join(
        f"<p>Paragraph {i} tells, in plain sentences, what the council decided about the "
        "mill on the river and why the workers at the gates care about it so much.</p>"
        for i in range(4)
    )
    page = (
        "<html><head><title>Mill story | The Courier</title></head><body>"
        f"<h1>Mill story</h1>{story}</body></html>"
    )
    art = article_from_text(page, "html")
    assert art.meta.title == "Mill story"
    assert "The Courier" not in art.text


def test_a_section_heading_does_not_make_the_headline_a_site_name() -> None:
    story = "".join(
        f"<p>Paragraph {i} tells, in plain sentences, what the council decided about the "
        "river wall and why the people along the bank care about it so much.</p>"
        for i in range(4)
    )
    page = (
        "<html><head><title>News | Storm Hits The Coast Again</title></head><body>"
        f"<h1>News</h1>{story}</body></html>"
    )
    art = article_from_text(page, "html")
    assert art.meta.title != "News"


def test_a_site_name_before_a_colon_leaves_the_title_when_the_page_heads_with_the_rest() -> None:
    # no site metadata, a photo's caption above the headline: the <title>'s "The Courier:"
    # is the site's name, as the page's own h1 (the rest of it) shows
    story = "".join(
        f"<p>Paragraph {i} tells, in plain sentences, what the council decided about the "
        "mill on the river and why the workers at the gates care about it so much.</p>"
        for i in range(4)
    )
    caption = (
        "<p>The old mill on the river seen from the bridge in early November, after the "
        "council had closed its gates to the workers and their families for the winter.</p>"
    )
    page = (
        "<html><head><title>The Courier: Seeking a new life for the old mill</title></head>"
        f"<body><article>{caption}<h1>Seeking a new life for the old mill</h1>"
        f"<h3>by Ann Smith</h3>{story}</article></body></html>"
    )
    art = article_from_text(page, "html")
    assert art.meta.title == "Seeking a new life for the old mill"
    assert "The Courier" not in art.text
    assert art.text.count("Seeking a new life for the old mill") == 1
    assert [b.kind for b in art.blocks[:3]] == ["title", "byline", "paragraph"]  # the caption
    assert art.text.index("The old mill on the river") > art.text.index("Seeking a new life")
