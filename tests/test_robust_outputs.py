"""Where users send the output: a full disk (/dev/full), a closed pipe, a port that cannot
be had; each is one line on stderr and a plain exit code, never a traceback."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
from pathlib import Path

import pytest
from cli_helpers import ENV, EXE, _run, _write_jsonl
from corpus import story_articles

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
FULL = Path("/dev/full")
needs_full = pytest.mark.skipif(not FULL.exists(), reason="no /dev/full here")


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    """A story database of 12 invented stories."""
    where = tmp_path_factory.mktemp("out")
    src = _write_jsonl(where / "in.jsonl", story_articles(12, 3, seed=5))
    db = where / "news.db"
    assert _run("stories", str(src), "--db", str(db), "--quiet").returncode == 0
    return db


def _to(path: Path, *args: str) -> subprocess.CompletedProcess:
    with path.open("w") as out:
        return subprocess.run([*EXE, *args], stdout=out, stderr=subprocess.PIPE, text=True,
                              env=ENV, timeout=300)


@needs_full
@pytest.mark.parametrize("command", [["stories", "--list"], ["export"]])
def test_stdout_on_a_full_disk_is_one_line(db, command):
    done = _to(FULL, *command, "--db", str(db))
    assert done.returncode == 1
    assert done.stderr.strip() == ("newsweave: the output: cannot be written: "
                                   "No space left on device"), done.stderr


@needs_full
@pytest.mark.slow
def test_a_report_file_on_a_full_disk_is_one_line(db, tmp_path):
    done = _run("report", "--db", str(db), "--story", "s000001", "-o", str(FULL), "--format",
                "md", "-o", str(tmp_path / "r.json"))
    assert done.returncode == 1
    assert done.stderr.strip() == ("newsweave: /dev/full: cannot be written: "
                                   "No space left on device"), done.stderr
    stdout = _to(FULL, "report", "--db", str(db), "--story", "s000001")
    assert stdout.returncode == 1 and len(stdout.stderr.strip().splitlines()) == 1
    assert "Traceback" not in stdout.stderr


def test_a_closed_pipe_ends_quietly(db):
    proc = subprocess.Popen([*EXE, "stories", "--list", "--db", str(db)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ENV)
    proc.stdout.close()  # `| head -0`
    assert proc.wait(60) == 1
    assert proc.stderr.read() == b""


def test_serve_on_a_port_in_use_says_so_before_serving(db):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = _run("serve", "--db", str(db), "--port", str(port), timeout=60)
    assert done.returncode == 1
    assert done.stderr.strip() == (f"newsweave: cannot listen on 127.0.0.1:{port}: "
                                   "Address already in use"), done.stderr
    unknown = _run("serve", "--db", str(db), "--host", "no-such-host.invalid", timeout=60)
    assert unknown.returncode == 1 and len(unknown.stderr.strip().splitlines()) == 1
    assert "cannot listen on no-such-host.invalid:8000" in unknown.stderr


@pytest.mark.slow
def test_a_report_written_into_the_folder_it_reads_is_not_read_back(tmp_path):
    """`newsweave report news/ -o news/report.html -o news/report.json`, run twice: the
    second run does not take the first one's reports for articles."""
    news = tmp_path / "news"
    shutil.copytree(EXAMPLES, news)
    args = ("report", str(news), "-o", str(news / "report.html"), "-o",
            str(news / "report.json"), "--quiet")
    assert _run(*args).returncode == 0
    again = _run(*args)
    assert again.returncode == 0, again.stderr
    ids = [a["id"] for s in json.loads((news / "report.json").read_text())["stories"]
           for a in s["articles"]]
    assert sorted(ids) == sorted(p.stem if p.suffix == ".txt" else
                                 json.loads(p.read_text())["id"] for p in EXAMPLES.iterdir())
    # another command on that folder names the reports as what they are
    filed = _run("stories", str(news), "--db", str(tmp_path / "news.db"))
    assert filed.returncode == 1
    for name in ("report.html", "report.json"):
        assert (f"newsweave: {news / name}: a newsweave report, not an article; skipped"
                in filed.stderr.splitlines())
    assert "added 3 articles, 1 copy" in filed.stderr


@pytest.mark.slow
def test_a_cache_folder_that_cannot_hold_the_encoder_is_one_line(tmp_path):
    """A read-only or missing home (a service account, a container): NEWSWEAVE_CACHE set to
    where no folder can be made stops `report` with one line that says what to do."""
    blocker = tmp_path / "a file"
    blocker.write_text("not a folder\n")
    article = tmp_path / "road.txt"
    article.write_text("Ferry road closed in Kessmark\n\nThe harbour council closed the ferry "
                       "road on Monday for repairs, the mayor said.\n", encoding="utf-8")
    done = subprocess.run([*EXE, "report", str(article), "--quiet"], capture_output=True,
                          text=True, timeout=300,
                          env={**ENV, "NEWSWEAVE_CACHE": str(blocker / "cache")})
    assert done.returncode == 1
    assert done.stderr.strip() == (f"newsweave: cannot write the sentence encoder to "
                                   f"{blocker / 'cache'}: Not a directory; set NEWSWEAVE_CACHE "
                                   "to a writable directory"), done.stderr
