"""The hostile and broken input corpus (issue 6): every case through ``load_article`` and
through ``diptych article FILE --json``, with no network access and no other file read."""

from __future__ import annotations

import importlib.util
import json
import os
import socket
import subprocess
import sys
import textwrap
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from diptych.core.errors import ArticleError
from diptych.core.model import Article
from diptych.core.reading.articles import load_article

ROOT = Path(__file__).resolve().parents[2]
CORPUS_SCRIPT = ROOT / "tests" / "data" / "hostile" / "make_corpus.py"


def _load_corpus_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_corpus", CORPUS_SCRIPT)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules["make_corpus"] = mod  # dataclasses look their module up by name
    spec.loader.exec_module(mod)
    return mod


corpus = _load_corpus_module()
CASES = corpus.build(Path("unused"), write=False)
IDS = [c.name for c in CASES]


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("hostile")
    built = corpus.build(out)
    assert [c.name for c in built] == IDS
    return out


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT / "desktop") + os.pathsep + env.get("PYTHONPATH", "")
    return env


def _check_opened(case: corpus.Case, art: Article) -> None:
    for s in case.must_contain:
        assert s in art.text, f"{case.name}: {s!r} missing"
    for s in case.must_not_contain:
        assert s not in art.text, f"{case.name}: {s!r} present"
    if case.encoding:
        assert art.meta.encoding.startswith(case.encoding), art.meta.encoding
    if case.styles_urls_only_safe:
        for st in art.styles:
            if st.kind == "link":
                assert st.url and st.url.startswith(("https://", "http://", "mailto:")), st.url
    # the invariants hold whatever the input
    assert art.text == "\n".join(art.text[b.start : b.end] for b in art.blocks)
    for s in art.sentences:
        blk = art.blocks[art.block_at(s.start)]
        assert blk.start <= s.start < s.end <= blk.end


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_case_through_load_article(case: corpus.Case, corpus_dir: Path) -> None:
    path = corpus_dir / case.filename
    if case.outcome == "error":
        with pytest.raises(ArticleError) as info:
            load_article(path)
        msg = str(info.value)
        assert case.message in msg and "\n" not in msg
        return
    _check_opened(case, load_article(path))


_CLI_DRIVER = textwrap.dedent(
    """
    import contextlib, io, json, sys, traceback
    from pathlib import Path
    from diptych.cli import main

    out_file, warm, files = sys.argv[1], Path(sys.argv[2]), sys.argv[3:]

    def run(f):
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(["article", str(f), "--json"])
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else 1
            except BaseException:  # what the interpreter would print on its way out
                traceback.print_exc()
                code = 1
        return [code, out.getvalue(), err.getvalue()]

    # Warm up every lazy import (trafilatura, nh3, charset-normalizer, email) before listening:
    # importing modules reads their files, and that is not the loader reading user files.
    for p in sorted(warm.iterdir()):
        run(p)
    import codecs, encodings
    for enc in ("utf-8-sig", "utf-16", "utf-32", "cp1252", "latin-1", "iso8859-2", "cp1250"):
        codecs.lookup(enc)
    # Python imports a codec's module the first time it is used: that is not a file read by
    # the loader, and it is told apart by its directory.
    codec_dir = str(Path(encodings.__file__).parent)

    events = []
    def hook(event, args):
        if event in ("open", "os.listdir", "os.scandir", "glob.glob") or event.startswith(
            ("socket.", "urllib.", "http.", "ftplib.", "smtplib.", "subprocess.", "os.system",
             "os.exec", "os.posix_spawn", "webbrowser.")
        ):
            target = str(args[0]) if args else ""
            if event == "open" and target.startswith(codec_dir):
                return
            events.append((event, target))
    sys.addaudithook(hook)

    results = {}
    for f in files:
        events.clear()
        results[f] = [*run(f), list(events)]
    with open(out_file, "w", encoding="utf-8") as fh:
        json.dump(results, fh)
    """
)


def _warm_files(warm: Path) -> None:
    """One small file of each kind, to load before listening (see the driver)."""
    warm.mkdir()
    (warm / "a.md").write_text("# T\n\n<div><p>Raw <b>html</b>.</p></div>\n\nText *here*.\n")
    (warm / "b.html").write_text(
        "<html><head><title>T</title></head><body><p>"
        + "Some prose here. " * 20
        + "</p></body></html>"
    )
    (warm / "c.txt").write_bytes(
        "From: A <a@b.c>\nSubject: s\nDate: Tue, 12 Nov 2024 09:14:02 +0100\n\nCafé à la crème.".encode(
            "cp1252"
        )
    )
    (warm / "d.txt").write_bytes("\ufeffUTF-16 text here.".encode("utf-16"))


