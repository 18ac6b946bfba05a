"""Ctrl-C and SIGTERM as users send them, to real `newsweave` processes: one line, exit code
128 + the signal, no traceback (from the process or its parser workers), no process left
behind, and a store that the next run completes."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time

import psutil
import pytest
from cli_helpers import ENV, EXE, _run, _write_jsonl
from corpus import story_articles

ONE_LINE = {"report": "newsweave: interrupted",
            "stories": "newsweave: interrupted; what was stored before stays (run the command "
                       "again to carry on)"}


def _start(*args: str) -> subprocess.Popen:
    """A command in its own process group, as a terminal's foreground job is."""
    return subprocess.Popen([*EXE, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=ENV, start_new_session=True)


def _when_parsing(proc: subprocess.Popen, timeout: float = 120) -> list[psutil.Process]:
    """Wait until the command's parser workers run; they are returned."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert proc.poll() is None, proc.communicate()
        children = psutil.Process(proc.pid).children()
        if children:
            time.sleep(1)  # the workers are parsing
            return children
        time.sleep(0.05)
    raise AssertionError("the parser's workers never started")


def _ended(proc: subprocess.Popen, workers: list[psutil.Process]) -> tuple[int, str]:
    """The exit code and stderr of a signalled command, which must end within 60 s and take
    its workers with it."""
    try:
        _, err = proc.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        raise AssertionError("the command hung after the signal") from None
    alive = [w for w in workers if w.is_running() and w.status() != psutil.STATUS_ZOMBIE]
    for w in alive:
        w.kill()
    assert not alive, "a parser worker outlived the command"
    return proc.returncode, err


@pytest.fixture(scope="module")
def many(tmp_path_factory):
    """400 invented articles: enough for the parser to run two worker processes for a while."""
    return _write_jsonl(tmp_path_factory.mktemp("many") / "many.jsonl",
                        story_articles(8, 50, seed=4))


@pytest.mark.slow
@pytest.mark.parametrize(("sig", "code", "group"), [
    (signal.SIGINT, 130, True),  # Ctrl-C on a terminal: the whole process group
    (signal.SIGINT, 130, False),  # kill -INT PID: the main process only (it used to hang)
    (signal.SIGTERM, 143, False)])  # kill PID: the workers were left blocked forever
def test_report_stops_on_a_signal_in_one_line(many, tmp_path, sig, code, group):
    proc = _start("report", str(many), "-o", str(tmp_path / "r.json"), "--quiet")
    workers = _when_parsing(proc)
    (os.killpg if group else os.kill)(proc.pid, sig)
    returncode, err = _ended(proc, workers)
    assert returncode == code
    assert err.strip() == ONE_LINE["report"], err
    assert not (tmp_path / "r.json").exists()


@pytest.mark.slow
@pytest.mark.parametrize(("sig", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_stories_stops_on_a_signal_then_the_next_run_completes(many, tmp_path, sig, code):
    db = tmp_path / "news.db"
    proc = _start("stories", str(many), "--db", str(db), "--batch-size", "5")
    deadline = time.monotonic() + 120
    while not db.exists() and time.monotonic() < deadline:  # stop it mid-run
        time.sleep(0.05)
    time.sleep(1)
    os.killpg(proc.pid, sig)
    returncode, err = _ended(proc, [])
    assert (returncode, err.strip()) == (code, ONE_LINE["stories"])
    done = _run("stories", str(many), "--db", str(db), "--quiet")
    assert done.returncode == 0, done.stderr
    stored = [a for line in _run("export", "--db", str(db)).stdout.splitlines()
              for a in json.loads(line).get("articles", [])]
    assert sorted(stored) == sorted(json.loads(line)["id"] for line in many.open())


def test_serve_stops_on_ctrl_c_like_the_other_commands(tmp_path):
    src = _write_jsonl(tmp_path / "in.jsonl", story_articles(2, 3, seed=6))
    db = tmp_path / "news.db"
    assert _run("stories", str(src), "--db", str(db), "--quiet").returncode == 0
    proc = _start("serve", "--db", str(db), "--port", "0")
    assert "newsweave: serving" in proc.stderr.readline()  # said once it listens
    os.killpg(proc.pid, signal.SIGINT)
    returncode, err = _ended(proc, [])
    assert (returncode, err.strip()) == (130, ONE_LINE["report"])
