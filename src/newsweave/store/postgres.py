"""The PostgreSQL side of the store: its connection, its schema (the same tables and
migrations as SQLite's, in PostgreSQL's SQL) and its locking. `Store` runs the same queries
on both; only what this module and `SqliteDialect` hold differs.

Writers serialise on a transaction-level advisory lock (SQLite's BEGIN IMMEDIATE), so a
batch's sequence numbers are read and written under it; readers see snapshots and are never
blocked. Full-text search runs on a generated `tsvector` column with a GIN index.
"""

from __future__ import annotations

import logging
import select
from collections.abc import Callable
from functools import lru_cache

import psycopg
from psycopg import errors
from psycopg.conninfo import conninfo_to_dict
from psycopg.pq import TransactionStatus

from newsweave.store.sqlite import MIGRATIONS, StoreError, fts_words
from newsweave.store.target import redact

CONNECT_TIMEOUT = 10  # seconds, unless the URL says otherwise
LOCK_KEY = 0x6E657773  # the advisory lock writers take ("news")
LOCK_POLL = "1s"  # how long one try for the lock waits before the caller is told
VERSION_TABLE = "newsweave_version"

# psycopg warns on stderr (Python's last-resort log handler) when a pipeline dies with its
# connection; the store reports a lost server in its own single line instead.
logging.getLogger("psycopg").addHandler(logging.NullHandler())

# Every text column compares byte by byte (COLLATE "C"), as SQLite's do, so that listings,
# keys and exports come out in the same order whatever the database's locale.
T = 'TEXT COLLATE "C"'

