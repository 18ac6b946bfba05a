"""Feeds, archives and web archives read from files: types found from the content, every
member read by its own type, hostile feeds refused in one line, and a WARC built with
warcio read back (both WARC readers giving the same records)."""

from __future__ import annotations

import bz2
import gzip
import html
import io
import json
import lzma
import tarfile
import zipfile
from pathlib import Path

import pytest
from fetch_helpers import BASE, BILLION_LAUGHS, TOPICS, build_warc, page, rss

from newsweave.fetch.warc import records_fastwarc, records_warcio
from newsweave.ingest import read_inputs


def text_article(topic: str) -> bytes:
    title, _, paragraphs = TOPICS[topic]
    return ("\n\n".join([title, "\n".join(paragraphs)]) + "\n").encode()


def messages(problems) -> dict[str, str]:
    return {p.source: p.message for p in problems}


@pytest.mark.parametrize("gzipped", [True, False])
def test_warc_built_with_warcio_is_read_back(tmp_path, gzipped):
    path = tmp_path / ("crawl.warc.gz" if gzipped else "crawl.warc")
    build_warc(path, gzipped)
    articles, problems = read_inputs([str(path)])
    by_id = {a.id: a for a in articles}
    assert set(by_id) == {"ferry", "museum", "ferry-copy"}
    assert by_id["ferry"].url == f"{BASE}/news/ferry.html"
    assert by_id["ferry"].title == TOPICS["ferry"][0] and by_id["ferry"].outlet == "Island Post"
    assert "Detective Clara Dunmore" in by_id["museum"].text  # windows-1252 decoded
    assert by_id["ferry-copy"].url == f"{BASE}/mirror/ferry-copy.html"
    assert by_id["ferry-copy"].text == by_id["ferry"].text
    (p,) = problems
    assert p.source == f"{path}!{BASE}/news/old.html" and "revisit" in p.message
    with open(path, "rb") as a, open(path, "rb") as b:
        slow = [(r.kind, r.uri, r.status, r.payload) for r in records_warcio(a)]
        fast = [(r.kind, r.uri, r.status, r.payload) for r in records_fastwarc(b)]
    assert slow == fast and len(slow) == 6


def test_arc_file_is_read(tmp_path):
    body = page("bridge").encode()
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + body
    head = b"1 0 newsweave\nURL IP-address Archive-date Content-type Archive-length\n"
    arc = (b"filedesc://test.arc 0.0.0.0 20260502093000 text/plain %d\n" % len(head) + head
           + b"\n" + b"%s/news/bridge.html 93.184.215.14 20260502093000 text/html %d\n"
           % (BASE.encode(), len(http)) + http + b"\n")
    (tmp_path / "old.arc").write_bytes(arc)
    articles, problems = read_inputs([str(tmp_path / "old.arc")])
    assert not problems
    (a,) = articles
    assert a.id == "bridge" and a.url == f"{BASE}/news/bridge.html" and "brass band" in a.text


