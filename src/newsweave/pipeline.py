"""The report pipeline: articles -> stories -> analyses -> Report, loading models once."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Sequence

from spacy.language import Language

from newsweave.analyse.claims import extract_claims
from newsweave.analyse.conflicts import find_conflicts
from newsweave.analyse.entities import build_index
from newsweave.analyse.framing import analyse_framing
from newsweave.analyse.quotes import find_quotes
from newsweave.analyse.summary import summarize
from newsweave.analyse.timeline import build_timeline
from newsweave.embed import Embedder, default_embedder
from newsweave.model import (
    Article,
    ArticleInfo,
    Document,
    Framing,
    Problem,
    Report,
    StoryReport,
    SummarySentence,
)
from newsweave.stories.grouping import group_by_story, story_from_documents
from newsweave.text import prepare

DEFAULT_WORDS = 100
SECTIONS = frozenset({"summary", "claims", "conflicts", "framing", "quotes", "timeline",
                      "entities"})


def report(articles: Sequence[Article], words: int = DEFAULT_WORDS, *,
           problems: Sequence[Problem] = (), nlp: Language | None = None,
           embedder: Embedder | None = None, sections: Iterable[str] = SECTIONS,
           on_story: Callable[[str], None] | None = None) -> Report:
    """One StoryReport per story (the articles' `story` field; all one story when absent).

    `sections` names the parts to compute (all by default); the others are left empty.
    """
    wanted = frozenset(sections)
    if wanted - SECTIONS:
        raise ValueError(f"unknown report sections: {', '.join(sorted(wanted - SECTIONS))}")
    embedder = embedder or default_embedder()
    groups = group_by_story(articles)
    # One parsing pass over all stories (its worker processes start once), read story by story.
    parsed = prepare([a for members in groups.values() for a in members], nlp=nlp)
    stories = []
    for story_id, members in groups.items():
        documents = list(itertools.islice(parsed, len(members)))
        stories.append(report_story(story_id, documents, words, embedder, wanted))
        if on_story:
            on_story(story_id)
    return Report(stories=stories, problems=list(problems))


def report_story(story_id: str, documents: Sequence[Document], words: int, embedder: Embedder,
                 sections: frozenset[str] = SECTIONS) -> StoryReport:
    """What newsweave reports about one story's parsed articles (the requested sections)."""
    articles = [d.article for d in documents]
    story = story_from_documents(story_id, documents, embedder)
    claims = extract_claims(story)
    entities, index = build_index(story.documents)
    conflicts = (find_conflicts(story, claims, lambda name: index.canonical(name) or name,
                                embedder.encode)
                 if sections & {"conflicts", "summary"} else [])
    summary = summarize(story, claims, words, conflicts) if "summary" in sections else []
    return StoryReport(
        id=story_id,
        headline=_headline(articles, summary),
        articles=[_info(a, story.duplicates.get(a.id)) for a in articles],
        summary=summary,
        claims=claims if "claims" in sections else [],
        conflicts=conflicts if "conflicts" in sections else [],
        framing=analyse_framing(story, embedder) if "framing" in sections else Framing(),
        quotes=find_quotes(story.documents, index) if "quotes" in sections else [],
        timeline=build_timeline(story.documents) if "timeline" in sections else [],
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
    return ArticleInfo(id=article.id, outlet=article.outlet, title=article.title,
                       url=article.url,
                       published=article.published.isoformat() if article.published else None,
                       duplicate_of=duplicate_of)
