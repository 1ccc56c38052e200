"""``--json`` output never hands a terminal a character it would act on: an article's bidi
override or C1 control is written as a ``\\uXXXX`` escape (the same JSON to a parser), while
right-to-left text itself stays as written (tryout: ``article --json`` printed U+202E raw, and
the rest of the terminal's line was drawn backwards)."""

from __future__ import annotations

import json
from pathlib import Path

from helpers.cli import run_cli

HOSTILE = "account \u202e4321 and \u2066isolated\u2069 text, \u2028 Hebrew \u05e9\u05dc\u05d5\u05dd \u200f."


def test_json_escapes_what_a_terminal_would_act_on(tmp_path: Path) -> None:
    page = tmp_path / "bidi.md"
    page.write_text(f"# Title\n\n{HOSTILE}\n", encoding="utf-8")
    out = run_cli("article", str(page), "--json")
    assert out.returncode == 0, out.stderr
    for ch in "\u202e\u2066\u2069\u200f":
        assert ch not in out.stdout
        assert f"\\u{ord(ch):04x}" in out.stdout
    assert "\u2028" not in out.stdout  # (the reader makes it a line break)
    assert "\u05e9\u05dc\u05d5\u05dd" in out.stdout  # Hebrew itself as written
    data = json.loads(out.stdout)
    assert "account \u202e4321" in data["text"]  # a parser gets the text back unchanged
    assert "\u05e9\u05dc\u05d5\u05dd \u200f" in data["text"]


def test_json_escapes_what_draws_nothing_and_parses_back(capsys) -> None:
    """A character that draws nothing (a Hangul filler, a zero-width space, a tag character
    beyond U+FFFF) is escaped as the terminal text escapes it, in JSON's own form: a tag
    character as its two surrogates, so that a parser reads the same string."""
    from diptych.cli.options import print_json, visible

    name = "\u3164coup\u200b\U000e0041"
    print_json({"name": name})
    out = capsys.readouterr().out
    for ch in name[:1] + name[-2:]:
        assert ch not in out
    assert "\\u3164" in out and "\\u200b" in out and "\\udb40\\udc41" in out
    assert json.loads(out) == {"name": name}
    assert visible(name) == "\\u3164coup\\u200b\\U000e0041"