def test_archives_read_each_member_by_its_type(tmp_path):
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as z:
        z.writestr("deep/museum.txt", text_article("museum"))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("ferry.txt", text_article("ferry"))
        z.writestr("feeds/latest.xml", rss(BASE, [("bridge", True)]))
        z.writestr("nested.zip", inner.getvalue())
        z.writestr("photo.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 50)
        z.writestr("broken.gz", b"\x1f\x8b\x08\x00garbage that is not deflate")
        z.writestr(".hidden.txt", text_article("ferry"))
    (tmp_path / "bundle.zip").write_bytes(buf.getvalue())
    articles, problems = read_inputs([str(tmp_path / "bundle.zip")])
    assert sorted(a.id for a in articles) == ["bridge", "ferry", "museum"]
    got = messages(problems)
    assert set(got) == {f"{tmp_path}/bundle.zip!photo.png", f"{tmp_path}/bundle.zip!broken.gz"}
    assert "PNG image" in got[f"{tmp_path}/bundle.zip!photo.png"]
    assert "corrupt gzip" in got[f"{tmp_path}/bundle.zip!broken.gz"]


@pytest.mark.parametrize(("suffix", "mode"), [(".tar.gz", "w:gz"), (".tar.bz2", "w:bz2"),
                                              (".tar.xz", "w:xz"), (".tar", "w")])
def test_tar_archives(tmp_path, suffix, mode):
    path = tmp_path / f"pages{suffix}"
    with tarfile.open(path, mode) as tar:
        for name, data in (("a/ferry.html", page("ferry").encode()),
                           ("b/museum.txt", text_article("museum"))):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    articles, problems = read_inputs([str(path)])
    assert not problems and sorted(a.id for a in articles) == ["ferry", "museum"]


@pytest.mark.parametrize(("suffix", "pack"), [(".gz", gzip.compress), (".bz2", bz2.compress),
                                              (".xz", lzma.compress)])
def test_compressed_files(tmp_path, suffix, pack):
    (tmp_path / f"ferry.txt{suffix}").write_bytes(pack(text_article("ferry")))
    (tmp_path / f"bomb.txt{suffix}").write_bytes(pack(b"a" * 21_000_000))
    articles, problems = read_inputs([str(tmp_path / f"ferry.txt{suffix}"),
                                      str(tmp_path / f"bomb.txt{suffix}")])
    assert [a.id for a in articles] == ["ferry"]
    (p,) = problems
    assert p.source == str(tmp_path / f"bomb.txt{suffix}") and "20 MB cap" in p.message


def test_mixed_folder_reads_every_type_and_names_the_rest(tmp_path):
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "ferry.txt.gz").write_bytes(gzip.compress(text_article("ferry")))
    (folder / "latest.xml").write_text(rss(BASE, [("bridge", True)]), encoding="utf-8")
    (folder / "no-suffix-feed").write_text(rss(BASE, [("museum", True)]), encoding="utf-8")
    (folder / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 50)
    (folder / "scan.pdf").write_bytes(b"%PDF-1.7\n%\xe2\xe3\n1 0 obj\n")
    (folder / "notes.csv").write_text("a,b\n1,2\n")
    build_warc(folder / "crawl.warc.gz")
    articles, problems = read_inputs([str(folder)])
    names = sorted(a.source.rsplit("/", 1)[-1] for a in articles)
    assert names == ["bridge.html", "ferry-copy.html", "ferry.html", "ferry.txt",
                     "museum.html", "museum.html"]
    skipped = {p.source.rsplit("/", 1)[-1]: p.message for p in problems if p.skipped}
    assert set(skipped) == {"photo.png", "scan.pdf", "old.html"}
    assert "PNG image" in skipped["photo.png"] and "PDF document" in skipped["scan.pdf"]


def test_feed_is_found_by_content_not_name(tmp_path):
    (tmp_path / "feed.txt").write_text(rss(BASE, [("ferry", True), ("museum", True)]))
    articles, problems = read_inputs([str(tmp_path / "feed.txt")])
    assert not problems and [a.id for a in articles] == ["ferry", "museum"]
    assert all(a.outlet == "Island Post" for a in articles)


def test_gzip_on_stdin(tmp_path):
    articles, problems = read_inputs(["-"], stdin=io.BytesIO(gzip.compress(
        rss(BASE, [("ferry", True)]).encode())))
    assert not problems and [a.id for a in articles] == ["ferry"]


