"""The store on PostgreSQL (`--db postgresql://...`) beside SQLite: the same results from
real `newsweave` processes, several writers at once, the writers' lock, the schema's last
migration, and one clear line for a database that cannot be used. The server is a
throwaway cluster the `pg_server` fixture starts (tests/pg_cluster.py)."""

from __future__ import annotations

import json
import time
from datetime import date

import psycopg
import pytest
from cli_helpers import _run, _start, _write_jsonl, free_port
from corpus import story_articles
from psycopg.pq import TransactionStatus

from newsweave.store import Store, StoreError
from newsweave.store.postgres import LOCK_KEY, PG_MIGRATIONS, VERSION_TABLE, PostgresDialect
from newsweave.store.target import redact
from newsweave.stories.stream import StoryStream


@pytest.mark.slow  # several newsweave processes
def test_two_runs_then_export_and_list_are_those_of_sqlite(pg_server, tmp_path):
    arts = story_articles(4, 6, seed=21)
    first = _write_jsonl(tmp_path / "first.jsonl", arts[:14])
    second = _write_jsonl(tmp_path / "second.jsonl", arts[8:])
    url, path = pg_server.new_database(), str(tmp_path / "news.db")
    out = {}
    for db in (url, path):
        for src in (first, second):
            run = _run("stories", str(src), "--db", db)
            assert run.returncode == 0, run.stderr
        assert "6 already stored" in run.stderr
        exported, listed = _run("export", "--db", db), _run("stories", "--db", db, "--list")
        assert exported.returncode == 0 and listed.returncode == 0, exported.stderr
        out[db] = exported.stdout, listed.stdout
    assert pg_server.password not in run.stderr + "".join(out[url])
    assert out[url] == out[path]
    stories = [json.loads(line) for line in out[url][0].splitlines()[:-1]]
    assert sorted(a for s in stories for a in s["articles"]) == sorted(a.id for a in arts)


def test_listing_search_and_paging_are_those_of_sqlite(pg_server, tmp_path):
    arts = story_articles(5, 4, seed=9)
    pages = {}
    for db in (pg_server.new_database(), tmp_path / "s.db"):
        with Store(db) as store:
            StoryStream(store).add(arts, batch_size=5)
            listed, after, seen = [], None, []
            while True:
                page, after = store.list_stories(limit=2, after=after)
                listed += [(s.id, s.size, s.outlets, s.first, s.last, s.headline) for s in page]
                seen.append(after)
                if after is None:
                    break
            found = [s.id for s in store.list_stories(q=arts[0].title.split()[-1])[0]]
            pages[str(db)] = listed, seen, found, store.outlets(), store.unanalysed()
    backends = list(pages.values())
    assert backends[0] == backends[1]
    assert len(backends[0][0]) == 5 and backends[0][2]  # the keys and the search agree too


@pytest.mark.slow  # several newsweave processes
def test_several_writers_at_once_store_each_article_once(pg_server, tmp_path):
    """Three `stories` processes on overlapping inputs start together on an empty database
    (the schema is made once), with readers in a loop; every article ends in one story and
    the sequence numbers, given under the writers' lock, run 1..N."""
    arts = story_articles(6, 20, seed=13)  # 120 articles
    parts = [arts[0:60], arts[40:100], [*arts[80:120], *arts[0:20]]]
    inputs = [_write_jsonl(tmp_path / f"in{k}.jsonl", p) for k, p in enumerate(parts)]
    url = pg_server.new_database()
    writers = [_start("stories", str(src), "--db", url, "--batch-size", "10")
               for src in inputs]
    reads = 0
    while any(w.poll() is None for w in writers):
        read = _run("export", "--db", url, timeout=60)
        assert "Traceback" not in read.stderr, read.stderr
        reads += read.returncode == 0
    for w in writers:
        _, err = w.communicate()
        assert w.returncode == 0 and "Traceback" not in err, err
    assert reads >= 1
    with psycopg.connect(url) as conn:
        members = conn.execute("SELECT m.article_id FROM memberships m JOIN stories s "
                               "ON s.id = m.story_id WHERE s.merged_into IS NULL").fetchall()
        seqs = [s for (s,) in conn.execute("SELECT seq FROM articles ORDER BY seq")]
        listed = conn.execute("SELECT SUM(size) FROM listing").fetchone()[0]
    stored = [a for (a,) in members]
    assert sorted(stored) == sorted(a.id for a in arts)  # each once
    assert seqs == list(range(1, len(arts) + 1)) and listed == len(arts)


