"""The extraction benchmark's title check (bench_extraction.title_right) counts a title and
its URL slug alike: the slug's numbers count in its length as the title's do, an abbreviation
with dots is one word, a Cyrillic title is transliterated as its slug was, and an id in the
slug is no word; a site's name left in a title is still wrong."""

from __future__ import annotations

import pytest
from bench_extraction import _slug, title_right


def _right(title: str, url: str) -> bool:
    slug, numbers = _slug(url)
    assert slug, url
    return title_right(title, slug, numbers)


@pytest.mark.parametrize(
    ("title", "url"),
    [
        # "50th" is in both: the slug's number counts in its length, as the title's does
        (
            "The Band Reunites With Old Singer for 50th Anniversary Tour",
            "https://example.com/music/band-reunites-for-50th-anniversary-tour/",
        ),
        # "C.A.R.E." is one word, "care", as the slug writes it
        ("Take C.A.R.E. - Comwrap at DMEXCO 2018", "https://blog.example.com/take-care-at-dmexco"),
        # and "L.A." is still found as the slug's "l a"
        (
            "New SUVs and electric cars highlight L.A. Auto Show",
            "https://example.com/new-suvs-electric-cars-highlight-l-a-auto-show.html",
        ),
        # "Jupiter's" is the slug's "jupiter s"
        (
            "NASA Confirms Water Plumes Above Jupiter's Moon Europa",
            "https://example.com/nasa-finds-water-plumes-above-jupiter-s-icy-moon-europa",
        ),
        # a Cyrillic title against its transliterated slug ("й" as "j", "ы" as "yi")
        (
            "Скайрим скорость бега как увеличить",
            "https://example.ru/skajrim-skorost-bega-kak-uvelichit/",
        ),
        (
            "Мастера вкуса: 23 самых крутых фудблогера",
            "http://example.ru/articles/mastera-vkusa-23-samyih-krutyih-fudblogera-id119898.htm",
        ),
    ],
)
def test_titles_counted_like_their_slug_are_right(title: str, url: str) -> None:
    assert _right(title, url)


@pytest.mark.parametrize(
    ("title", "url"),
    [
        # the site's name left in
        (
            "Storm hits the coast | The Courier Daily News Online",
            "https://example.com/storm-hits-the-coast/",
        ),
        # another headline
        ("Council approves the new budget", "https://example.com/storm-hits-the-coast/"),
        ("Новости дня: всё о погоде", "https://example.ru/skajrim-skorost-bega-kak-uvelichit/"),
    ],
)
def test_other_titles_are_wrong(title: str, url: str) -> None:
    assert not _right(title, url)


def test_an_id_in_the_slug_is_no_word() -> None:
    assert _slug("https://example.ru/a/letnyaya-model-posmotri-na-krasotku-id120424/")[0] == [
        "letnyaya",
        "model",
        "posmotri",
        "na",
        "krasotku",
    ]
