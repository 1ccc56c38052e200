"""Loading articles: the seed pair, the chrome filter on texts with other chrome, formats,
encodings, inline styles, metadata and clear errors."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from diptych.core.errors import ArticleError
from diptych.core.model import Article, ArticleMeta
from diptych.core.reading import articles
from diptych.core.reading.articles import (
    MAX_FILE_BYTES,
    article_from_text,
    fingerprint_of,
    load_article,
    load_seed_pair,
)

CHROME = Path(__file__).resolve().parents[1] / "data" / "chrome"


def blocks_of(art: Article, kind: str | None = None) -> list[str]:
    return [art.text[b.start : b.end] for b in art.blocks if kind is None or b.kind == kind]


def sentences_of(art: Article) -> list[str]:
    return [art.text[s.start : s.end] for s in art.sentences]


def assert_well_formed(art: Article) -> None:
    """The invariants every Article keeps: blocks tile the text joined by one newline,
    sentences cover each block's non-space text without overlap or crossing blocks."""
    assert art.text == "\n".join(blocks_of(art))
    pos = 0
    for i, b in enumerate(art.blocks):
        assert b.start == pos, f"block {i} does not start where the previous ended + 1"
        assert b.end > b.start
        assert "\n" not in art.text[b.start : b.end]
        pos = b.end + 1
    assert pos - 1 == len(art.text)
    prev_end = 0
    for s in art.sentences:
        assert s.start >= prev_end and s.end > s.start
        blk = art.blocks[art.block_at(s.start)]
        assert blk.start <= s.start and s.end <= blk.end, "sentence crosses a block"
        prev_end = s.end
    covered = [False] * len(art.text)
    for s in art.sentences:
        for k in range(s.start, s.end):
            covered[k] = True
    for k, ch in enumerate(art.text):
        if ch != "\n" and not ch.isspace():
            assert covered[k], f"character {k} {ch!r} is in no sentence"
    for st in art.styles:
        assert 0 <= st.start < st.end <= len(art.text)
        if st.kind == "link":
            assert st.url and st.url.startswith(("http://", "https://", "mailto:"))
    assert art.fingerprint == fingerprint_of(art.text)


# ------------------------------------------------------------------------------ seed pair


@pytest.fixture(scope="module")
def seeds() -> tuple[Article, Article]:
    return load_seed_pair()


def test_wsws_seed_has_title_byline_and_date(seeds: tuple[Article, Article]) -> None:
    wsws = seeds[0]
    assert blocks_of(wsws)[0] == "The US-backed coup in Bolivia"
    assert wsws.blocks[0].kind == "title"
    assert blocks_of(wsws, "byline")[0] == "Bill Van Auken"
    assert "13 November 2019" in blocks_of(wsws, "byline")
    assert wsws.meta.title == "The US-backed coup in Bolivia"
    assert wsws.meta.byline == "Bill Van Auken"
    assert wsws.meta.date == "2019-11-13"
    assert_well_formed(wsws)


def test_wsws_seed_escaped_dollar_reads_dollar_and_contact_box_is_gone(
    seeds: tuple[Article, Article],
) -> None:
    text = seeds[0].text
    assert "$306 billion" in text
    assert "\\$" not in text
    assert "To contact" not in text and "wsws.org/contact" not in text
    assert text.endswith("throughout Latin America.")


def test_wsws_seed_paragraphs_split_mid_sentence_are_rejoined(
    seeds: tuple[Article, Article],
) -> None:
    paras = blocks_of(seeds[0], "paragraph")
    for phrase in (
        "surrounded by the entire military command",
        "beginning with that of Hugo Chavez",
        "his fellow politicians, but the masses",
    ):
        assert any(phrase in p for p in paras), phrase
    assert not any(p[0].islower() for p in paras)


def test_wsws_seed_keeps_italics(seeds: tuple[Article, Article]) -> None:
    wsws = seeds[0]
    italics = {wsws.text[s.start : s.end] for s in wsws.styles if s.kind == "italic"}
    assert {"New York Times", "Washington Post", "Times"} <= italics


def test_spartacist_seed_runs_from_title_to_last_sentence(seeds: tuple[Article, Article]) -> None:
    sp = seeds[1]
    assert blocks_of(sp)[0] == "Down With U.S.-Backed Right-Wing Coup!"
    assert sp.blocks[0].kind == "title"
    assert sp.text.endswith("that Bolivia’s “wretched of the earth” will be liberated.")
    for chrome in ("Documents in", "View archives", "Printable version", "ASP 240", "Autumn 2020"):
        assert chrome not in sp.text, chrome
    assert "Black Summer" not in sp.text and "Julian Assange" not in sp.text
    assert_well_formed(sp)


