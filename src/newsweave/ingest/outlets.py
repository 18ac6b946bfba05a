"""An article's outlet: the site's own name from its page metadata, else its web domain, else
"unknown" (never the name of the file or stream it was read from).

trafilatura finds a site name too, but it falls back on a Twitter handle, a Facebook page
URL or a piece of the title; the outlet must be the name the site gives itself, in a fixed
order: `og:site_name`, the JSON-LD publisher's `name`, `application-name`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from urllib.parse import urlsplit

from newsweave.model import UNKNOWN_OUTLET

MAX_NAME_CHARS = 120  # a site name is a few words; more is a page's description
_WWW = ("www.", "www1.", "www2.", "www3.")


def site_name(tree) -> str | None:
    """The name a parsed HTML page (an lxml tree) gives its site, or None."""
    metas = {}
    for meta in tree.iterfind(".//meta[@content]"):
        key = (meta.get("property") or meta.get("name") or "").strip().lower()
        value = " ".join(meta.get("content", "").split())
        if key and value and key not in metas:
            metas[key] = value
    found = [metas.get("og:site_name"), _json_ld_publisher(tree), metas.get("application-name")]
    return next((name for name in found if _plausible(name)), None)


def domain(url: str | None) -> str | None:
    """The host of a web address without its "www." ("https://www.example-news.com/a" ->
    "example-news.com"); None for anything that is not an http(s) address."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
        host = (parts.hostname or "").rstrip(".")
    except ValueError:
        return None
    if parts.scheme.lower() not in {"http", "https"} or "." not in host:
        return None
    for prefix in _WWW:
        if host.startswith(prefix):
            return host[len(prefix):]
    return host


def settle_outlet(given: str | None, url: str | None) -> str:
    """The outlet an input names (its metadata or --outlet), else its URL's domain, else
    "unknown"."""
    return (given or "").strip() or domain(url) or UNKNOWN_OUTLET


def _plausible(name: str | None) -> bool:
    return bool(name) and len(name) <= MAX_NAME_CHARS and not name.lower().startswith(
        ("http://", "https://", "www."))


def _json_ld_publisher(tree) -> str | None:
    """The `publisher.name` of the page's JSON-LD (a `publisher` given by `@id` is looked
    up among the page's nodes)."""
    nodes = []
    for script in tree.iterfind(".//script[@type]"):
        if script.get("type", "").strip().lower() != "application/ld+json" or not script.text:
            continue
        try:
            nodes.extend(_nodes(json.loads(script.text)))
        except ValueError:
            continue
    by_id = {n["@id"]: n for n in nodes if isinstance(n.get("@id"), str)}
    for node in nodes:
        for publisher in _listed(node.get("publisher")):
            if isinstance(publisher, dict) and "name" not in publisher:
                publisher = by_id.get(publisher.get("@id"), publisher)
            name = publisher.get("name") if isinstance(publisher, dict) else None
            if isinstance(name, str) and name.strip():
                return " ".join(name.split())
    return None


def _nodes(data: object) -> Iterator[dict]:
    """Every object of a JSON-LD document, nested ones and `@graph` members included."""
    if isinstance(data, list):
        for item in data:
            yield from _nodes(item)
    elif isinstance(data, dict):
        yield data
        for value in data.values():
            if isinstance(value, (list, dict)):
                yield from _nodes(value)


def _listed(value: object) -> list:
    return value if isinstance(value, list) else [value] if value else []