def test_a_writer_opening_while_another_makes_the_schema_neither_refuses_nor_remakes_it(
        pg_server, monkeypatch):
    """Another writer commits the whole schema between this one reading the version and the
    tables (what three writers starting together on an empty database once hit): the two
    reads share one snapshot, and the migration, rechecked under the lock, finds it done."""
    url = pg_server.new_database()
    other = psycopg.connect(url, autocommit=True)
    other.execute("BEGIN")
    other.execute("SELECT pg_advisory_xact_lock(%s)", (LOCK_KEY,))
    for number, migration in enumerate(PG_MIGRATIONS):
        other.execute(migration)
        other.execute(f"UPDATE {VERSION_TABLE} SET version = %s", (number + 1,))
    read = PostgresDialect.version

    def version_then_the_other_commits(self, conn):
        found = read(self, conn)
        if other.info.transaction_status != TransactionStatus.IDLE:
            other.execute("COMMIT")
        return found

    monkeypatch.setattr(PostgresDialect, "version", version_then_the_other_commits)
    with Store(url) as store:
        assert store.version == len(PG_MIGRATIONS)
    other.close()


@pytest.mark.slow  # several newsweave processes
def test_a_writer_waits_for_the_lock_then_stops_in_one_line(pg_server, tmp_path):
    url = pg_server.new_database()
    src = _write_jsonl(tmp_path / "in.jsonl", story_articles(2, 3, seed=2))
    assert _run("stories", str(src), "--db", url, "--quiet").returncode == 0
    more = _write_jsonl(tmp_path / "more.jsonl", story_articles(2, 2, seed=3))
    more.write_text(more.read_text().replace('"id": "e', '"id": "m'))
    with psycopg.connect(url) as holder:  # another writer holds the lock
        holder.execute("SELECT pg_advisory_xact_lock(%s)", (LOCK_KEY,))
        started = time.monotonic()
        gave_up = _run("stories", str(more), "--db", url, "--wait", "2")
        assert time.monotonic() - started < 60
        assert gave_up.returncode == 1 and "Traceback" not in gave_up.stderr
        assert "held the database for over 2 s" in gave_up.stderr
        listed = _run("stories", "--db", url, "--list", timeout=30)  # readers are not blocked
        assert listed.returncode == 0 and len(listed.stdout.splitlines()) == 3, listed.stderr
        holder.rollback()
    done = _run("stories", str(more), "--db", url)
    assert done.returncode == 0 and "added 4 articles" in done.stderr, done.stderr


def test_an_older_schema_is_upgraded_and_a_reader_writes_nothing(pg_server):
    """A database at the schema before the web view's tables, holding an article: a reader
    refuses it, a writer migrates it and its text becomes searchable."""
    url = pg_server.new_database()
    with psycopg.connect(url, autocommit=True) as conn, conn.transaction():
        conn.execute(PG_MIGRATIONS[0])
        conn.execute(PG_MIGRATIONS[1])
        conn.execute("UPDATE newsweave_version SET version = 2")
        conn.execute("INSERT INTO articles (id, seq, kind, title, text) VALUES "
                     "('x', 1, 'article', 'Harbour fog', 'Fog closed the harbour of "
                     "Bellport.\nShips waited.')")
        conn.execute("INSERT INTO stories (id, size, first, centroid_index, centroid_value)"
                     " VALUES ('s000001', 1, NULL, '', '')")
        conn.execute("INSERT INTO memberships VALUES ('x', 's000001')")
    with pytest.raises(StoreError, match="newsweave analyse"):
        Store(url, readonly=True)
    with Store(url) as store:
        assert store.version == len(PG_MIGRATIONS)
    with Store(url, readonly=True) as store:
        [listed], _ = store.list_stories(q="bellports")  # stemmed, as SQLite's porter
        assert (listed.id, listed.headline) == ("s000001", "Harbour fog")
        assert store.story_version("s000001") == "1.1"
        with pytest.raises(psycopg.errors.ReadOnlySqlTransaction):
            store.conn.execute("DELETE FROM articles")


