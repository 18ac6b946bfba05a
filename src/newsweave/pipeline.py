"""The report pipeline: articles -> stories -> analyses -> Report, loading models once."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from spacy.language import Language

from newsweave.analyse.claims import extract_claims
from newsweave.analyse.conflicts import find_conflicts
from newsweave.analyse.entities import build_index
from newsweave.analyse.framing import analyse_framing
from newsweave.analyse.quotes import find_quotes
from newsweave.analyse.summary import summarize
from newsweave.analyse.timeline import build_timeline
from newsweave.embed import Embedder, default_embedder
from newsweave.model import Article, ArticleInfo, Problem, Report, StoryReport
from newsweave.stories import build_story, group_by_story
from newsweave.text import nlp as nlp_loader

DEFAULT_WORDS = 100


def report(articles: Sequence[Article], words: int = DEFAULT_WORDS, *,
           problems: Sequence[Problem] = (), nlp: Language | None = None,
           embedder: Embedder | None = None,
           on_story: Callable[[str], None] | None = None) -> Report:
    """One StoryReport per story (the articles' `story` field; all one story when absent)."""
    nlp = nlp or nlp_loader.load()
    embedder = embedder or default_embedder()
    stories = []
    for story_id, members in group_by_story(articles).items():
        stories.append(report_story(story_id, members, words, nlp, embedder))
        if on_story:
            on_story(story_id)
    return Report(stories=stories, problems=list(problems))


def report_story(story_id: str, articles: Sequence[Article], words: int, nlp: Language,
                 embedder: Embedder) -> StoryReport:
    """Everything newsweave reports about one story's articles."""
    story = build_story(story_id, articles, nlp, embedder)
    claims = extract_claims(story)
    entities, index = build_index(story.documents)
    conflicts = find_conflicts(story, claims, lambda name: index.canonical(name) or name)
    return StoryReport(
        id=story_id,
        articles=[_info(a, story.duplicates.get(a.id)) for a in articles],
        summary=summarize(story, claims, words, conflicts),
        claims=claims,
        conflicts=conflicts,
        framing=analyse_framing(story, embedder),
        quotes=find_quotes(story.documents, index),
        timeline=build_timeline(story.documents),
        entities=entities,
    )


def _info(article: Article, duplicate_of: str | None) -> ArticleInfo:
    return ArticleInfo(id=article.id, outlet=article.outlet, title=article.title,
                       url=article.url,
                       published=article.published.isoformat() if article.published else None,
                       duplicate_of=duplicate_of)
