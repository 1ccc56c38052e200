"""A background child ends when the window's process is gone (kill -9, a crash): it must not
run on for half a minute with hundreds of MB, nor leave the articles' copy in its work folder."""

from __future__ import annotations

import os
import pickle
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from diptych.background.child_process import PARENT_GONE_EXIT
from diptych.core.reading.articles import article_from_text

DESKTOP = Path(__file__).resolve().parents[2] / "desktop"
WAIT_S = 60  # how long the test waits for a process to end (a loaded CI machine)


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(DESKTOP), env.get("PYTHONPATH")) if p)
    return env


def _text(tag: str) -> str:
    return "\n\n".join(
        f"Paragraph {i} of {tag}: the harbour board met on day {i} and spoke of tides." * 3
        for i in range(400)
    )


def _work(tmp_path: Path) -> tuple[Path, Path, Path]:
    work = tmp_path / "diptych-work-test"
    work.mkdir()
    src, dst = work / "in-0.pickle", work / "out-0.pickle"
    a, b = article_from_text(_text("A"), "text"), article_from_text(_text("B"), "text")
    src.write_bytes(pickle.dumps((a, b), protocol=pickle.HIGHEST_PROTOCOL))
    return work, src, dst


def _wait_gone(pid: int) -> bool:
    deadline = time.monotonic() + WAIT_S
    while time.monotonic() < deadline:
        try:
            done, _status = os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:  # not ours: ask whether it still exists
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                return True
            if Path(f"/proc/{pid}/stat").is_file() and " Z " in Path(f"/proc/{pid}/stat").read_text(
                encoding="ascii", errors="replace"
            ):
                return True  # a zombie: ended, waiting for its (new) parent
        else:
            if done:
                return True
        time.sleep(0.05)
    return False


def _analysis_child(src: Path, dst: Path) -> subprocess.Popen[bytes]:
    """An analysis child as BackgroundProcess starts one: a pipe on its stdin it never writes."""
    return subprocess.Popen(
        [sys.executable, "-m", "diptych.background.child_process", "analyse", str(src), str(dst)],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=_env(),
    )


def _stderr_when_ended(proc: subprocess.Popen[bytes]) -> bytes:
    """What the child wrote to stderr, once it has ended (killed after ``WAIT_S`` at most)."""
    try:
        assert proc.stderr is not None
        err = proc.stderr.read()
        proc.wait(WAIT_S)
    finally:
        proc.kill()
    return err


def test_a_child_whose_parent_closed_its_pipe_stops_and_removes_its_work(tmp_path):
    work, src, dst = _work(tmp_path)
    proc = _analysis_child(src, dst)
    assert proc.stdin is not None
    proc.stdin.close()  # what the end of the parent process does to the pipe
    err = _stderr_when_ended(proc)
    assert proc.returncode == PARENT_GONE_EXIT, err.decode("utf-8", "replace")[-2000:]
    assert not dst.exists()  # no result nobody reads
    assert not src.exists()
    assert not work.exists()  # its folder, empty, removed too


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="finds the child through /proc")
def test_killing_the_parent_with_sigkill_ends_its_analysis_child(tmp_path):
    # a parent like the window's worker: BackgroundProcess.analyse on a long pair
    script = tmp_path / "parent.py"
    script.write_text(
        "import sys\n"
        "from diptych.background.child_process import BackgroundProcess\n"
        "from diptych.core.reading.articles import article_from_text\n"
        "text = lambda tag: '\\n\\n'.join(\n"
        "    f'Paragraph {i} of {tag} says that the tide turned on day {i} of the month. ' * 4\n"
        "    for i in range(300))\n"
        "a, b = article_from_text(text('A'), 'text'), article_from_text(text('B'), 'text')\n"
        "print('ready', flush=True)\n"
        "BackgroundProcess().analyse(a, b)\n",
        encoding="utf-8",
    )
    temp = tmp_path / "tmp"  # where the parent makes its work folder
    temp.mkdir()
    env = dict(_env(), TMPDIR=str(temp))
    parent = subprocess.Popen(
        [sys.executable, str(script)], stdout=subprocess.PIPE, env=env, cwd=tmp_path
    )
    try:
        assert parent.stdout is not None
        assert parent.stdout.readline().strip() == b"ready"
        child = _analysis_child_of(parent.pid)
        assert child is not None, "the analysis child never started"
        parent.send_signal(signal.SIGKILL)
        parent.wait(WAIT_S)
        assert _wait_gone(child), "the analysis child ran on after its parent was killed"
        # it stopped without writing a result nobody reads, and took its work folder (the
        # articles' copy) with it
        assert list(temp.rglob("*")) == []
    finally:
        parent.kill()


def _analysis_child_of(pid: int) -> int | None:
    deadline = time.monotonic() + WAIT_S
    while time.monotonic() < deadline:
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                stat = (entry / "stat").read_text(encoding="ascii", errors="replace")
                cmd = (entry / "cmdline").read_bytes()
            except OSError:
                continue
            fields = stat.rsplit(")", 1)[-1].split()
            if fields and int(fields[1]) == pid and b"child_process\0analyse" in cmd:
                return int(entry.name)
        time.sleep(0.05)
    return None


def test_a_child_whose_parent_waits_writes_its_result_and_exits_cleanly(tmp_path):
    # the watch on stdin must not disturb a normal end (a thread blocked in a buffered read
    # of stdin made Python abort at exit)
    _work_dir, src, dst = _work(tmp_path)
    proc = _analysis_child(src, dst)
    try:
        err = _stderr_when_ended(proc)
    finally:
        assert proc.stdin is not None
        proc.stdin.close()
    assert proc.returncode == 0, err.decode("utf-8", "replace")[-2000:]
    kind, _value = pickle.loads(dst.read_bytes())
    assert kind == "ok"
