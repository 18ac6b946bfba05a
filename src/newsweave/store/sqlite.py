"""The story store: articles, syndicated copies, non-articles, stories and memberships in
one SQLite file (WAL journal, one transaction per batch, schema versioned by migrations), or
in a PostgreSQL database (`postgresql://` URL; `postgres.py` holds what differs there).

A run killed at any point leaves the file as it was after the last committed batch, and
the clustering state (story centroids, word frequencies, the next story number) is saved in
the same transaction as the memberships, so a resumed run carries on from there.
"""

from __future__ import annotations

import re
import sqlite3
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar
from urllib.parse import quote

import numpy as np
from scipy import sparse

from newsweave.model import Article, StoryState
from newsweave.store.target import ServerUrl, is_server_url

if TYPE_CHECKING:
    from newsweave.store.postgres import PostgresDialect

DEFAULT_DB = "newsweave.db"
T = TypeVar("T")

# Each entry brings the schema from version i to i + 1; never edit a released entry.
MIGRATIONS = [
    """
    CREATE TABLE articles (
        id TEXT PRIMARY KEY,
        seq INTEGER NOT NULL UNIQUE,
        kind TEXT NOT NULL CHECK (kind IN ('article', 'copy', 'non_article')),
        origin TEXT REFERENCES articles(id),
        reason TEXT,
        outlet TEXT, url TEXT, title TEXT, published TEXT, source TEXT,
        text TEXT NOT NULL,
        signature BLOB
    );
    CREATE TABLE stories (
        id TEXT PRIMARY KEY,
        size INTEGER NOT NULL,
        first TEXT, last TEXT,
        merged_into TEXT REFERENCES stories(id),
        centroid_index BLOB NOT NULL,
        centroid_value BLOB NOT NULL
    );
    CREATE TABLE memberships (
        article_id TEXT PRIMARY KEY REFERENCES articles(id),
        story_id TEXT NOT NULL REFERENCES stories(id)
    );
    CREATE INDEX memberships_story ON memberships(story_id);
    CREATE TABLE state (key TEXT PRIMARY KEY, value BLOB);
    """,
    # 2: what `newsweave watch` keeps of each feed: validators, failures, seen entries.
    """
    CREATE TABLE feeds (
        url TEXT PRIMARY KEY,
        etag TEXT, last_modified TEXT,
        failures INTEGER NOT NULL DEFAULT 0,
        next_try REAL NOT NULL DEFAULT 0,
        last_error TEXT
    );
    CREATE TABLE feed_entries (
        feed_url TEXT NOT NULL REFERENCES feeds(url),
        entry_key TEXT NOT NULL,
        article_id TEXT,
        PRIMARY KEY (feed_url, entry_key)
    );
    """,
    # 3: the web view's tables (serve, analyse): stored reports, the sentences their evidence
    # points at, a full-text index kept in step with `articles` by triggers, and the story
    # listing; its upsert is written twice, in the join and the move triggers, since a SQLite
    # trigger cannot call a shared routine.
    """
    CREATE TABLE reports (
        story_id TEXT PRIMARY KEY,
        version TEXT NOT NULL,
        computed TEXT NOT NULL,
        report TEXT NOT NULL,
        evidence TEXT NOT NULL
    );
    CREATE TABLE sentences (
        article_id TEXT PRIMARY KEY REFERENCES articles(id),
        sentences TEXT NOT NULL
    );
    CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, text, content='articles', content_rowid='rowid',
        tokenize='porter unicode61 remove_diacritics 2');
    CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts (rowid, title, text) VALUES (new.rowid, new.title, new.text);
    END;
    CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts (articles_fts, rowid, title, text)
        VALUES ('delete', old.rowid, old.title, old.text);
    END;
    CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
        INSERT INTO articles_fts (articles_fts, rowid, title, text)
        VALUES ('delete', old.rowid, old.title, old.text);
        INSERT INTO articles_fts (rowid, title, text) VALUES (new.rowid, new.title, new.text);
    END;
    INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');
    CREATE INDEX articles_outlet ON articles(outlet);
    CREATE TABLE listing (
        story_id TEXT PRIMARY KEY,
        size INTEGER NOT NULL,
        first TEXT, last TEXT,
        top INTEGER NOT NULL,
        title TEXT, lead TEXT,
        key TEXT GENERATED ALWAYS AS (printf('%d|%07d|%09d|%s', last IS NULL,
            9999999 - COALESCE(CAST(julianday(last) AS INTEGER), 0), 999999999 - size,
            story_id)) STORED
    );
    CREATE INDEX listing_key ON listing(key);
    CREATE TABLE listing_outlets (
        story_id TEXT NOT NULL, outlet TEXT NOT NULL, seq INTEGER NOT NULL,
        PRIMARY KEY (story_id, outlet)
    ) WITHOUT ROWID;
    CREATE INDEX listing_outlets_outlet ON listing_outlets(outlet, story_id);
    CREATE TRIGGER listing_join AFTER INSERT ON memberships BEGIN
        INSERT INTO listing (story_id, size, first, last, top, title, lead)
        SELECT new.story_id, 1, published, published, seq, NULLIF(TRIM(title), ''),
               substr(text, 1, instr(text || char(10), char(10)) - 1)
        FROM articles WHERE id = new.article_id
        ON CONFLICT (story_id) DO UPDATE SET size = size + 1,
            first = CASE WHEN first IS NULL OR excluded.first < first
                         THEN COALESCE(excluded.first, first) ELSE first END,
            last = CASE WHEN last IS NULL OR excluded.last > last
                        THEN COALESCE(excluded.last, last) ELSE last END,
            top = MAX(top, excluded.top), title = COALESCE(title, excluded.title);
        INSERT INTO listing_outlets (story_id, outlet, seq)
        SELECT new.story_id, outlet, seq FROM articles WHERE id = new.article_id
        AND outlet IS NOT NULL ON CONFLICT DO UPDATE SET seq = MIN(seq, excluded.seq);
    END;
    CREATE TRIGGER listing_move AFTER UPDATE OF story_id ON memberships BEGIN
        UPDATE listing SET size = size - 1 WHERE story_id = old.story_id;
        DELETE FROM listing WHERE story_id = old.story_id AND size <= 0;
        DELETE FROM listing_outlets WHERE story_id = old.story_id
        AND NOT EXISTS (SELECT 1 FROM listing WHERE story_id = old.story_id);
        INSERT INTO listing (story_id, size, first, last, top, title, lead)
        SELECT new.story_id, 1, published, published, seq, NULLIF(TRIM(title), ''),
               substr(text, 1, instr(text || char(10), char(10)) - 1)
        FROM articles WHERE id = new.article_id
        ON CONFLICT (story_id) DO UPDATE SET size = size + 1,
            first = CASE WHEN first IS NULL OR excluded.first < first
                         THEN COALESCE(excluded.first, first) ELSE first END,
            last = CASE WHEN last IS NULL OR excluded.last > last
                        THEN COALESCE(excluded.last, last) ELSE last END,
            top = MAX(top, excluded.top), title = COALESCE(title, excluded.title);
        INSERT INTO listing_outlets (story_id, outlet, seq)
        SELECT new.story_id, outlet, seq FROM articles WHERE id = new.article_id
        AND outlet IS NOT NULL ON CONFLICT DO UPDATE SET seq = MIN(seq, excluded.seq);
    END;
    INSERT INTO listing (story_id, size, first, last, top, title, lead)
    SELECT m.story_id, COUNT(*), MIN(a.published), MAX(a.published), MAX(a.seq),
           (SELECT NULLIF(TRIM(b.title), '') FROM memberships n JOIN articles b
            ON b.id = n.article_id WHERE n.story_id = m.story_id
            AND NULLIF(TRIM(b.title), '') IS NOT NULL ORDER BY b.seq LIMIT 1),
           (SELECT substr(b.text, 1, instr(b.text || char(10), char(10)) - 1)
            FROM memberships n JOIN articles b ON b.id = n.article_id
            WHERE n.story_id = m.story_id ORDER BY b.seq LIMIT 1)
    FROM memberships m JOIN articles a ON a.id = m.article_id GROUP BY m.story_id;
    INSERT INTO listing_outlets (story_id, outlet, seq)
    SELECT m.story_id, a.outlet, MIN(a.seq) FROM memberships m JOIN articles a
    ON a.id = m.article_id WHERE a.outlet IS NOT NULL GROUP BY m.story_id, a.outlet;
    """,
]


