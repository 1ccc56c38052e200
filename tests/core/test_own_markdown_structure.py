"""A user's own Markdown keeps its headings, code, lists and tables after the first
paragraph: the file's marked-up structure is the writer's, never a sign of a scraped page."""

from __future__ import annotations

from diptych.core.reading.articles import article_from_text

_README = """# fastcsv

A small library that reads CSV files quickly and without fuss, written for people who have big files.

## Install

```sh
pip install fastcsv
```

## Features

- Reads big files fast
- Handles quoted fields well
- Works on every platform

## Usage

```python
import fastcsv
rows = fastcsv.read("data.csv")
```

| Option | Default |
|--------|---------|
| sep    | comma   |
| quote  | double  |

That is all there is to it. Please report bugs on the tracker.
"""


def test_readme_keeps_every_word() -> None:
    art = article_from_text(_README, "markdown")
    assert art.removed == ()
    for words in (
        "Install",
        "pip install fastcsv",
        "Reads big files fast",
        "rows = fastcsv.read",
        "quote",
        "Please report bugs on the tracker.",
    ):
        assert words in art.text


def test_readme_structure_before_the_prose_is_kept_too() -> None:
    head = "## Setup\n\n```sh\nmake install\n```\n\n- fast start\n- small files here\n- no daemon at all\n\n"
    art = article_from_text(head + _README.split("\n", 2)[2], "markdown")
    assert art.removed == ()
    assert art.text.startswith("Setup\nmake install\nfast start")


def test_a_menu_of_links_in_a_scraped_markdown_still_goes() -> None:
    # a page saved as Markdown: its menu is a list of links, and that is still furniture
    menu = "- [Home](/)\n- [News](/news)\n- [Sport](/sport)\n- [Weather](/weather)\n\n"
    body = _README.split("\n", 2)[2]
    art = article_from_text(menu + body, "markdown")
    assert {r.text for r in art.removed} >= {"Home", "News", "Sport", "Weather"}
    assert "Please report bugs on the tracker." in art.text
