"""``diptych article``: what the loader removed is listed; ``--version`` names the readers."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

CHROME = Path(__file__).resolve().parents[1] / "data" / "chrome"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "diptych", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        env=env,
    )


def test_article_json_lists_removed_text_with_kind_and_place() -> None:
    out = run("article", "--json", str(CHROME / "news-page.html"))
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    removed = data["removed"]
    assert removed and all(set(r) == {"kind", "text", "at"} for r in removed)
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


def test_article_says_read_as_only_for_text_it_decoded(tmp_path: Path) -> None:
    formats = Path(__file__).resolve().parents[1] / "data" / "formats"
    out = run("article", str(formats / "article.docx")).stdout
    assert "source:      docx\n" in out and "read as" not in out
    md = tmp_path / "a.md"
    md.write_text("# A\n\nSome text here.\n", encoding="utf-8")
    assert "source:      markdown, read as utf-8\n" in run("article", str(md)).stdout