@pytest.fixture(scope="module")
def cli_runs(
    corpus_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, tuple[subprocess.CompletedProcess[str], list[list[str]]]]:
    """``diptych article FILE --json`` for every case: the CLI's ``main`` as ``python -m
    diptych`` runs it, with what each file's run opened or reached for (an audit hook), in two
    processes that take half the cases each (one interpreter start each instead of one per
    case, and one pass over the corpus for both the CLI and the audit tests)."""
    tmp = tmp_path_factory.mktemp("cli-results")
    warm = tmp / "warm"
    _warm_files(warm)
    files = {case.name: str(corpus_dir / case.filename) for case in CASES}
    halves = [list(files.values())[i::2] for i in range(2)]
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _CLI_DRIVER, str(tmp / f"{n}.json"), str(warm), *half],
            env=_env(),
        )
        for n, half in enumerate(halves)
    ]
    by_file: dict[str, list[Any]] = {}
    for n, proc in enumerate(procs):
        assert proc.wait(timeout=300) == 0
        by_file.update(json.loads((tmp / f"{n}.json").read_text(encoding="utf-8")))
    return {
        name: (
            subprocess.CompletedProcess(["diptych", "article", f, "--json"], *by_file[f][:3]),
            by_file[f][3],
        )
        for name, f in files.items()
    }


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_case_through_cli(
    case: corpus.Case,
    cli_runs: dict[str, tuple[subprocess.CompletedProcess[str], list[list[str]]]],
) -> None:
    proc = cli_runs[case.name][0]
    assert "Traceback" not in proc.stderr
    if case.outcome == "error":
        assert proc.returncode == 1
        lines = proc.stderr.strip().splitlines()
        assert len(lines) == 1, proc.stderr
        assert lines[0].startswith("diptych: ") and case.message in lines[0]
        assert proc.stdout == ""
        return
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    for s in case.must_contain:
        assert s in out["text"]
    for s in case.must_not_contain:
        assert s not in out["text"]
    assert out["fingerprint"].startswith("sha256:")
    assert out["text"] == "\n".join(out["text"][b["start"] : b["end"]] for b in out["blocks"])


@pytest.mark.slow
def test_loading_reads_only_the_given_file_and_never_touches_the_network(
    cli_runs: dict[str, tuple[subprocess.CompletedProcess[str], list[list[str]]]],
) -> None:
    assert len(cli_runs) == len(CASES)
    for case in CASES:
        proc, events = cli_runs[case.name]
        f = proc.args[2]
        others = [e for e in events if not (e[0] == "open" and e[1] == f)]
        assert others == [], f"{f}: {others}"
        assert len(events) <= 1  # opened once (or not at all: refused by size before reading)


def test_hostile_html_loads_with_sockets_disabled(
    corpus_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*_a: object, **_k: object) -> None:
        raise AssertionError("network access while loading an article")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    for name in ("hostile.html", "raw-html.md", "nested-tables-30.html"):
        art = load_article(corpus_dir / name)
        assert art.text


_byteish = st.one_of(
    st.binary(max_size=3000),
    st.text(max_size=1500).map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.sampled_from(["utf-16", "cp1252", "latin-1", "utf-8-sig", "cp1251", "shift_jis"]).flatmap(
        lambda enc: st.text(max_size=400).map(lambda t: t.encode(enc, "replace"))
    ),
)


@settings(
    max_examples=int(os.environ.get("DIPTYCH_FUZZ_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(data=_byteish, suffix=st.sampled_from([".txt", ".md", ".html", ".eml", ".bin"]))
def test_load_article_on_arbitrary_bytes_raises_only_article_error(
    data: bytes, suffix: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    path = tmp_path_factory.mktemp("fuzz") / f"input{suffix}"
    path.write_bytes(data)
    try:
        art = load_article(path)
    except ArticleError as exc:
        assert "\n" not in str(exc)
        return
    assert art.text.strip()
    assert art.text == "\n".join(art.text[b.start : b.end] for b in art.blocks)