# Each entry brings the schema from version i to i + 1, as SQLite's MIGRATIONS do.
PG_MIGRATIONS = [
    f"""
    CREATE TABLE {VERSION_TABLE} (version INTEGER NOT NULL, writes BIGINT NOT NULL);
    INSERT INTO {VERSION_TABLE} VALUES (0, 0);
    CREATE TABLE articles (
        id {T} PRIMARY KEY,
        seq BIGINT NOT NULL UNIQUE,
        kind {T} NOT NULL CHECK (kind IN ('article', 'copy', 'non_article')),
        origin {T} REFERENCES articles(id),
        reason {T},
        outlet {T}, url {T}, title {T}, published {T}, source {T},
        text {T} NOT NULL,
        signature BYTEA
    );
    CREATE TABLE stories (
        id {T} PRIMARY KEY,
        size INTEGER NOT NULL,
        first {T}, last {T},
        merged_into {T} REFERENCES stories(id),
        centroid_index BYTEA NOT NULL,
        centroid_value BYTEA NOT NULL
    );
    CREATE TABLE memberships (
        article_id {T} PRIMARY KEY REFERENCES articles(id),
        story_id {T} NOT NULL REFERENCES stories(id)
    );
    CREATE INDEX memberships_story ON memberships(story_id);
    CREATE TABLE state (key {T} PRIMARY KEY, value BYTEA);
    """,
    f"""
    CREATE TABLE feeds (
        url {T} PRIMARY KEY,
        etag {T}, last_modified {T},
        failures INTEGER NOT NULL DEFAULT 0,
        next_try DOUBLE PRECISION NOT NULL DEFAULT 0,
        last_error {T}
    );
    CREATE TABLE feed_entries (
        feed_url {T} NOT NULL REFERENCES feeds(url),
        entry_key {T} NOT NULL,
        article_id {T},
        PRIMARY KEY (feed_url, entry_key)
    );
    """,
    # 3: as SQLite's, with a generated tsvector (GIN-indexed) for the full-text index, one
    # routine shared by the join and move triggers, and the listing key set by a trigger
    # (a date cast is not immutable, so it cannot be a generated column).
    f"""
    CREATE TABLE reports (
        story_id {T} PRIMARY KEY,
        version {T} NOT NULL,
        computed {T} NOT NULL,
        report {T} NOT NULL,
        evidence {T} NOT NULL
    );
    CREATE TABLE sentences (
        article_id {T} PRIMARY KEY REFERENCES articles(id),
        sentences {T} NOT NULL
    );
    ALTER TABLE articles ADD COLUMN fts tsvector GENERATED ALWAYS AS
        (to_tsvector('english', COALESCE(title, '') || ' ' || text)) STORED;
    CREATE INDEX articles_fts ON articles USING GIN (fts);
    CREATE INDEX articles_outlet ON articles(outlet);
    CREATE TABLE listing (
        story_id {T} PRIMARY KEY,
        size INTEGER NOT NULL,
        first {T}, last {T},
        top BIGINT NOT NULL,
        title {T}, lead {T},
        key {T} NOT NULL
    );
    CREATE INDEX listing_key ON listing(key);
    CREATE TABLE listing_outlets (
        story_id {T} NOT NULL, outlet {T} NOT NULL, seq BIGINT NOT NULL,
        PRIMARY KEY (story_id, outlet)
    );
    CREATE INDEX listing_outlets_outlet ON listing_outlets(outlet, story_id);
    -- SQLite's printf('%d|%07d|%09d|%s', ...) with CAST(julianday(last) AS INTEGER):
    -- 2000-01-01 is Julian day 2451544.5 there.
    CREATE FUNCTION listing_key() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        NEW.key := (NEW.last IS NULL)::int || '|'
            || lpad((9999999 - COALESCE(NEW.last::date - DATE '2000-01-01' + 2451544, 0))::text,
                    7, '0')
            || '|' || lpad((999999999 - NEW.size)::text, 9, '0') || '|' || NEW.story_id;
        RETURN NEW;
    END $$;
    CREATE TRIGGER listing_key BEFORE INSERT OR UPDATE ON listing
        FOR EACH ROW EXECUTE FUNCTION listing_key();
    CREATE FUNCTION listing_add(sid TEXT, aid TEXT) RETURNS void LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO listing AS l (story_id, size, first, last, top, title, lead, key)
        SELECT sid, 1, a.published, a.published, a.seq, NULLIF(TRIM(a.title), ''),
               split_part(a.text, E'\\n', 1), ''
        FROM articles a WHERE a.id = aid
        ON CONFLICT (story_id) DO UPDATE SET size = l.size + 1,
            first = CASE WHEN l.first IS NULL OR excluded.first < l.first
                         THEN COALESCE(excluded.first, l.first) ELSE l.first END,
            last = CASE WHEN l.last IS NULL OR excluded.last > l.last
                        THEN COALESCE(excluded.last, l.last) ELSE l.last END,
            top = GREATEST(l.top, excluded.top), title = COALESCE(l.title, excluded.title);
        INSERT INTO listing_outlets AS o (story_id, outlet, seq)
        SELECT sid, a.outlet, a.seq FROM articles a WHERE a.id = aid AND a.outlet IS NOT NULL
        ON CONFLICT (story_id, outlet) DO UPDATE SET seq = LEAST(o.seq, excluded.seq);
    END $$;
    CREATE FUNCTION listing_join() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        PERFORM listing_add(NEW.story_id, NEW.article_id);
        RETURN NULL;
    END $$;
    CREATE TRIGGER listing_join AFTER INSERT ON memberships
        FOR EACH ROW EXECUTE FUNCTION listing_join();
    CREATE FUNCTION listing_move() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        UPDATE listing SET size = size - 1 WHERE story_id = OLD.story_id;
        DELETE FROM listing WHERE story_id = OLD.story_id AND size <= 0;
        DELETE FROM listing_outlets WHERE story_id = OLD.story_id
        AND NOT EXISTS (SELECT 1 FROM listing WHERE story_id = OLD.story_id);
        PERFORM listing_add(NEW.story_id, NEW.article_id);
        RETURN NULL;
    END $$;
    CREATE TRIGGER listing_move AFTER UPDATE OF story_id ON memberships
        FOR EACH ROW EXECUTE FUNCTION listing_move();
    INSERT INTO listing (story_id, size, first, last, top, title, lead, key)
    SELECT m.story_id, COUNT(*), MIN(a.published), MAX(a.published), MAX(a.seq),
           (SELECT NULLIF(TRIM(b.title), '') FROM memberships n JOIN articles b
            ON b.id = n.article_id WHERE n.story_id = m.story_id
            AND NULLIF(TRIM(b.title), '') IS NOT NULL ORDER BY b.seq LIMIT 1),
           (SELECT split_part(b.text, E'\\n', 1)
            FROM memberships n JOIN articles b ON b.id = n.article_id
            WHERE n.story_id = m.story_id ORDER BY b.seq LIMIT 1), ''
    FROM memberships m JOIN articles a ON a.id = m.article_id GROUP BY m.story_id;
    INSERT INTO listing_outlets (story_id, outlet, seq)
    SELECT m.story_id, a.outlet, MIN(a.seq) FROM memberships m JOIN articles a
    ON a.id = m.article_id WHERE a.outlet IS NOT NULL GROUP BY m.story_id, a.outlet;
    """,
]
assert len(PG_MIGRATIONS) == len(MIGRATIONS), "the two schemas must keep one numbering"


