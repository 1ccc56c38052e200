"""``diptych article``: what the loader removed is listed; ``--version`` names the readers."""

from __future__ import annotations

import json
from pathlib import Path

from helpers.cli import run_cli as run

CHROME = Path(__file__).resolve().parents[1] / "data" / "chrome"


def test_article_json_lists_removed_text_with_kind_and_place() -> None:
    out = run("article", "--json", str(CHROME / "news-page.html"))
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    removed = data["removed"]
    assert removed and all(set(r) == {"kind", "text", "at", "inside"} for r in removed)
    assert all(isinstance(r["inside"], bool) for r in removed)
    texts = [r["text"] for r in removed]
    assert any("cookies" in t for t in texts)
    assert any("Related stories" in t for t in texts)
    assert all(0 <= r["at"] <= len(data["text"]) for r in removed)
    assert not any(t in data["text"] for t in texts if len(t) > 20)


def test_article_json_of_own_markdown_removes_nothing(tmp_path: Path) -> None:
    f = tmp_path / "notes.md"
    f.write_text(
        "Opening line.\n\n\nA body paragraph that says something in full sentences.\n\n\nEnd.\n",
        encoding="utf-8",
    )
    data = json.loads(run("article", "--json", str(f)).stdout)
    assert data["removed"] == []
    assert data["text"].startswith("Opening line.") and data["text"].endswith("End.")


def test_version_names_each_reader() -> None:
    out = run("--version")
    assert out.returncode == 0
    lines = out.stdout.splitlines()
    assert lines[0].startswith("diptych ")
    assert any(line.startswith("trafilatura: ") for line in lines)
    assert any(line.startswith("readability-lxml: ") for line in lines)
    assert not any("missing" in line for line in lines)


def test_article_json_gives_title_author_and_date_from_the_page_metadata(tmp_path: Path) -> None:
    story = "".join(
        f"<p>Paragraph {i} tells, in plain sentences, what the council decided about the "
        "river wall and why the people along the bank care about it so much.</p>"
        for i in range(5)
    )
    f = tmp_path / "page.html"
    f.write_text(
        "<html><head><title>The Courier | Storm hits the coast</title>"
        '<meta property="og:site_name" content="The Courier">'
        '<meta property="article:published_time" content="Mon, 18 Nov 2019 16:07:38 -0600">'
        '<script type="application/ld+json">{"@type": "NewsArticle", "author": '
        '[{"@type": "Person", "name": "Ann Lee"}, {"@type": "Person", "name": "kevin-r"}]}'
        f"</script></head><body><article>{story}</article></body></html>",
        encoding="utf-8",
    )
    out = run("article", "--json", str(f))
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert (data["title"], data["byline"], data["date"]) == (
        "Storm hits the coast",
        "Ann Lee",
        "2019-11-18",
    )


def test_article_says_read_as_only_for_text_it_decoded(tmp_path: Path) -> None:
    formats = Path(__file__).resolve().parents[1] / "data" / "formats"
    out = run("article", str(formats / "article.docx")).stdout
    assert "source:      docx\n" in out and "read as" not in out
    md = tmp_path / "a.md"
    md.write_text("# A\n\nSome text here.\n", encoding="utf-8")
    assert "source:      markdown, read as utf-8\n" in run("article", str(md)).stdout