def test_the_listing_follows_a_merge_of_two_stories(fresh_db):
    """The rows the stories stage writes when two stories merge, written as SQL through the
    store's connection: the listing's triggers (SQLite's, PostgreSQL's routine) follow."""
    with Store(fresh_db()) as store:
        def add(k: int, day: int, outlet: str, story: str, title: str | None = None) -> None:
            c.execute("INSERT INTO articles (id, seq, kind, outlet, title, published, text) "
                      "VALUES (?, ?, 'article', ?, ?, ?, ?)",
                      (f"a{k}", k, outlet, title, f"2026-04-{day:02d}",
                       f"Text of article {k}.\nMore."))
            c.execute("INSERT INTO stories (id, size, centroid_index, centroid_value) "
                      "VALUES (?, 1, ?, ?) ON CONFLICT DO NOTHING", (story, b"", b""))
            c.execute("INSERT INTO memberships VALUES (?, ?)", (f"a{k}", story))

        with store.writing() as c:
            add(1, 5, "North", "s1", "Dam opens")
            add(2, 2, "South", "s2")
            add(3, 9, "East", "s2")
        before = {s.id: (s.size, s.headline) for s in store.list_stories()[0]}
        assert before == {"s1": (1, "Dam opens"), "s2": (2, "Text of article 2.")}
        with store.writing() as c:
            add(4, 7, "North", "s1")
            c.execute("UPDATE memberships SET story_id = 's1' WHERE story_id = 's2'")
        listed, more = store.list_stories()
        assert more is None and len(listed) == 1
        merged = listed[0]
        assert (merged.id, merged.size, merged.first, merged.last, merged.headline) == (
            "s1", 4, date(2026, 4, 2), date(2026, 4, 9), "Dam opens")
        assert merged.outlets == ["North", "South", "East"]
        assert store.outlets() == ["East", "North", "South"]
        assert store.story_version("s1") == "4.4" and store.story_version("s2") is None


def _one_line(result, code: int, *words: str) -> None:
    assert result.returncode == code, (result.returncode, result.stderr)
    assert "Traceback" not in result.stderr and len(result.stderr.splitlines()) == 1, \
        result.stderr
    for word in words:
        assert word in result.stderr, result.stderr