class StoreError(Exception):
    """The database cannot be used (not SQLite, not newsweave's, newer schema, locked,
    unreachable)."""


WAIT_SECONDS = 600.0  # how long a writer waits for another one before it gives up
_TABLES = {"articles", "stories", "memberships", "state"}


@dataclass
class StoredStory:
    """A story row as `--list` and `export` show it."""

    id: str
    size: int
    outlets: list[str]
    first: date | None
    last: date | None
    headline: str
    articles: list[str]
    copies: dict[str, str]


@dataclass
class FeedState:
    """A watched feed: its HTTP validators, how often it failed in a row, when to try it
    next (Unix time) and the last error."""

    url: str
    etag: str | None = None
    last_modified: str | None = None
    failures: int = 0
    next_try: float = 0.0
    last_error: str | None = None


@dataclass
class ListedStory:
    """A story as the web view lists it; `current` tells whether its stored report covers
    all its articles (None: never analysed)."""

    id: str
    size: int
    outlets: list[str]
    first: date | None
    last: date | None
    headline: str
    version: str
    current: bool | None


@dataclass
class StoredReport:
    """A story's report as `analyse` stored it: JSON texts and the version it covers."""

    version: str
    computed: str
    report: str
    evidence: str


@dataclass
class ArticleRecord:
    """A stored article with its kind, origin (a copy), reason (a non-article) and its
    sentences as the analysis split them (JSON, None until analysed)."""

    article: Article
    kind: str
    origin: str | None
    reason: str | None
    sentences: str | None