def test_spartacist_seed_bare_line_headings_are_headings(seeds: tuple[Article, Article]) -> None:
    sp = seeds[1]
    heads = blocks_of(sp, "heading")
    assert "U.S. Imperialism and “Andean Capitalism”" in heads
    assert "For a Trotskyist Workers Party in Bolivia!" in heads
    assert "For an Indigenous-Centred Workers and Peasants Government!" in heads
    paras = blocks_of(sp, "paragraph")
    assert any(p.startswith("The following article is reprinted") for p in paras)


def test_spartacist_seed_trotsky_quotation_is_quote(seeds: tuple[Article, Article]) -> None:
    quotes = blocks_of(seeds[1], "quote")
    assert len(quotes) == 2
    assert quotes[0].startswith("“Insofar as capitalism has created a world market")
    assert quotes[1] == "“Different countries will go through this process at different tempos.”"


def test_seed_pair_uses_manifest_metadata_and_canonical_urls(
    seeds: tuple[Article, Article],
) -> None:
    wsws, sp = seeds
    assert wsws.id == "https://www.wsws.org/en/articles/2019/11/13/pers-n13.html"
    assert sp.id == "https://www.icl-fi.org/english/asp/240/bolivia.html"
    assert sp.meta.publication.startswith("Australasian Spartacist No. 240")
    assert sp.meta.date == "2019-11-25"
    assert wsws.meta.source_format == "markdown" and sp.meta.source_format == "text"
    assert wsws.meta.encoding == sp.meta.encoding == "utf-8"


def test_seed_sentences_respect_abbreviations(seeds: tuple[Article, Article]) -> None:
    wsws, sp = seeds
    ws = sentences_of(wsws)
    assert any(s.startswith("After three weeks") and "Gen. Williams Kaliman" in s for s in ws)
    assert any("George W. Bush" in s and s.startswith("This reflects") for s in ws)
    ss = sentences_of(sp)
    assert not any(s in ("U.S.", "No.", "Gen.") for s in ss)
    assert any("(WV No. 868, 14 April 2006)" in s for s in ss)


def test_seed_file_copied_elsewhere_gets_file_uri_and_no_manifest(
    tmp_path: Path, seed_paths: tuple[Path, Path]
) -> None:
    src = seed_paths[0]
    shutil.copy(src, tmp_path / src.name)
    shutil.copy(src.parent / "bolivia-coup-2019.toml", tmp_path / "bolivia-coup-2019.toml")
    art = load_article(tmp_path / src.name)
    assert art.id == (tmp_path / src.name).resolve().as_uri()
    assert art.meta.publication == ""  # the manifest beside a user's file is never read
    assert art.meta.title == "The US-backed coup in Bolivia"  # found in the text itself


# -------------------------------------------------------------------- chrome on own texts


def test_news_page_html_menus_cookie_banner_related_and_footer_removed() -> None:
    art = load_article(CHROME / "news-page.html")
    ss = sentences_of(art)
    assert blocks_of(art)[0] == "River town votes to rebuild its flood wall"
    assert blocks_of(art, "byline") == ["By Maria Lopez", "March 5, 2024"]
    assert ss[3].startswith("The town council of Millbrook voted 7 to 2")
    assert ss[-1].startswith("The council also asked the state to study a wider floodplain")
    for chrome in (
        "cookies",
        "Politics",
        "Home",
        "Share this article",
        "Related stories",
        "Flood insurance premiums",
        "newsletter",
        "All rights reserved",
        "Terms of use",
    ):
        assert chrome not in art.text, chrome
    assert "What happens next" in blocks_of(art, "heading")
    assert art.meta.byline == "Maria Lopez" and art.meta.date == "2024-03-05"
    assert_well_formed(art)


def test_news_page_chrome_goes_without_class_names_too() -> None:
    """The prose method alone does the work: with every class and id stripped (no "menu",
    "footer", "cookie" hints), the same article comes out."""
    import re

    html = (CHROME / "news-page.html").read_text(encoding="utf-8")
    bare = re.sub(r'\s(?:class|id)="[^"]*"', "", html)
    assert "class=" not in bare and "id=" not in bare
    assert blocks_of(article_from_text(bare, "html")) == blocks_of(
        load_article(CHROME / "news-page.html")
    )


def test_news_page_keeps_bold_and_safe_links() -> None:
    art = load_article(CHROME / "news-page.html")
    bold = [art.text[s.start : s.end] for s in art.styles if s.kind == "bold"]
    links = {(art.text[s.start : s.end], s.url) for s in art.styles if s.kind == "link"}
    assert "$48 million" in bold
    assert ("gauge records", "https://water.example.gov/ash-river/records") in links


