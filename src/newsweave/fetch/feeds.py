"""Feeds and feed lists: RSS 0.9x/1.0/2.0 and Atom (feedparser), JSON Feed, and OPML.

Feed XML is first parsed by defusedxml with entity declarations and external entities
forbidden, so a billion-laughs or XXE feed is refused before feedparser sees it. Entry HTML
(CDATA or escaped) is turned into text, one paragraph a line.
"""

from __future__ import annotations

import calendar
import hashlib
import html
import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlsplit
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeTree

from newsweave.model import RawArticle

TEASER_WORDS = 60  # an entry shorter than this carries only a teaser
_CUT = re.compile(r"(…|\.\.\.|\[…\]|\[\.\.\.\]|read more|continue reading|read the full "
                  r"(story|article))\W*$", re.I)
_BLOCKS = ("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr",
           "section", "article", "pre", "ul", "ol", "table", "header", "footer")
_ENTITY = re.compile(rb"<!ENTITY", re.I)


class FeedError(ValueError):
    """A feed or feed list that cannot be read; the message says why in one line."""


@dataclass
class Entry:
    """One feed entry: its key (guid or link), the article as read, and whether it carries
    only a teaser (short, or cut off with an ellipsis or "read more"; its page is fetched)."""

    key: str
    raw: RawArticle
    teaser: bool


def check_xml(data: bytes) -> None:
    """Refuse XML that declares entities or loads external ones (billion laughs, XXE)."""
    try:
        SafeTree.fromstring(data, forbid_dtd=False, forbid_entities=True,
                            forbid_external=True)
    except DefusedXmlException as exc:
        raise FeedError(f"refused: the XML declares entities or external resources "
                        f"({type(exc).__name__}), as billion-laughs and XXE attacks do") from None
    except ParseError:
        # Malformed XML is left to feedparser's lenient parser, never with entities.
        if _ENTITY.search(data[:100_000]):
            raise FeedError("refused: the XML declares entities") from None


def read_feed(data: bytes, source: str, kind: str, content_type: str | None = None
              ) -> tuple[str | None, list[Entry]]:
    """The feed's title and its entries, in the feed's order; FeedError when the content is
    not a feed. `content_type` is the HTTP header (its charset counts) when fetched."""
    if kind == "jsonfeed":
        return _json_feed(data, source)
    check_xml(data)
    import feedparser

    headers = {"content-type": content_type} if content_type else None
    parsed = feedparser.parse(data, sanitize_html=True, resolve_relative_uris=False,
                              response_headers=headers)
    if not parsed.version and not parsed.entries:
        reason = getattr(parsed.get("bozo_exception"), "getMessage", lambda: "")()
        raise FeedError(f"not a readable feed{': ' + reason if reason else ''}")
    title = _clean(parsed.feed.get("title")) or None
    entries = []
    for n, e in enumerate(parsed.entries):
        contents = [c.get("value", "") for c in e.get("content", [])]
        body = max(contents, key=len) if contents else e.get("summary", "")
        when = e.get("published_parsed") or e.get("updated_parsed")
        published = (datetime.fromtimestamp(calendar.timegm(when), UTC).date().isoformat()
                     if when else None)
        entries.append(_entry(source, n, e.get("id"), e.get("link"), e.get("title"), body,
                              published, title))
    return title, entries


def _json_feed(data: bytes, source: str) -> tuple[str | None, list[Entry]]:
    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise FeedError(f"malformed JSON Feed: {exc}") from None
    if not isinstance(doc, dict) or not isinstance(doc.get("items"), list):
        raise FeedError("a JSON Feed needs an 'items' list")
    title = _clean(doc.get("title")) or None
    entries = []
    for n, item in enumerate(doc["items"]):
        if not isinstance(item, dict):
            continue
        body = (item.get("content_html") or html.escape(item.get("content_text") or "")
                or html.escape(item.get("summary") or ""))
        date = str(item.get("date_published") or item.get("date_modified") or "")[:10] or None
        entries.append(_entry(source, n, item.get("id"), item.get("url"), item.get("title"),
                              body, date, title))
    return title, entries


def _entry(source: str, n: int, guid: object, link: object, title: object, body: str,
           published: str | None, outlet: str | None) -> Entry:
    link = str(link) if link else None
    key = str(guid or link or hashlib.sha1(body.encode()).hexdigest())
    text = html_text(body)
    words = len(text.split())
    teaser = bool(link) and (words < TEASER_WORDS or (words < 4 * TEASER_WORDS
                                                       and bool(_CUT.search(text))))
    raw = RawArticle(source=link or f"{source}#{n + 1}", text=text, id=entry_id(link, key),
                     title=_clean(title) or None, outlet=outlet, url=link, published=published)
    return Entry(key, raw, teaser)


def entry_id(link: str | None, key: str) -> str:
    """A stable article id for an entry: its link's last path segment, else a key hash."""
    if link:
        slug = url_slug(link)
        if slug:
            return slug
    return "entry-" + hashlib.sha1(key.encode()).hexdigest()[:10]


def url_slug(url: str) -> str:
    """The last meaningful path segment of a URL without its extension ('' if none)."""
    parts = urlsplit(url)
    segments = [s for s in parts.path.split("/") if s]
    if not segments:
        return parts.hostname or ""
    last = re.sub(r"\.(s?html?|php|aspx?|xml)$", "", segments[-1], flags=re.I)
    return re.sub(r"[^\w.-]+", "-", last).strip("-") or (parts.hostname or "")


def html_text(fragment: str) -> str:
    """The text of an HTML fragment (entry content), one paragraph a line."""
    if "<" not in fragment:
        return "\n".join(ln for ln in (" ".join(x.split()) for x in
                                       html.unescape(fragment).splitlines()) if ln)
    import lxml.html
    from lxml.etree import ParserError

    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (ParserError, ValueError):
        return ""
    for bad in root.xpath("//script|//style|//iframe|//figure|//noscript"):
        bad.drop_tree()
    for el in root.iter():
        if el.tag == "br" or el.tag in _BLOCKS:
            el.tail = "\n" + (el.tail or "")
            if el.tag != "br":
                el.text = "\n" + (el.text or "")
    lines = (" ".join(line.split()) for line in root.text_content().splitlines())
    return "\n".join(line for line in lines if line)


def read_opml(data: bytes) -> list[str]:
    """The feed URLs (xmlUrl) an OPML list names, in order, each once."""
    check_xml(data)
    try:
        root = SafeTree.fromstring(data, forbid_dtd=False, forbid_entities=True,
                                   forbid_external=True)
    except ParseError as exc:
        raise FeedError(f"malformed OPML: {exc}") from None
    urls = [o.get("xmlUrl") or o.get("xmlurl") for o in root.iter("outline")]
    found = list(dict.fromkeys(u.strip() for u in urls if u and u.strip()))
    if not found:
        raise FeedError("the OPML list names no feed (no outline with an xmlUrl)")
    return found


def _clean(value: object) -> str:
    return " ".join(html_text(str(value)).split()) if value else ""
