"""HTML pages: the article text and metadata extracted by trafilatura."""

from __future__ import annotations

import re

from newsweave.ingest.outlets import site_name
from newsweave.model import Problem, RawArticle

_HTML = re.compile(r"<\s*(!doctype\s+html|html|body|article|p|div)\b", re.IGNORECASE)
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*?(/?)>")
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
         "track", "wbr", "p", "li"}  # p and li close themselves often enough
_WRAPPERS = re.compile(r"</?(div|span|font|section|center)\b[^>]*>", re.IGNORECASE)
REPORT = "a newsweave report"  # what a page or record newsweave wrote is named
MAX_DEPTH = 250  # libxml2 (under lxml and trafilatura) stops at 255 levels


def looks_like_html(text: str) -> bool:
    return bool(_HTML.search(text[:5000]))


def read_html(text: str, source: str) -> RawArticle | Problem:
    """The main text (one paragraph a line), title, date, site name and URL of a page; the
    site name is the page's own (`outlets.site_name`), None where it gives none."""
    import trafilatura

    if nesting(text) > MAX_DEPTH:
        text = _WRAPPERS.sub("\n", text)  # wrappers hold no text; their tags only nest
        depth = nesting(text)
        if depth > MAX_DEPTH:
            return Problem(source, f"HTML nested {depth} levels deep; the parser stops at "
                                   "255, so the page cannot be read")
    tree = trafilatura.load_html(text)
    if tree is None:
        return Problem(source, "no article text found in this HTML page")
    if "newsweave" in tree.xpath("//meta[@name='generator']/@content"):
        return Problem(source, f"{REPORT}, not an article; skipped")
    outlet = site_name(tree)  # before trafilatura, which prunes the tree it is given
    doc = trafilatura.bare_extraction(tree, with_metadata=True, include_comments=False,
                                      include_tables=False, favor_precision=True)
    body = getattr(doc, "text", None) if doc is not None else None
    if not body or not body.strip():
        return Problem(source, "no article text found in this HTML page")
    return RawArticle(source=source, text=body, title=doc.title or None,
                      outlet=outlet, url=doc.url or None,
                      published=doc.date or None)


def nesting(text: str) -> int:
    """How deep the page's elements nest (end tags close their element; void ones nest not)."""
    depth = deepest = 0
    for closing, name, selfclosing in _TAG.findall(text):
        if name.lower() in _VOID or selfclosing:
            continue
        depth = max(depth - 1, 0) if closing else depth + 1
        deepest = max(deepest, depth)
    return deepest