@lru_cache(maxsize=512)
def _pg_sql(sql: str) -> str:
    """The store's `?` placeholders in psycopg's style (its queries hold no literal `?`)."""
    return sql.replace("%", "%%").replace("?", "%s")


class PgConnection:
    """A psycopg connection in autocommit mode that takes the store's SQL as sqlite3's
    connection does (`?` placeholders, `execute`, `executemany`, `in_transaction`), so that
    `Store` has one code path. Transactions are begun and ended by explicit statements."""

    def __init__(self, raw: psycopg.Connection, name: str) -> None:
        self.raw = raw
        self.name = name
        self.own_writes = 0  # commits of this connection, which `data_version` discounts

    def execute(self, sql: str, params: tuple | list | None = None) -> psycopg.Cursor:
        try:
            if params is None:
                return self.raw.execute(sql)
            return self.raw.execute(_pg_sql(sql), params)
        except psycopg.OperationalError as exc:
            raise self._lost(exc) from exc

    def executemany(self, sql: str, rows: list | tuple) -> None:
        rows = list(rows)
        if rows:
            try:
                with self.raw.cursor() as cursor:
                    cursor.executemany(_pg_sql(sql), rows)
            except psycopg.OperationalError as exc:
                raise self._lost(exc) from exc

    def _lost(self, exc: psycopg.OperationalError) -> Exception:
        """A server gone (shut down, restarted, network cut) as one StoreError line; other
        operational errors (a lock not got in time, a full disk) as they are."""
        if not self.raw.broken:
            return exc
        return StoreError(f"{self.name}: lost the connection to the server ({_line(exc)}); "
                          "stopped (run again to carry on: what was stored stays, once)")

    def alive(self) -> bool:
        """False once the session is over: closed, broken, or the server has sent something
        while it was idle (the notice of a shutdown or restart), seen without a round trip."""
        if self.raw.closed or self.raw.broken:
            return False
        readable, _, _ = select.select([self.raw.fileno()], [], [], 0)
        return not readable

    @property
    def in_transaction(self) -> bool:
        return self.raw.info.transaction_status in (TransactionStatus.INTRANS,
                                                    TransactionStatus.INERROR,
                                                    TransactionStatus.ACTIVE)

    def close(self) -> None:
        self.raw.close()