def test_mailing_list_post_headers_signature_and_list_footer_removed() -> None:
    art = load_article(CHROME / "mailing-list-post.txt")
    assert art.meta.title == "Release 2.4 changes the default time zone handling"
    assert art.meta.byline == "Priya Natarajan"
    assert art.meta.date == "2024-11-12"
    assert art.blocks[0].kind == "title"
    assert blocks_of(art, "quote")[0].startswith("Has anyone else noticed that tide 2.4")
    ss = sentences_of(art)
    assert ss[-1] == "Thanks for raising it."
    assert any(s.startswith("Yes, this was deliberate") for s in ss)
    for chrome in ("Message-ID", "tide-users@", "Maintainer", "listinfo", "____", "To:"):
        assert chrome not in art.text, chrome
    assert_well_formed(art)


def test_mime_mail_body_is_decoded_from_its_plain_part() -> None:
    art = load_article(CHROME / "mime-mail.eml")
    assert art.meta.title == "Notes from the river survey" and art.meta.byline == "Ana Ruiz"
    assert blocks_of(art, "paragraph") == [
        "The survey team walked the east bank on Tuesday and found the wall intact along most "
        "of its length. Two sections near the mill need repair before the winter floods, the "
        "engineers said.",
        "Café owners on the quay asked whether the path will close during the work.",
    ]
    assert "HTML version" not in art.text and "--XYZ" not in art.text


def test_markdown_blog_share_links_newsletter_and_related_posts_removed() -> None:
    art = load_article(CHROME / "blog-post.md")
    assert blocks_of(art)[0] == "Why my sourdough stopped rising in winter"
    assert art.meta.byline == "Sam Okafor" and art.meta.date == "2025-01-14"
    ss = sentences_of(art)
    assert ss[0] == "Why my sourdough stopped rising in winter"
    assert any(s.startswith("Every winter my sourdough starter slows down") for s in ss)
    assert ss[-1] == "Feed it twice a day for a couple of days and it will recover."
    for chrome in ("Recipes", "Share this post", "Never miss", "inbox", "Related", "focaccia", "©"):
        assert chrome not in art.text, chrome
    bold = [art.text[s.start : s.end] for s in art.styles if s.kind == "bold"]
    assert bold == ["shorten the bulk rise"]
    assert_well_formed(art)


def test_scraped_council_page_menu_feedback_contact_and_cookie_text_removed() -> None:
    """Plain text copied from a web page, sections separated by single blank lines only."""
    art = load_article(CHROME / "council-page.txt")
    assert blocks_of(art)[0] == "Library garden opens to the public"
    assert art.blocks[0].kind == "title" and art.blocks[1].kind == "byline"
    assert art.meta.date == "2024-06-02"
    ss = sentences_of(art)
    assert ss[2].startswith("The walled garden behind the central library opened")
    assert ss[-1].startswith("Dogs are welcome on a lead")
    for chrome in (
        "Skip to",
        "Menu",
        "You are here",
        "Share this",
        "helpful",
        "Contact",
        "cookies",
    ):
        assert chrome not in art.text, chrome
    assert_well_formed(art)


def test_docs_page_help_popup_sidebar_and_site_name_removed_code_kept() -> None:
    art = load_article(CHROME / "docs-page.html")
    assert blocks_of(art)[0] == "Configuring the cache"  # the permalinked h1, not the site's
    assert art.meta.title == "Configuring the cache"
    assert "Changing the size" in blocks_of(art, "heading")
    assert blocks_of(art)[-3:] == ["[cache]", 'dir = "/mnt/fast/tide-cache"', "max_size = 4096"]
    for chrome in ("Keyboard", "Press", "Introduction", "Plugins", "Handbook", "Print", "Next"):
        assert chrome not in art.text, chrome
    assert "The limit is set with the cache.max_size option, in megabytes." in art.text
    assert_well_formed(art)


