"""Fetching over real HTTP from a server the tests start on 127.0.0.1 (pytest-httpserver):
feeds and teaser pages, redirects, 304, 404, 429 with Retry-After, timeouts, caps, gzip
bombs, robots.txt, charsets, and the SSRF guard (private addresses refused on every hop)."""

from __future__ import annotations

import gzip
import socket
import threading
import time

import pytest
from fetch_helpers import BILLION_LAUGHS, TOPICS, atom, build_warc, fast_policy, hits, page, rss
from werkzeug import Request, Response

from newsweave.fetch import Fetcher, FetchError
from newsweave.fetch.http import check_address
from newsweave.ingest import read_inputs


def base(server) -> str:
    return server.url_for("").rstrip("/")


def test_feed_entries_and_teaser_pages_become_articles(server):
    b = base(server)
    server.expect_request("/feed.xml").respond_with_data(
        rss(b, [("ferry", True), ("bridge", False)]), content_type="application/rss+xml")
    server.expect_request("/news/bridge.html").respond_with_data(
        page("bridge"), content_type="text/html; charset=utf-8")
    server.expect_request("/atom").respond_with_data(atom(b, ["museum"]),
                                                     content_type="application/atom+xml")
    articles, problems = read_inputs([f"{b}/feed.xml", f"{b}/atom"], policy=fast_policy())
    assert not problems
    by_id = {a.id: a for a in articles}
    assert set(by_id) == {"ferry", "bridge", "museum"}
    ferry = by_id["ferry"]
    assert ferry.title == TOPICS["ferry"][0] and ferry.outlet == "Island Post"
    assert ferry.url == f"{b}/news/ferry.html" and str(ferry.published) == "2026-05-02"
    assert len(ferry.paragraphs) == 4 and "<p>" not in ferry.text and "CDATA" not in ferry.text
    # the teaser entry got its page's full text, keeping the feed's metadata
    assert hits(server, "/news/bridge.html") == 1
    assert "brass band" in by_id["bridge"].text and by_id["bridge"].outlet == "Island Post"
    museum = by_id["museum"]
    assert "&lt;" not in museum.text and "Detective Clara Dunmore" in museum.text
    assert museum.outlet == "Valley Courier" and str(museum.published) == "2026-05-04"


def test_a_page_url_goes_through_trafilatura(server):
    server.expect_request("/news/museum.html").respond_with_data(
        page("museum"), content_type="text/html; charset=utf-8")
    articles, problems = read_inputs([server.url_for("/news/museum.html")],
                                     policy=fast_policy())
    (a,) = articles
    assert not problems and a.id == "museum" and a.title == TOPICS["museum"][0]
    assert a.url == server.url_for("/news/museum.html")
    assert "Home | News" not in a.text and "Contact us" not in a.text


def test_user_agent_and_robots_txt_are_honoured(server):
    server.expect_request("/robots.txt").respond_with_data(
        "User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    server.expect_request("/open.html").respond_with_data(page("ferry"),
                                                          content_type="text/html")
    with Fetcher(fast_policy()) as f:
        assert f.get(server.url_for("/open.html")).status == 200
        with pytest.raises(FetchError, match="robots.txt"):
            f.get(server.url_for("/private/x.html"))
    assert hits(server, "/private/x.html") == 0 and hits(server, "/robots.txt") == 1
    agents = {r.headers.get("User-Agent") for r, _ in server.log}
    assert all(a.startswith("newsweave/") for a in agents)


def test_redirects_are_followed_and_limited(server):
    server.expect_request("/a").respond_with_response(
        Response(status=301, headers={"Location": "/b"}))
    server.expect_request("/b").respond_with_response(
        Response(status=302, headers={"Location": server.url_for("/news/ferry.html")}))
    server.expect_request("/news/ferry.html").respond_with_data(page("ferry"),
                                                                content_type="text/html")
    server.expect_request("/loop").respond_with_response(
        Response(status=302, headers={"Location": "/loop"}))
    with Fetcher(fast_policy(max_redirects=3)) as f:
        got = f.get(server.url_for("/a"))
        assert got.url == server.url_for("/news/ferry.html") and b"Vellmark" in got.content
        with pytest.raises(FetchError, match="too many redirects"):
            f.get(server.url_for("/loop"))
    assert hits(server, "/loop") == 4


