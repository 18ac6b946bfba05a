"""ROUGE as the benchmarks use it: the `rouge-score` package, Porter stemming, stopwords kept."""

from __future__ import annotations

from collections.abc import Sequence


def truncate(text: str, words: int | None) -> str:
    """The first `words` words of a text (DUC scoring cuts every summary at 100)."""
    return text if words is None else " ".join(text.split()[:words])


def score_clusters(systems: Sequence[str], references: Sequence[Sequence[str]],
                   metrics: Sequence[str], measure: str, words: int | None) -> dict[str, float]:
    """Mean over clusters of the mean over each cluster's references, in percent.

    `measure` is "recall", "precision" or "fmeasure"; `words` cuts the system summaries (the
    references are scored whole, as DUC's published figures are).
    """
    from rouge_score import rouge_scorer

    scorer = rouge_scorer.RougeScorer(list(metrics), use_stemmer=True)
    totals = dict.fromkeys(metrics, 0.0)
    for system, refs in zip(systems, references, strict=True):
        cand = truncate(system, words)
        for m in metrics:
            per_ref = [getattr(scorer.score(r, cand)[m], measure) for r in refs]
            totals[m] += sum(per_ref) / len(per_ref)
    return {m: 100 * v / max(len(systems), 1) for m, v in totals.items()}
