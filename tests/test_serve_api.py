"""`newsweave serve` over HTTP (FastAPI TestClient, the real app on a real store built by the
stories stage and the analyse step, in a SQLite file and in PostgreSQL): listing, search,
filters, paging, stored reports in the `report` schema with ETags, articles, errors as JSON,
size caps, security headers, and a server that never writes."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
from dataclasses import replace
from datetime import date
from html import unescape
from urllib.parse import unquote

import jsonschema
import pytest
from corpus import story_articles
from fastapi.testclient import TestClient
from serve_corpus import SCRIPT, build_store, write_jsonl

from newsweave.render import SCHEMA_PATH
from newsweave.store import Store, StoreError


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def served(request, tmp_path_factory):
    path = tmp_path_factory.mktemp("serve") / "news.db"
    db = (request.getfixturevalue("pg_server").new_database()
          if request.param == "postgresql" else path)
    ids = build_store(path, db)
    from newsweave.serve import create_app

    with TestClient(create_app(db), raise_server_exceptions=False) as client:
        yield client, ids, db


def _all_pages(client, **params) -> list[dict]:
    seen, cursor = [], None
    for _ in range(50):
        r = client.get("/api/stories", params={**params, **({"cursor": cursor} if cursor else {})})
        assert r.status_code == 200, r.text
        seen += r.json()["stories"]
        cursor = r.json()["next"]
        if cursor is None:
            return seen
    raise AssertionError("paging never ended")


def test_list_is_latest_then_largest_first_and_pages_cover_every_story(served):
    client, ids, _ = served
    every = client.get("/api/stories", params={"limit": 100}).json()["stories"]
    assert {s["id"] for s in every} == set(ids.values())
    keys = [(s["last"], s["size"]) for s in every]
    assert keys == sorted(keys, key=lambda k: (k[0], k[1]), reverse=True)
    paged = _all_pages(client, limit=2)
    assert [s["id"] for s in paged] == [s["id"] for s in every]
    glim = next(s for s in every if s["id"] == ids["glimmerton"])
    assert glim["size"] == 2 and glim["first"] == "2026-03-20" and glim["last"] == "2026-03-21"
    assert glim["outlets"] == ["Valley Post", 'Ridge "Courier" <i>']


def test_search_outlet_and_date_filters(served):
    client, ids, _ = served
    found = _all_pages(client, q="girders cracks")
    assert [s["id"] for s in found] == [ids["glimmerton"]]
    assert [s["id"] for s in _all_pages(client, q="dockworkers")] == [ids["kessmark"]]
    assert _all_pages(client, q="dockworkers girders") == []
    # FTS syntax in the query is taken literally, never an error
    assert client.get("/api/stories", params={"q": 'strike" OR NEAR(* -'}).status_code == 200
    assert [s["id"] for s in _all_pages(client, outlet="Harbour Herald")] == [ids["kessmark"]]
    march_20 = {s["id"] for s in _all_pages(client, since="2026-03-20", until="2026-03-20")}
    assert ids["glimmerton"] in march_20 and ids["kessmark"] not in march_20


def test_story_report_follows_the_report_schema_with_an_etag(served):
    client, ids, _ = served
    r = client.get(f"/api/stories/{ids['kessmark']}")
    assert r.status_code == 200 and r.headers["x-newsweave-report"] == "current"
    body = r.json()
    jsonschema.validate(body, json.loads(SCHEMA_PATH.read_text()))
    story = body["stories"][0]
    assert story["id"] == ids["kessmark"] and story["summary"] and story["claims"]
    assert {a["id"] for a in story["articles"]} >= {"herald-strike"}
    again = client.get(f"/api/stories/{ids['kessmark']}",
                       headers={"If-None-Match": r.headers["etag"]})
    assert again.status_code == 304


def test_a_grown_story_is_stale_and_a_new_one_not_analysed(served):
    client, ids, _ = served
    stale = client.get(f"/api/stories/{ids['e0']}")
    assert stale.status_code == 200 and stale.headers["x-newsweave-report"] == "stale"
    listed = {s["id"]: s["report"] for s in _all_pages(client)}
    assert listed[ids["e0"]] == "stale" and listed[ids["e1"]] == "current"
    assert listed[ids["e2"]] == "not_analysed"
    missing = client.get(f"/api/stories/{ids['e2']}")
    assert missing.status_code == 404 and "not analysed" in missing.json()["error"]
    page = client.get(f"/stories/{ids['e2']}")
    assert page.status_code == 200 and "newsweave analyse" in page.text
    assert "newsweave analyse" in client.get(f"/stories/{ids['e0']}").text


def test_article_api_gives_text_story_and_numbered_sentences(served):
    client, ids, _ = served
    r = client.get("/api/articles/glim/2 <x>")
    assert r.status_code == 200
    a = r.json()
    assert a["story"] == ids["glimmerton"] and a["outlet"] == 'Ridge "Courier" <i>'
    assert [s["index"] for s in a["sentences"]] == list(range(len(a["sentences"])))
    assert any("Repairs to the girders" in s["text"] for s in a["sentences"])


def test_errors_are_json_and_never_a_traceback(served):
    client, _, _ = served
    for url, status in [("/api/stories/s999999", 404), ("/api/articles/nope", 404),
                        ("/api/stories?since=yesterday", 422), ("/api/stories?limit=0", 422),
                        ("/api/stories?limit=abc", 422), ("/api/stories?cursor=%%%", 422),
                        ("/api/stories?cursor=!!", 422),
                        ("/api/stories?since=2026-03-02&until=2026-03-01", 422),
                        ("/api/stories?q=" + "x" * 3000, 414)]:
        r = client.get(url)
        assert r.status_code == status, (url, r.text)
        assert "error" in r.json() and "Traceback" not in r.text
    big = client.post("/api/stories", content=b"x" * 100_000)
    assert big.status_code == 413
    page = client.get("/stories/s999999")
    assert page.status_code == 404 and "text/html" in page.headers["content-type"]


def test_every_response_carries_a_strict_policy(served):
    client, ids, _ = served
    for url in ["/", f"/stories/{ids['glimmerton']}", "/articles/glim-1", "/api/stories"]:
        csp = client.get(url).headers["content-security-policy"]
        assert "default-src 'none'" in csp and "unsafe-inline" not in csp
        assert "script-src 'self'" in csp and "style-src 'self'" in csp


def test_hostile_text_is_escaped_on_every_page(served):
    client, ids, _ = served
    pages = [client.get(u).text for u in ["/", "/?q=footbridge", f"/stories/{ids['glimmerton']}",
                                           "/articles/glim-1", "/articles/glim%2F2%20%3Cx%3E"]]
    for html in pages:
        assert "<script>window" not in html and "<img src" not in html
        assert "<b>after" not in html and "<i>" not in html
    assert "&lt;script&gt;window.__pwned" in pages[3]
    assert "javascript:" not in pages[2] and "javascript:" not in pages[3]
    assert SCRIPT not in "".join(pages)


def test_api_docs_are_served_locally(served):
    client, _, _ = served
    docs = client.get("/docs").text
    assert "/docs-assets/swagger-ui-bundle.js" in docs and "//" not in docs.replace("://", "")
    assert client.get("/docs-assets/swagger-ui-bundle.js").status_code == 200
    spec = client.get("/openapi.json").json()
    assert {"/api/stories", "/api/stories/{story_id}", "/api/articles/{article_id}",
            "/healthz"} <= set(spec["paths"])


def test_the_server_reads_while_the_stories_stage_writes(served, tmp_path):
    client, ids, db = served
    more = write_jsonl(tmp_path / "more.jsonl", [
        replace(a, id=f"may-{a.id}") for a in story_articles(2, 6, seed=11,
                                                            start=date(2026, 5, 1))])
    writer = subprocess.Popen([sys.executable, "-m", "newsweave", "stories", str(more), "--db",
                               str(db), "--batch-size", "3", "--quiet"],
                              env={**os.environ, "HF_HUB_OFFLINE": "1"},
                              stderr=subprocess.PIPE, text=True)
    statuses = set()
    while writer.poll() is None:
        statuses.add(client.get("/api/stories", params={"limit": 5}).status_code)
        statuses.add(client.get(f"/stories/{ids['kessmark']}").status_code)
    assert writer.returncode == 0, writer.stderr.read()
    assert statuses == {200}
    assert client.get("/api/stories", params={"since": "2026-05-01"}).json()["stories"]
    # the listing kept by triggers agrees with the stories read from the memberships
    listed = {s["id"]: (s["size"], s["first"], s["last"], s["outlets"])
              for s in _all_pages(client, limit=100)}
    with Store(db) as store:
        assert listed == {s.id: (s.size, s.first.isoformat(), s.last.isoformat(), s.outlets)
                          for s in store.stories()}


def test_readonly_store_cannot_write_and_an_old_store_upgrades(tmp_path):
    """A store of the schema before the web view's tables (the last migration), holding an
    article, refuses a read-only open, and an ordinary open upgrades it, text indexed."""
    db = tmp_path / "old.db"
    with Store(db) as store:
        current = store.version
    conn = sqlite3.connect(db)
    conn.executescript("""
        DROP TABLE reports; DROP TABLE sentences; DROP TABLE articles_fts;
        DROP TABLE listing; DROP TABLE listing_outlets;
        DROP TRIGGER IF EXISTS articles_fts_insert; DROP INDEX articles_outlet;
        DROP TRIGGER IF EXISTS articles_fts_delete; DROP TRIGGER IF EXISTS articles_fts_update;
        DROP TRIGGER IF EXISTS listing_join; DROP TRIGGER IF EXISTS listing_move;
        INSERT INTO articles (id, seq, kind, title, text) VALUES
            ('x', 1, 'article', 'Harbour fog', 'Fog closed the harbour of Bellport.');
        INSERT INTO stories (id, size, centroid_index, centroid_value)
            VALUES ('s000001', 1, x'', x'');
        INSERT INTO memberships VALUES ('x', 's000001');
    """)
    conn.execute(f"PRAGMA user_version={current - 1}")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="newsweave analyse"):
        Store(db, readonly=True)
    with Store(db) as store:  # an ordinary open migrates: the old text becomes searchable
        assert store.version == current
    with Store(db, readonly=True) as store:
        assert [s.id for s in store.list_stories(q="bellport")[0]] == ["s000001"]
        assert store.story_version("s000001") == "1.1"
        with pytest.raises(sqlite3.OperationalError):
            store.conn.execute("DELETE FROM articles")


def test_the_listing_follows_a_merge_of_two_stories(tmp_path):
    """The rows the stories stage writes when two stories merge (memberships moved to the
    kept story), written here as SQL: the listing's triggers must follow."""
    db = tmp_path / "m.db"
    Store(db).close()
    conn = sqlite3.connect(db)

    def add(k: int, day: int, outlet: str, story: str, title: str | None = None) -> None:
        conn.execute("INSERT INTO articles (id, seq, kind, outlet, title, published, text) "
                     "VALUES (?, ?, 'article', ?, ?, ?, ?)",
                     (f"a{k}", k, outlet, title, f"2026-04-{day:02d}",
                      f"Text of article {k}.\nMore."))
        conn.execute("INSERT OR IGNORE INTO stories (id, size, centroid_index, centroid_value)"
                     " VALUES (?, 1, x'', x'')", (story,))
        conn.execute("INSERT INTO memberships VALUES (?, ?)", (f"a{k}", story))

    add(1, 5, "North", "s1", "Dam opens")
    add(2, 2, "South", "s2")
    add(3, 9, "East", "s2")
    conn.commit()
    with Store(db, readonly=True) as store:
        before = {s.id: (s.size, s.headline) for s in store.list_stories()[0]}
    assert before == {"s1": (1, "Dam opens"), "s2": (2, "Text of article 2.")}
    add(4, 7, "North", "s1")
    conn.execute("UPDATE memberships SET story_id = 's1' WHERE story_id = 's2'")
    conn.commit()
    conn.close()
    with Store(db, readonly=True) as store:
        listed, more = store.list_stories()
        assert more is None and len(listed) == 1
        merged = listed[0]
        assert (merged.id, merged.size, merged.first, merged.last, merged.headline) == (
            "s1", 4, date(2026, 4, 2), date(2026, 4, 9), "Dam opens")
        assert merged.outlets == ["North", "South", "East"]
        assert store.outlets() == ["East", "North", "South"]
        assert [s.id for s in store.list_stories(outlet="South")[0]] == ["s1"]
        assert store.story_version("s1") == "4.4" and store.story_version("s2") is None


def test_every_summary_citation_lands_on_a_sentence_stating_it(served):
    client, ids, _ = served
    html = client.get(f"/stories/{ids['kessmark']}").text
    rows = re.findall(r'<p class="summary-sentence">(.*?) <span class="cites">(.*?)</span></p>',
                      html)
    assert rows
    report = client.get(f"/api/stories/{ids['kessmark']}").json()["stories"][0]
    origin_of = {a["id"]: a["duplicate_of"] for a in report["articles"]}
    for summary, cites in rows:
        words = set(re.findall(r"\w+", unescape(summary).lower()))
        landed = {}
        for article_id, index in re.findall(r'href="/articles/([^"#]+)#s-(\d+)"', cites):
            sentences = client.get(f"/api/articles/{unquote(article_id)}").json()["sentences"]
            said = sentences[int(index)]["text"]
            landed[unquote(article_id)] = said
            shared = words & set(re.findall(r"\w+", said.lower()))
            assert len(shared) >= 3, (summary, said)
        assert landed
        for copy, said in landed.items():  # a copy is cited where it repeats its origin
            if origin_of.get(copy) in landed:
                assert said == landed[origin_of[copy]]
