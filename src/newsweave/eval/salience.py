"""Trains the sentence-salience model of the summary stage on development clusters.

A sentence's target is how much of the cluster's human summaries it covers per word
(ROUGE-1 plus ROUGE-2 recall, tokenized and stemmed as rouge-score does, divided by its
length), scaled so the best sentence of its cluster scores 1. Only development sets
(DUC 2003 and the Multi-News sample) are used; DUC 2004 is never seen.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.ensemble import HistGradientBoostingRegressor
from spacy.tokens import Span

from newsweave.analyse import model_file, salience
from newsweave.analyse.claims import analyse_claims
from newsweave.embed import default_embedder
from newsweave.eval.datasets import Cluster
from newsweave.model import Claim, Story
from newsweave.stories.grouping import build_story
from newsweave.text import nlp as nlp_loader


def _grams(tokens: list[str], n: int) -> Counter:
    return Counter(tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1))


def targets(story: Story, references: Sequence[str]) -> np.ndarray:
    """Each sentence's ROUGE-1 + ROUGE-2 recall per word against the references, scaled so
    the cluster's best sentence is 1."""
    from rouge_score.tokenizers import DefaultTokenizer

    tokenizer = DefaultTokenizer(use_stemmer=True)
    refs = [tokenizer.tokenize(r) for r in references]
    ref_grams = [(_grams(r, 1), _grams(r, 2)) for r in refs]
    out = []
    for s in story.sentences:
        toks = tokenizer.tokenize(s.text)
        one, two = _grams(toks, 1), _grams(toks, 2)
        recall = np.mean([sum((one & r1).values()) / max(sum(r1.values()), 1)
                          + sum((two & r2).values()) / max(sum(r2.values()), 1)
                          for r1, r2 in ref_grams])
        out.append(recall / max(len(s.text.split()), 1))
    y = np.array(out)
    return y / (y.max() or 1.0)


@dataclass
class Parsed:
    """A development cluster as the summary stage sees it, with its sentences' features and
    training targets."""

    cluster: Cluster
    story: Story
    claims: list[Claim]
    spans: list[Span]
    x: np.ndarray
    y: np.ndarray


def parse(clusters: Sequence[Cluster]) -> list[Parsed]:
    """Each cluster built into a story by the report's stages, with features and targets."""
    nlp, embedder = nlp_loader.load(), default_embedder()
    out = []
    for c in clusters:
        story = build_story(c.id, c.articles, nlp, embedder)
        claims = analyse_claims(story)
        spans = [story.span(i) for i in range(len(story.sentences))]
        out.append(Parsed(c, story, claims, spans, salience.features(story, claims, spans),
                          targets(story, c.references)))
    return out


def training_set(clusters: Sequence[Cluster]) -> tuple[np.ndarray, np.ndarray]:
    """Features and targets of every sentence of the clusters, built by the report's stages."""
    parsed = parse(clusters)
    return np.vstack([p.x for p in parsed]), np.concatenate([p.y for p in parsed])


def fit(x: np.ndarray, y: np.ndarray,
        sample_weight: np.ndarray | None = None) -> HistGradientBoostingRegressor:
    """The regressor with the settings chosen by 5-fold cross-validation on DUC 2003."""
    model = HistGradientBoostingRegressor(max_iter=200, learning_rate=0.05, max_leaf_nodes=15,
                                          min_samples_leaf=40, random_state=0)
    return model.fit(x, y, sample_weight=sample_weight)


def set_weights(sizes: Sequence[int], shares: Sequence[float]) -> np.ndarray:
    """Sample weights giving each training set (`sizes` sentences) its share of the whole,
    so a set of many small clusters does not outweigh one of few large ones; mean 1."""
    w = np.concatenate([np.full(n, share / n) for n, share in zip(sizes, shares, strict=True)])
    return w / w.mean()


def save(model: HistGradientBoostingRegressor, trained_on: Sequence[str],
         path: Path = salience.MODEL_PATH) -> None:
    """Write the model with the scikit-learn version and feature names it was made for and
    the ids of the clusters it learned from."""
    model_file.write(path, model, salience.FEATURES, list(trained_on))
