"""Turns what the readers found into Articles: ids, outlets and dates settled, and texts
that are empty, only boilerplate or not English set aside with a reason."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from pathlib import Path

from newsweave.ingest.parsed import RawArticle
from newsweave.model import Article, Problem
from newsweave.text.boilerplate import drop_boilerplate
from newsweave.text.language import detect_language
from newsweave.text.pagekind import non_article_reason

_INDEX = re.compile(r"\[(\d+)\]$")


def default_id(source: str) -> str:
    """A file's name without extension; a record of a JSON list adds its position."""
    if source == "<stdin>":
        return "stdin"
    m = _INDEX.search(source)
    stem = Path(_INDEX.sub("", source).split(":")[0]).stem
    return f"{stem}-{int(m[1]) + 1}" if m else stem


def parse_date(value: str) -> date | None:
    """ISO dates and datetimes, else whatever dateparser reads (never relative to today)."""
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    import dateparser

    parsed = dateparser.parse(value, languages=["en"],
                              settings={"REQUIRE_PARTS": ["day", "month", "year"],
                                        "RETURN_AS_TIMEZONE_AWARE": False})
    return parsed.date() if parsed else None


def settle(raws: Sequence[RawArticle], outlets: Mapping[str, str],
           published: Mapping[str, date], keep_non_articles: bool = False
           ) -> tuple[list[Article], list[Problem]]:
    """Articles in input order, and the Problems of the ones set aside or renamed.

    Pages that are not news (cookie walls, error pages...) are Problems, or with
    `keep_non_articles` Articles whose `non_article` gives the reason."""
    articles: list[Article] = []
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    for raw in raws:
        paragraphs = [line.strip() for line in raw.text.splitlines() if line.strip()]
        if not paragraphs:
            problems.append(Problem(raw.source, "empty article text"))
            continue
        reason = non_article_reason(paragraphs)
        if reason and not keep_non_articles:
            problems.append(Problem(raw.source, f"not a news article: {reason}"))
            continue
        lang = None if reason else detect_language(" ".join(drop_boilerplate(paragraphs)))
        if lang not in (None, "en"):
            problems.append(Problem(raw.source, f"not English (looks like '{lang}'); "
                                                "newsweave reads English news only"))
            continue
        article_id = raw.id or default_id(raw.source)
        if raw.id and seen.get(article_id) == "\n".join(paragraphs):
            problems.append(Problem(raw.source, f"article {article_id!r} again (same id, same "
                                                "text); read once", skipped=False))
            continue
        if article_id in seen:
            n = 2
            while f"{article_id}-{n}" in seen:
                n += 1
            problems.append(Problem(raw.source, f"id {article_id!r} is already taken, read as "
                                                f"'{article_id}-{n}'", skipped=False))
            article_id = f"{article_id}-{n}"
        seen[article_id] = "\n".join(paragraphs)
        day = parse_date(raw.published) if raw.published else None
        if raw.published and day is None:
            problems.append(Problem(raw.source, f"cannot read the date {raw.published!r}; "
                                                "left unknown", skipped=False))
        day = day or published.get(article_id)
        articles.append(Article(
            id=article_id, text="\n".join(paragraphs), paragraphs=paragraphs,
            outlet=raw.outlet or outlets.get(article_id) or default_id(raw.source),
            url=raw.url, title=raw.title, published=day, story=raw.story, source=raw.source,
            non_article=reason))
    return articles, problems
