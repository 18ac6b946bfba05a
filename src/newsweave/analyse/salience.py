"""Scores how summary-worthy each sentence of a story is, from features any story has.

A gradient-boosted regressor (scikit-learn) learned, on the DUC 2003 development clusters,
to predict how much of the human summaries a sentence covers per word, from its position,
length, centrality, how many articles state the same fact and how widely its words and
bigrams are shared (benchmarks/train_salience.py writes `salience.pkl`). The features are
ours because they read newsweave's own stages (claims, embeddings, parsed sentences).
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from spacy.tokens import Span
from threadpoolctl import threadpool_limits

from newsweave.analyse import model_file
from newsweave.analyse.claims import dangles
from newsweave.analyse.similarity import row_blocks
from newsweave.model import Claim, Story

if TYPE_CHECKING:
    from sklearn.ensemble import HistGradientBoostingRegressor

MODEL_PATH = Path(__file__).with_name("salience.pkl")
FEATURES = (
    "relative position", "first sentence", "log index", "paragraph", "words", "log words",
    "centrality", "similarity to leads", "support share", "support", "mean word spread",
    "total word spread", "mean bigram spread", "total bigram spread", "shared bigrams",
    "mentions", "person mentions", "place mentions", "quoted", "dangling", "question",
    "sixth nearest similarity", "close sentences per article", "has digits", "articles",
    "log sentences", "similarity to own lead", "similarity to own article", "article sentences",
    "best match per other article", "entity spread",
)


def concepts(span: Span) -> set[tuple[str, str]]:
    """Lemma bigrams of the sentence that are not made of stop words alone."""
    toks = [(t.lemma_.lower(), t.is_stop) for t in span if not (t.is_punct or t.is_space)]
    return {(a, b) for (a, sa), (b, sb) in itertools.pairwise(toks) if not (sa and sb)}


def features(story: Story, claims: Sequence[Claim], spans: Sequence[Span]) -> np.ndarray:
    """One row of FEATURES per sentence of the story (spans are the sentences' spaCy spans)."""
    sents = story.sentences
    n, n_docs = len(sents), len(story.documents) or 1
    words = [[t.lemma_.lower() for t in sp if not (t.is_punct or t.is_space or t.is_stop)]
             for sp in spans]
    bigrams = [concepts(sp) for sp in spans]
    first_seen: dict[str, list[int]] = {}
    for i, s in enumerate(sents):
        first_seen.setdefault(s.article_id, []).append(i)
    # articles by their last sentence, last first: the order the features were trained with
    # (float sums over articles depend on it)
    members = {a: first_seen[a] for a in sorted(first_seen, key=lambda a: -first_seen[a][-1])}
    word_df, bigram_df, entity_df = Counter(), Counter(), Counter()
    for rows in members.values():
        word_df.update({w for i in rows for w in words[i]})
        bigram_df.update({b for i in rows for b in bigrams[i]})
        entity_df.update({m.text.lower() for i in rows for m in sents[i].mentions})
    sizes = {a: len(rows) for a, rows in members.items()}
    support = np.ones(n)
    for claim in claims:
        for st in claim.statements:
            support[story.row(st.source, st.sentence)] = len({x.source for x in claim.statements})
    vecs = story.vectors
    centrality = vecs @ _unit(vecs.mean(axis=0))
    lead_of = {a: rows[0] for a, rows in members.items()}
    leads = vecs @ _unit(vecs[list(lead_of.values())].mean(axis=0))
    own = {a: _unit(vecs[rows].mean(axis=0)) for a, rows in members.items()}
    kth = min(6, n)
    nearest, close, to_lead, other_best = _similar(story, members, kth)
    rows = []
    for i, s in enumerate(sents):
        length = len(s.text.split())
        spread = [word_df[w] / n_docs for w in words[i]]
        bspread = [bigram_df[b] / n_docs for b in bigrams[i]]
        rows.append([
            s.index / sizes[s.article_id], float(s.index == 0), math.log1p(s.index),
            float(s.paragraph), length, math.log1p(length),
            float(centrality[i]), float(leads[i]), support[i] / n_docs, support[i],
            float(np.mean(spread)) if spread else 0.0, sum(spread),
            float(np.mean(bspread)) if bspread else 0.0, sum(bspread),
            sum(bigram_df[b] >= 2 for b in bigrams[i]),
            len(s.mentions), sum(m.label == "PERSON" for m in s.mentions),
            sum(m.label in ("GPE", "LOC") for m in s.mentions),
            float('"' in s.text or "“" in s.text), float(dangles(s.text)),
            float(s.text.rstrip().endswith("?")),
            float(nearest[i]) if n > 1 else 0.0, float(close[i]) / n_docs,
            float(any(c.isdigit() for c in s.text)),
            n_docs, math.log(n), float(to_lead[i]),
            float(vecs[i] @ own[s.article_id]), sizes[s.article_id],
            other_best[i] / max(len(members) - 1, 1),
            float(np.mean([entity_df[m.text.lower()] for m in s.mentions])) / n_docs
            if s.mentions else 0.0,
        ])
    return np.array(rows, dtype=np.float64).reshape(n, len(FEATURES))


def _similar(story: Story, members: dict[str, list[int]], kth: int
             ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Per sentence, from its cosines to every sentence (read a block of rows at a time): the
    kth highest, how many pass the near-duplicate cosine, the one to its article's lead, and
    the sum over the other articles of its best cosine to a sentence of each."""
    n = len(story.sentences)
    order = np.fromiter((i for rows in members.values() for i in rows), np.int64, n)
    starts = np.cumsum([0, *(len(rows) for rows in members.values())])[:-1]
    column = np.empty(n, np.int64)
    lead = np.empty(n, np.int64)
    for k, rows in enumerate(members.values()):
        column[rows], lead[rows] = k, rows[0]
    nearest, close, to_lead, other_best = (np.zeros(n) for _ in range(4))
    for lo, sim in row_blocks(story.vectors):
        hi = lo + len(sim)
        span = np.arange(hi - lo)
        nearest[lo:hi] = np.partition(sim, n - kth, axis=1)[:, n - kth]
        close[lo:hi] = (sim > story.cosines.near_duplicate).sum(axis=1)
        to_lead[lo:hi] = sim[span, lead[lo:hi]]
        best = np.maximum.reduceat(sim[:, order], starts, axis=1)
        other_best[lo:hi] = best.sum(axis=1) - best[span, column[lo:hi]]
    return nearest, close, to_lead, other_best


def _unit(v: np.ndarray) -> np.ndarray:
    return v / (np.linalg.norm(v) or 1.0)


def scores(story: Story, claims: Sequence[Claim], spans: Sequence[Span],
           model: HistGradientBoostingRegressor | None = None) -> np.ndarray:
    """Each sentence's predicted worth to a summary (predicted worth per word times its
    words), scaled so the best one scores 1; by the shipped model unless given another
    (cross-validation passes one that never saw the story)."""
    if not story.sentences:
        return np.zeros(0)
    x = features(story, claims, spans)
    # One story's few hundred rows: OpenMP's threads only wait on each other, and while the
    # parser's processes hold the cores their waiting cost 0.25 s a story.
    with threadpool_limits(limits=1, user_api="openmp"):
        worth = (model or load()).predict(x)
    predicted = np.clip(worth, 0.0, None) * x[:, FEATURES.index("words")]
    return predicted / (predicted.max() or 1.0)


def load() -> HistGradientBoostingRegressor:
    """The trained regressor."""
    return _saved()["model"]


def trained_on() -> list[str]:
    """The ids of the clusters the regressor was trained on (benchmarks name the overlap)."""
    return list(_saved()["trained_on"])


@lru_cache(maxsize=1)
def _saved() -> dict:
    """The model file's contents, checked against the scikit-learn version that wrote it."""
    return model_file.read(MODEL_PATH, FEATURES, "benchmarks/train_salience.py")
