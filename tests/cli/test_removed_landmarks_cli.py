"""``diptych article --json`` lists the page's navigation, aside and footer the HTML reader
drops, each where it stood (issue 12, "Nothing hidden")."""

from __future__ import annotations

import json
from pathlib import Path

from helpers.cli import run_cli

PARAGRAPH = (
    "<p>Paragraph {} says that the river floods every spring near the old mill, and that "
    "the council wants to rebuild the wall before the next winter comes.</p>"
)
PAGE = (
    "<html><head><title>Mill story</title></head><body>"
    "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
    "<article><h1>Mill story</h1>"
    + PARAGRAPH.format("one")
    + PARAGRAPH.format("two")
    + "<aside>Share this</aside>"
    + PARAGRAPH.format("three")
    + PARAGRAPH.format("four")
    + "</article><footer>© 2019 The Courier</footer></body></html>"
)


def test_article_json_lists_nav_aside_and_footer_in_place(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    out = run_cli("article", str(page), "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    text = data["text"]
    removed = [(r["kind"], " ".join(r["text"].split()), r["at"]) for r in data["removed"]]
    assert [(k, t) for k, t, _at in removed] == [
        ("navigation", "Home World"),
        ("aside", "Share this"),
        ("footer", "© 2019 The Courier"),
    ]
    at = {k: a for k, _t, a in removed}
    assert at["navigation"] <= text.index("Paragraph one")
    assert at["aside"] == text.index("Paragraph three")  # between the paragraphs it parted
    assert at["footer"] == len(text)  # after the last block
    for piece in ("Home", "Share this", "Courier"):  # none of it entered the text
        assert piece not in text
