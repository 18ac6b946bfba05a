"""The story store under concurrency, kills and odd files (issue 24): several `stories`
processes at once, a writer that holds the lock, readers beside a writer, a read-only file,
a SQLite file that is not newsweave's, and random sequences of add / repeat / kill / resume."""

from __future__ import annotations

import hashlib
import os
import signal
import sqlite3
import threading
import time
from pathlib import Path

import pytest
from cli_helpers import _run, _start, _write_jsonl
from corpus import story_articles
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsweave.store import Store, StoreError
from newsweave.stories.features import ArticleVectorizer
from newsweave.stories.stream import StoryStream


def _members(db: Path) -> list[tuple[str, str]]:
    """(article, story) of every stored membership, read as a reader would."""
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        return conn.execute("SELECT m.article_id, m.story_id FROM memberships m "
                            "JOIN stories s ON s.id = m.story_id "
                            "WHERE s.merged_into IS NULL").fetchall()


def _assert_each_once(db: Path, ids) -> None:
    members = _members(db)
    stored = [a for a, _ in members]
    assert len(stored) == len(set(stored)), "an article is stored twice"
    assert sorted(stored) == sorted(ids)


def test_three_writers_and_readers_at_once_lose_nothing(tmp_path):
    """Three `stories` processes on overlapping inputs and readers in a loop, all at once:
    no traceback, every reader answers, every article is stored once (until issue 24 the
    second writer crashed on `UNIQUE constraint failed: articles.seq`)."""
    arts = story_articles(6, 30, seed=11)  # 180 articles
    parts = [arts[0:90], arts[60:150], [*arts[120:180], *arts[0:30]]]
    inputs = [_write_jsonl(tmp_path / f"in{k}.jsonl", p) for k, p in enumerate(parts)]
    db = tmp_path / "shared.db"
    first = _run("stories", str(inputs[0]), "--db", str(db), "--batch-size", "10", "--quiet")
    assert first.returncode == 0, first.stderr
    writers = [_start("stories", str(src), "--db", str(db), "--batch-size", "10")
               for src in inputs]
    reads = 0
    while any(w.poll() is None for w in writers):
        for args in (("stories", "--db", str(db), "--list"), ("export", "--db", str(db))):
            read = _run(*args, timeout=60)
            assert read.returncode == 0 and "Traceback" not in read.stderr, read.stderr
            reads += 1
    for w in writers:
        out, err = w.communicate()
        assert w.returncode == 0, err
        assert "Traceback" not in err
    assert reads >= 2
    _assert_each_once(db, [a.id for a in arts])
    again = _run("stories", *map(str, inputs), "--db", str(db), "--quiet")
    assert again.returncode == 0, again.stderr
    assert sorted(_members(db)) == sorted(_members(db))


def test_a_writer_waits_for_the_lock_then_stops_in_one_line(tmp_path):
    arts = story_articles(2, 5, seed=2)
    src = _write_jsonl(tmp_path / "in.jsonl", arts)
    db = tmp_path / "locked.db"
    assert _run("stories", str(src), "--db", str(db), "--quiet").returncode == 0
    more = _write_jsonl(tmp_path / "more.jsonl", story_articles(3, 5, seed=3)[:4])
    more.write_text(more.read_text().replace('"id": "e', '"id": "m'))
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another writer holds the database
    try:
        started = time.monotonic()
        gave_up = _run("stories", str(more), "--db", str(db), "--wait", "2")
        assert time.monotonic() - started < 60
        assert gave_up.returncode == 1 and "Traceback" not in gave_up.stderr
        assert "another newsweave run is writing; waiting" in gave_up.stderr
        assert "held the database for over 2 s" in gave_up.stderr
        # A reader is not blocked by the writer.
        listed = _run("stories", "--db", str(db), "--list", timeout=30)
        assert listed.returncode == 0 and len(listed.stdout.splitlines()) == 3, listed.stderr
        waiter = _start("stories", str(more), "--db", str(db))
        told = []
        reader = threading.Thread(target=lambda: told.append(waiter.stderr.readline()))
        reader.start()
        reader.join(timeout=120)
        assert told and "waiting for it" in told[0]
        assert waiter.poll() is None  # still waiting
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    _, err = waiter.communicate(timeout=120)
    assert waiter.returncode == 0, err
    assert "added 4 articles" in err
    assert len(_members(db)) == 14


def test_readers_write_nothing_and_a_foreign_database_is_refused(tmp_path):
    arts = story_articles(2, 4, seed=4)
    db = tmp_path / "news.db"
    assert _run("stories", str(_write_jsonl(tmp_path / "a.jsonl", arts)), "--db", str(db),
                "--quiet").returncode == 0
    digest = hashlib.sha256(db.read_bytes()).hexdigest()
    for args in (("stories", "--db", str(db), "--list"), ("export", "--db", str(db))):
        assert _run(*args).returncode == 0
    assert hashlib.sha256(db.read_bytes()).hexdigest() == digest
    with pytest.raises(StoreError, match="opened read-only"), \
            Store(db, readonly=True) as store:
        store.save_batch([], [], [], {}, {"x": b"1"})

    foreign = tmp_path / "app.sqlite"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE customers (name TEXT)")
        conn.execute("INSERT INTO customers VALUES ('Ilse')")
    conn.close()
    before = foreign.read_bytes()
    for args in (("export", "--db", str(foreign)),
                 ("stories", str(tmp_path / "a.jsonl"), "--db", str(foreign)),
                 ("stories", "--db", str(foreign), "--list")):
        result = _run(*args)
        assert result.returncode in (1, 2) and "Traceback" not in result.stderr
        assert "not newsweave's" in result.stderr and len(result.stderr.splitlines()) == 1
    assert foreign.read_bytes() == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes through file modes")
