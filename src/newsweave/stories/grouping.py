"""Builds Story objects from articles: drops syndicated copies, parses, embeds sentences."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import numpy as np
from spacy.language import Language

from newsweave.embed import DIM, Embedder
from newsweave.model import UNLABELLED_STORY, Article, Document, Story
from newsweave.stories.dedup import find_copies
from newsweave.text import prepare

UNLABELLED = UNLABELLED_STORY  # the id of the one story of articles without a `story` field


def group_by_story(articles: Sequence[Article]) -> dict[str, list[Article]]:
    """Articles grouped by their `story` field, in order of first appearance."""
    groups: dict[str, list[Article]] = {}
    for a in articles:
        groups.setdefault(a.story or UNLABELLED, []).append(a)
    return groups


def build_story(story_id: str, articles: Sequence[Article], nlp: Language,
                embedder: Embedder) -> Story:
    """A Story of the original articles; copies are recorded in `duplicates`."""
    return story_from_documents(story_id, list(prepare(articles, nlp=nlp)), embedder)


def story_from_documents(story_id: str, parsed: Sequence[Document], embedder: Embedder) -> Story:
    """A Story of articles the text stage has parsed already (`report` parses a whole batch
    in one pass); copies are recorded in `duplicates`."""
    copies = find_copies([d.article for d in parsed])
    documents = [d for d in parsed if d.id not in copies]
    sentences = [s for d in documents for s in d.sentences]
    vectors = (embedder.encode([s.text for s in sentences]) if sentences
               else np.zeros((0, DIM), dtype=np.float32))
    return Story(id=story_id, documents=documents, sentences=sentences, vectors=vectors,
                 cosines=embedder.cosines,
                 duplicates=copies, copies=[d for d in parsed if d.id in copies],
                 articles=[d.article for d in parsed])


def split_into_stories(articles: Sequence[Article]) -> list[Article]:
    """The articles with the story `newsweave stories` would file each in, where their
    `story` field does not already say; left as they are when that makes one story. An
    article the stage does not store stays a story of its own."""
    from newsweave.stories.stream import stories_in_fresh_store  # only `report` splits

    unlabelled = [a for a in articles if not a.story]
    if len(unlabelled) < 2:
        return list(articles)
    story_of, _ = stories_in_fresh_store(unlabelled)
    if len({story_of.get(a.id, a.id) for a in unlabelled}) == 1:
        return list(articles)
    return [a if a.story else replace(a, story=story_of.get(a.id, a.id)) for a in articles]