@pytest.mark.parametrize(
    ("menu", "title", "paragraphs", "footer"),
    [
        (
            ["Главная", "Новости", "Контакты"],
            "Городской совет одобрил строительство новой библиотеки",
            [
                "Городской совет в понедельник одобрил строительство новой библиотеки в центре "
                "города. Работы начнутся весной, а здание откроется через два года, сообщил мэр.",
                "Жители смогут увидеть макет в ратуше до конца месяца, а замечания принимаются "
                "по почте.",
            ],
            "© 2024 Городская газета",
        ),
        (
            ["首页", "新闻", "联系我们"],
            "市议会批准新建图书馆",
            [
                "市议会周一批准在市中心新建一座图书馆。工程将于春季开工，市长说，大楼将在两年后开放。",
                "居民可以在月底前到市政厅参观模型，并可通过邮件提交意见。",
            ],
            "版权所有 2024",
        ),
        (
            ["الرئيسية", "أخبار"],
            "مجلس المدينة يوافق على بناء مكتبة جديدة",
            [
                "وافق مجلس المدينة يوم الاثنين على بناء مكتبة جديدة في وسط المدينة. وتبدأ "
                "الأعمال في الربيع، وسيفتح المبنى بعد عامين، حسبما قال رئيس البلدية.",
                "يمكن للسكان مشاهدة النموذج في مبنى البلدية حتى نهاية الشهر.",
            ],
            "",
        ),
    ],
    ids=["russian", "chinese", "arabic"],
)
def test_chrome_filter_works_beyond_latin_script(
    menu: list[str], title: str, paragraphs: list[str], footer: str
) -> None:
    text = "\n".join(menu) + f"\n\n{title}\n\n" + "\n\n".join(paragraphs) + f"\n\n{footer}\n"
    art = article_from_text(text, "text")
    assert blocks_of(art) == [title, *paragraphs]
    assert art.blocks[0].kind == "title"


def test_plain_text_without_chrome_is_kept_whole() -> None:
    text = "A short note.\n\nIt has two paragraphs, and neither is chrome.\n"
    art = article_from_text(text, "text")
    assert art.text == "A short note.\nIt has two paragraphs, and neither is chrome."


def test_chrome_filter_does_not_depend_on_wording() -> None:
    """The same page shape with other words gives the same cut: menus before, a footer after."""
    menu = "\n".join(f"[{w}](https://site.example/{w.lower()})" for w in ("Alpha", "Beta", "Gamma"))
    body = "\n\n".join(
        f"Paragraph {i} explains, in ordinary sentences, what the council decided and why it "
        f"matters for the people who live along the river. It is prose from start to end."
        for i in range(5)
    )
    footer = "[Imprint](https://site.example/i) · [Jobs](https://site.example/j) · © Someone"
    art = article_from_text(f"{menu}\n\n{body}\n\n{footer}\n", "markdown")
    assert art.text.startswith("Paragraph 0 explains")
    assert art.text.endswith("It is prose from start to end.")


# --------------------------------------------------------------------------------- formats


def test_markdown_blocks_styles_and_escapes() -> None:
    md = (
        "# Title here\n\n## A section\n\nSome *italic*, **bold**, ***both*** and a "
        '[link](https://example.org/a "t") costing \\$5 with snake_case_name.\n\n'
        "> A quoted line\n> that continues.\n\n- first item\n- second item\n\n"
        "1. numbered\n"
    )
    art = article_from_text(md, "markdown")
    kinds = [b.kind for b in art.blocks]
    assert kinds == [
        "title",
        "heading",
        "paragraph",
        "quote",
        "list_item",
        "list_item",
        "list_item",
    ]
    para = blocks_of(art, "paragraph")[0]
    assert para == ("Some italic, bold, both and a link costing $5 with snake_case_name.")
    got = {(s.kind, art.text[s.start : s.end], s.url) for s in art.styles}
    assert ("italic", "italic", None) in got and ("bold", "bold", None) in got
    assert ("bold", "both", None) in got and ("italic", "both", None) in got
    assert ("link", "link", "https://example.org/a") in got
    assert blocks_of(art, "quote") == ["A quoted line that continues."]
    assert_well_formed(art)


def test_markdown_front_matter_is_metadata_not_text() -> None:
    md = (
        '---\ntitle: "Winter bread"\nauthor: Sam Lee\ndate: 2024-12-01T10:00:00Z\n---\n\n'
        "First paragraph of prose, with a comma. Second sentence.\n"
    )
    art = article_from_text(md, "markdown")
    assert (art.meta.title, art.meta.byline, art.meta.date) == (
        "Winter bread",
        "Sam Lee",
        "2024-12-01",
    )
    assert blocks_of(art) == [
        "Winter bread",
        "First paragraph of prose, with a comma. Second sentence.",
    ]
    assert art.blocks[0].kind == "title"


def test_markdown_reference_links_resolve_and_definitions_vanish() -> None:
    md = (
        "Read [the report][r1] and [that][bad], a long enough sentence of prose here.\n\n"
        '[r1]: https://example.org/r "Title"\n[bad]: javascript:alert(1)\n'
    )
    art = article_from_text(md, "markdown")
    assert art.text == "Read the report and that, a long enough sentence of prose here."
    assert [(s.kind, s.url) for s in art.styles] == [("link", "https://example.org/r")]