def test_conditional_request_gets_304(server):
    def handler(request: Request) -> Response:
        if request.headers.get("If-None-Match") == '"v1"':
            return Response(status=304)
        return Response(rss(base(server), [("ferry", True)]), headers={"ETag": '"v1"'},
                        content_type="application/rss+xml")

    server.expect_request("/feed.xml").respond_with_handler(handler)
    with Fetcher(fast_policy()) as f:
        first = f.get(server.url_for("/feed.xml"))
        assert first.etag == '"v1"' and not first.not_modified
        again = f.get(server.url_for("/feed.xml"), etag=first.etag)
        assert again.not_modified and again.content == b""


def test_429_retry_after_is_honoured_and_5xx_retried(server):
    calls = []

    def limited(request: Request) -> Response:
        calls.append(time.monotonic())
        if len(calls) == 1:
            return Response("slow down", status=429, headers={"Retry-After": "1"})
        return Response(page("ferry"), content_type="text/html")

    server.expect_request("/limited").respond_with_handler(limited)
    server.expect_request("/down").respond_with_data("oops", status=503)
    with Fetcher(fast_policy(retries=2)) as f:
        assert f.get(server.url_for("/limited")).status == 200
        assert calls[1] - calls[0] >= 0.95
        with pytest.raises(FetchError, match="HTTP 503 .*after 3 tries"):
            f.get(server.url_for("/down"))
    assert hits(server, "/down") == 3


def test_a_slow_response_times_out(server):
    released = threading.Event()

    def slow(request: Request) -> Response:
        released.wait(3)
        return Response("late", content_type="text/plain")

    server.expect_request("/slow").respond_with_handler(slow)
    started = time.monotonic()
    with Fetcher(fast_policy(read_timeout=0.3, retries=0)) as f, \
            pytest.raises(FetchError, match="timed out"):
        f.get(server.url_for("/slow"))
    released.set()  # frees the single-threaded server for the next test
    assert time.monotonic() - started < 2


def test_an_endless_response_is_cut_at_the_cap(server):
    def endless():
        for _ in range(2000):  # bounded: 128 MB at most, the client stops long before
            yield b"news " * 13107

    server.expect_request("/endless").respond_with_handler(
        lambda request: Response(endless(), content_type="text/plain"))
    with Fetcher(fast_policy(max_bytes=500_000)) as f, \
            pytest.raises(FetchError, match="response over the 0.477 MB cap; cut off"):
        f.get(server.url_for("/endless"))


def test_gzip_bombs_are_refused(server):
    bomb = gzip.compress(b"\0" * 30_000_000, compresslevel=9)
    server.expect_request("/bomb").respond_with_data(
        bomb, headers={"Content-Encoding": "gzip"}, content_type="text/html")
    server.expect_request("/bomb.txt.gz").respond_with_data(
        bomb, content_type="application/gzip")
    server.expect_request("/news/ferry.html").respond_with_data(page("ferry"),
                                                                content_type="text/html")
    with Fetcher(fast_policy()) as f, pytest.raises(FetchError, match="decompressed size"):
        f.get(server.url_for("/bomb"))
    articles, problems = read_inputs([server.url_for("/bomb.txt.gz"),
                                      server.url_for("/news/ferry.html")],
                                     policy=fast_policy())
    assert [a.id for a in articles] == ["ferry"]
    (p,) = problems
    assert "bomb.txt" in p.source and "cap" in p.message


def test_private_addresses_are_refused_after_dns_and_on_every_redirect(server):
    server.expect_request("/hop").respond_with_response(Response(
        status=302, headers={"Location": f"http://127.0.0.2:{server.port}/secret"}))
    server.expect_request("/to-file").respond_with_response(
        Response(status=302, headers={"Location": "file:///etc/passwd"}))
    strict = fast_policy(allow_private=False)
    with Fetcher(strict) as f:
        with pytest.raises(FetchError, match="127.0.0.1 is a loopback address"):
            f.get(server.url_for("/hop"))
        with pytest.raises(FetchError, match="localhost resolves to .*loopback"):
            f.get(f"http://localhost:{server.port}/hop")
    assert not server.log  # refused before any connection
    # only the test server's own address allowed: the redirect's target is checked again
    with Fetcher(fast_policy(allow_private=False, allow_networks=("127.0.0.1/32",))) as f:
        with pytest.raises(FetchError, match="127.0.0.2 is a loopback address"):
            f.get(server.url_for("/hop"))
        with pytest.raises(FetchError, match="only http and https"):
            f.get(server.url_for("/to-file"))
    assert hits(server, "/secret") == 0


