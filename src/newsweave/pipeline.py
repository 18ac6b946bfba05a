"""The report pipeline: articles -> text -> stories -> analyse -> Report, loading the models
once (the stages themselves live in their folders; this only chains them)."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Sequence

from spacy.language import Language

from newsweave.analyse import DEFAULT_WORDS, SECTIONS, analyse_story
from newsweave.embed import Embedder, default_embedder
from newsweave.model import Article, Problem, Report
from newsweave.stories.grouping import group_by_story, story_from_documents
from newsweave.text import prepare


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
        story = story_from_documents(story_id, documents, embedder)
        stories.append(analyse_story(story, words, embedder, wanted))
        if on_story:
            on_story(story_id)
    return Report(stories=stories, problems=list(problems))
