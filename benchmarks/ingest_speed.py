"""Reading speed of the fetch stage: pages/s from a WARC of invented pages (built with warcio)
by both WARC readers, warcio and FastWARC, side by side in the same run, and entries/s from
RSS and Atom feeds. Nothing is fetched: archives and feeds are built in a temporary folder.

    .venv/bin/python benchmarks/ingest_speed.py            # 1,200 pages, 1,000 entries
    .venv/bin/python benchmarks/ingest_speed.py 3000 2000  # other sizes

"records" rows time the reader alone (every response and revisit record, payload read);
"pages" rows time newsweave reading the WARC end to end (records, charset, trafilatura's
extraction), which is what `newsweave report crawl.warc.gz` spends before the analysis.
Each figure is the best of three runs. Both readers must yield the same records.
"""

from __future__ import annotations

import io
import random
import sys
import tempfile
import time
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsweave.fetch.warc import records_fastwarc, records_warcio
from newsweave.ingest import open_sources

VOCABULARY = ("harbour council ferry bridge museum mayor residents police engineers river strike "
         "workers union port minister budget hospital nurses election recount villages "
         "storm flood school teachers parents market traders farmers harvest court judge "
         "ruling appeal station train delays airport runway museum director painting")
WORDS = VOCABULARY.split()
PEOPLE = ["Ilse Marovic", "Pavel Kestrin", "Clara Dunmore", "Omar Velis", "Anya Holt"]
PLACES = ["Vellmark", "Doranth", "Brennick", "Tarnsea", "Oskarvik", "Quillby"]


def invented_page(rng: random.Random, n: int) -> tuple[str, bytes]:
    """An invented news page: a title, a nav bar, six paragraphs, a footer."""
    place, person = rng.choice(PLACES), rng.choice(PEOPLE)
    title = f"{place} {rng.choice(WORDS)} {rng.choice(WORDS)} story {n}"
    paragraphs = []
    for _ in range(6):
        words = [rng.choice(WORDS) for _ in range(rng.randint(25, 45))]
        words[rng.randrange(len(words))] = f"{person} said in {place}"
        paragraphs.append(" ".join(words).capitalize() + ".")
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    html = (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}</title>"
            f"<meta property='og:site_name' content='{place} Post'></head><body>"
            f"<nav>Home | News | Sport | Weather</nav><article><h1>{title}</h1>{body}"
            "</article><footer>Contact us | Privacy</footer></body></html>")
    return f"https://{place.lower()}.example/news/story-{n}.html", html.encode()


def build_warc(path: Path, pages: int) -> None:
    """A gzipped WARC: one request and one response per page, a revisit every 50 pages."""
    rng = random.Random(7)
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for n in range(pages):
            uri, body = invented_page(rng, n)
            writer.write_record(writer.create_warc_record(
                uri, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")))
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                       protocol="HTTP/1.1")
            record = writer.create_warc_record(uri, "response", payload=io.BytesIO(body),
                                               http_headers=headers)
            writer.write_record(record)
            if n % 50 == 49:
                writer.write_record(writer.create_revisit_record(
                    uri.replace("/news/", "/mirror/"),
                    record.rec_headers.get_header("WARC-Payload-Digest"), uri,
                    record.rec_headers.get_header("WARC-Date")))


def build_feeds(folder: Path, entries: int) -> list[Path]:
    """An RSS 2.0 feed (CDATA content) and an Atom feed (escaped HTML), `entries` in all."""
    rng = random.Random(11)
    items, atoms = [], []
    for n in range(entries):
        uri, body = invented_page(rng, n)
        article = body.split(b"<article>")[1].split(b"</article>")[0].decode()
        if n % 2:
            items.append(f"<item><title>Story {n}</title><link>{uri}</link><guid>{n}</guid>"
                         f"<pubDate>Sat, 02 May 2026 09:30:00 GMT</pubDate>"
                         f"<description><![CDATA[{article}]]></description></item>")
        else:
            escaped = article.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            atoms.append(f"<entry><title>Story {n}</title><id>urn:{n}</id>"
                         f'<link href="{uri}"/><updated>2026-05-02T09:30:00Z</updated>'
                         f'<content type="html">{escaped}</content></entry>')
    rss = folder / "feed.rss"
    rss.write_text('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
                   f"<title>Bench Post</title>{''.join(items)}</channel></rss>")
    atom = folder / "feed.atom"
    atom.write_text('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/'
                    '2005/Atom"><title>Bench Courier</title><id>urn:b</id><updated>'
                    f"2026-05-02T09:30:00Z</updated>{''.join(atoms)}</feed>")
    return [rss, atom]


def best_of(runs: int, job) -> tuple[float, object]:
    best, out = float("inf"), None
    for _ in range(runs):
        start = time.perf_counter()
        out = job()
        best = min(best, time.perf_counter() - start)
    return best, out


def read_records(path: Path, reader) -> list[tuple]:
    with open(path, "rb") as fh:
        return [(r.kind, r.uri, r.status, r.payload) for r in reader(fh)]


def read_articles(paths: list[Path], warc_reader: str | None = None) -> list:
    with open_sources(warc_reader=warc_reader) as sources:
        return [x for p in paths for x in sources.read_path(p)]


def main(pages: int = 1200, entries: int = 1000) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        warc = folder / "crawl.warc.gz"
        build_warc(warc, pages)
        feeds = build_feeds(folder, entries)
        size = warc.stat().st_size / 1e6
        rows = []
        got = {}
        for name, reader in (("warcio", records_warcio), ("FastWARC", records_fastwarc)):
            seconds, recs = best_of(3, lambda reader=reader: read_records(warc, reader))
            got[name] = recs
            rows.append((f"records, {name}", len(recs), seconds))
        same = got["warcio"] == got["FastWARC"]
        for name in ("warcio", "fastwarc"):
            seconds, found = best_of(3, lambda name=name: read_articles([warc], name))
            pages_read = sum(1 for x in found if not hasattr(x, "message"))
            rows.append((f"pages, newsweave over {name}", pages_read, seconds))
        seconds, found = best_of(3, lambda: read_articles(feeds))
        rows.append(("feed entries (RSS + Atom), feedparser", len(found), seconds))
    print(f"WARC: {pages} pages + {pages // 50} revisits, {size:.1f} MB gzipped; "
          f"both readers yield the same records: {'yes' if same else 'NO'}")
    print(f"{'what':<40} {'items':>7} {'seconds':>8} {'items/s':>9}")
    for what, n, seconds in rows:
        print(f"{what:<40} {n:>7} {seconds:>8.2f} {n / seconds:>9.0f}")


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:3]))