@pytest.mark.parametrize(("ip", "reason"), [
    ("169.254.169.254", "link-local"), ("10.1.2.3", "private"), ("192.168.0.10", "private"),
    ("172.20.0.1", "private"), ("100.100.100.200", "shared"), ("::1", "loopback"),
    ("fd00:ec2::254", "private"), ("::ffff:127.0.0.1", "loopback"), ("0.0.0.0", "unspecified"),
    ("fe80::1", "link-local"), ("93.184.215.14", None), ("2606:4700::1111", None)])
def test_address_classes(ip, reason):
    got = check_address(ip)
    assert (got is None) if reason is None else (reason in got)


def test_bad_urls_are_one_line_each_and_the_rest_is_read(server, tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed = s.getsockname()[1]
    server.expect_request("/gone.html").respond_with_data("no", status=404)
    server.expect_request("/photo").respond_with_data(b"\x89PNG\r\n\x1a\n" + b"\0" * 100,
                                                      content_type="image/png")
    server.expect_request("/news/ferry.html").respond_with_data(page("ferry"),
                                                                content_type="text/html")
    inputs = ["http://news.invalid/feed.xml", f"http://127.0.0.1:{closed}/x",
              server.url_for("/gone.html"), server.url_for("/photo"), "ftp://example.org/a",
              server.url_for("/news/ferry.html")]
    articles, problems = read_inputs(inputs, policy=fast_policy())
    assert [a.id for a in articles] == ["ferry"]
    reasons = {p.source: p.message for p in problems}
    assert "cannot resolve the host name 'news.invalid'" in reasons[inputs[0]]
    assert "connection refused" in reasons[inputs[1]]
    assert reasons[inputs[2]] == "HTTP 404 NOT FOUND"
    assert "content type image/png is not text" in reasons[inputs[3]]
    assert "only http and https" in reasons[inputs[4]]
    assert all("\n" not in m for m in reasons.values()) and all(p.skipped for p in problems)


def test_charset_from_headers_and_from_the_page(server):
    greek = page("ferry").replace("harbour council", "harbour council of Σύρος")
    server.expect_request("/header.html").respond_with_data(
        greek.replace('<meta charset="utf-8">', "").encode("iso-8859-7"),
        content_type="text/html; charset=iso-8859-7")
    server.expect_request("/meta.html").respond_with_data(
        greek.replace('charset="utf-8"', 'charset="iso-8859-7"').encode("iso-8859-7"),
        content_type="text/html")
    with Fetcher(fast_policy()) as f:  # a guess would read cp1252: "Óýñïò"
        for path in ("/header.html", "/meta.html"):
            assert "harbour council of Σύρος" in f.get(server.url_for(path)).text()


def test_cli_refuses_loopback_without_allow_private(server):
    from click.testing import CliRunner

    from newsweave.cli import main

    url = server.url_for("/news/ferry.html")
    server.expect_request("/news/ferry.html").respond_with_data(page("ferry"),
                                                                content_type="text/html")
    result = CliRunner().invoke(main, ["report", url, "-q"])
    assert result.exit_code == 1
    assert f"newsweave: {url}: refused: 127.0.0.1 is a loopback address" in result.stderr
    assert "nothing to report" in result.stderr
    assert not server.log


def test_requests_to_one_host_are_spaced_by_the_rate_limit(server):
    stamps = []

    def stamp(request: Request) -> Response:
        stamps.append(time.monotonic())
        return Response(page("ferry"), content_type="text/html")

    server.expect_request("/news/ferry.html").respond_with_handler(stamp)
    began = time.monotonic()
    with Fetcher(fast_policy(min_interval=0.3, robots=False)) as f:
        for _ in range(3):
            f.get(server.url_for("/news/ferry.html"))
    # The third request cannot start before 0.6 s; measured on the client, since the
    # server's arrival times jitter with the machine's load.
    assert len(stamps) == 3 and time.monotonic() - began >= 0.6


def test_an_opml_list_reads_each_feed(server):
    b = base(server)
    server.expect_request("/a.xml").respond_with_data(rss(b, [("ferry", True)]),
                                                      content_type="application/rss+xml")
    server.expect_request("/b.atom").respond_with_data(atom(b, ["museum"]),
                                                       content_type="application/atom+xml")
    server.expect_request("/feeds.opml").respond_with_data(
        '<?xml version="1.0"?><opml version="2.0"><head><title>news</title></head><body>'
        f'<outline text="group"><outline type="rss" xmlUrl="{b}/a.xml"/>'
        f'<outline type="rss" xmlUrl="{b}/b.atom"/>'
        f'<outline type="rss" xmlUrl="{b}/gone.xml"/></outline></body></opml>',
        content_type="text/x-opml")
    articles, problems = read_inputs([f"{b}/feeds.opml"], policy=fast_policy())
    assert sorted(a.id for a in articles) == ["ferry", "museum"]
    assert [(p.source, p.message) for p in problems] == [(f"{b}/gone.xml",
                                                          "HTTP 404 NOT FOUND")]


def test_robots_txt_is_checked_on_redirects_and_self_listing_opml_ends(server):
    server.expect_request("/robots.txt").respond_with_data(
        "User-agent: newsweave\nDisallow: /private/\n", content_type="text/plain")
    server.expect_request("/jump").respond_with_response(
        Response(status=302, headers={"Location": "/private/page.html"}))
    server.expect_request("/self.opml").respond_with_data(
        '<?xml version="1.0"?><opml version="2.0"><body>'
        f'<outline xmlUrl="{server.url_for("/self.opml")}"/></body></opml>')
    with Fetcher(fast_policy()) as f, pytest.raises(FetchError, match="disallowed by its robots"):
        f.get(server.url_for("/jump"))
    articles, problems = read_inputs([server.url_for("/self.opml")], policy=fast_policy())
    assert not articles and hits(server, "/private/page.html") == 0
    (p,) = problems
    assert "nested more than 3 deep" in p.message and hits(server, "/self.opml") == 4


def test_hostile_feeds_and_archives_served_over_http(server, tmp_path):
    xxe = ('<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "http://127.0.0.1:1/">]>'
           '<rss version="2.0"><channel><title>&x;</title></channel></rss>')
    build_warc(tmp_path / "crawl.warc.gz")
    server.expect_request("/laughs.xml").respond_with_data(BILLION_LAUGHS,
                                                           content_type="application/rss+xml")
    server.expect_request("/xxe.xml").respond_with_data(xxe, content_type="text/xml")
    server.expect_request("/crawl.warc.gz").respond_with_data(
        (tmp_path / "crawl.warc.gz").read_bytes(), content_type="application/warc")
    articles, problems = read_inputs([server.url_for(p) for p in
                                      ("/laughs.xml", "/xxe.xml", "/crawl.warc.gz")],
                                     policy=fast_policy())
    assert sorted(a.id for a in articles) == ["ferry", "ferry-copy", "museum"]
    got = {p.source.rsplit("/", 1)[-1]: p.message for p in problems}
    assert got["laughs.xml"].startswith("refused: the XML declares entities")
    assert got["xxe.xml"].startswith("refused: the XML declares entities")
    assert "revisit of a capture not in this archive" in got["old.html"]


def test_a_feed_charset_from_the_http_header(server):
    feed = rss(base(server), [("ferry", True)]).replace(
        '<?xml version="1.0" encoding="utf-8"?>', "").replace("harbour council",
                                                              "harbour council of Σύρος")
    server.expect_request("/greek.xml").respond_with_data(  # guessed, it reads "Óýñïò"
        feed.encode("iso-8859-7"), content_type="application/rss+xml; charset=iso-8859-7")
    articles, problems = read_inputs([server.url_for("/greek.xml")], policy=fast_policy())
    assert not problems and "harbour council of Σύρος" in articles[0].text
