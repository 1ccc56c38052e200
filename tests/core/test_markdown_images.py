"""Images in a user's Markdown: never fetched, never part of the text, never silently gone.

Tryout: `![pw](file:///etc/passwd)` and a raw `<img alt=…>` vanished with their alt text,
leaving no sign an image stood there. Each is listed as removed text of kind "image" (its alt
text, else its file name) at the place it stood, so View → Show removed text shows it greyed.
"""

from __future__ import annotations

from diptych.core.reading.articles import article_from_text


def test_markdown_and_html_images_are_listed_where_they_stood() -> None:
    art = article_from_text(
        "# Report\n\n"
        "The bridge ![Photo of the bridge](pics/bridge.jpg) was closed.\n\n"
        'A map <img src="maps/route.png" alt="Route map"> follows and '
        '<img src="file:///etc/passwd"> one without alt.\n',
        "markdown",
    )
    assert "Photo of the bridge" not in art.text and "passwd" not in art.text
    images = [(r.text, art.text[: r.at]) for r in art.removed if r.kind == "image"]
    assert [t for t, _ in images] == ["Photo of the bridge", "Route map", "passwd"]
    assert images[0][1].endswith("The bridge ")  # where it stood
    assert images[1][1].endswith("A map ")


def test_prose_without_images_lists_none() -> None:
    art = article_from_text("# T\n\nJust text, *some* of it [linked](https://x.org).\n", "markdown")
    assert not [r for r in art.removed if r.kind == "image"]