def test_markdown_unsafe_links_and_images_are_dropped() -> None:
    md = (
        "Read [this](javascript:alert(1)) and [that](data:text/html,x) and "
        "[local](file:///etc/passwd) but [this one](https://ok.example/) is fine. "
        "![img](https://tracker.example/p.gif) Done.\n"
    )
    art = article_from_text(md, "markdown")
    assert [s.url for s in art.styles if s.kind == "link"] == ["https://ok.example/"]
    assert "tracker" not in art.text and "img" not in art.text


def test_html_lists_quotes_headings_and_tables() -> None:
    html = (
        "<html><body><h1>Main title</h1><p>An opening paragraph that reads as prose, with "
        "<em>emphasis</em> and <strong>weight</strong>.</p><blockquote><p>A quoted "
        "paragraph, said someone.</p></blockquote><ul><li>Item one.</li><li>Item two.</li>"
        "</ul><table><tr><th>A</th><th>B</th></tr><tr><td>1</td><td>2</td></tr></table>"
        "<p>A closing paragraph that is prose too, so the table sits inside the article.</p>"
        "</body></html>"
    )
    art = article_from_text(html, "html")
    assert blocks_of(art, "title") == ["Main title"]
    assert blocks_of(art, "quote") == ["A quoted paragraph, said someone."]
    assert blocks_of(art, "list_item") == ["Item one.", "Item two."]
    assert "A | B" in blocks_of(art) and "1 | 2" in blocks_of(art)
    assert_well_formed(art)


def test_html_layout_table_menu_cell_is_chrome_story_cell_is_text() -> None:
    html = (
        '<html><body><table><tr><td><a href="/">Home</a><br><a href="/n">News</a><br>'
        '<a href="/a">About</a></td><td><h1>Old site story</h1><p>This page is laid out with '
        "a table, as many old sites are, and the story sits in the right-hand cell.</p><p>A "
        "second paragraph, also prose, follows the first one in the same cell.</p></td></tr>"
        '<tr><td colspan=2><a href="/c">Contact</a> | <a href="/p">Privacy</a></td></tr>'
        "</table></body></html>"
    )
    art = article_from_text(html, "html")
    assert blocks_of(art) == [
        "Old site story",
        "This page is laid out with a table, as many old sites are, and the story sits in the "
        "right-hand cell.",
        "A second paragraph, also prose, follows the first one in the same cell.",
    ]


def test_html_reader_comments_are_not_the_article() -> None:
    para = (
        "<p>The council approved the new library on Monday, and construction starts in the "
        "spring, the mayor said at a press conference.</p>"
    )
    comments = "".join(
        f'<div class="comment"><p>Reader{i} says:</p><p>March {i + 1}, 2024 at 10:1{i} am</p>'
        "<p>I think this is a terrible waste of money, and the council should have fixed the "
        'roads first instead of building this.</p><a href="#reply">Reply</a></div>'
        for i in range(3)
    )
    html = (
        f"<html><body><article><h1>Library approved</h1>{para * 4}</article>"
        f'<section id="comments"><h3>3 Comments</h3>{comments}</section></body></html>'
    )
    art = article_from_text(html, "html")
    assert blocks_of(art)[0] == "Library approved"
    assert len(blocks_of(art, "paragraph")) == 4
    assert "Comments" not in art.text and "waste of money" not in art.text


def test_html_metadata_from_meta_tags() -> None:
    html = (
        '<html><head><meta property="og:title" content="The real title">'
        '<meta name="author" content="Ana Ruiz">'
        '<meta property="article:published_time" content="2023-07-01T10:00:00Z">'
        "<title>The real title | Site</title></head><body><p>"
        + "A sentence of the body, long enough to be prose in anyone's eyes. " * 3
        + "</p></body></html>"
    )
    art = article_from_text(html, "html")
    assert art.meta.title == "The real title"
    assert art.meta.byline == "Ana Ruiz"
    assert art.meta.date == "2023-07-01"


def test_html_hidden_elements_are_not_text_and_page_title_loses_site_name() -> None:
    html = (
        "<html><head><title>Storm hits the coast | The Courier</title></head><body>"
        '<div style="display: none">A hidden cookie notice that nobody sees on the page.</div>'
        '<p hidden>Hidden paragraph.</p><p aria-hidden="true">Also hidden.</p>'
        "<p>" + "The storm made landfall on Tuesday, and thousands were evacuated. " * 3 + "</p>"
        "</body></html>"
    )
    art = article_from_text(html, "html")
    assert "hidden" not in art.text.lower()
    assert art.meta.title == "Storm hits the coast"
    assert blocks_of(art)[0] == "Storm hits the coast"


