"""The extraction vote when trafilatura and readability-lxml read different parts of a page."""

from __future__ import annotations

from diptych.core.reading.chrome import select_by_votes
from diptych.core.reading.rawblocks import RawBlock

ARTICLE = (
    "Living a real love is one of the great pleasures of life and it asks for courage. "
    "Liking is feeling with the soul, but saying what we feel depends on the ideas each of us "
    "has. We tie love to our own needs and we end it. We want to be loved and do not love "
    "ourselves, we want to be understood and do not understand ourselves. Only who loves "
    "themselves can find a true love"
)
TEASER = (
    "Life asks of us optimism and the courage to hope for the best and to make the best "
    "happen, because pessimism only stiffens the smile and holds back every step we take. "
    "Hope is what keeps a family together through the years, and it is never wasted."
)


def _page() -> list[RawBlock]:
    blocks = [
        RawBlock("heading", "Only who loves themselves", level=1, explicit=True),
        RawBlock("paragraph", "Messages » Self-esteem » Only who loves themselves"),
        RawBlock("paragraph", ARTICLE),
        RawBlock("heading", "You may also like...", level=3, explicit=True),
    ]
    for _ in range(6):
        blocks.append(RawBlock("paragraph", TEASER))
    return blocks


def test_the_text_under_the_headline_wins_over_more_prose_further_down() -> None:
    blocks = _page()
    for i, b in enumerate(blocks):
        b.extracted = i in (0, 2)  # trafilatura: the headline and the article
        b.readable = i >= 4  # readability: the teaser list after the article
    kept = [b.text for b in select_by_votes(blocks).blocks]
    assert ARTICLE in kept
    assert TEASER not in kept


def test_the_prose_decides_when_neither_starts_under_the_headline() -> None:
    blocks = _page()
    blocks[0] = RawBlock("paragraph", "Only who loves themselves")
    for i, b in enumerate(blocks):
        b.extracted = i == 2
        b.readable = i >= 4
    kept = [b.text for b in select_by_votes(blocks).blocks]
    assert TEASER in kept


def test_an_embedded_post_after_the_article_stays_with_its_linked_attribution() -> None:
    body = [RawBlock("paragraph", ARTICLE + ".") for _ in range(4)]
    post = "Observe a minute of silence in honour of the departed souls of the chamber."
    post2 = "The leader raises a motion on the deaths of a former speaker and a senator."
    credit = "— The Nigerian Senate (@NGRSenate) October 9, 2018"
    start = credit.index("Senate")  # the linked name, as embedded posts link it
    link = ("link", start, credit.index(")") + 1, "https://x.example/Senate/status/1")
    blocks = [
        RawBlock("heading", "Senate adjourns", level=1, explicit=True),
        *body,
        RawBlock("quote", post, explicit=True),
        RawBlock("quote", credit, [link], explicit=True),
        RawBlock("quote", post2, explicit=True),
        RawBlock("quote", credit, [link], explicit=True),  # each post names its author
        RawBlock("paragraph", "Share on Twitter", [("link", 0, 16, "https://x.example/share")]),
    ]
    for i, b in enumerate(blocks):
        b.extracted = i <= 8  # trafilatura keeps the embedded posts
        b.readable = 1 <= i <= 4  # readability stops at the article's last paragraph
    kept = [b.text for b in select_by_votes(blocks).blocks]
    assert post in kept and post2 in kept and kept.count(credit) == 2
    assert "Share on Twitter" not in kept


def test_a_two_word_line_counts_as_kept_by_an_extractor_that_kept_it() -> None:
    # a sentence of Japanese broken over <br> lines: each line is two "words" between commas
    from diptych.core.reading.articles import _mark_votes

    lines = [
        "また、その他にも、",
        "権利者の意思に基づくことなく、もとの商品を小分けにして販売するような行為は、",
        "商標権侵害と判断される場合があります。",
    ]
    own = [RawBlock("paragraph", t) for t in lines]
    other = [RawBlock("paragraph", "関連記事 こちらの記事も合わせてどうぞ")]
    _mark_votes(own, [RawBlock("paragraph", t) for t in lines], other)
    assert [b.extracted for b in own] == [True, True, True]
    assert [b.readable for b in own] == [False, False, False]


def test_gallery_captions_shown_twice_are_left_out_where_one_extractor_kept_them() -> None:
    caption = (
        "The defence secretary, left, and his host shake hands before their meeting in the "
        "capital on Wednesday, November 20."
    )
    body = [RawBlock("paragraph", f"{ARTICLE}, part {i}.") for i in range(4)]
    blocks = [
        RawBlock("heading", "Esper accuses China", level=1, explicit=True),
        RawBlock("list_item", caption, explicit=True),  # under the thumbnails
        RawBlock("paragraph", caption),  # in the gallery's viewer
        RawBlock("paragraph", "Esper accuses China"),
        *body,
    ]
    for i, b in enumerate(blocks):
        b.extracted = i == 0 or i >= 3
        b.readable = i >= 1
    kept = [b.text for b in select_by_votes(blocks).blocks]
    assert caption not in kept
    assert all(b.text in kept for b in body)


def test_a_repeated_caption_gets_the_vote_for_as_many_copies_as_the_extractor_kept() -> None:
    from diptych.core.reading.articles import _mark_votes

    caption = "2018 Theater Tradition Series Performance [The Palace] Welcome Festival"
    paras = [f"{ARTICLE}, part {i}." for i in range(2)]
    own = [RawBlock("paragraph", t) for t in (caption, paras[0], caption, paras[1], caption)]
    traf = [RawBlock("paragraph", t) for t in (caption, paras[0], paras[1])]
    read = [RawBlock("paragraph", t) for t in paras]
    _mark_votes(own, traf, read)
    assert [b.extracted for b in own] == [True, True, False, True, False]
    assert [b.readable for b in own] == [False, True, False, True, False]


def test_the_article_runs_on_past_an_advertisement_label_one_extractor_stopped_at() -> None:
    first = [RawBlock("paragraph", f"{ARTICLE}, part {i}.") for i in range(4)]
    after = [
        RawBlock("paragraph", f"{TEASER} This is the part after the advertisement, {i}.")
        for i in range(3)
    ]
    blocks = [
        RawBlock("heading", "Only who loves themselves", level=1, explicit=True),
        *first,
        RawBlock("paragraph", "Advertisement"),
        *after,
        RawBlock("paragraph", "More Great Stories"),
        RawBlock("list_item", "Ten gadgets", [("link", 0, 11, "/gadgets")], explicit=True),
    ]
    for i, b in enumerate(blocks):
        b.extracted = i <= 4  # trafilatura stops at the advertisement
        b.readable = 1 <= i <= 8 and i != 5  # neither keeps the label
    kept = [b.text for b in select_by_votes(blocks).blocks]
    assert all(b.text in kept for b in first + after)
    assert "Advertisement" not in kept and "More Great Stories" not in kept
