"""`newsweave watch`: feeds and OPML lists polled from a real HTTP server on 127.0.0.1 into a
real SQLite store; validators and seen entries kept, so nothing is fetched twice; a feed
that is down is backed off; Ctrl-C stops the loop cleanly."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest
from fetch_helpers import fast_policy, hits, rss
from fetch_helpers import page as news_page
from werkzeug import Request, Response

from newsweave.ingest import open_sources
from newsweave.store import Store
from newsweave.watch import Watcher, parse_every, story_adder


def serve_feed(server, items: list, etag: dict) -> None:
    base = server.url_for("").rstrip("/")

    def feed(request: Request) -> Response:
        if request.headers.get("If-None-Match") == etag["value"]:
            return Response(status=304)
        return Response(rss(base, items), headers={"ETag": etag["value"]},
                        content_type="application/rss+xml")

    server.expect_request("/feed.xml").respond_with_handler(feed)
    for topic in ("bridge", "museum"):
        server.expect_request(f"/news/{topic}.html").respond_with_data(
            news_page(topic), content_type="text/html; charset=utf-8")


def opml(*urls: str) -> str:
    outlines = "".join(f'<outline type="rss" text="f" xmlUrl="{u}"/>' for u in urls)
    return f'<?xml version="1.0"?><opml version="2.0"><head/><body>{outlines}</body></opml>'


def test_watch_files_only_new_entries_and_backs_off_a_feed_that_is_down(server, tmp_path):
    items, etag = [("ferry", True), ("bridge", False)], {"value": '"v1"'}
    serve_feed(server, items, etag)
    server.expect_request("/down.xml").respond_with_data("broken", status=503)
    server.expect_request("/list.opml").respond_with_data(
        opml(server.url_for("/feed.xml"), server.url_for("/down.xml")),
        content_type="text/x-opml")
    clock = [1_000_000.0]
    with Store(tmp_path / "w.db") as store, \
            open_sources(fast_policy(retries=0)) as reader:
        watcher = Watcher([server.url_for("/list.opml")], store, story_adder(store),
                          reader, clock=lambda: clock[0])
        first = watcher.run_once()
        assert (first.feeds, first.new_entries, first.filed) == (2, 2, 2)
        (down,) = first.problems
        assert down.source == server.url_for("/down.xml")
        assert "HTTP 503" in down.message and "tried again in 60 s" in down.message

        second = watcher.run_once()  # unchanged feed: a 304; the failing one waits
        assert (second.unchanged, second.waiting, second.filed) == (1, 1, 0)
        assert not second.problems

        items.append(("museum", False))
        etag["value"] = '"v2"'
        clock[0] += 61
        third = watcher.run_once()
        assert (third.new_entries, third.filed) == (1, 1)
        assert "failed 2 time(s) in a row, tried again in 120 s" in third.problems[0].message

        assert hits(server, "/news/bridge.html") == 1 and hits(server, "/news/museum.html") == 1
        assert hits(server, "/down.xml") == 2
        assert hits(server, "/feed.xml") == 3 and hits(server, "/list.opml") == 3
        assert store.feed_state(server.url_for("/feed.xml")).etag == '"v2"'
        assert sorted(a for s in store.stories() for a in s.articles) == [
            "bridge", "ferry", "museum"]


def test_a_feed_whose_teaser_page_fails_is_fetched_again(server, tmp_path):
    items, etag = [("ferry", True), ("museum", False)], {"value": '"v1"'}
    base = server.url_for("").rstrip("/")
    server.expect_request("/feed.xml").respond_with_handler(
        lambda r: Response(status=304) if r.headers.get("If-None-Match") == etag["value"]
        else Response(rss(base, items), headers={"ETag": etag["value"]}))
    server.expect_oneshot_request("/news/museum.html").respond_with_data("down", status=500)
    with Store(tmp_path / "w.db") as store, \
            open_sources(fast_policy(retries=0)) as reader:
        watcher = Watcher([server.url_for("/feed.xml")], store, story_adder(store), reader)
        first = watcher.run_once()
        assert first.filed == 1 and "teaser's page: HTTP 500" in first.problems[0].message
        server.expect_request("/news/museum.html").respond_with_data(
            news_page("museum"), content_type="text/html")
        second = watcher.run_once()  # validators were not kept: the feed is read again
        assert (second.unchanged, second.new_entries, second.filed) == (0, 1, 1)


def test_parse_every():
    assert parse_every("15m") == 900 and parse_every("30s") == 30 and parse_every("2") == 2
    with pytest.raises(ValueError, match="interval"):
        parse_every("soon")


def test_an_interval_past_any_wait_is_refused_before_the_first_pass(tmp_path):
    feed = tmp_path / "feed.xml"
    feed.write_text(rss("https://news.example", [("ferry", True)]), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "newsweave", "watch", str(feed), "--db",
                           str(tmp_path / "w.db"), "--every", "99999999999d"],
                          capture_output=True, text=True, timeout=60,
                          env={**os.environ, "HF_HUB_OFFLINE": "1"})
    assert done.returncode == 2
    assert "Error: Invalid value for --every: the interval '99999999999d' is over a year" \
        in done.stderr
    assert not (tmp_path / "w.db").exists()


@pytest.mark.slow
def test_watch_command_once_and_ctrl_c(server, tmp_path):
    items, etag = [("ferry", True)], {"value": '"v1"'}
    serve_feed(server, items, etag)
    db = tmp_path / "w.db"
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    cmd = [sys.executable, "-m", "newsweave", "watch", server.url_for("/feed.xml"),
           "--db", str(db), "--allow-private"]
    once = subprocess.run([*cmd, "--once"], capture_output=True, text=True, env=env,
                          timeout=120)
    assert once.returncode == 0, once.stderr
    assert "1 new entry, 1 filed" in once.stderr
    refused = subprocess.run([*cmd[:-1], "--once"], capture_output=True, text=True, env=env,
                             timeout=120)
    assert refused.returncode == 1 and "loopback address" in refused.stderr

    proc = subprocess.Popen([*cmd, "--every", "1s"], stderr=subprocess.PIPE, text=True,
                            env=env)
    try:
        assert " polled (" in proc.stderr.readline()
        time.sleep(1.5)
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0 and "stopped" in err and "Traceback" not in err
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT COUNT(*) FROM feed_entries").fetchone() == (1,)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