def test_whitespace_is_collapsed_inside_blocks_and_styles_follow() -> None:
    art = article_from_text("Some   **bold\n   words**   here,\tand more.\n", "markdown")
    assert art.text == "Some bold words here, and more."
    (bold,) = [s for s in art.styles if s.kind == "bold"]
    assert art.text[bold.start : bold.end] == "bold words"


def test_unicode_line_separators_and_controls_do_not_enter_the_text() -> None:
    art = article_from_text("One\u2028two\x0bthree\x07 four.\r\n\r\nNext\u2029para.", "text")
    assert "\u2028" not in art.text and "\x07" not in art.text and "\r" not in art.text
    assert_well_formed(art)


def test_giant_paragraph_is_cut_into_blocks_at_sentence_ends() -> None:
    sentence = "A **bold** claim is made here, and then it is repeated once more. "
    art = article_from_text(sentence * 2000, "markdown")  # one 130,000-character paragraph
    assert len(art.blocks) > 1
    assert all(b.end - b.start <= articles.MAX_BLOCK_CHARS for b in art.blocks)
    assert all(art.text[b.start : b.end].endswith("more.") for b in art.blocks)
    assert art.text.replace("\n", " ") == (sentence * 2000).replace("**", "").strip()
    bold = {art.text[s.start : s.end] for s in art.styles if s.kind == "bold"}
    assert bold == {"bold"}
    assert_well_formed(art)


def test_article_from_text_ids_and_meta_override() -> None:
    art = article_from_text("Hello there, reader.", "text")
    assert art.id.startswith("text:")
    art2 = article_from_text(
        "Hello there, reader.", "text", article_id="urn:x", meta=ArticleMeta(title="Given")
    )
    assert art2.id == "urn:x" and art2.meta.title == "Given"
    assert art.fingerprint == art2.fingerprint == fingerprint_of("Hello there, reader.")


def test_fingerprint_is_sha256_of_utf8_text() -> None:
    import hashlib

    assert fingerprint_of("é") == "sha256:" + hashlib.sha256("é".encode()).hexdigest()


# -------------------------------------------------------------------- encodings and errors


