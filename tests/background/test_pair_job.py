"""Big files are read and parsed in child processes (the UI thread never waits for the GIL)."""

from __future__ import annotations

from typing import Any

import pytest

from diptych.background import pair_job
from diptych.background.child_process import BackgroundProcess
from diptych.background.pair_job import PairRequest, run_request
from diptych.core.reading.articles import load_article


def _markdown(tag: str, n: int) -> str:
    paras = [
        f"Paragraph {i} of article {tag} says the harbour flooded on day {i}. It rained a lot."
        for i in range(n)
    ]
    return f"# Article {tag}\n\n" + "\n\n".join(paras) + "\n"


class Recorder:
    def __init__(self) -> None:
        self.reports: list[tuple[str, tuple[Any, ...]]] = []

    def __call__(self, kind: str, args: tuple[Any, ...]) -> None:
        self.reports.append((kind, args))

    def kinds(self) -> list[str]:
        return [k for k, _ in self.reports]

    def first(self, kind: str) -> tuple[Any, ...]:
        return next(args for k, args in self.reports if k == kind)


@pytest.fixture()
def spy_children(monkeypatch):
    """Every file "big"; records which tasks went to a child process."""
    monkeypatch.setattr(pair_job, "PROCESS_MIN_BYTES", 1)
    tasks: list[str] = []
    original = BackgroundProcess._run

    def recording(self, jobs):
        tasks.extend(kind for kind, _payload in jobs)
        return original(self, jobs)

    monkeypatch.setattr(BackgroundProcess, "_run", recording)
    return tasks


def test_big_files_are_parsed_in_children_exactly_as_in_process(tmp_path, spy_children):
    a, b = tmp_path / "a.md", tmp_path / "b.md"
    a.write_text(_markdown("A", 40), encoding="utf-8")
    b.write_text(_markdown("B", 30), encoding="utf-8")
    rec = Recorder()
    run_request(PairRequest(a=(str(a), None), b=(str(b), None)), rec, process=BackgroundProcess())
    assert rec.kinds()[-1] == "analysis", rec.reports
    got_a, got_b, _prepared = rec.first("articles")
    assert spy_children == ["load", "load"]
    for got, path in ((got_a, a), (got_b, b)):
        want = load_article(path)
        assert got.text == want.text
        assert got.fingerprint == want.fingerprint
        assert got.sentences == want.sentences
        assert got.blocks == want.blocks
    # the analysis belongs to the articles that were reported (and shown)
    analysis = rec.first("analysis")[0]
    assert analysis.a is got_a and analysis.b is got_b


def test_a_second_open_reads_the_parse_cache_without_a_child(tmp_path, spy_children):
    a, b = tmp_path / "a.md", tmp_path / "b.md"
    a.write_text(_markdown("A", 20), encoding="utf-8")
    b.write_text(_markdown("B", 20), encoding="utf-8")
    req = PairRequest(a=(str(a), None), b=(str(b), None))
    run_request(req, Recorder(), process=BackgroundProcess())
    assert spy_children == ["load", "load"]
    spy_children.clear()
    rec = Recorder()
    run_request(req, rec, process=BackgroundProcess())
    assert "load" not in spy_children
    assert rec.first("articles")[0].text == load_article(a).text


