"""Tells scraped pages that are not news articles (cookie walls, error pages, social-media
widgets, crawl notes, bare link lists, tables of figures without running text) from
articles, with the reason.

Crawls keep such pages under article URLs; forced into a story they would drag it off
topic. trafilatura judges HTML layout, but plain-text and JSON inputs have lost it, so these
rules read the text: a page is set aside only on a positive sign of page furniture with
little article prose beside it, never for being short (a headline alone is still news).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from newsweave.text.boilerplate import furniture_kind, is_boilerplate

# Signs on short lines; the marks of boilerplate.furniture_kind (the location widget, crawl
# notes, captions ...) count as well, on lines of any length.
_FURNITURE = {
    "a social-media widget": r"embed this (tweet|post|video)|^follow @\w+"
                             r"|like us on facebook|view (this )?post on instagram",
    "a cookie or consent wall": r"\bcookies?\b.*\b(use|accept|consent|settings|policy)\b"
                                r"|^(accept|reject) all\b|privacy (policy|settings)"
                                r"|we value your privacy|manage (your )?consent",
    "an error page": r"\b(404|403|500)\b.*\b(error|not found|forbidden)\b|page (was )?not found"
                     r"|(this|the) page (you requested )?(is|was|could not be|cannot be)"
                     r"( no longer)? (found|available|displayed)|access (is )?denied"
                     r"|something went wrong|enable javascript|javascript is (disabled|required)"
                     r"|sorry,? (we|the page)",
    "a crawl or archive note": r"\bcrawl(s|ed|er)?\b|archive(d)? (pages|copy)"
                               r"|internet archive|this (page|capture) was (archived|saved)",
    "a sign-in or paywall page": r"^(please )?(sign|log) ?in\b|create (a free |an )?account"
                                 r"|subscribe (now )?to (continue|read)|already a subscriber",
}
# One pass over a line for all kinds: group k is the k-th reason's pattern.
_REASONS = list(_FURNITURE)
_PATTERN = re.compile("|".join(f"(?P<k{k}>{p})" for k, p in enumerate(_FURNITURE.values())),
                      re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?…:][\"”’')\]]*$")
PROSE_WORDS = 60  # an article has at least a paragraph of running prose besides furniture
FURNITURE_WORDS = 25  # longer lines are prose (a paragraph mentioning cookies is about them)
LIST_LINES = 6  # a link list has many lines...
LIST_SHARE = 0.8  # ...nearly all short and unpunctuated
TABLE_LINES = 3  # a results table (a wire's earnings brief) has a few lines...
TABLE_SHARE = 0.6  # ...most of them carrying two figures or more...
FOOTNOTE_WORDS = 25  # ...and a footnote at most for running text
_FIGURE = re.compile(r"(?<!\w)[-+]?\$?\d[\d,]*(\.\d+)?%?(?!\w)")


def non_article_reason(paragraphs: Sequence[str]) -> str | None:
    """Why these paragraphs are not a news article, or None when they are one."""
    lines = [p.strip() for p in paragraphs if p.strip()]
    if not lines:
        return "an empty page"
    if sum(n for p in lines if (n := len(p.split())) > FURNITURE_WORDS and _is_sentence(p)
           and not furniture_kind(p)) >= PROSE_WORDS:  # running text: the usual case, fast
        return None
    prose = [p for p in lines if not is_boilerplate(p) and not _furniture(p)]
    if not prose:
        found = {_furniture(p) for p in lines} - {None}
        return "only web boilerplate" if not found else sorted(found)[0]
    prose_words = sum(len(p.split()) for p in prose if _is_sentence(p))
    if prose_words < PROSE_WORDS:
        found = sorted({r for p in lines if (r := _furniture(p))})
        if found:
            return found[0]
        if (len(lines) >= TABLE_LINES and _share(lines, _has_figures) >= TABLE_SHARE
                and prose_words <= FOOTNOTE_WORDS):
            return "a table of figures without running text"
        if len(lines) >= LIST_LINES and _share(lines, _linklike) >= LIST_SHARE and not prose_words:
            return "a bare list of links or headlines"
    return None


def _furniture(line: str) -> str | None:
    if len(line.split()) > FURNITURE_WORDS:
        return furniture_kind(line)
    found = _PATTERN.search(line)
    return _REASONS[int(found.lastgroup[1:])] if found else furniture_kind(line)


def _is_sentence(line: str) -> bool:
    return len(line.split()) >= 6 and bool(_SENTENCE_END.search(line))


def _share(lines: Sequence[str], test: Callable[[str], bool]) -> float:
    return sum(1 for p in lines if test(p)) / len(lines)


def _linklike(line: str) -> bool:
    return len(line.split()) <= 12 and not _SENTENCE_END.search(line) and not _has_figures(line)


def _has_figures(line: str) -> bool:
    return len(_FIGURE.findall(line)) >= 2
