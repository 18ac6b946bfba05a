"""The part of filing a batch of articles that depends on the batch alone: word counts
(text preparation), headline vectors (embedding) and MinHash signatures. It is a pure
function of the articles and the vectorizer's settings, so it may run in this process or
as a task on a Dask worker (`newsweave.scale`); the assignment to stories, which depends on
everything filed before, stays one ordered step in the client (`StoryStream`).
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

import numpy as np
from scipy import sparse

from newsweave.model import Article
from newsweave.stories.dedup import signatures, to_bytes
from newsweave.stories.features import ArticleVectorizer


@contextmanager
def timed(seconds: dict[str, float], stage: str) -> Iterator[None]:
    """Add the wall seconds of the block to seconds[stage] and its process CPU seconds to
    seconds[stage + " cpu"] (CPU time says what a stage costs on a loaded machine too)."""
    wall, cpu = time.perf_counter(), time.process_time()
    yield
    for key, spent in ((stage, time.perf_counter() - wall),
                       (f"{stage} cpu", time.process_time() - cpu)):
        seconds[key] = seconds.get(key, 0.0) + spent


@dataclass
class PreparedBatch:
    """A batch of articles in publication order with what each candidate (an article that is
    not a non-article) needs to be filed: its MinHash signature, word counts, name marks,
    headline vector (row k of each belongs to the k-th candidate)."""

    articles: list[Article]
    days: list[date | None]
    signatures: list[bytes]
    counts: sparse.csr_matrix
    names: sparse.csr_matrix
    titles: np.ndarray
    seconds: dict[str, float] = field(default_factory=dict)  # per stage, see `timed`

    def select(self, keep: Sequence[int]) -> PreparedBatch:
        """The batch cut down to the articles at positions `keep` (ascending)."""
        row = np.cumsum([not a.non_article for a in self.articles]) - 1
        rows = [int(row[k]) for k in keep if not self.articles[k].non_article]
        return PreparedBatch([self.articles[k] for k in keep], [self.days[k] for k in keep],
                             [self.signatures[r] for r in rows], self.counts[rows],
                             self.names[rows], self.titles[rows], self.seconds)


def prepare_batch(articles: Sequence[Article], days: Sequence[date | None],
                  params: tuple[int, int, float, float], sessions: int | None = None
                  ) -> PreparedBatch:
    """Count, embed and sign a batch's candidates under a vectorizer of settings `params`
    (`ArticleVectorizer.params`); `sessions` encoder sessions (all cores by default; a Dask
    worker thread asks for one). Every candidate is counted and embedded, copies too: which
    ones are copies is known only in the ordered step, and a headline's vector depends on the
    headlines encoded beside it (int8 activations are scaled per encoder batch)."""
    vectorizer = _vectorizer(params)
    candidates = [a for a in articles if not a.non_article]
    seconds: dict[str, float] = {}
    with timed(seconds, "parse"):
        counts, names = vectorizer.counts_and_names(candidates)
        if not candidates:
            counts = sparse.csr_matrix((0, vectorizer.n_features), dtype=np.float32)
    with timed(seconds, "embed"):
        titles = vectorizer.title_vectors(candidates, sessions)
    with timed(seconds, "minhash"):
        sigs = [to_bytes(s) for s in signatures([a.text for a in candidates])]
    return PreparedBatch(list(articles), list(days), sigs, counts, names, titles, seconds)


@lru_cache(maxsize=4)
def _vectorizer(params: tuple[int, int, float, float]) -> ArticleVectorizer:
    """One vectorizer per settings and process: its hashing and encoder load once, not once a
    task (it counts nothing here; only `counts` and `title_vectors` are called)."""
    return ArticleVectorizer(*params)
