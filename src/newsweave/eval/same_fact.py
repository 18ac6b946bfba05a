"""The same-fact benchmark on the Microsoft Research Paraphrase Corpus (train split): the
same-fact model against TF-IDF and embedding cosine at their best thresholds, all chosen on
the training folds of a 5-fold cross-validation with a fixed seed.

MSRP pairs are sentences of different outlets about one event, labelled paraphrase (the
same fact) or not by people; `same` and `conflict` both count as the same fact.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import accuracy_score, f1_score, precision_score, recall_score
from sklearn.model_selection import StratifiedKFold

from newsweave.analyse.match import Featured, SameFact, featurize, sides
from newsweave.embed import default_embedder

FOLDS = 5
PRECISION = 0.85  # issue 25's target for the precision of `same`
SEED = 0
MODEL = "same-fact model"
STRICT = f"same-fact model, precision {PRECISION:.2f} on the training folds"
CLAIMS_TODAY = "embedding cosine at claims' threshold"  # fixed, nothing fitted
METRICS = ("accuracy", "F1", "precision", "recall")


@dataclass
class Pairs:
    """MSRP pairs: ids, both sentences and the human label (True = paraphrase)."""

    ids: list[str]
    a: list[str]
    b: list[str]
    same: np.ndarray

    def __getitem__(self, index: slice) -> Pairs:
        return Pairs(self.ids[index], self.a[index], self.b[index], self.same[index])


def read_msrp(path: Path) -> Pairs:
    """The pairs of an MSRP file (TSV with a BOM and a header; quoting off: the sentences
    hold unbalanced quotation marks)."""
    ids, a, b, same = [], [], [], []
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        next(reader)
        for quality, id1, id2, s1, s2 in reader:
            ids.append(f"{id1}-{id2}")
            a.append(s1)
            b.append(s2)
            same.append(quality == "1")
    return Pairs(ids, a, b, np.array(same))


def read_pairs(pairs: Pairs) -> Featured:
    """Parse, encode and featurize every pair (rewordings judged by the default embedder)."""
    side_a = sides(pairs.a, [f"{i}/a" for i in pairs.ids])
    side_b = sides(pairs.b, [f"{i}/b" for i in pairs.ids])
    embedder = default_embedder()
    return featurize(zip(side_a, side_b, strict=True), embedder.encode, embedder.cosines)


def _best_threshold(scores: np.ndarray, same: np.ndarray) -> float:
    """The cut on a similarity that is most accurate on the given (training) pairs."""
    cuts = np.unique(scores)
    accuracy = [np.mean((scores >= c) == same) for c in cuts]
    return float(cuts[int(np.argmax(accuracy))])


def _tfidf_cosines(pairs: Pairs, train: np.ndarray, test: np.ndarray
                   ) -> tuple[np.ndarray, np.ndarray]:
    """TF-IDF cosine of each pair, the vocabulary and IDF learned on the training pairs."""
    vectorizer = TfidfVectorizer(sublinear_tf=True).fit(
        [pairs.a[i] for i in train] + [pairs.b[i] for i in train])

    def cos(index: np.ndarray) -> np.ndarray:
        va = vectorizer.transform([pairs.a[i] for i in index])
        vb = vectorizer.transform([pairs.b[i] for i in index])
        return np.asarray(va.multiply(vb).sum(axis=1)).ravel()
    return cos(train), cos(test)


def strict_threshold(model: SameFact, featured: Featured, same: np.ndarray,
                     precision: float = PRECISION) -> float:
    """The lowest probability cut at which the model's own training pairs reach `precision`
    (the model asked for fewer, surer `same` verdicts)."""
    p = model.predict_proba(featured)[:, 1]
    for cut in np.unique(p):
        said = p >= cut
        if same[said].mean() >= precision:
            return float(cut)
    return 1.0


def cross_validate(pairs: Pairs, featured: Featured, folds: int = FOLDS, seed: int = SEED,
                   progress: Callable[[str], None] | None = None) -> dict[str, dict[str, float]]:
    """Each system's out-of-fold metrics (same fact = positive)."""
    cosine = featured.rows[:, 0]
    said = {name: np.zeros(len(pairs.ids), dtype=bool)
            for name in ("TF-IDF cosine", "embedding cosine", CLAIMS_TODAY, MODEL, STRICT)}
    said[CLAIMS_TODAY] = cosine >= default_embedder().cosines.same_fact
    splitter = StratifiedKFold(folds, shuffle=True, random_state=seed)
    for k, (train, test) in enumerate(splitter.split(np.zeros(len(pairs.same)), pairs.same)):
        tf_train, tf_test = _tfidf_cosines(pairs, train, test)
        said["TF-IDF cosine"][test] = tf_test >= _best_threshold(tf_train, pairs.same[train])
        cut = _best_threshold(cosine[train], pairs.same[train])
        said["embedding cosine"][test] = cosine[test] >= cut
        model = SameFact().fit(featured[train], pairs.same[train])
        said[MODEL][test] = model.predict(featured[test]) != "different"
        model.set_params(threshold=strict_threshold(model, featured[train], pairs.same[train]))
        said[STRICT][test] = model.predict(featured[test]) != "different"
        if progress:
            progress(f"fold {k + 1}/{folds} done")
    return {name: {"accuracy": accuracy_score(pairs.same, s), "F1": f1_score(pairs.same, s),
                   "precision": precision_score(pairs.same, s),
                   "recall": recall_score(pairs.same, s)} for name, s in said.items()}


def table(results: dict[str, dict[str, float]]) -> str:
    """A Markdown table of the metrics, with each system's accuracy and F1 over the best
    baseline's."""
    baselines = [v for k, v in results.items() if k not in (MODEL, STRICT)]
    best = {x: max(v[x] for v in baselines) for x in ("accuracy", "F1")}
    lines = ["| system | accuracy | F1 | precision (same) | recall | accuracy / best "
             "baseline | F1 / best baseline |", "| --- |" + " ---: |" * 6]
    for name, m in results.items():
        lines.append(f"| {name} | " + " | ".join(f"{m[x]:.3f}" for x in METRICS)
                     + f" | {m['accuracy'] / best['accuracy']:.3f}"
                     + f" | {m['F1'] / best['F1']:.3f} |")
    return "\n".join(lines)

