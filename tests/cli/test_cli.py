"""The CLI's JSON contracts and its behaviour on bad input, run as a user would (subprocess)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers.cli import run_cli as run


@pytest.fixture(scope="module")
def seed_texts() -> tuple[str, str]:
    from diptych.core.reading.articles import load_seed_pair

    a, b = load_seed_pair()
    return a.text, b.text


def test_claims_json_on_the_seed_pair_follows_the_contract(seed_texts: tuple[str, str]) -> None:
    out = run("claims", "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert set(data) == {"claims", "only_in_a", "only_in_b", "related", "topics_notice"}
    assert data["related"] is True
    claims = data["claims"]
    assert len(claims) >= 10
    tiers = [c["tier"] for c in claims]
    assert tiers == sorted(tiers, key=lambda t: t != "strong") and "strong" in tiers
    for tier in ("strong", "possible"):  # strong first, each tier best first
        scores = [c["score"] for c in claims if c["tier"] == tier]
        assert scores == sorted(scores, reverse=True)
    text_a, text_b = seed_texts
    keys = {"a", "b", "score", "topic", "shared_terms", "diff", "tier", "a_core", "b_core"}
    for c in claims:
        assert set(c) == keys | {"differs", "verdict", "doubts"}
        assert c["verdict"] is None  # no store: nothing judged
        # a possible claim says which signals did not agree; a strong one has no doubts
        assert bool(c["doubts"]) == (c["tier"] == "possible")
        assert set(c["doubts"]) <= {"unrelated", "better_partner", "scattered", "meaning", "model"}
        assert text_a[c["a"]["start"] : c["a"]["end"]] == c["a"]["text"]
        assert text_b[c["b"]["start"] : c["b"]["end"]] == c["b"]["text"]
        assert c["a"]["start"] <= c["a_core"]["start"] < c["a_core"]["end"] <= c["a"]["end"]
        assert c["b"]["start"] <= c["b_core"]["start"] < c["b_core"]["end"] <= c["b"]["end"]
        assert c["topic"] in {"coup", "MAS record", "lithium", "program", None}
        assert "".join(t for op, t in c["diff"] if op <= 0) == c["a_core"]["text"]
        assert "".join(t for op, t in c["diff"] if op >= 0) == c["b_core"]["text"]
        assert all(len(d) == 2 for d in c["differs"])
    for span in data["only_in_a"]:
        assert text_a[span["start"] : span["end"]] == span["text"]


def test_claims_min_score_keeps_only_pairs_above_it() -> None:
    out = run("claims", "--json", "--min-score", "0.5")
    assert out.returncode == 0, out.stderr
    claims = json.loads(out.stdout)["claims"]
    assert claims
    assert all(c["score"] >= 0.5 for c in claims)


def test_topics_json_names_the_seed_topics_in_both_articles(seed_texts: tuple[str, str]) -> None:
    out = run("topics", "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert set(data) == {"topics", "notice"}
    assert data["notice"] is None  # the seed's own topics: nothing to say
    topics = data["topics"]
    assert [t["name"] for t in topics] == ["coup", "MAS record", "lithium", "program"]
    for t in topics:
        assert t["color"].startswith("#")
        assert t["a"] and t["b"], t["name"]
        for side, text in (("a", seed_texts[0]), ("b", seed_texts[1])):
            for span in t[side]:
                assert text[span["start"] : span["end"]] == span["text"]


def test_article_json_has_blocks_and_sentences_that_index_the_text(tmp_path: Path) -> None:
    f = tmp_path / "note.md"
    f.write_text("# A title\n\nFirst sentence by Gen. Smith. Second one.\n", encoding="utf-8")
    out = run("article", str(f), "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["title"] == "A title"
    assert data["id"] == f.resolve().as_uri()
    assert data["fingerprint"].startswith("sha256:")
    kinds = [b["kind"] for b in data["blocks"]]
    assert kinds[0] == "title"
    sentences = [data["text"][s["start"] : s["end"]] for s in data["sentences"]]
    assert "First sentence by Gen. Smith." in sentences


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("missing.txt", None, "no such file"),
        ("empty.txt", b"", "empty"),
        ("binary.txt", bytes(range(256)) * 8, "binary"),
        ("folder", "dir", "directory"),
    ],
)
def test_bad_input_gives_one_clear_line_and_exit_1(
    tmp_path: Path, name: str, content: bytes | str | None, says: str
) -> None:
    path = tmp_path / name
    if content == "dir":
        path.mkdir()
    elif isinstance(content, bytes):
        path.write_bytes(content)
    good = tmp_path / "good.txt"
    good.write_text("A plain article. It has two sentences.\n", encoding="utf-8")
    for args in (("article", str(path)), ("claims", str(path), str(good))):
        out = run(*args)
        assert out.returncode == 1
        lines = out.stderr.strip().splitlines()
        assert len(lines) == 1, out.stderr
        assert says in lines[0]
        assert "Traceback" not in out.stderr


def test_usage_errors_exit_2() -> None:
    assert run("claims", "--min-score", "lots").returncode == 2
    assert run("no-such-command", "x", "y", "--bogus").returncode == 2


def test_a_word_that_is_neither_a_file_nor_a_command_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from diptych.cli import main

    monkeypatch.chdir(tmp_path)
    assert main(["bogus"]) == 2
    err = capsys.readouterr().err
    assert "bogus is neither a file nor a command; commands:" in err and "export-pdf" in err
    (tmp_path / "a.md").write_text("# A\n\ntext\n", encoding="utf-8")
    assert main(["a.md"]) == 2  # a file alone: the pair needs two
    assert "give two files" in capsys.readouterr().err


def test_subcommand_names_come_from_the_parsers() -> None:
    from diptych.cli.app import command_names

    assert command_names() == {
        "article",
        "topics",
        "claims",
        "highlights",
        "export-pdf",
        "install-desktop-entry",
    }


def test_every_subcommand_has_help(capsys: pytest.CaptureFixture[str]) -> None:
    from diptych.cli.app import command_names, main

    for cmd in sorted(command_names()):
        with pytest.raises(SystemExit) as exc:
            main([cmd, "--help"])
        assert exc.value.code == 0, cmd
        assert capsys.readouterr().out.startswith(f"usage: diptych {cmd}")
    assert run("--version").stdout.startswith("diptych ")  # python -m diptych, as installed


def test_shared_options_read_alike_in_every_subcommand() -> None:
    """--db, --topics and the optional A/B pair are the same wherever they appear."""
    import argparse

    from diptych.cli.app import build_parser

    def subparsers(p: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
        for action in p._actions:
            if isinstance(action, argparse._SubParsersAction):
                return dict(action.choices)
        return {}

    forms: dict[str, set[tuple[object, ...]]] = {}
    users: dict[str, list[str]] = {}
    todo = list(subparsers(build_parser()).items())
    while todo:
        name, p = todo.pop()
        todo.extend((f"{name} {n}", q) for n, q in subparsers(p).items())
        for act in p._actions:
            if act.dest in {"db", "topics"} or (act.dest in {"a", "b"} and act.nargs == "?"):
                forms.setdefault(act.dest, set()).add(
                    (tuple(act.option_strings), act.metavar, act.help)
                )
                users.setdefault(act.dest, []).append(name)
    assert {k: len(v) for k, v in forms.items()} == {"db": 1, "topics": 1, "a": 1, "b": 1}
    assert len(users["db"]) >= 8 and len(users["a"]) >= 5  # highlights *, export-pdf
