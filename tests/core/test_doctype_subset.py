"""A DOCTYPE with an internal subset (entity declarations, as an XXE attempt or an old XHTML
book carries) is a declaration, not text: the tryout saw "]>" as the first paragraph of an EPUB
chapter. Its entities are never expanded."""

from __future__ import annotations

from diptych.core.reading.html_blocks import read_html

PAGE = (
    '<?xml version="1.0"?>\n<!DOCTYPE html [\n  <!ENTITY xxe SYSTEM "file:///etc/passwd">\n'
    '  <!ENTITY lol "lol">\n]>\n<html><head><title>XXE</title></head><body>'
    "<h1>Chapter</h1><p>The council voted on Monday to rebuild the wall.</p></body></html>"
)


def test_the_internal_subset_is_not_read_as_text() -> None:
    blocks, _meta = read_html(PAGE)
    texts = [b.text for b in blocks]
    assert not any("]>" in t or "ENTITY" in t or "passwd" in t for t in texts), texts
    assert "The council voted on Monday to rebuild the wall." in texts


def test_a_plain_doctype_and_brackets_in_text_are_untouched() -> None:
    blocks, _meta = read_html(
        "<!DOCTYPE html><html><body><p>Values [1, 2] and a]> b.</p></body></html>"
    )
    assert [b.text for b in blocks] == ["Values [1, 2] and a]> b."]
