"""Cross-validated summary scores on the development sets: every cluster is summarized by the
summary stage with a salience model trained on the other folds only, so a change to the
salience features, targets or model can be judged without touching DUC 2004 and without the
in-sample optimism of the shipped model (which learned from these very clusters).

Folds are drawn per set (each fold holds a fifth of DUC 2003 and a fifth of Multi-News), the
training weights are those of benchmarks/train_salience.py, and the whole is repeated over
fold seeds, whose spread is the noise any change must beat.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import numpy as np

from newsweave.analyse import salience, summary
from newsweave.eval.salience import Parsed, fit, parse, set_weights
from newsweave.eval.summarization import SETTINGS, Row, Table, clusters_of, leaks, score, sumy_rows

# Multi-News' sentences weigh a quarter of DUC 2003's, as in the shipped model.
SHARES = {"duc2003": 1.0, "multinews": 0.25}


def cross_validate(sets: Mapping[str, Sequence[Parsed]], shares: Mapping[str, float],
                   folds: int = 5, seed: int = 0) -> dict[str, list[str]]:
    """Each set's summaries, cluster by cluster, each written with a model fitted on the
    clusters of the other folds (of every set)."""
    rng = np.random.default_rng(seed)
    fold_of = {name: rng.permutation(len(ps)) % folds for name, ps in sets.items()}
    out = {name: [""] * len(ps) for name, ps in sets.items()}
    for f in range(folds):
        train = {name: [p for p, g in zip(ps, fold_of[name], strict=True) if g != f]
                 for name, ps in sets.items()}
        rows = [np.concatenate([p.y for p in train[name]]) for name in sets]
        weights = set_weights([len(r) for r in rows], [shares[name] for name in sets])
        model = fit(np.vstack([p.x for name in sets for p in train[name]]),
                    np.concatenate(rows), weights)
        for name, ps in sets.items():
            words = SETTINGS[name].words
            for i in np.flatnonzero(fold_of[name] == f):
                p = ps[i]
                worth = salience.scores(p.story, p.claims, p.spans, model)
                chosen = summary.select(p.story, p.spans, worth, words)
                out[name][i] = " ".join(p.story.sentences[r].text for r in chosen)
    return out


def run(data: Path, seeds: Sequence[int] = (0, 1), folds: int = 5,
        echo: Callable[[str], None] = print) -> list[Table]:
    """One table per development set: newsweave cross-validated (mean over the fold seeds,
    their range beside it) against sumy's LexRank and TextRank on the same clusters."""
    every = {name: clusters_of(name, data) for name in SHARES}
    dropped = {name: [c.id for c in cs if leaks(c)] for name, cs in every.items()}
    clusters = {name: [c for c in cs if c.id not in dropped[name]] for name, cs in every.items()}
    sets = {name: parse(cs) for name, cs in clusters.items()}
    per_seed = {name: [] for name in sets}
    for seed in seeds:
        texts = cross_validate(sets, SHARES, folds, seed)
        for name in sets:
            per_seed[name].append(score(SETTINGS[name], texts[name], clusters[name]))
    tables = []
    for name, runs in per_seed.items():
        setting = SETTINGS[name]
        table = Table(setting, len(clusters[name]), dropped[name])
        mean = {m: float(np.mean([r[m] for r in runs])) for m in setting.metrics}
        table.rows.append(Row("newsweave", mean, None))
        table.rows.extend(sumy_rows(setting, clusters[name]))
        spread = ", ".join(f"{m.upper().replace('ROUGE', 'R-')} "
                           f"{min(r[m] for r in runs):.2f}-{max(r[m] for r in runs):.2f}"
                           for m in setting.metrics)
        echo(table.markdown())
        echo(f"\nnewsweave: {folds}-fold cross-validation over DUC 2003 and Multi-News, mean "
             f"of fold seeds {', '.join(map(str, seeds))} (range {spread})\n")
        tables.append(table)
    return tables
