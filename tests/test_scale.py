"""`--scheduler` and `--workers`: the stories and reports of a 2-worker Dask LocalCluster are
those of one process, byte for byte; a scheduler that cannot be used is one line, before any
work starts. Real processes, a real SQLite file, a real local cluster."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
from dataclasses import replace
from datetime import timedelta

import pytest
from cli_helpers import free_port
from corpus import story_articles

EXE = [sys.executable, "-m", "newsweave"]
ENV = {**os.environ, "HF_HUB_OFFLINE": "1"}


def _run(*args):
    return subprocess.run([*EXE, *args], capture_output=True, text=True, env=ENV, timeout=600)


def _corpus(path):
    """Six invented stories of six articles, each headline its own, two syndicated copies
    (the same text under another id and outlet, a day later) and a cookie wall."""
    articles = story_articles(6, 6, seed=3)
    articles = [replace(a, title=f"{a.title}: {a.text.split()[-2].strip('.')} {k}")
                for k, a in enumerate(articles)]
    copies = [replace(a, id=f"{a.id}-copy", outlet="Wire Echo",
                      published=a.published + timedelta(days=1)) for a in articles[:2]]
    lines = [json.dumps({"id": a.id, "text": a.text, "title": a.title, "outlet": a.outlet,
                         "published": a.published.isoformat()})
             for a in [*articles, *copies]]
    lines.append(json.dumps({"id": "cookie", "text": "We use cookies to improve your "
                                                     "experience.\nAccept all\nManage consent"}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def stores(tmp_path_factory):
    """The same corpus filed by one process and by a 2-worker local cluster, in batches of 8
    (so that several batches are in flight)."""
    tmp = tmp_path_factory.mktemp("scale")
    src = _corpus(tmp / "in.jsonl")
    single, dask = tmp / "single.db", tmp / "dask.db"
    one = _run("stories", str(src), "--db", str(single), "--batch-size", "8", "--quiet")
    two = _run("stories", str(src), "--db", str(dask), "--batch-size", "8",
               "--scheduler", "local", "--workers", "2")
    assert one.returncode == 0, one.stderr
    assert two.returncode == 0 and "(on 2 Dask worker threads)" in two.stderr, two.stderr
    return single, dask, src


@pytest.mark.slow
def test_a_local_cluster_files_the_stories_of_one_process(stores):
    single, dask, _ = stores
    exported = [_run("export", "--db", str(db)).stdout for db in (single, dask)]
    assert exported[0] == exported[1]
    lines = [json.loads(x) for x in exported[0].splitlines()]
    stories, aside = lines[:-1], lines[-1]
    assert len(stories) == 6  # the corpus's stories, so the comparison means something
    copies = {c: o for s in stories for c, o in s["copies"].items()}
    assert len(copies) == 2 and all(c == f"{o}-copy" for c, o in copies.items())
    assert aside["non_articles"][0]["id"] == "cookie"


def _reports(db):
    with sqlite3.connect(db) as conn:
        reports = conn.execute("SELECT story_id, version, report, evidence FROM reports "
                               "ORDER BY story_id").fetchall()
        sentences = conn.execute("SELECT article_id, sentences FROM sentences "
                                 "ORDER BY article_id").fetchall()
    return reports, sentences


@pytest.mark.slow
def test_a_local_cluster_stores_the_reports_of_one_process(stores):
    single, dask, _ = stores
    one = _run("analyse", "--db", str(single))
    two = _run("analyse", "--db", str(dask), "--scheduler", "local", "--workers", "2")
    assert one.returncode == 0 and "stored 6 story reports" in one.stderr, one.stderr
    assert two.returncode == 0, two.stderr
    assert "stored 6 story reports (on 2 Dask worker threads)" in two.stderr
    reports, sentences = _reports(single)
    assert len(reports) == 6 and all(json.loads(r[2])["summary"] for r in reports)
    assert _reports(dask) == (reports, sentences)
    story = reports[0][0]
    again = _run("analyse", "--db", str(dask), "--story", story, "--scheduler", "local",
                 "--workers", "1")
    assert again.returncode == 0, again.stderr
    assert "stored 1 story report (on 1 Dask worker thread)" in again.stderr
    assert _reports(dask) == (reports, sentences)


@pytest.mark.parametrize("command", [
    "stories", pytest.param("analyse", marks=pytest.mark.slow)])  # a store made first
def test_an_unreachable_scheduler_is_one_line_before_any_work(tmp_path, command):
    src = _corpus(tmp_path / "in.jsonl")
    db = tmp_path / "news.db"
    if command == "analyse":
        assert _run("stories", str(src), "--db", str(db), "--quiet").returncode == 0
        before = _reports(db)
        args = ["analyse", "--db", str(db)]
    else:
        args = ["stories", str(src), "--db", str(db)]
    done = _run(*args, "--scheduler", "tcp://127.0.0.1:1")
    assert done.returncode == 1
    assert done.stderr.strip().count("\n") == 0, done.stderr
    assert "tcp://127.0.0.1:1: no Dask scheduler answers there" in done.stderr
    if command == "analyse":
        assert _reports(db) == before  # nothing computed, nothing stored
    else:
        assert not db.exists()  # nothing read, nothing filed


@pytest.mark.parametrize(("args", "says"), [
    (["--scheduler", "localhost:8786"], "is not a scheduler address"),
    (["--scheduler", "tcp://"], "is not a scheduler address"),
    (["--scheduler", "tcp://host:port"], "is not a scheduler address"),
    (["--scheduler", "tcp://host:99999"], "is not a scheduler address"),
    (["--workers", "0"], "--workers"),
    (["--workers", "-2"], "--workers"),
    (["--workers", "two"], "--workers"),
    (["--workers", "2", "--scheduler", "tcp://127.0.0.1:8786"], "has its own workers"),
])
def test_a_malformed_address_or_worker_count_is_a_usage_error(tmp_path, args, says):
    src = _corpus(tmp_path / "in.jsonl")
    db = tmp_path / "news.db"
    for command in (["stories", str(src)], ["analyse"]):
        done = _run(*command, "--db", str(db), *args)
        assert done.returncode == 2, done.stderr
        assert says in done.stderr and "Traceback" not in done.stderr
        assert not db.exists()


@pytest.mark.slow
def test_a_scheduler_by_address_with_and_without_workers(stores, tmp_path):
    """`dask scheduler` and `dask worker` as a user starts them on 127.0.0.1: no worker yet
    is one line; with one, the stories are those of one process."""
    single, _, src = stores
    address = f"tcp://127.0.0.1:{free_port()}"
    dask = [sys.executable, "-m", "dask"]
    started = []
    try:
        started.append(subprocess.Popen([*dask, "scheduler", "--host", "127.0.0.1", "--port",
                                         address.rsplit(":", 1)[1], "--no-dashboard"],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                        env=ENV))
        db = tmp_path / "remote.db"
        for _ in range(100):
            alone = _run("stories", str(src), "--db", str(db), "--scheduler", address)
            if "no Dask scheduler answers" not in alone.stderr:
                break
            time.sleep(0.5)
        assert alone.returncode == 1
        assert f"{address}: the scheduler has no workers" in alone.stderr, alone.stderr
        assert alone.stderr.strip().count("\n") == 0 and not db.exists()
        started.append(subprocess.Popen([*dask, "worker", address, "--nthreads", "1",
                                         "--no-dashboard"], stdout=subprocess.DEVNULL,
                                        stderr=subprocess.DEVNULL, env=ENV))
        done = _run("stories", str(src), "--db", str(db), "--batch-size", "8",
                    "--scheduler", address)
        assert done.returncode == 0, done.stderr
        assert "(on 1 Dask worker thread)" in done.stderr
        assert _run("export", "--db", str(db)).stdout == _run("export", "--db",
                                                              str(single)).stdout
    finally:
        for process in reversed(started):
            process.terminate()
            process.wait(timeout=30)


def test_without_a_scheduler_dask_is_not_imported(tmp_path):
    code = ("import sys\nfrom newsweave.cli import main\n"
            "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed')))")
    done = subprocess.run([sys.executable, "-c", code, "analyse", "--db",
                           str(tmp_path / "none.db")], capture_output=True, text=True, env=ENV,
                          timeout=120)
    assert "no such story database" in done.stderr
    assert done.stdout.strip() == "[]"


def test_the_ordered_map_keeps_order_and_a_bounded_number_in_flight():
    from newsweave.scale import Cluster

    pulled = []

    def items():
        for k in range(40):
            pulled.append(k)
            yield k

    with Cluster("local", 1) as cluster:
        results = cluster.map(abs, (-k for k in items()))
        assert next(results) == 0
        assert len(pulled) <= 3  # two in flight for the one worker thread, then one more
        assert list(results) == list(range(1, 40))


def test_scheduler_addresses():
    from newsweave.scale import check_address

    assert check_address("local") == "local"
    assert check_address("tcp://10.0.0.5:8786") == "tcp://10.0.0.5:8786"
    for bad in ("tcp://10.0.0.5", "10.0.0.5:8786", "http://h:8786", "tcp://h:8786/x",
                "tcp://u:p@h:8786", "tcp://:8786", "tcp://h:0x1"):
        with pytest.raises(ValueError, match="is not a scheduler address"):
            check_address(bad)


def _workers_of(pid: int) -> list:
    """The Dask worker processes a newsweave process's LocalCluster spawned (its nannies
    run inside it; each worker is a `multiprocessing` spawn of it)."""
    import psutil

    found = []
    for child in psutil.Process(pid).children(recursive=True):
        try:
            if any("spawn_main" in part for part in child.cmdline()):
                found.append(child)
        except psutil.NoSuchProcess:
            continue
    return found


def _filed(db) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return conn.execute("SELECT COUNT(*) FROM memberships").fetchone()[0]
    except sqlite3.OperationalError:  # the schema is not there yet
        return 0


@pytest.mark.slow
def test_a_worker_killed_mid_run_is_replaced_and_the_stories_are_those_of_one_process(
        tmp_path):
    """SIGKILL to one of the two worker processes of `stories --workers 2` once its first
    batches are filed: Dask reruns the lost tasks on the other worker (and the nanny starts a
    new one); the run completes and its export is that of one process."""
    articles = story_articles(8, 12, seed=5)
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": a.id, "text": a.text, "title": a.title,
                                       "outlet": a.outlet, "published": a.published.isoformat()})
                           + "\n" for a in articles), encoding="utf-8")
    single, dask = tmp_path / "single.db", tmp_path / "dask.db"
    assert _run("stories", str(src), "--db", str(single), "--quiet").returncode == 0
    writer = subprocess.Popen([*EXE, "stories", str(src), "--db", str(dask), "--batch-size",
                               "2", "--scheduler", "local", "--workers", "2"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV)
    killed = None
    deadline = time.monotonic() + 300
    while writer.poll() is None and time.monotonic() < deadline:
        workers = _workers_of(writer.pid)
        if len(workers) == 2 and _filed(dask):
            killed = (workers[0].pid, _filed(dask))
            workers[0].kill()
            break
        time.sleep(0.05)
    _, err = writer.communicate(timeout=300)
    left = _filed(dask)
    assert killed, "the run ended before a worker could be killed"
    assert killed[1] < len(articles)  # killed with work left to do
    assert left == len(articles)
    assert writer.returncode == 0 and "Traceback" not in err, err
    assert "(on 2 Dask worker threads)" in err  # the nanny's new worker took the place
    assert _run("export", "--db", str(dask)).stdout == _run("export", "--db",
                                                            str(single)).stdout
