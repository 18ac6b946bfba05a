"""How far an offline clusterer could get on the clustering sets, whatever its threshold:
every article at once, agglomerative clustering (scipy; average or complete link) over one
similarity, with and without the stories stage's time window (articles further apart kept
apart), the link, threshold and window chosen on the gold labels themselves. That choice is
an oracle, not a method: the figure bounds what the similarity can tell apart, beside what
the stories stage, which sees each article once and never the labels, reaches on the same
articles in the same run.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import squareform
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

from newsweave.eval.cluster_metrics import Scores, score
from newsweave.eval.clustering import TITLES, load, newsweave_labels
from newsweave.model import Article
from newsweave.stories.clustering import WINDOW_DAYS
from newsweave.text.datelines import stated_date

THRESHOLDS = np.round(np.arange(0.02, 0.62, 0.02), 2)  # similarity at which clusters stop
TARGETS = {"mds": 0.95, "uci": 0.90}  # issue 4's BCubed F1 targets (WikiRef: BERTopic + 10)


def newsweave_similarity(articles: Sequence[Article]) -> np.ndarray:
    """Cosines of the stories stage's own article vectors."""
    from newsweave.stories.features import ArticleVectorizer

    vectors = ArticleVectorizer().partial_fit_transform(articles)
    return (vectors @ vectors.T).toarray()


def tfidf_similarity(articles: Sequence[Article]) -> np.ndarray:
    """Cosines of sublinear TF-IDF over title and whole text, fitted on the set."""
    vectors = TfidfVectorizer(sublinear_tf=True, stop_words="english", dtype=np.float32
                              ).fit_transform([f"{a.title or ''} {a.text}" for a in articles])
    return (vectors @ vectors.T).toarray()


def minilm_similarity(articles: Sequence[Article]) -> np.ndarray:
    """Cosines of MiniLM vectors of title and lead, less the set's mean vector (without
    which any two news texts score 0.2 or more)."""
    from newsweave.embed import Embedder

    texts = [" ".join(f"{a.title or ''} {a.text}".split()[:120]) for a in articles]
    vectors = Embedder(batch_size=32, threads=1, sessions=os.cpu_count() or 1).encode(texts)
    centred = normalize(vectors - vectors.mean(axis=0))
    return centred @ centred.T


def mixed_similarity(articles: Sequence[Article]) -> np.ndarray:
    """The mean of the stories stage's cosines and the centred MiniLM ones."""
    return (newsweave_similarity(articles) + minilm_similarity(articles)) / 2


SIMILARITIES: dict[str, Callable[[Sequence[Article]], np.ndarray]] = {
    "newsweave vectors": newsweave_similarity,
    "TF-IDF, whole text": tfidf_similarity,
    "MiniLM, title and lead": minilm_similarity,
    "mean of newsweave and MiniLM": mixed_similarity,
}


LINKS = ("average", "complete")  # single link chains everything; Ward needs Euclidean space


@dataclass
class Ceiling:
    """The best scores any threshold gives one similarity, that threshold, the link, and
    whether the time window was kept."""

    similarity: str
    threshold: float
    link: str
    windowed: bool
    scores: Scores


def ceiling(articles: Sequence[Article], similarity: np.ndarray, name: str = "",
            window_days: int = WINDOW_DAYS) -> Ceiling:
    """Agglomerative clustering of all articles by each link, with and without the window,
    cut at every threshold; the best by BCubed F1."""
    days = [a.published or stated_date(a.text) for a in articles]
    gold = [a.story or "" for a in articles]
    best = None
    for windowed in (False, True):
        distance = 1.0 - np.clip((similarity + similarity.T) / 2, -1.0, 1.0)
        if windowed:
            distance[_far_apart(days, window_days)] = 2.0
        np.fill_diagonal(distance, 0.0)
        condensed = squareform(distance, checks=False)
        for link in LINKS:
            tree = linkage(condensed, method=link)
            for t in THRESHOLDS:
                labels = fcluster(tree, 1.0 - t, criterion="distance")
                scores = score(gold, [str(x) for x in labels])
                if best is None or scores.bcubed_f1 > best.scores.bcubed_f1:
                    best = Ceiling(name, float(t), link, windowed, scores)
    return best


def _far_apart(days: Sequence[date | None], window_days: int) -> np.ndarray:
    """Pairs of dated articles more than the window apart."""
    known = np.array([d is not None for d in days])
    ordinal = np.array([d.toordinal() if d else 0 for d in days], dtype=np.int64)
    gap = np.abs(ordinal[:, None] - ordinal[None, :])
    return (gap > window_days) & known[:, None] & known[None, :]


def run(data: Path, which: Sequence[str] = ("mds", "uci", "wikiref"),
        echo: Callable[[str], None] = print) -> list[tuple[str, Scores, list[Ceiling]]]:
    """One table: per set, the stories stage's BCubed F1 beside each similarity's ceiling."""
    rows = []
    for name in which:
        articles = load(name, data)
        gold = [a.story or "" for a in articles]
        ours = score(gold, newsweave_labels(articles))
        rows.append((name, ours, [ceiling(articles, similarity(articles), label)
                                  for label, similarity in SIMILARITIES.items()]))
    echo("| set | newsweave stories (streaming) | "
         + " | ".join(f"ceiling: {s}" for s in SIMILARITIES) + " | target |")
    echo("|---|---|" + "---|" * len(SIMILARITIES) + "---|")
    for name, ours, ceilings in rows:
        cells = [f"{c.scores.bcubed_f1:.3f} (P {c.scores.bcubed_p:.3f}, R "
                 f"{c.scores.bcubed_r:.3f}; {c.link} link at {c.threshold:.2f}"
                 f"{', window' if c.windowed else ''})" for c in ceilings]
        target = f"{TARGETS[name]:.2f}" if name in TARGETS else "BERTopic + 0.10"
        echo(f"| {TITLES.get(name, name)} | {ours.bcubed_f1:.3f} | " + " | ".join(cells)
             + f" | {target} |")
    return rows