def test_archive_on_stdin_names_its_members_as_an_archive_file_does(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("ferry.txt", text_article("ferry"))
        z.writestr("museum.html", page("museum"))
    (tmp_path / "bundle.zip").write_bytes(buf.getvalue())
    from_file, problems = read_inputs([str(tmp_path / "bundle.zip")])
    assert not problems
    from_stdin, problems = read_inputs(["-"], stdin=io.BytesIO(buf.getvalue()))
    assert not problems
    assert [a.id for a in from_stdin] == [a.id for a in from_file] == ["ferry", "museum"]
    assert [a.source for a in from_stdin] == ["<stdin>!ferry.txt", "<stdin>!museum.html"]


def test_hostile_feeds_are_refused_in_one_line(tmp_path, good_article):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-TOKEN")
    xxe = (f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{secret}">]>'
           '<rss version="2.0"><channel><title>t</title><item><title>&xxe;</title>'
           "<description>&xxe;</description></item></channel></rss>")
    (tmp_path / "laughs.xml").write_text(BILLION_LAUGHS)
    (tmp_path / "xxe.rss").write_text(xxe)
    articles, problems = read_inputs([str(tmp_path / "laughs.xml"), str(tmp_path / "xxe.rss"),
                                      str(good_article)])
    assert [a.id for a in articles] == ["good"]
    got = messages(problems)
    for name in ("laughs.xml", "xxe.rss"):
        assert got[str(tmp_path / name)].startswith("refused: the XML declares entities")
    assert all("TOP-SECRET" not in a.text for a in articles)


def test_bad_encoding_and_escaped_or_cdata_html(tmp_path):
    feed = rss(BASE, [("ferry", True)]).replace("harbour council", "harbour café council")
    (tmp_path / "cp1252.xml").write_bytes(feed.encode("cp1252"))  # declared utf-8: invalid
    cdata = rss(BASE, [("museum", True)])
    start, end = cdata.index("<![CDATA[") , cdata.index("]]>")
    escaped = cdata[:start] + html.escape(cdata[start + 9:end]) + cdata[end + 3:]
    (tmp_path / "escaped.xml").write_text(escaped)
    articles, problems = read_inputs([str(tmp_path / "cp1252.xml"), str(tmp_path / "escaped.xml")])
    assert not problems
    ferry, museum = articles
    assert "harbour café council" in ferry.text
    assert museum.paragraphs == TOPICS["museum"][2]
    assert all("<p>" not in a.text and "&lt;" not in a.text for a in articles)


@pytest.fixture
def good_article(tmp_path) -> Path:
    path = tmp_path / "good.txt"
    path.write_bytes(text_article("bridge"))
    return path


def test_rss1_json_feed_and_other_xml(tmp_path):
    title, outlet, paragraphs = TOPICS["bridge"]
    rdf = ('<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-'
           'ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">'
           f'<channel rdf:about="{BASE}/"><title>{outlet}</title></channel>'
           f'<item rdf:about="{BASE}/news/bridge.html"><title>{title}</title>'
           f"<link>{BASE}/news/bridge.html</link><dc:date>2026-05-03</dc:date>"
           f"<description>{' '.join(paragraphs)}</description></item></rdf:RDF>")
    (tmp_path / "rss1.rdf").write_text(rdf)
    json_feed = {"version": "https://jsonfeed.org/version/1.1", "title": "Brennick Herald",
                 "items": [{"id": "m1", "url": f"{BASE}/news/museum", "title": "Stolen",
                            "content_text": "\n".join(TOPICS["museum"][2]),
                            "date_published": "2026-05-05T10:00:00Z"}]}
    (tmp_path / "feed.json").write_text(json.dumps(json_feed))
    (tmp_path / "sitemap.xml").write_text('<?xml version="1.0"?><urlset><url><loc>x</loc>'
                                          "</url></urlset>")
    articles, problems = read_inputs([str(tmp_path)])
    by_id = {a.id: a for a in articles}
    assert set(by_id) == {"bridge", "museum"}
    assert by_id["bridge"].outlet == "Valley Courier" and str(by_id["bridge"].published) \
        == "2026-05-03"
    assert by_id["museum"].paragraphs == TOPICS["museum"][2]
    assert by_id["museum"].outlet == "Brennick Herald"
    (p,) = problems
    assert p.source.endswith("sitemap.xml") and "XML document <urlset>" in p.message


@pytest.mark.parametrize(("head", "kind"), [
    (gzip.compress(b"x"), "gzip"), (bz2.compress(b"x"), "bzip2"), (lzma.compress(b"x"), "xz"),
    (b"WARC/1.1\r\n", "warc"), (b"filedesc://a.arc", "arc"), (b"PK\x03\x04", "zip"),
    (b"\xef\xbb\xbf<?xml version='1.0'?>\n<!-- c -->\n<rss>", "feed"),
    (b"<?xml version='1.0'?><rdf:RDF xmlns:rdf='x'>", "feed"), (b"<feed xmlns='a'>", "feed"),
    (b"<opml version='2.0'>", "opml"), (b'{"version": "https://jsonfeed.org/version/1"}',
                                        "jsonfeed"),
    (b"<!DOCTYPE html><html>", "text"), (b"<p>Plain fragment</p>", "text"),
    (b"MZ Tanker seized off the coast", "text"), (b"BZh is not a word", "text"),
    (b"MZ\x90\x00\x03\x00", "an executable"), (b"%PDF-1.4", "a PDF document"),
])
def test_sniffing(head, kind):
    from newsweave.fetch.sniff import sniff

    assert sniff(head) == kind