class SqliteDialect:
    """What the store does its own way on SQLite: opening the file, `PRAGMA user_version`,
    the write lock (BEGIN IMMEDIATE), `PRAGMA data_version` and FTS5 search."""

    kind = "SQLite"
    own = "a file of its own"
    errors = sqlite3.OperationalError  # locked, busy, read-only, disk full
    broken = sqlite3.DatabaseError  # not a database, a damaged file

    def __init__(self, path: str | Path) -> None:
        self.name = str(path)

    def connect(self, readonly: bool) -> sqlite3.Connection:
        try:
            if readonly:
                if not Path(self.name).is_file():
                    raise StoreError(f"{self.name}: no such story database")
                uri = f"file:{quote(str(Path(self.name).absolute()))}?mode=ro"
                return sqlite3.connect(uri, uri=True, isolation_level=None, timeout=1.0)
            return sqlite3.connect(self.name, isolation_level=None, timeout=1.0)
        except sqlite3.Error as exc:
            raise StoreError(f"{self.name}: cannot open ({exc})") from exc

    def tables(self, conn: sqlite3.Connection) -> set[str]:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}

    def version(self, conn: sqlite3.Connection) -> int:
        return conn.execute("PRAGMA user_version").fetchone()[0]

    def setup(self, conn: sqlite3.Connection, readonly: bool, locked: Callable) -> None:
        """Query-only for a reader; the WAL journal for a writer; foreign keys on."""
        if readonly:
            conn.execute("PRAGMA query_only=ON")
        else:
            locked(lambda: conn.execute("PRAGMA journal_mode=WAL"))
            conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA foreign_keys=ON")

    def migrate(self, conn: sqlite3.Connection, number: int) -> None:
        for statement in _statements(MIGRATIONS[number]):
            conn.execute(statement)
        conn.execute(f"PRAGMA user_version={number + 1}")

    def begin_write(self, conn: sqlite3.Connection) -> None:
        conn.execute("BEGIN IMMEDIATE")

    def begin_read(self, conn: sqlite3.Connection) -> None:
        conn.execute("BEGIN")

    def alive(self, conn: sqlite3.Connection) -> bool:
        """A file's connection lasts as long as this process."""
        return True

    def commit(self, conn: sqlite3.Connection) -> None:
        conn.execute("COMMIT")

    def busy(self, exc: Exception) -> bool:
        return "locked" in str(exc) or "busy" in str(exc)

    def cannot_write(self, exc: Exception) -> bool:
        return "readonly" in str(exc)

    def data_version(self, conn: sqlite3.Connection) -> int:
        return conn.execute("PRAGMA data_version").fetchone()[0]

    def search(self, text: str) -> tuple[str, list]:
        """Story ids with an article holding every word of `text` (FTS5, porter stems)."""
        return ("l.story_id IN (SELECT m.story_id FROM articles_fts f JOIN articles a "
                "ON a.rowid = f.rowid JOIN memberships m ON m.article_id = a.id "
                "WHERE articles_fts MATCH ?)", [_fts_query(text)])


def dialect_for(target: str | Path | ServerUrl) -> SqliteDialect | PostgresDialect:
    """The dialect of `--db`: PostgreSQL for a `postgresql://` URL, else a SQLite file."""
    if not is_server_url(target):
        return SqliteDialect(target)
    from newsweave.store.postgres import PostgresDialect  # psycopg only when it is needed

    return PostgresDialect(target.url if isinstance(target, ServerUrl) else target)


