"""Tryout: ``diptych export-pdf file:///…/a.md b.md`` said "file:///…/a.md: no such file" for a
file that is there. Diptych's own exports name articles by such addresses (the W3C "source",
the Markdown notes' links), so they are read as the file they name; another scheme is said
plainly instead of "no such file"."""

from __future__ import annotations

from pathlib import Path

import pytest

from diptych.core.errors import ArticleError
from diptych.core.reading.articles import load_article

TEXT = "# Wall\n\nThe council voted on Monday to rebuild the harbour wall before winter.\n"


def test_a_file_address_is_read_as_its_file(tmp_path: Path) -> None:
    f = tmp_path / "a wall.md"
    f.write_text(TEXT, encoding="utf-8")
    by_path = load_article(f)
    by_url = load_article(f.resolve().as_uri())
    assert by_url.text == by_path.text and by_url.id == by_path.id


def test_a_file_address_of_a_missing_file_names_it(tmp_path: Path) -> None:
    url = (tmp_path / "gone.md").as_uri()
    with pytest.raises(ArticleError, match="no such file"):
        load_article(url)


def test_a_file_address_on_another_machine_is_refused_plainly() -> None:
    with pytest.raises(ArticleError, match="another computer"):
        load_article("file://server/share/a.md")


@pytest.mark.parametrize("url", ["ftp://example.org/a.md", "javascript:alert(1)"])
def test_other_schemes_are_said_plainly(url: str) -> None:
    with pytest.raises(ArticleError, match=r"only files and http\(s\) addresses"):
        load_article(url)