def test_a_read_only_file_can_be_listed_and_exported(tmp_path):
    db = tmp_path / "ro.db"
    arts = story_articles(2, 3, seed=5)
    assert _run("stories", str(_write_jsonl(tmp_path / "a.jsonl", arts)), "--db", str(db),
                "--quiet").returncode == 0
    db.chmod(0o444)
    tmp_path.chmod(0o555)
    try:
        assert _run("stories", "--db", str(db), "--list").returncode == 0
        assert _run("export", "--db", str(db)).returncode == 0
        more = story_articles(3, 3, seed=6)
        write = _run("stories", str(_write_jsonl(tmp_path.parent / "more.jsonl", more)),
                     "--db", str(db))
        assert write.returncode == 1 and "cannot write" in write.stderr
        assert "Traceback" not in write.stderr
    finally:
        tmp_path.chmod(0o755)


# --- random sequences of add / repeat / kill / resume, through the Python API ---------------

CORPUS = story_articles(4, 6, seed=21)  # 24 articles of 4 events


class Killed(Exception):
    """Stands for a kill between two batches: the run stops, its store is dropped."""


@pytest.fixture(scope="module")
def vectorizer():
    return ArticleVectorizer()  # loads the headline encoder once for every example


_step = st.tuples(st.sampled_from(["add", "repeat", "kill", "resume"]),
                  st.sets(st.integers(0, len(CORPUS) - 1), min_size=1, max_size=12),
                  st.integers(1, 3))


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(_step, min_size=1, max_size=5))
def test_any_sequence_of_runs_stores_each_article_once(tmp_path_factory, vectorizer, steps):
    db = tmp_path_factory.mktemp("prop") / "p.db"
    last: list = []
    done = False  # whether the last run went to its end
    sent: set[str] = set()
    for op, picked, after in steps:
        again = op in ("repeat", "resume") and bool(last)
        articles = last if again else [CORPUS[i] for i in sorted(picked)]
        with Store(db) as store:
            stream = StoryStream(store, vectorizer=vectorizer)
            if op == "kill":
                batches = iter(range(after))

                def stop(_n, batches=batches):
                    if next(batches, None) is None:
                        raise Killed
                try:
                    stream.add(articles, batch_size=2, on_batch=stop)
                    sent |= {a.id for a in articles}
                    done = True
                except Killed:
                    done = False
            else:
                before = sorted(_members(db)) if again and done else None
                added = stream.add(articles, batch_size=3)
                sent |= {a.id for a in articles}
                if before is not None:  # a rerun of a finished run changes nothing
                    assert added.articles == added.copies == 0
                    assert sorted(_members(db)) == before
                done = True
        last = articles
        members = _members(db)
        stored = [a for a, _ in members]
        assert len(stored) == len(set(stored))
        assert sent <= set(stored)
        with sqlite3.connect(db) as conn:
            n = conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        assert n == len(stored)


# --- kill -9 at many points of a real run ------------------------------------------------

def _writing(db: Path) -> bool:
    """Whether some process is inside a write transaction right now."""
    try:
        conn = sqlite3.connect(db, timeout=0, isolation_level=None)
        try:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("ROLLBACK")
            return False
        finally:
            conn.close()
    except sqlite3.OperationalError:
        return True


@pytest.mark.slow
def test_kill_9_at_twenty_points_then_resume(tmp_path):
    """Real `stories` processes killed with SIGKILL at 20 points or more, then resumed: every
    article stored once, in one story, and a rerun changes nothing. The points cycle through
    three kinds: after a few more batches were committed, inside a write transaction, and at
    a random moment (start-up, opening, loading). Two more processes are always starting, so
    that start-up (seconds of imports) overlaps the run; they wait for the lock, or take it
    between two batches."""
    arts = story_articles(8, 50, seed=9)  # 400 articles
    src = _write_jsonl(tmp_path / "all.jsonl", arts)
    db = tmp_path / "kill.db"
    args = ("stories", str(src), "--db", str(db), "--batch-size", "5", "--quiet")
    running = [_start(*args)]
    kills, points, inside = 0, [], 0
    deadline = time.monotonic() + 240
    while kills < 20 and time.monotonic() < deadline:
        while len(running) < 3:
            running.append(_start(*args))
        mode = kills % 3
        target = (points[-1] if points else 0) + 5
        if mode == 2:
            time.sleep(0.1 * (kills % 10))
        while mode != 2 and running[0].poll() is None and time.monotonic() < deadline:
            try:
                if db.exists() and (len(_members(db)) >= target if mode == 0
                                    else _writing(db)):
                    inside += mode == 1
                    break
            except sqlite3.OperationalError:
                pass
            time.sleep(0.005)
        victim = running.pop(0)
        if victim.poll() is not None:
            break
        victim.send_signal(signal.SIGKILL)
        victim.wait()
        kills += 1
        if not db.exists():
            points.append(0)
            continue
        with sqlite3.connect(db) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            n_articles = conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        points.append(n_articles)
        assert n_articles == len(_members(db))
    for proc in running:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    assert kills >= 20, f"only {kills} kills before the run ended ({points})"
    assert inside >= 3, "no kill fell inside a write transaction"
    done = _run("stories", str(src), "--db", str(db), "--batch-size", "5", "--quiet")
    assert done.returncode == 0, done.stderr
    _assert_each_once(db, [a.id for a in arts])
    before = sorted(_members(db))
    rerun = _run("stories", str(src), "--db", str(db))
    assert rerun.returncode == 0 and "400 already stored" in rerun.stderr
    assert sorted(_members(db)) == before
