"""Turns what the readers found into Articles: ids, outlets and dates settled, and texts
that are empty, only boilerplate or not English set aside with a reason."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from pathlib import Path

from newsweave.ingest.outlets import settle_outlet
from newsweave.model import Article, Problem, RawArticle
from newsweave.text.boilerplate import drop_boilerplate
from newsweave.text.language import detect_language
from newsweave.text.pagekind import non_article_reason

_INDEX = re.compile(r"\[(\d+)\]$")
# Control characters (escape sequences that would drive a terminal) other than tab and newline.
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Longer texts are not one news article (long reads run to some 60,000 characters); spaCy
# refuses a million. `report` and `stories` read the first MAX_ARTICLE_CHARS, with a warning.
MAX_ARTICLE_CHARS = 100_000
EARLIEST, LATEST = date(1800, 1, 1), date(2200, 12, 31)


def default_id(source: str) -> str:
    """A file's name without extension; a record of a JSON list adds its position."""
    if source == "<stdin>":
        return "stdin"
    m = _INDEX.search(source)
    stem = Path(_INDEX.sub("", source).split(":")[0]).stem
    return f"{stem}-{int(m[1]) + 1}" if m else stem


def parse_date(value: str) -> date | None:
    """ISO dates and datetimes, else whatever dateparser reads as an absolute date; None for
    a relative one ("yesterday", "2 days ago": metadata is never read against the clock) and
    for a year outside 1800-2200 (a placeholder such as 0001-01-01 or 9999-12-31)."""
    try:
        day = datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        day = _absolute(value)
    return day if day is not None and EARLIEST <= day <= LATEST else None


def _absolute(value: str) -> date | None:
    """dateparser's reading, if it is the same whatever today is."""
    import dateparser

    days = set()
    for base in (datetime(2001, 3, 10), datetime(2017, 8, 24)):
        try:
            parsed = dateparser.parse(value[:200], languages=["en"], settings={
                "REQUIRE_PARTS": ["day", "month", "year"], "RETURN_AS_TIMEZONE_AWARE": False,
                "RELATIVE_BASE": base})
        except (ValueError, OverflowError):
            return None
        days.add(parsed.date() if parsed else None)
    return days.pop() if len(days) == 1 else None


class Settler:
    """Settles raw articles one at a time (ids stay unique across the whole input)."""

    def __init__(self, outlets: Mapping[str, str], published: Mapping[str, date],
                 keep_non_articles: bool = False) -> None:
        self.outlets = outlets
        self.published = published
        self.keep_non_articles = keep_non_articles
        self.seen: dict[str, int | None] = {}  # id -> hash of its text when a record named it

    def settle(self, raw: RawArticle) -> list[Article | Problem]:
        """The article (or nothing) and the problems found in one raw article."""
        out: list[Article | Problem] = []
        text = _CONTROLS.sub("", raw.text)
        if len(text) > MAX_ARTICLE_CHARS:
            cut = text.rfind("\n", 0, MAX_ARTICLE_CHARS)
            text = text[:cut if cut > 0 else MAX_ARTICLE_CHARS]
            out.append(Problem(raw.source, f"article is {len(raw.text):,} characters long; "
                                           f"only its first {len(text):,} are read (the limit "
                                           f"is {MAX_ARTICLE_CHARS:,})"))
        paragraphs = [line.strip() for line in text.splitlines() if line.strip()]
        if not paragraphs:
            return [*out, Problem(raw.source, "empty article text")]
        reason = non_article_reason(paragraphs)
        if reason and not self.keep_non_articles:
            return [*out, Problem(raw.source, f"not a news article: {reason}")]
        lang = None if reason else detect_language(" ".join(drop_boilerplate(paragraphs)))
        if lang not in (None, "en"):
            return [*out, Problem(raw.source, f"not English (looks like '{lang}'); "
                                              "newsweave reads English news only")]
        meta = {k: _CONTROLS.sub("", v) if v else v for k, v in (
            ("id", raw.id), ("title", raw.title), ("outlet", raw.outlet), ("url", raw.url),
            ("story", raw.story))}
        article_id = meta["id"] or default_id(raw.source)
        body = "\n".join(paragraphs)
        if meta["id"] and self.seen.get(article_id) == hash(body):
            return [*out, Problem(raw.source, f"article {article_id!r} again (same id, same "
                                              "text); read once", skipped=False)]
        if article_id in self.seen:
            n = 2
            while f"{article_id}-{n}" in self.seen:
                n += 1
            out.append(Problem(raw.source, f"id {article_id!r} is already taken, read as "
                                           f"'{article_id}-{n}'", skipped=False))
            article_id = f"{article_id}-{n}"
        self.seen[article_id] = hash(body) if meta["id"] else None
        day = parse_date(raw.published) if raw.published else None
        if raw.published and day is None:
            out.append(Problem(raw.source, f"cannot read the date {raw.published!r} as a "
                                           "calendar date; left unknown", skipped=False))
        day = day or self.published.get(article_id)
        out.append(Article(
            id=article_id, text=body, paragraphs=paragraphs,
            outlet=settle_outlet(self.outlets.get(article_id) or meta["outlet"], meta["url"]),
            url=meta["url"], title=meta["title"], published=day, story=meta["story"],
            source=raw.source, non_article=reason))
        return out


def settle(raws: Sequence[RawArticle], outlets: Mapping[str, str],
           published: Mapping[str, date], keep_non_articles: bool = False
           ) -> tuple[list[Article], list[Problem]]:
    """Articles in input order, and the Problems of the ones set aside or renamed.

    Pages that are not news (cookie walls, error pages...) are Problems, or with
    `keep_non_articles` Articles whose `non_article` gives the reason."""
    settler = Settler(outlets, published, keep_non_articles)
    found = [item for raw in raws for item in settler.settle(raw)]
    return ([a for a in found if isinstance(a, Article)],
            [p for p in found if isinstance(p, Problem)])
