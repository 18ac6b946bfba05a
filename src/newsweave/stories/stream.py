"""The `stories` stage over a store: articles in publication order, batch by batch, into
syndicated-copy groups and incrementally clustered stories, each batch saved atomically.

An article without a publication date is placed in time by the date its lead states (a
dateline, a caption), if any. Pages that are not news are stored aside; a copy of an earlier
text joins its origin's story and never counts as a member of its own; an id already stored
with the same text is left alone, so a resumed or repeated run adds only what is new.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import Path

import numpy as np
from scipy import sparse

from newsweave.model import Article, Problem
from newsweave.store import Store, StoredArticle
from newsweave.stories.clustering import StoryClusterer
from newsweave.stories.dedup import SHINGLE_HASH, CopyFinder, from_bytes, signatures, to_bytes
from newsweave.stories.features import ArticleVectorizer
from newsweave.stories.prepared import PreparedBatch, prepare_batch, timed
from newsweave.text.datelines import stated_date

BATCH_SIZE = 256  # articles per transaction: a kill loses at most one batch's work
# `newsweave stories` reads its input this many articles at a time and files each such chunk
# in publication order: memory stays bounded, and order holds within a chunk.
CHUNK = 20_000
# How batches are prepared: an ordered map (the built-in `map` in this process, or
# `newsweave.scale`'s over Dask tasks) and the encoder sessions a task asks for.
Runner = Callable[[Callable, Iterable], Iterator]


@dataclass
class Added:
    """What one run added to the store."""

    articles: int = 0
    copies: int = 0
    non_articles: int = 0
    already_stored: int = 0
    new_stories: int = 0
    merged_stories: int = 0
    problems: list[Problem] = field(default_factory=list)
    # wall and CPU seconds per stage (`prepared.timed`): parse, embed, minhash (summed over
    # the processes that prepared the batches), assign and store (this process)
    seconds: dict[str, float] = field(default_factory=dict)

    def merge(self, other: Added) -> None:
        """Count another run's additions into this one."""
        for name in ("articles", "copies", "non_articles", "already_stored", "new_stories",
                     "merged_stories"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.problems += other.problems
        self.time(other.seconds)

    def time(self, seconds: dict[str, float]) -> None:
        """Add time spent per stage."""
        for stage, spent in seconds.items():
            self.seconds[stage] = self.seconds.get(stage, 0.0) + spent


class StoryStream:
    """Adds articles to the stories of a store, carrying on from what it holds."""

    def __init__(self, store: Store, clusterer: StoryClusterer | None = None,
                 vectorizer: ArticleVectorizer | None = None) -> None:
        self.store = store
        self.vectorizer = vectorizer or ArticleVectorizer()
        self.clusterer = clusterer or StoryClusterer()
        self.clusterer.dense_from = self.vectorizer.dense_from  # headline columns
        self.clusterer.marks_from = self.vectorizer.n_features  # name marks (contrast)
        if store.state("shingle_hash") != SHINGLE_HASH.encode():
            store.rehash_signatures(lambda texts: [to_bytes(s) for s in signatures(texts)],
                                    {"shingle_hash": SHINGLE_HASH.encode()})
        with store.snapshot():
            self._load()
            rebuild = (store.state("df") is not None
                       and store.state("vectors") != self.vectorizer.format.encode())
        if rebuild:
            with store.writing():
                self._rebuild_centroids()
                self._load()

    def _load(self) -> None:
        """Read the store's state (copy index, memberships, counts, story centroids) into
        memory, as of now; `_version` tells later whether another writer has committed."""
        store = self.store
        self._version: int | None = store.data_version()
        self.copies = CopyFinder()
        self.story_of: dict[str, str] = store.memberships()
        for article_id, values in store.signatures():
            self.copies.add(article_id, from_bytes(values))
        self.seq_of: dict[str, int] = store.sequence_numbers()
        self.vectorizer.load_state({k: store.state(k) for k in ArticleVectorizer.STATE_KEYS})
        number = store.state("next_story")
        self.clusterer.load(store.saved_stories(self.vectorizer.width),
                            int(number) if number else 1)

    def _rebuild_centroids(self) -> None:
        """A store whose centroids were built another way (before headlines were embedded):
        count its headlines, then sum each live story's vectors anew, in one transaction."""
        members = self.store.origin_members()
        ids = list(members)
        vectors = self.vectorizer.refit_titles_transform([a for s in ids for a in members[s]])
        owner = np.repeat(np.arange(len(ids)), [len(members[s]) for s in ids])
        onehot = sparse.csr_matrix((np.ones(len(owner), dtype=np.float32),
                                    (owner, np.arange(len(owner)))),
                                   shape=(len(ids), vectors.shape[0]))
        sums = (onehot @ vectors).tocsr()
        self.store.replace_centroids({s: sums[k] for k, s in enumerate(ids)},
                                     self.vectorizer.state())

    def add(self, articles: Sequence[Article], batch_size: int = BATCH_SIZE,
            on_batch: Callable[[int], None] | None = None,
            runner: Runner | None = None) -> Added:
        """Store and cluster the articles that are not stored yet; `on_batch(n)` after each
        committed batch of n articles. `runner` maps the batch preparation (counts, headline
        vectors, signatures) over the batches in order, elsewhere perhaps (Dask); the
        assignment to stories stays here, batch after batch, so the stories are the same."""
        added = Added()
        fresh = self._fresh(articles, added)
        days = [a.published or stated_date(a.text) for a in fresh]
        order = sorted(range(len(fresh)), key=lambda i: (days[i] or date.max, i))
        batches = (([fresh[i] for i in chunk], [days[i] for i in chunk])
                   for chunk in (order[lo:lo + batch_size]
                                 for lo in range(0, len(order), batch_size)))
        task = partial(_prepare, params=self.vectorizer.params,
                       sessions=1 if runner else None)
        try:
            for prepared in (runner or map)(task, batches):
                self._add_batch(prepared, added)
                if on_batch:
                    on_batch(len(prepared.articles))
        except Exception as exc:  # the store gave out, or the cluster preparing batches
            exc.added = added  # what was committed before
            raise
        return added

    def _fresh(self, articles: Sequence[Article], added: Added) -> list[Article]:
        stored = self.store.texts_by_id([a.id for a in articles])
        fresh, seen = [], {}
        for a in articles:
            if a.id in stored or a.id in seen:
                if stored.get(a.id, seen.get(a.id)) == a.text:
                    added.already_stored += 1
                else:
                    added.problems.append(Problem(
                        a.source or a.id, f"id {a.id!r} is already stored with another text; "
                                          "skipped (give the article a new id)"))
                continue
            seen[a.id] = a.text
            fresh.append(a)
        return fresh

    def _add_batch(self, prepared: PreparedBatch, added: Added) -> None:
        """One batch under the write lock: reload what another writer committed since, drop
        what it stored meanwhile, then cluster and save; all or nothing."""
        added.time(prepared.seconds)
        try:
            with self.store.writing():
                if self.store.data_version() != self._version:
                    self._load()
                keep = {id(a) for a in self._fresh(prepared.articles, added)}
                kept = prepared.select([k for k, a in enumerate(prepared.articles)
                                        if id(a) in keep])
                if kept.articles:
                    self._cluster_and_save(kept, added)
        except BaseException:
            self._version = None  # memory is ahead of the rolled-back file: reload
            raise

    def _cluster_and_save(self, prepared: PreparedBatch, added: Added) -> None:
        with timed(added.seconds, "assign"):
            rows, originals, copy_of, memberships, result = self._assign(prepared)
        with timed(added.seconds, "store"):
            self.store.save_batch(rows, result.touched if result else [], memberships,
                                  result.merged if result else {},
                                  {**self.vectorizer.state(),
                                   "next_story": str(self.clusterer.next_number).encode()})
        added.articles += len(originals)
        added.copies += len(copy_of)
        added.non_articles += len(prepared.articles) - len(originals) - len(copy_of)
        if result:
            added.new_stories += len(result.created)
            added.merged_stories += len(result.merged)

    def _assign(self, prepared: PreparedBatch) -> tuple:
        """Copies found and originals clustered, in memory: the rows to store, the positions
        of the originals, each copy's origin, the memberships and the clustering's result."""
        batch = prepared.articles
        seq = self.store.next_seq()
        rows: list[StoredArticle] = []
        originals: list[int] = []  # positions of the articles that copy no earlier text
        copy_of: dict[str, str] = {}
        sigs = iter(prepared.signatures)
        for k, a in enumerate(batch):
            if a.non_article:
                rows.append(StoredArticle(a, seq + k, "non_article", reason=a.non_article))
                continue
            blob = next(sigs)
            sig = from_bytes(blob)
            origins = self.copies.origin_of(sig)
            if origins:
                copy_of[a.id] = min(origins, key=self.seq_of.__getitem__)
                rows.append(StoredArticle(a, seq + k, "copy", origin=copy_of[a.id]))
            else:
                self.copies.add(a.id, sig)
                originals.append(k)
                rows.append(StoredArticle(a, seq + k, "article", signature=blob))
            self.seq_of[a.id] = seq + k
        memberships: list[tuple[str, str]] = []
        result = None
        if originals:
            cut = prepared.select(originals)
            vectors = self.vectorizer.fit_features(cut.counts, cut.titles, cut.names)
            result = self.clusterer.partial_fit(vectors, cut.days)
            for a, story in zip(cut.articles, result.stories, strict=True):
                self.story_of[a.id] = story
                memberships.append((a.id, story))
        for copy, origin in copy_of.items():
            story = self.clusterer.resolve(self.story_of[origin])
            self.story_of[copy] = story
            memberships.append((copy, story))
        return rows, originals, copy_of, memberships, result


def _prepare(batch: tuple[list[Article], list[date | None]],
             params: tuple[int, int, float, float], sessions: int | None) -> PreparedBatch:
    """`prepare_batch` of one (articles, days) pair: the task `add` maps over its batches."""
    return prepare_batch(*batch, params=params, sessions=sessions)


def stories_in_fresh_store(articles: Sequence[Article]) -> tuple[dict[str, str], Added]:
    """Each article's story as `newsweave stories` files it into a new store (a temporary
    SQLite file, removed after), and what the run added: the stage's own grouping, for a
    report's articles or a benchmark's. Articles it sets aside are not in the map."""
    with tempfile.TemporaryDirectory(prefix="newsweave-") as tmp, \
            Store(Path(tmp) / "stories.db") as store:
        added = StoryStream(store).add(articles)
        return {aid: s.id for s in store.stories() for aid in s.articles}, added