class PostgresDialect:
    """What the store does its own way on PostgreSQL: connecting, the version table, the
    write lock, the change counter and full-text search."""

    kind = "PostgreSQL"
    own = "a database (or schema) of its own"
    migrations = PG_MIGRATIONS
    errors = psycopg.OperationalError  # a lock not got in time, a lost server, a full disk
    broken = psycopg.DatabaseError  # the database cannot hold newsweave's tables

    def __init__(self, url: str) -> None:
        self.url = url  # with its password: never shown
        self.name = redact(url)

    def connect(self, readonly: bool) -> PgConnection:
        try:
            params = conninfo_to_dict(self.url)
        except psycopg.ProgrammingError as exc:
            raise StoreError(f"{self.name}: not a usable PostgreSQL URL ({_line(exc)})") from exc
        params.setdefault("connect_timeout", CONNECT_TIMEOUT)
        params.setdefault("application_name", "newsweave")
        try:
            raw = psycopg.connect(autocommit=True, **params)
        except psycopg.Error as exc:
            raise StoreError(f"{self.name}: cannot connect ({_line(exc)})") from exc
        if readonly:
            raw.execute("SET default_transaction_read_only = on")
        return PgConnection(raw, self.name)

    def tables(self, conn: PgConnection) -> set[str]:
        """The tables of the schema newsweave works in, its version table left out."""
        return self._tables(conn) - {VERSION_TABLE}

    def _tables(self, conn: PgConnection) -> set[str]:
        return {name for (name,) in conn.execute(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = current_schema()")}

    def version(self, conn: PgConnection) -> int:
        if VERSION_TABLE not in self._tables(conn):
            return 0
        return conn.execute(f"SELECT version FROM {VERSION_TABLE}").fetchone()[0]

    def setup(self, conn: PgConnection, readonly: bool, locked: Callable) -> None:
        """Nothing to set: PostgreSQL enforces foreign keys and keeps its own journal."""

    def migrate(self, conn: PgConnection, number: int) -> None:
        conn.execute(self.migrations[number])
        conn.execute(f"UPDATE {VERSION_TABLE} SET version = ?", (number + 1,))

    def begin_write(self, conn: PgConnection) -> None:
        """Begin a transaction holding the writers' lock; raises LockNotAvailable after
        LOCK_POLL if another writer holds it (the store retries and reports waiting)."""
        conn.execute("BEGIN")
        try:
            conn.execute(f"SET LOCAL lock_timeout = '{LOCK_POLL}'")
            conn.execute("SELECT pg_advisory_xact_lock(?)", (LOCK_KEY,))
            conn.execute("SET LOCAL lock_timeout = DEFAULT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise

    def begin_read(self, conn: PgConnection) -> None:
        conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ")

    def alive(self, conn: PgConnection) -> bool:
        """Whether the server still holds this session (a restart ends it)."""
        return conn.alive()

    def commit(self, conn: PgConnection) -> None:
        """Commit, counting the write so that other connections see a new data version."""
        conn.execute(f"UPDATE {VERSION_TABLE} SET writes = writes + 1")
        conn.execute("COMMIT")
        conn.own_writes += 1

    def busy(self, exc: Exception) -> bool:
        return isinstance(exc, errors.LockNotAvailable)

    def cannot_write(self, exc: Exception) -> bool:
        return isinstance(exc, errors.ReadOnlySqlTransaction)

    def data_version(self, conn: PgConnection) -> int:
        """Changes when another connection commits (as SQLite's `PRAGMA data_version`)."""
        writes = conn.execute(f"SELECT writes FROM {VERSION_TABLE}").fetchone()[0]
        return writes - conn.own_writes

    def search(self, text: str) -> tuple[str, list]:
        """Story ids with an article holding every word of `text` (stemmed, as SQLite's
        porter tokenizer does); a query of stop words only matches every story."""
        words = " ".join(fts_words(text))
        return ("(numnode(plainto_tsquery('english', ?)) = 0 OR l.story_id IN ("
                "SELECT m.story_id FROM articles a JOIN memberships m ON m.article_id = a.id "
                "WHERE a.fts @@ plainto_tsquery('english', ?)))", [words, words])


def _line(exc: Exception) -> str:
    """A psycopg error's message on one line, without libpq's prefixes and hints."""
    text = str(exc).split("\n", 1)[0].strip()
    for prefix in ("connection failed: ",):
        text = text.removeprefix(prefix)
    return " ".join(text.replace("FATAL:", "").split())
