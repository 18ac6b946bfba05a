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
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache

import numpy as np
from scipy import sparse

from newsweave.embed import DIM
from newsweave.model import Article
from newsweave.stories.dedup import CopyFinder, signatures, to_bytes
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
    not a non-article) needs to be filed: its MinHash signature and word counts (row k
    belongs to the k-th candidate), and the vectors of the headlines of the candidates that
    copy no earlier article of the batch (`encoded`, in the order they were encoded)."""

    articles: list[Article]
    days: list[date | None]
    signatures: list[bytes]
    counts: sparse.csr_matrix
    encoded: list[str]
    title_vectors_by_text: dict[str, np.ndarray]
    seconds: dict[str, float] = field(default_factory=dict)  # per stage, see `timed`

    def select(self, keep: Sequence[int]) -> PreparedBatch:
        """The batch cut down to the articles at positions `keep` (ascending)."""
        row = np.cumsum([not a.non_article for a in self.articles]) - 1
        rows = [int(row[k]) for k in keep if not self.articles[k].non_article]
        return replace(self, articles=[self.articles[k] for k in keep],
                       days=[self.days[k] for k in keep],
                       signatures=[self.signatures[r] for r in rows], counts=self.counts[rows])

    def title_vectors(self, originals: Sequence[Article]) -> np.ndarray | None:
        """The headline vectors of the batch's originals as the vectorizer encodes them, if
        the headlines encoded here are theirs (None when an article of an earlier batch was
        copied with another headline: the encoder's batches, hence its rounding, differ)."""
        if list(dict.fromkeys(a.title for a in originals if a.title)) != self.encoded:
            return None
        out = np.zeros((len(originals), DIM), dtype=np.float32)
        for k, a in enumerate(originals):
            if a.title:
                out[k] = self.title_vectors_by_text[a.title]
        return out


def prepare_batch(articles: Sequence[Article], days: Sequence[date | None],
                  params: tuple[int, int, float, float], sessions: int | None = None
                  ) -> PreparedBatch:
    """Count and sign a batch's candidates, and embed the headlines of those that copy no
    earlier article of the batch, under a vectorizer of settings `params`
    (`ArticleVectorizer.params`) with `sessions` encoder sessions (all cores by default; a
    Dask worker thread asks for one). Which articles are copies of earlier batches is known
    only in the ordered step; a headline's vector depends on the headlines encoded beside it
    (int8 activations are scaled per encoder batch), so the ordered step encodes a batch's
    headlines again when a copy of an earlier batch changed that set (`title_vectors`)."""
    vectorizer = _vectorizer(params)
    candidates = [a for a in articles if not a.non_article]
    seconds: dict[str, float] = {}
    with timed(seconds, "parse"):
        counts = (vectorizer.counts(candidates) if candidates else
                  sparse.csr_matrix((0, vectorizer.n_features), dtype=np.float32))
    with timed(seconds, "minhash"):
        sigs = signatures([a.text for a in candidates])
        within = CopyFinder()
        originals = []
        for a, sig in zip(candidates, sigs, strict=True):
            if not within.origin_of(sig):
                within.add(a.id, sig)
                originals.append(a)
    with timed(seconds, "embed"):
        titled = [a for a in originals if a.title] if vectorizer.title_share else []
        vectors = vectorizer.title_vectors(titled, sessions)
    return PreparedBatch(list(articles), list(days), [to_bytes(s) for s in sigs], counts,
                         list(dict.fromkeys(a.title for a in titled)),
                         {a.title: v for a, v in zip(titled, vectors, strict=True)}, seconds)


@lru_cache(maxsize=4)
def _vectorizer(params: tuple[int, int, float, float]) -> ArticleVectorizer:
    """One vectorizer per settings and process: its hashing and encoder load once, not once a
    task (it counts nothing here; only `counts` and `title_vectors` are called)."""
    return ArticleVectorizer(*params)