@pytest.mark.parametrize("bad_side", ["a", "b"])
def test_a_bad_big_file_is_reported_for_its_side(tmp_path, spy_children, bad_side):
    good = tmp_path / "good.md"
    good.write_text(_markdown("G", 10), encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02binary\xff\xfe" * 500)
    a, b = (bad, good) if bad_side == "a" else (good, bad)
    rec = Recorder()
    run_request(PairRequest(a=(str(a), None), b=(str(b), None)), rec, process=BackgroundProcess())
    assert rec.kinds()[-1] == "failed", rec.reports
    side, message = rec.first("failed")
    assert side == bad_side
    assert "binary" in message.lower() or "text" in message.lower(), message
    assert "articles" not in rec.kinds()


def test_a_killed_request_reports_nothing_more(tmp_path, spy_children, monkeypatch):
    a, b = tmp_path / "a.md", tmp_path / "b.md"
    a.write_text(_markdown("A", 10), encoding="utf-8")
    b.write_text(_markdown("B", 10), encoding="utf-8")
    proc = BackgroundProcess()
    proc.kill()  # replaced by a newer request before it started its children
    rec = Recorder()
    run_request(PairRequest(a=(str(a), None), b=(str(b), None)), rec, process=proc)
    assert rec.kinds() in ([], ["progress"]), rec.reports


def test_a_child_that_dies_is_a_crash_report_not_a_hang(tmp_path, spy_children, monkeypatch):
    a, b = tmp_path / "a.md", tmp_path / "b.md"
    a.write_text(_markdown("A", 10), encoding="utf-8")
    b.write_text(_markdown("B", 10), encoding="utf-8")
    # the child is told to run a task it does not know: it exits non-zero
    original = BackgroundProcess._run

    def wrong_kind(self, jobs):
        return original(self, [("no-such-task", payload) for _kind, payload in jobs])

    monkeypatch.setattr(BackgroundProcess, "_run", wrong_kind)
    rec = Recorder()
    run_request(PairRequest(a=(str(a), None), b=(str(b), None)), rec, process=BackgroundProcess())
    assert rec.kinds()[-1] == "crashed"
    assert "no-such-task" in rec.first("crashed")[0]


def test_when_no_child_can_start_the_work_is_done_here(tmp_path, spy_children, monkeypatch):
    """No room in the temp dir, no Python to run: slower for the window, but the pair opens."""
    import subprocess

    monkeypatch.setattr(pair_job, "PROCESS_MIN_CHARS", 1)  # the analysis would go to a child too

    def no_process(*_a, **_k):
        raise OSError(24, "Too many open files")

    monkeypatch.setattr(subprocess, "Popen", no_process)
    a, b = tmp_path / "a.md", tmp_path / "b.md"
    a.write_text(_markdown("A", 12), encoding="utf-8")
    b.write_text(_markdown("B", 12), encoding="utf-8")
    rec = Recorder()
    run_request(PairRequest(a=(str(a), None), b=(str(b), None)), rec, process=BackgroundProcess())
    assert rec.kinds()[-1] == "analysis", rec.reports
    assert spy_children == ["load", "load", "analyse"]  # each was tried in a child first
    got_a, got_b, _prepared = rec.first("articles")
    assert got_a.text == load_article(a).text and got_b.text == load_article(b).text
    analysis = rec.first("analysis")[0]
    assert analysis.a is got_a and analysis.b is got_b


def test_a_side_read_here_fails_before_a_big_file_is_read_in_a_child(
    tmp_path, spy_children, monkeypatch
):
    """A page that cannot be fetched (here: a file that is not there) beside a long PDF is
    said at once, not after the PDF has been read."""
    monkeypatch.setattr(pair_job, "PROCESS_MIN_BYTES", 1000)
    big = tmp_path / "big.md"
    big.write_text(_markdown("B", 60), encoding="utf-8")
    rec = Recorder()
    req = PairRequest(a=(str(tmp_path / "gone.md"), None), b=(str(big), None))
    run_request(req, rec, process=BackgroundProcess())
    assert rec.kinds()[-1] == "failed", rec.reports
    assert rec.first("failed")[0] == "a"
    assert spy_children == []  # the big file was never sent to be read


def test_two_unreadable_files_read_here_are_reported_together(tmp_path):
    """Tryout: with two bad files the first message said "The other file is shown, with the
    seed article in this one's place", and a second box then said the other could not be
    read either. Both small files are tried before anything is said: one report, both named."""
    empty = tmp_path / "empty.md"
    empty.write_bytes(b"")
    binary = tmp_path / "binary.md"
    binary.write_bytes(b"\x00\x01\x02binary\xff\xfe" * 50)
    rec = Recorder()
    run_request(PairRequest(a=(str(empty), None), b=(str(binary), None)), rec)
    assert [k for k in rec.kinds() if k == "failed"] == ["failed"], rec.reports
    side, message = rec.first("failed")
    assert side == ""  # the pair, not one side
    assert "empty.md" in message and "binary.md" in message, message
    assert message.count("\n") >= 1  # one line each


def test_one_unreadable_file_read_here_is_reported_for_its_side(tmp_path):
    good = tmp_path / "good.md"
    good.write_text(_markdown("G", 5), encoding="utf-8")
    empty = tmp_path / "empty.md"
    empty.write_bytes(b"")
    rec = Recorder()
    run_request(PairRequest(a=(str(empty), None), b=(str(good), None)), rec)
    assert rec.first("failed")[0] == "a"