@pytest.mark.slow  # several newsweave processes
def test_a_database_that_cannot_be_used_is_one_line_before_any_work(pg_server, tmp_path):
    """Unreachable, unknown host, wrong password, no such database, a newer schema, another
    program's tables: one line naming the database (password hidden), exit 2 for a reader
    (export, --list, serve) and 1 for a writer (stories, analyse), as for SQLite files."""
    src = _write_jsonl(tmp_path / "in.jsonl", story_articles(1, 2, seed=1))
    newer = pg_server.new_database()
    assert _run("stories", str(src), "--db", newer, "--quiet").returncode == 0
    with psycopg.connect(newer, autocommit=True) as conn:
        conn.execute("UPDATE newsweave_version SET version = version + 1")
    foreign = pg_server.new_database()
    with psycopg.connect(foreign, autocommit=True) as conn:
        conn.execute("CREATE TABLE customers (name TEXT)")
    wrong = pg_server.url("postgres", password="not-the-password")
    cases = [
        (f"postgresql://newsweave:pw@127.0.0.1:{free_port()}/news", "Connection refused"),
        ("postgresql://newsweave:pw@no-such-host.invalid/news", "no-such-host.invalid"),
        (wrong, "password authentication failed"),
        (pg_server.url("no_such_db"), 'database "no_such_db" does not exist'),
        (newer, "is newer than this newsweave knows"),
        (foreign, "not newsweave's"),
    ]
    commands = [(("export",), 2), (("stories", str(src)), 1)]
    every = [*commands, (("stories", "--list"), 2), (("analyse",), 1), (("serve",), 2)]
    for k, (url, says) in enumerate(cases):
        for args, code in every if k == 0 else commands:
            result = _run(*args, "--db", url, timeout=60)
            _one_line(result, code, redact(url), says)
            assert ":pw@" not in result.stderr and "not-the-password" not in result.stderr
    with psycopg.connect(foreign) as conn:  # nothing written beside the other program's
        assert conn.execute("SELECT table_name FROM information_schema.tables WHERE "
                            "table_schema = 'public'").fetchall() == [("customers",)]
    empty = pg_server.new_database()
    _one_line(_run("export", "--db", empty), 2, "holds no stories yet")


def test_watched_feeds_are_kept_alike(fresh_db):
    from newsweave.store.sqlite import FeedState

    with Store(fresh_db()) as store:
        url = "https://news.example/feed"
        assert store.feed_state(url) == FeedState(url)
        state = FeedState(url, etag='"v1"', last_modified="Tue, 01 Dec 2026 10:00:00 GMT",
                          failures=2, next_try=1_764_800_000.25, last_error="timed out")
        store.save_feed(state, [("k1", "a1"), ("k2", None)])
        store.save_feed(state, [("k1", "a1"), ("k3", "a3")])  # k1 filed again: kept once
        assert store.feed_state(url) == state
        assert store.seen_entries(url, ["k1", "k2", "k3", "k4"]) == {"k1", "k2", "k3"}


@pytest.mark.slow  # several newsweave processes
def test_a_server_that_drops_the_writer_ends_it_in_one_line(pg_server, tmp_path):
    """The server ends the writer's session mid-run (as a restart would): one line, exit 1;
    the next run carries on and every article is stored once."""
    arts = story_articles(2, 3, seed=17)
    src = _write_jsonl(tmp_path / "in.jsonl", arts)
    url = pg_server.new_database()
    assert _run("stories", str(src), "--db", url, "--quiet").returncode == 0  # the schema
    more = _write_jsonl(tmp_path / "more.jsonl", story_articles(4, 15, seed=18))
    more.write_text(more.read_text().replace('"id": "e', '"id": "m'))
    writer = _start("stories", str(more), "--db", url, "--batch-size", "2")
    with psycopg.connect(url, autocommit=True) as admin:
        while writer.poll() is None and not admin.execute(
                "SELECT COUNT(*) FROM articles WHERE id LIKE 'm%'").fetchone()[0]:
            time.sleep(0.05)
        ended = admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE "
                              "application_name = 'newsweave' AND pid <> pg_backend_pid() "
                              "AND datname = current_database()").fetchall()
    _, err = writer.communicate(timeout=120)
    assert ended, "the writer had finished before it could be dropped"
    assert writer.returncode == 1 and "Traceback" not in err, err
    assert "lost the connection to the server" in err and len(err.splitlines()) == 1, err
    again = _run("stories", str(more), "--db", url, "--quiet")
    assert again.returncode == 0, again.stderr
    with psycopg.connect(url) as conn:
        stored = [a for (a,) in conn.execute("SELECT article_id FROM memberships")]
    assert sorted(stored) == sorted(a.id for a in arts) + sorted(
        a.id.replace("e", "m", 1) for a in story_articles(4, 15, seed=18))