def test_cp1252_file_is_decoded_and_reported(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_bytes("Café – “quoted” and €5, naïve.".encode("cp1252"))
    art = load_article(p)
    assert art.text == "Café – “quoted” and €5, naïve."
    assert art.meta.encoding == "cp1252"


def test_encoding_override_reopens_with_given_encoding(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_bytes("Žluťoučký kůň úpěl.".encode("cp1250"))
    assert load_article(p, encoding="cp1250").text == "Žluťoučký kůň úpěl."
    with pytest.raises(ArticleError, match="unknown encoding"):
        load_article(p, encoding="no-such-codec")
    p.write_bytes(b"\xff\xfe\xfd abc")
    with pytest.raises(ArticleError, match="cannot be read as utf-8"):
        load_article(p, encoding="utf-8")


def test_utf16_with_bom(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_bytes("\ufeffÜber den Fluss.".encode("utf-16-le"))
    art = load_article(p)
    assert art.text == "Über den Fluss." and art.meta.encoding == "utf-16"


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        (lambda p: None, "no such file"),
        (lambda p: p.mkdir(), "is a directory"),
        (lambda p: p.write_bytes(b""), "is empty"),
        (lambda p: p.write_bytes(b"  \n\t \n"), "only whitespace"),
        (lambda p: p.write_bytes(b"abc\x00def" * 10), "binary"),
        (lambda p: p.write_bytes(b"%PDF-1.7\n..."), "PDF"),
    ],
)
def test_bad_files_raise_one_line_article_error(tmp_path: Path, setup, message: str) -> None:  # type: ignore[no-untyped-def]
    p = tmp_path / "x.txt"
    setup(p)
    with pytest.raises(ArticleError) as info:
        load_article(p)
    msg = str(info.value)
    assert message in msg and "\n" not in msg and str(p) in msg


def test_too_large_file_is_refused_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert MAX_FILE_BYTES == 32 * 1024 * 1024
    monkeypatch.setattr(articles, "MAX_FILE_BYTES", 1000)
    p = tmp_path / "big.txt"
    p.write_bytes(b"word " * 400)
    with pytest.raises(ArticleError, match=r"too large .*limit is"):
        load_article(p)


def test_file_without_known_suffix_is_sniffed(tmp_path: Path) -> None:
    p = tmp_path / "page.dat"
    p.write_text(
        "<!DOCTYPE html><html><body><p>Sniffed as HTML, this paragraph is the article "
        "and reads as prose.</p></body></html>",
        encoding="utf-8",
    )
    art = load_article(p)
    assert art.meta.source_format == "html"
    assert art.text == "Sniffed as HTML, this paragraph is the article and reads as prose."


def test_unknown_format_is_an_article_error() -> None:
    with pytest.raises(ArticleError):
        article_from_text("x", "pdf")  # type: ignore[arg-type]


# ------------------------------------------------------ a user's own file keeps every paragraph

_BODY = (
    "The main body of the essay is long and full of words that make up prose of a kind, with "
    "several clauses, and it goes on for a while.\n\n"
    "Another body paragraph follows, with more sentences in it. It says things. It has many "
    "words to weigh.\n"
)


@pytest.mark.parametrize("fmt", ["markdown", "text"])
def test_own_file_keeps_paragraphs_after_two_blank_lines_at_start_and_end(fmt: str) -> None:
    text = f"An opening line that stands alone.\n\n\n{_BODY}\n\nA closing thought after a gap.\n"
    art = article_from_text(text, fmt)  # type: ignore[arg-type]
    assert blocks_of(art)[0] == "An opening line that stands alone."
    assert blocks_of(art)[-1] == "A closing thought after a gap."
    assert len(art.blocks) == 4 and art.removed == ()
    assert_well_formed(art)


@pytest.mark.parametrize("fmt", ["markdown", "text"])
def test_own_file_keeps_short_last_paragraph_after_a_byline(fmt: str) -> None:
    text = f"# My notes\n\n{_BODY}\nBy Jane Roe\n\nThanks!\n"
    if fmt == "text":
        text = text.replace("# ", "")
    art = article_from_text(text, fmt)  # type: ignore[arg-type]
    assert blocks_of(art)[-2:] == ["By Jane Roe", "Thanks!"]
    assert art.removed == ()


def test_own_markdown_keeps_title_case_line_and_list_at_the_ends() -> None:
    text = f"Notes From The Meeting\n\n\n{_BODY}\n\n- milk\n- eggs\n- bread\n"
    art = article_from_text(text, "markdown")
    assert blocks_of(art)[0] == "Notes From The Meeting"
    assert blocks_of(art)[-3:] == ["milk", "eggs", "bread"]


def test_scraped_text_loses_furniture_only_at_its_ends_and_lists_it() -> None:
    art = load_article(CHROME / "council-page.txt")
    removed = {(r.kind, r.text) for r in art.removed}
    assert ("furniture", "Skip to main content") in removed
    assert ("furniture", "Share this page") in removed
    assert all(r.at == 0 for r in art.removed if r.text == "Menu")
    assert all(r.at == len(art.text) for r in art.removed if r.text == "Share this page")
    mail = load_article(CHROME / "mailing-list-post.txt")
    kinds = {r.kind for r in mail.removed}
    assert {"headers", "signature"} <= kinds
    assert any(r.kind == "headers" and "Message-ID" in r.text for r in mail.removed)


def test_markdown_front_matter_is_listed_as_removed() -> None:
    art = article_from_text("---\ntitle: T\nauthor: A\n---\n\nA body sentence here.\n", "markdown")
    assert [(r.kind, r.text) for r in art.removed] == [
        ("front matter", "---\ntitle: T\nauthor: A\n---")
    ]


# ------------------------------------------------------------- web pages: general causes of loss


def _story(n: int, tag: str) -> str:
    return "".join(
        f"<p>{tag} paragraph {i} tells, in plain sentences, what the council decided about the "
        f"river wall and why the people along the bank care about it so much.</p>"
        for i in range(n)
    )


def test_paragraph_ending_in_a_bracketed_note_or_citation_ends_a_sentence() -> None:
    from diptych.core.reading.chrome import ends_sentence

    assert ends_sentence("They said the grove was sacred. [M1 / MP]")
    assert ends_sentence("The wall was built in 1952.[3]")
    assert ends_sentence("It rose by forty percent.[3][12]")
    assert not ends_sentence("Home [Menu]")


def test_article_split_by_a_gallery_keeps_both_parts() -> None:
    gallery = "".join(
        f'<div><a href="https://site.example/p/{i}">Photo {i}</a><span>Credit: Agency</span></div>'
        for i in range(25)
    )
    html = (
        "<html><body><article><h1>River wall approved</h1>"
        f"{_story(4, 'First')}<div>{gallery}</div>{_story(4, 'Second')}</article>"
        "</body></html>"
    )
    text = article_from_text(html, "html").text
    assert "First paragraph 0" in text and "Second paragraph 3" in text
    assert "Photo 3" not in text


def test_bulleted_article_without_final_stops_is_prose() -> None:
    items = "".join(
        f"<li>The council will rebuild the wall along the river before the winter floods "
        f"come, and point {i} of the plan is paid for by the state fund</li>"
        for i in range(8)
    )
    html = (
        '<html><body><nav><a href="/">Home</a> <a href="/n">News</a></nav>'
        f"<h1>Eight points of the plan</h1><ul>{items}</ul>"
        "<footer>© 2024 The Courier</footer></body></html>"
    )
    art = article_from_text(html, "html")
    assert len(blocks_of(art, "list_item")) == 8


def test_comments_share_and_related_after_the_article_are_removed_and_listed() -> None:
    html = (
        "<html><body><main><h1>River wall approved</h1>"
        f"{_story(5, 'Story')}"
        '<div class="share-tools"><p>Share this: Facebook Twitter Email</p></div>'
        "<h3>Related</h3><ul><li><a href='https://s.example/1'>Flood insurance rises</a></li>"
        "<li><a href='https://s.example/2'>Mayor resigns</a></li></ul>"
        '<section id="comments"><h3>3 comments</h3>'
        "<div><p>Joe wrote: I think you are all wrong about this, the wall is a waste.</p>"
        "<p>Ann wrote: great story, thanks for covering it!</p></div></section>"
        "</main></body></html>"
    )
    art = article_from_text(html, "html")
    assert art.text.endswith("care about it so much.")
    assert "Story paragraph 4" in art.text
    for chrome in ("Share this", "Related", "Mayor resigns", "comments", "Joe wrote"):
        assert chrome not in art.text, chrome
    removed = " ".join(r.text for r in art.removed)
    assert "Share this" in removed and "Joe wrote" in removed
    assert all(r.at == len(art.text) for r in art.removed if "Joe" in r.text)


# ---------------------------------------------------------------------- web page titles, metadata


def _page(head: str, body_top: str) -> str:
    return (
        f"<html><head>{head}</head><body><article>{body_top}{_story(5, 'Story')}"
        "</article></body></html>"
    )


def test_kicker_above_the_headline_is_not_the_title() -> None:
    html = _page(
        '<meta property="og:title" content="Viera defeats Rockledge to stay unbeaten">',
        "<h2>GIRLS BASKETBALL</h2><h1>Viera defeats Rockledge to stay unbeaten</h1>",
    )
    art = article_from_text(html, "html")
    assert art.meta.title == "Viera defeats Rockledge to stay unbeaten"
    assert blocks_of(art, "title") == ["Viera defeats Rockledge to stay unbeaten"]
    assert blocks_of(art, "heading") == ["GIRLS BASKETBALL"]  # kept, above it, as on the page


def test_json_ld_headline_author_and_date() -> None:
    ld = (
        '<script type="application/ld+json">{"@context": "https://schema.org", "@graph": ['
        '{"@type": "WebSite", "name": "The Courier"}, {"@type": "NewsArticle", "headline": '
        '"Council backs the river wall", "author": [{"@type": "Person", "name": "Ann Lee"}], '
        '"datePublished": "2024-03-05T10:00:00Z"}]}</script>'
    )
    art = article_from_text(_page(f"<title>Home | The Courier</title>{ld}", "<p>Share</p>"), "html")
    assert art.meta.title == "Council backs the river wall"
    assert art.meta.byline == "Ann Lee" and art.meta.date == "2024-03-05"
    assert "Home" not in art.text


@pytest.mark.parametrize("first", ["Contents", "March 5, 2024"])
def test_contents_or_a_date_line_is_never_the_title(first: str) -> None:
    html = _page("<title>River wall approved - The Courier</title>", f"<h1>{first}</h1>")
    art = article_from_text(html, "html")
    assert art.meta.title == "River wall approved"


def test_title_less_site_name_from_title_tag() -> None:
    html = _page("<title>River wall approved | The Courier</title>", "")
    assert article_from_text(html, "html").meta.title == "River wall approved"


def test_page_h1_stands_against_an_seo_title_tag() -> None:
    html = _page("<title>Mill story | The Courier</title>", "<h1>River wall approved</h1>")
    art = article_from_text(html, "html")
    assert art.meta.title == "River wall approved"
    assert "Mill story" not in art.text


def test_a_section_heading_under_the_prose_is_not_the_title() -> None:
    # no headline in the article; its first section heading shares words with the page title
    lede = (
        "<p>When you live in a state as beautiful as this one it is impossible to stay inside, "
        "so we walk the hills above the town with the children almost every weekend.</p>"
    )
    html = _page(
        '<meta property="og:title" content="Simple hiking survival kit for families">',
        f"{lede}<h3>Our hiking survival kit is really very simple.</h3>",
    )
    art = article_from_text(html, "html")
    assert art.meta.title == "Simple hiking survival kit for families"
    assert "Our hiking survival kit is really very simple." in blocks_of(art, "heading")
