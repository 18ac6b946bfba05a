"""HTML pages: the article text and metadata extracted by trafilatura."""

from __future__ import annotations

import re

from newsweave.ingest.parsed import RawArticle
from newsweave.model import Problem

_HTML = re.compile(r"<\s*(!doctype\s+html|html|body|article|p|div)\b", re.IGNORECASE)


def looks_like_html(text: str) -> bool:
    return bool(_HTML.search(text[:5000]))


def read_html(text: str, source: str) -> RawArticle | Problem:
    """The main text (one paragraph a line), title, date, site name and URL of a page."""
    import trafilatura

    doc = trafilatura.bare_extraction(text, with_metadata=True, include_comments=False,
                                      include_tables=False, favor_precision=True)
    body = getattr(doc, "text", None) if doc is not None else None
    if not body or not body.strip():
        return Problem(source, "no article text found in this HTML page")
    return RawArticle(source=source, text=body, title=doc.title or None,
                      outlet=doc.sitename or None, url=doc.url or None,
                      published=doc.date or None)