class Store:
    """One story store, a SQLite file or a PostgreSQL database (a `postgresql://` URL); open
    with `Store(path_or_url)`, close with `close()` or `with`.

    Writers take the write lock (SQLite's BEGIN IMMEDIATE, PostgreSQL's advisory lock) one at
    a time: a second writer waits up to `wait` seconds, calling `on_wait(seconds waited)` now
    and then, then raises StoreError. `readonly` opens the store read-only and writes nothing,
    not even the schema: a reader is never blocked by a writer (WAL mode, MVCC)."""

    def __init__(self, path: str | Path | ServerUrl = DEFAULT_DB, *, readonly: bool = False,
                 wait: float = WAIT_SECONDS,
                 on_wait: Callable[[float], None] | None = None) -> None:
        self.dialect = dialect_for(path)
        self.path = self.dialect.name  # a URL's password is hidden
        self.readonly = readonly
        self.wait = wait
        self.on_wait = on_wait
        self.conn = self.dialect.connect(readonly)
        try:
            self._check_ours()
            self.dialect.setup(self.conn, readonly, self._locked)
            if not readonly:
                self._migrate()
        except self.dialect.broken as exc:
            self.conn.close()
            raise StoreError(f"{self.path}: not a usable newsweave database ({exc})") from exc
        except StoreError:
            self.conn.close()
            raise

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.conn.close()

    def alive(self) -> bool:
        """False once the database server has ended this connection (open a new Store)."""
        return self.dialect.alive(self.conn)

    @property
    def version(self) -> int:
        return self.dialect.version(self.conn)

    def _check_ours(self) -> None:
        """Refuse a database that some other program made: newsweave never writes its
        tables beside another's. The version and the tables are read in one snapshot: read
        apart, a writer making the schema in between looks like another program's tables."""
        version, tables = self._locked(self._schema)
        if version > len(MIGRATIONS):
            raise StoreError(f"{self.path}: schema version {version} is newer than this "
                             f"newsweave knows ({len(MIGRATIONS)}); upgrade newsweave")
        if (version == 0 and tables) or (version > 0 and not tables >= _TABLES):
            raise StoreError(f"{self.path}: a {self.dialect.kind} database that is not "
                             f"newsweave's (other tables); refused, give --db "
                             f"{self.dialect.own}")
        if self.readonly and version == 0:
            raise StoreError(f"{self.path}: holds no stories yet (make them with "
                             "`newsweave stories ARTICLES... --db FILE`)")
        if self.readonly and version < len(MIGRATIONS):
            raise StoreError(f"{self.path}: schema version {version} is older than "
                             f"{len(MIGRATIONS)}; open it once for writing to upgrade it "
                             f"(`newsweave analyse --db {self.path}`)")

    def _schema(self) -> tuple[int, set[str]]:
        """The schema version and the tables, seen in one consistent state."""
        with self.snapshot():
            return self.version, self.dialect.tables(self.conn)

    def _locked(self, step: Callable[[], T]) -> T:
        """Run `step`, retrying while another connection holds the lock it needs, up to
        `self.wait` seconds in all; then StoreError."""
        start = time.monotonic()
        while True:
            try:
                return step()
            except self.dialect.errors as exc:
                if self.dialect.cannot_write(exc):
                    raise StoreError(f"{self.path}: cannot write ({exc})") from exc
                if not self.dialect.busy(exc):
                    raise
                waited = time.monotonic() - start
                if waited >= self.wait:
                    raise StoreError(
                        f"{self.path}: another newsweave run has held the database for over "
                        f"{self.wait:g} s; stopped (run again to carry on)") from exc
                if self.on_wait:
                    self.on_wait(waited)

    def _migrate(self) -> None:
        if self.version == len(MIGRATIONS):
            return
        with self._transaction():
            self._check_ours()  # again under the lock: another writer may have made it since
            for number in range(self.version, len(MIGRATIONS)):
                self.dialect.migrate(self.conn, number)

    def data_version(self) -> int:
        """Changes when another connection commits (SQLite's `PRAGMA data_version`)."""
        return self.dialect.data_version(self.conn)

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """Reads inside see one consistent state of the file (a read transaction)."""
        if self.conn.in_transaction:
            yield
            return
        self._locked(lambda: self.dialect.begin_read(self.conn))
        try:
            yield
        finally:
            self.conn.execute("COMMIT")

    def writing(self) -> AbstractContextManager[sqlite3.Connection]:
        """Hold the write lock: every read and write inside is one transaction, committed
        at the end or rolled back on an exception (a second writer waits for it)."""
        return self._transaction()

    # --- reading -------------------------------------------------------------------------

    def texts_by_id(self, ids: Sequence[str]) -> dict[str, str]:
        """The stored text of each of these ids that is stored."""
        found: dict[str, str] = {}
        for lo in range(0, len(ids), 500):
            chunk = list(ids[lo:lo + 500])
            marks = ",".join("?" * len(chunk))
            found.update(self.conn.execute(
                f"SELECT id, text FROM articles WHERE id IN ({marks})", chunk).fetchall())
        return found

    def next_seq(self) -> int:
        return self.conn.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM articles").fetchone()[0]

    def state(self, key: str) -> bytes | None:
        row = self.conn.execute("SELECT value FROM state WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def memberships(self) -> dict[str, str]:
        """Each stored article's story id (copies included; merged stories not resolved)."""
        return dict(self.conn.execute("SELECT article_id, story_id FROM memberships"))

    def sequence_numbers(self) -> dict[str, int]:
        """Each stored article's place in the order articles were filed."""
        return dict(self.conn.execute("SELECT id, seq FROM articles"))

    def signatures(self) -> Iterator[tuple[str, bytes]]:
        """(id, MinHash values) of every stored origin text."""
        yield from self.conn.execute(
            "SELECT id, signature FROM articles WHERE signature IS NOT NULL ORDER BY seq")

    def saved_stories(self, width: int) -> Iterator[StoryState]:
        """Every story's clustering state, in id order; centroids `width` columns wide."""
        for sid, size, first, last, into, index, value in self.conn.execute(
                "SELECT id, size, first, last, merged_into, centroid_index, centroid_value "
                "FROM stories ORDER BY id"):
            # Copies: arrays over SQLite's bytes are read-only, and scipy sorts and prunes
            # a centroid's arrays in place when it is saved again.
            idx = np.frombuffer(index, dtype=np.int32).copy()
            val = np.frombuffer(value, dtype=np.float32).copy()
            centroid = sparse.csr_matrix((val, idx, np.array([0, len(idx)])),
                                         shape=(1, width))
            yield StoryState(sid, centroid, size, _day(first), _day(last), into)

    def stories(self) -> list[StoredStory]:
        """Every live story with its articles (copies included), oldest story first."""
        rows = self.conn.execute(
            "SELECT m.story_id, a.id, a.kind, a.origin, a.outlet, a.title, a.text, "
            "a.published FROM memberships m JOIN articles a ON a.id = m.article_id "
            "ORDER BY m.story_id, a.seq")
        out: dict[str, StoredStory] = {}
        for sid, aid, kind, origin, outlet, title, text, published in rows:
            story = out.get(sid)
            if story is None:
                story = out[sid] = StoredStory(sid, 0, [], None, None, "", [], {})
            story.size += 1
            story.articles.append(aid)
            if kind == "copy":
                story.copies[aid] = origin
            if outlet and outlet not in story.outlets:
                story.outlets.append(outlet)
            day = _day(published)
            if day:
                story.first = min(story.first or day, day)
                story.last = max(story.last or day, day)
            if not story.headline:
                story.headline = title or _first_line(text)
        return list(out.values())

    def story_articles(self, story_id: str) -> list[Article]:
        """The articles of one story, in the order they were stored."""
        rows = self.conn.execute(
            f"SELECT {_ARTICLE_COLUMNS} FROM memberships m JOIN articles a "
            "ON a.id = m.article_id WHERE m.story_id = ? ORDER BY a.seq", (story_id,))
        return [_article(row) for row in rows]

    def origin_members(self) -> dict[str, list[Article]]:
        """Each live story's articles that are not copies (what its centroid sums)."""
        out: dict[str, list[Article]] = {}
        for row in self.conn.execute(
                f"SELECT {_ARTICLE_COLUMNS} FROM memberships m JOIN articles a "
                "ON a.id = m.article_id WHERE a.kind = 'article' ORDER BY m.story_id, a.seq"):
            article = _article(row)
            out.setdefault(article.story, []).append(article)
        return out

    def resolve(self, story_id: str) -> str | None:
        """The live story an id (possibly of a merged story) now is, or None if unknown."""
        seen = set()
        while story_id not in seen:
            seen.add(story_id)
            row = self.conn.execute("SELECT merged_into FROM stories WHERE id = ?",
                                    (story_id,)).fetchone()
            if row is None:
                return None
            if row[0] is None:
                return story_id
            story_id = row[0]
        return None

    def non_articles(self) -> list[tuple[str, str]]:
        """(id, reason) of every page set aside as not a news article."""
        return self.conn.execute(
            "SELECT id, reason FROM articles WHERE kind = 'non_article' ORDER BY seq").fetchall()

    def counts(self) -> dict[str, int]:
        """Stored articles by kind, and live stories."""
        out = dict(self.conn.execute("SELECT kind, COUNT(*) FROM articles GROUP BY kind"))
        out["stories"] = self.conn.execute(
            "SELECT COUNT(DISTINCT story_id) FROM memberships").fetchone()[0]
        return out

    # --- writing -------------------------------------------------------------------------

    def rehash_signatures(self, compute: Callable[[list[str]], list[bytes]],
                          state: dict[str, bytes]) -> int:
        """Recompute every stored origin's signature with `compute` (after the way texts are
        hashed changed) and record `state`, in one transaction; returns how many."""
        rows = self.conn.execute(
            "SELECT id, text FROM articles WHERE signature IS NOT NULL").fetchall()
        blobs = compute([text for _, text in rows])
        with self._transaction() as c:
            c.executemany("UPDATE articles SET signature = ? WHERE id = ?",
                          [(blob, aid) for blob, (aid, _) in zip(blobs, rows, strict=True)])
            _save_state(c, state)
        return len(rows)

    def replace_centroids(self, centroids: dict[str, sparse.csr_matrix],
                          state: dict[str, bytes]) -> None:
        """Overwrite the centroids of the given stories and record `state`, all at once."""
        with self._transaction() as c:
            c.executemany("UPDATE stories SET centroid_index = ?, centroid_value = ? "
                          "WHERE id = ?",
                          [(*_centroid_blobs(m), sid) for sid, m in centroids.items()])
            _save_state(c, state)

    def save_batch(self, articles: Sequence[StoredArticle], stories: Sequence[StoryState],
                   memberships: Sequence[tuple[str, str]], merged: dict[str, str],
                   state: dict[str, bytes]) -> None:
        """Write one batch, all or nothing."""
        with self._transaction() as c:
            c.executemany(
                "INSERT INTO articles (id, seq, kind, origin, reason, outlet, url, title, "
                "published, source, text, signature) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                [a.row() for a in articles])
            c.executemany(
                "INSERT INTO stories (id, size, first, last, merged_into, centroid_index, "
                "centroid_value) VALUES (?,?,?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET "
                "size=excluded.size, first=excluded.first, last=excluded.last, "
                "merged_into=excluded.merged_into, centroid_index=excluded.centroid_index, "
                "centroid_value=excluded.centroid_value",
                [_story_row(s) for s in stories])
            c.executemany("INSERT INTO memberships (article_id, story_id) VALUES (?, ?)",
                          memberships)
            c.executemany("UPDATE memberships SET story_id = ? WHERE story_id = ?",
                          [(keep, gone) for gone, keep in merged.items()])
            _save_state(c, state)

    # --- watched feeds -------------------------------------------------------------------

    def feed_state(self, url: str) -> FeedState:
        """What is kept of a feed (a fresh state for a feed never seen)."""
        row = self.conn.execute(
            "SELECT url, etag, last_modified, failures, next_try, last_error FROM feeds "
            "WHERE url = ?", (url,)).fetchone()
        return FeedState(*row) if row else FeedState(url)

    def seen_entries(self, url: str, keys: Sequence[str]) -> set[str]:
        """The keys among these that were already filed from this feed."""
        seen: set[str] = set()
        for lo in range(0, len(keys), 500):
            chunk = list(keys[lo:lo + 500])
            marks = ",".join("?" * len(chunk))
            seen.update(k for (k,) in self.conn.execute(
                f"SELECT entry_key FROM feed_entries WHERE feed_url = ? AND entry_key IN "
                f"({marks})", [url, *chunk]))
        return seen

    def save_feed(self, state: FeedState, seen: Sequence[tuple[str, str | None]] = ()) -> None:
        """Record a feed's state and the (entry key, article id) pairs now filed, at once."""
        with self._transaction() as c:
            c.execute(
                "INSERT INTO feeds (url, etag, last_modified, failures, next_try, last_error) "
                "VALUES (?,?,?,?,?,?) ON CONFLICT(url) DO UPDATE SET etag=excluded.etag, "
                "last_modified=excluded.last_modified, failures=excluded.failures, "
                "next_try=excluded.next_try, last_error=excluded.last_error",
                (state.url, state.etag, state.last_modified, state.failures, state.next_try,
                 state.last_error))
            c.executemany("INSERT INTO feed_entries (feed_url, entry_key, article_id) "
                          "VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                          [(state.url, k, a) for k, a in seen])

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """All statements inside commit together or not at all; inside another transaction
        they join it."""
        if self.conn.in_transaction:
            yield self.conn
            return
        if self.readonly:
            raise StoreError(f"{self.path}: opened read-only")
        self._locked(lambda: self.dialect.begin_write(self.conn))
        try:
            yield self.conn
            self.dialect.commit(self.conn)
        except self.dialect.errors as exc:  # a full disk, a file turned read-only, a lost server
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise StoreError(f"{self.path}: cannot write ({exc}); nothing of this batch was "
                             "written") from exc
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise

    # --- web view (serve, analyse): read-only opening, listing and search, stored reports ---

    def list_stories(self, q: str | None = None, outlet: str | None = None,
                     since: date | None = None, until: date | None = None, limit: int = 20,
                     after: str | None = None) -> tuple[list[ListedStory], str | None]:
        """A page of live stories, latest and then largest first, matching the full-text
        query `q` (titles and texts), the outlet and the date range; with the key to pass
        as `after` for the next page (None on the last page)."""
        where, args = [], []
        if _fts_query(q):
            clause, words = self.dialect.search(q)
            where.append(clause)
            args += words
        if outlet:
            where.append("l.story_id IN (SELECT story_id FROM listing_outlets WHERE outlet = ?)")
            args.append(outlet)
        if since:
            where.append("l.last >= ?")
            args.append(since.isoformat())
        if until:
            where.append("l.first <= ?")
            args.append(until.isoformat())
        if after:
            where.append("l.key > ?")
            args.append(after)
        rows = self.conn.execute(
            "SELECT l.story_id, l.size, l.first, l.last, l.key, l.size || '.' || l.top,"
            " r.version, l.title, l.lead FROM listing l"
            " LEFT JOIN reports r ON r.story_id = l.story_id"
            + (" WHERE " + " AND ".join(where) if where else "")
            + " ORDER BY l.key LIMIT ?", [*args, limit + 1]).fetchall()
        more = len(rows) > limit
        rows = rows[:limit]
        found = {sid: ListedStory(sid, size, [], _day(first), _day(last),
                                  title or _first_line(lead or ""), version,
                                  None if stored is None else stored == version)
                 for sid, size, first, last, _, version, stored, title, lead in rows}
        ids = list(found)
        if ids:
            for sid, outlet_name in self.conn.execute(
                    "SELECT story_id, outlet FROM listing_outlets WHERE story_id IN "
                    f"({','.join('?' * len(ids))}) ORDER BY story_id, seq", ids):
                found[sid].outlets.append(outlet_name)
        return list(found.values()), rows[-1][4] if more else None

    def outlets(self) -> list[str]:
        """Every outlet of an article in a story, by name."""
        return [o for (o,) in self.conn.execute(
            "SELECT DISTINCT outlet FROM listing_outlets ORDER BY outlet")]

    def story_version(self, story_id: str) -> str | None:
        """What a report of the story depends on: its member count and newest member (a
        story only ever gains members), or None for no live story."""
        row = self.conn.execute("SELECT size || '.' || top FROM listing WHERE story_id = ?",
                                (story_id,)).fetchone()
        return row[0] if row else None

    def analysis_input(self, story_id: str) -> tuple[str | None, list[Article]]:
        """A story's version and its articles, read in one snapshot."""
        with self.snapshot():
            return self.story_version(story_id), self.story_articles(story_id)

    def live_story_ids(self) -> list[str]:
        """Every live story's id."""
        return [sid for (sid,) in self.conn.execute(
            "SELECT story_id FROM listing ORDER BY story_id")]

    def unanalysed(self) -> list[str]:
        """Live stories with no stored report, or one older than their articles."""
        return [sid for (sid,) in self.conn.execute(
            "SELECT l.story_id FROM listing l LEFT JOIN reports r ON r.story_id = l.story_id"
            " WHERE r.version IS NULL OR r.version != l.size || '.' || l.top"
            " ORDER BY l.story_id")]

    def stored_report(self, story_id: str) -> StoredReport | None:
        """The stored report of a story (JSON texts), whatever its version."""
        row = self.conn.execute("SELECT version, computed, report, evidence FROM reports "
                                "WHERE story_id = ?", (story_id,)).fetchone()
        return StoredReport(*row) if row else None

    def save_analysis(self, story_id: str, version: str, report: str, evidence: str,
                      sentences: dict[str, str]) -> None:
        """Store a story's report (JSON) at `version` with its articles' sentences."""
        with self._transaction() as c:
            c.execute("INSERT INTO reports (story_id, version, computed, report, evidence) "
                      "VALUES (?, ?, ?, ?, ?) ON CONFLICT (story_id) DO UPDATE SET "
                      "version = excluded.version, computed = excluded.computed, "
                      "report = excluded.report, evidence = excluded.evidence",
                      (story_id, version, datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S"),
                       report, evidence))
            c.executemany("INSERT INTO sentences (article_id, sentences) VALUES (?, ?) "
                          "ON CONFLICT (article_id) DO UPDATE SET sentences = excluded.sentences",
                          list(sentences.items()))

    def article(self, article_id: str) -> ArticleRecord | None:
        """One stored article (a copy or a non-article too) with its story, if any."""
        row = self.conn.execute(
            "SELECT a.id, a.text, a.outlet, a.url, a.title, a.published, a.source, m.story_id,"
            " a.kind, a.origin, a.reason, s.sentences FROM articles a"
            " LEFT JOIN memberships m ON m.article_id = a.id"
            " LEFT JOIN sentences s ON s.article_id = a.id WHERE a.id = ?",
            (article_id,)).fetchone()
        if row is None:
            return None
        return ArticleRecord(_article(row[:8]), *row[8:])



@dataclass
class StoredArticle:
    """An article as the store keeps it: its kind, its origin if a copy, its MinHash."""

    article: Article
    seq: int
    kind: str
    origin: str | None = None
    reason: str | None = None
    signature: bytes | None = None

    def row(self) -> tuple:
        a = self.article
        return (a.id, self.seq, self.kind, self.origin, self.reason, a.outlet, a.url, a.title,
                a.published.isoformat() if a.published else None, a.source, a.text,
                self.signature)


def _save_state(conn: sqlite3.Connection, state: dict[str, bytes]) -> None:
    conn.executemany("INSERT INTO state (key, value) VALUES (?, ?) ON CONFLICT(key) "
                     "DO UPDATE SET value = excluded.value", list(state.items()))


def _story_row(s: StoryState) -> tuple:
    return (s.id, s.size, s.first.isoformat() if s.first else None,
            s.last.isoformat() if s.last else None, s.merged_into,
            *_centroid_blobs(s.centroid))


def _centroid_blobs(centroid: sparse.spmatrix) -> tuple[bytes, bytes]:
    c = sparse.csr_matrix(centroid)
    c.sum_duplicates()
    c.eliminate_zeros()
    return c.indices.astype(np.int32).tobytes(), c.data.astype(np.float32).tobytes()


_ARTICLE_COLUMNS = "a.id, a.text, a.outlet, a.url, a.title, a.published, a.source, m.story_id"


def _article(row: tuple) -> Article:
    aid, text, outlet, url, title, published, source, story = row
    return Article(id=aid, text=text, outlet=outlet, url=url, title=title,
                   published=_day(published), story=story, source=source or "",
                   paragraphs=text.split("\n"))


def _statements(script: str) -> list[str]:
    """The statements of a migration script (a trigger's body keeps its semicolons)."""
    out, buffer = [], ""
    for piece in script.split(";"):
        buffer += piece + ";"
        if sqlite3.complete_statement(buffer):
            if buffer.strip(" \n;"):
                out.append(buffer.strip())
            buffer = ""
    return out


def fts_words(text: str | None) -> list[str]:
    """The words a full-text query looks for, punctuation and query syntax left out."""
    return re.findall(r"\w+", text or "")


def _fts_query(text: str | None) -> str:
    """A full-text query that finds every word of `text` (FTS5 syntax in it is literal)."""
    return " ".join(f'"{w}"' for w in fts_words(text))


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _first_line(text: str, limit: int = 90) -> str:
    line = text.split("\n", 1)[0]
    return line if len(line) <= limit else line[:limit].rsplit(" ", 1)[0] + "…"
