"""Analyse stage: a Story -> its StoryReport (claims, conflicts, summary, quotes, timeline,
framing, entities). `analyse_story` is the entry point; each part has a module of its own,
named alike (`claims.analyse_claims`, `conflicts.analyse_conflicts`, ...)."""

from __future__ import annotations

from newsweave.analyse.claims import analyse_claims, judge_story, link_conflicts
from newsweave.analyse.conflicts import analyse_conflicts
from newsweave.analyse.entities import analyse_entities
from newsweave.analyse.framing import analyse_framing
from newsweave.analyse.quotes import analyse_quotes
from newsweave.analyse.summary import analyse_summary
from newsweave.analyse.timeline import analyse_timeline
from newsweave.embed import Embedder
from newsweave.model import (
    UNKNOWN_OUTLET,
    Article,
    ArticleInfo,
    Framing,
    Story,
    StoryReport,
    SummarySentence,
)

DEFAULT_WORDS = 100
SECTIONS = frozenset({"summary", "claims", "conflicts", "framing", "quotes", "timeline",
                      "entities"})

__all__ = ["DEFAULT_WORDS", "SECTIONS", "analyse_story"]


def analyse_story(story: Story, words: int, embedder: Embedder,
                  sections: frozenset[str] = SECTIONS) -> StoryReport:
    """What newsweave reports about one story (the requested sections)."""
    articles = story.articles
    entities, index = analyse_entities(story.documents)

    def canonical(name: str) -> str:
        return index.canonical(name) or name

    # One judgement, on the story's candidate pairs in one batch, for claims, citations and
    # conflicts alike.
    judged = judge_story(story, embedder.encode, canonical)
    conflicts = analyse_conflicts(story, judged, canonical, embedder.encode)
    claims = link_conflicts(story, analyse_claims(story, judged), conflicts)
    if "conflicts" not in sections:  # still disputed, but there is no conflict to link to
        for claim in claims:
            claim.conflicts = []
    summary = analyse_summary(story, claims, words, judged) if "summary" in sections else []
    return StoryReport(
        id=story.id,
        headline=_headline(articles, summary),
        articles=[_info(a, story.duplicates.get(a.id)) for a in articles],
        summary=summary,
        claims=claims if "claims" in sections else [],
        conflicts=conflicts if "conflicts" in sections else [],
        framing=analyse_framing(story, embedder) if "framing" in sections else Framing(),
        quotes=analyse_quotes(story.documents, index) if "quotes" in sections else [],
        timeline=analyse_timeline(story.documents) if "timeline" in sections else [],
        entities=entities if "entities" in sections else [],
        sections=sorted(sections),
    )


def _headline(articles: list[Article], summary: list[SummarySentence]) -> str:
    """What the story is called: its first source's title, else its summary's first sentence
    (a reader scanning many stories needs words, not an id)."""
    title = next((a.title.strip() for a in articles if a.title and a.title.strip()), None)
    if title:
        return title
    return summary[0].text if summary else ""


def _info(article: Article, duplicate_of: str | None) -> ArticleInfo:
    return ArticleInfo(id=article.id, outlet=article.outlet or UNKNOWN_OUTLET, title=article.title,
                       url=article.url,
                       published=article.published.isoformat() if article.published else None,
                       duplicate_of=duplicate_of, input=article.source or None)
