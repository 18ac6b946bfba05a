"""Clustering scores against gold labels: BCubed precision/recall/F1 and pairwise F1.

BCubed (Bagga and Baldwin 1998; Amigó et al. 2009) averages, over items, how much of an
item's predicted cluster shares its gold label and how much of its gold cluster it was put
with; pairwise F1 counts item pairs placed together. Both come from the contingency table,
so they cost O(items), not O(items²).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass
class Scores:
    """BCubed and pairwise precision, recall and F1 of one clustering."""

    bcubed_p: float
    bcubed_r: float
    bcubed_f1: float
    pair_p: float
    pair_r: float
    pair_f1: float
    clusters: int


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def score(gold: Sequence[str], predicted: Sequence[str]) -> Scores:
    """Scores of `predicted` cluster labels against `gold` labels (same order, same length)."""
    if len(gold) != len(predicted):
        raise ValueError(f"{len(gold)} gold labels but {len(predicted)} predicted")
    cells = Counter(zip(gold, predicted, strict=True))
    gold_sizes = Counter(gold)
    pred_sizes = Counter(predicted)
    n = len(gold)
    precision = sum(c * c / pred_sizes[p] for (_, p), c in cells.items()) / n
    recall = sum(c * c / gold_sizes[g] for (g, _), c in cells.items()) / n
    together = sum(c * (c - 1) / 2 for c in cells.values())
    pred_pairs = sum(s * (s - 1) / 2 for s in pred_sizes.values())
    gold_pairs = sum(s * (s - 1) / 2 for s in gold_sizes.values())
    pair_p = together / pred_pairs if pred_pairs else 1.0
    pair_r = together / gold_pairs if gold_pairs else 1.0
    return Scores(precision, recall, _f1(precision, recall), pair_p, pair_r,
                  _f1(pair_p, pair_r), len(pred_sizes))
