"""Invented pages and feeds for the fetch tests, and a fast polite policy for loopback."""

from __future__ import annotations

import html
import io
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsweave.fetch import Policy

BASE = "http://news.example.invalid"  # only a name inside files and archives: never fetched
FAST = {"allow_private": True, "min_interval": 0.0, "backoff": 0.05, "retries": 2,
        "read_timeout": 0.5, "connect_timeout": 1.0, "total_timeout": 5.0,
        "max_bytes": 1_000_000}

TOPICS = {
    "ferry": ("Ferry timetable cut on the Vellmark route", "Island Post", [
        "The harbour council of Vellmark voted on Monday to cancel the first ferry of the "
        "morning, a decision that residents of the outer islands called a betrayal.",
        "Councillor Ilse Marovic said the operator had lost money on the early sailing for "
        "three years and that the savings would pay for a new waiting room at the pier.",
        "Parents said their children would now miss the start of the school day, and a "
        "petition against the change gathered more than two thousand names by Tuesday.",
        "The new timetable takes effect in June, the council said, and will be reviewed "
        "after the summer season when passenger numbers are known."]),
    "bridge": ("Doranth bridge reopens after two years of repairs", "Valley Courier", [
        "The old stone bridge over the river Doranth reopened to traffic on Wednesday after "
        "two years of repairs that cost far more than the town had planned.",
        "Mayor Pavel Kestrin cut a ribbon at the eastern end while a brass band played, and "
        "the first lorries crossed shortly after noon under the eyes of engineers.",
        "Shopkeepers on the market square said the closure had halved their trade, and they "
        "hoped the customers from the villages across the water would now return.",
        "Engineers will inspect the arches again in the autumn, the council said, because "
        "the spring floods had scoured the riverbed around two of the piers."]),
    "museum": ("Paintings stolen from the Brennick museum", "Brennick Herald", [
        "Thieves broke into the Brennick municipal museum early on Sunday and took four "
        "paintings by local artists from the upper gallery, the police said.",
        "Detective Clara Dunmore said the alarm had been switched off from inside the "
        "building and that investigators were questioning the night staff.",
        "The museum's director said the paintings were insured but that their value to the "
        "town could not be measured in money, and appealed for help from the public.",
        "The museum will stay closed until Friday while the detectives search the building "
        "and the gardens for anything the thieves left behind."]),
}


def page(topic: str, charset: str = "utf-8") -> str:
    """A news page for one of the invented topics."""
    title, outlet, paragraphs = TOPICS[topic]
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return (f"<!DOCTYPE html><html><head><meta charset=\"{charset}\"><title>{title}</title>"
            f"<meta property=\"og:site_name\" content=\"{outlet}\"></head><body>"
            f"<nav>Home | News | Sport</nav><article><h1>{html.escape(title)}</h1>{body}"
            "</article><footer>Contact us</footer></body></html>")


def rss(base: str, items: list[tuple[str, bool]], title: str = "Island Post") -> str:
    """An RSS 2.0 feed; each item is (topic, full): full text in CDATA, else a teaser whose
    page lives at base/news/TOPIC.html."""
    out = []
    for n, (topic, full) in enumerate(items):
        head, _, paragraphs = TOPICS[topic]
        when = format_datetime(datetime(2026, 5, 2 + n, 9, 30, tzinfo=UTC), usegmt=True)
        if full:
            desc = "<![CDATA[" + "".join(f"<p>{p}</p>" for p in paragraphs) + "]]>"
        else:
            desc = html.escape(f"<p>{paragraphs[0][:80]}…</p>")
        out.append(f"<item><title>{html.escape(head)}</title>"
                   f"<link>{base}/news/{topic}.html</link><guid>{topic}</guid>"
                   f"<pubDate>{when}</pubDate><description>{desc}</description></item>")
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>{title}</title><link>{base}/</link>{''.join(out)}</channel></rss>")


def atom(base: str, topics: list[str]) -> str:
    """An Atom feed whose entries carry their full text as escaped HTML content."""
    entries = []
    for topic in topics:
        head, _, paragraphs = TOPICS[topic]
        content = html.escape("".join(f"<p>{p}</p>" for p in paragraphs))
        entries.append(f"<entry><title>{html.escape(head)}</title><id>urn:{topic}</id>"
                       f'<link href="{base}/atom/{topic}"/><updated>2026-05-04T08:00:00Z'
                       f'</updated><content type="html">{content}</content></entry>')
    return ('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>Valley Courier</title><id>urn:vc</id><updated>2026-05-04T08:00:00Z"
            f"</updated>{''.join(entries)}</feed>")


def fast_policy(**changes) -> Policy:
    return Policy(**{**FAST, **changes})


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>
<rss version="2.0"><channel><title>&lol4;</title><item><title>x</title>
<description>&lol4;</description></item></channel></rss>"""


def build_warc(path: Path, gzipped: bool = True) -> None:
    """Two HTML captures, an image, a 404, a request, a revisit of the first page under a
    new URL and a revisit of a capture the file does not hold."""
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=gzipped)

        def response(uri: str, body: bytes, ctype: str, status: str = "200 OK"):
            headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            record = writer.create_warc_record(uri, "response", payload=io.BytesIO(body),
                                               http_headers=headers)
            writer.write_record(record)
            return record

        first = response(f"{BASE}/news/ferry.html", page("ferry").encode(),
                         "text/html; charset=utf-8")
        response(f"{BASE}/news/museum.html", page("museum").encode("cp1252"),
                 "text/html; charset=windows-1252")
        response(f"{BASE}/logo.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 50, "image/png")
        response(f"{BASE}/missing.html", b"<html><body>Not found</body></html>", "text/html",
                 "404 Not Found")
        writer.write_record(writer.create_warc_record(
            f"{BASE}/news/ferry.html", "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")))
        writer.write_record(writer.create_revisit_record(
            f"{BASE}/mirror/ferry-copy.html", first.rec_headers.get_header("WARC-Payload-Digest"),
            f"{BASE}/news/ferry.html", first.rec_headers.get_header("WARC-Date")))
        writer.write_record(writer.create_revisit_record(
            f"{BASE}/news/old.html", "sha1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            f"{BASE}/news/old.html", "2020-01-01T00:00:00Z"))


def hits(server, path: str) -> int:
    """How many requests the test server received for a path."""
    return sum(1 for request, _ in server.log if request.path == path)
