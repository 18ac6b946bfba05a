"""Trains the summary stage's sentence-salience model on DUC 2003 and the Multi-News sample
and writes it into the package.

    .venv/bin/python benchmarks/train_salience.py
Reads ../shared/data/mds (development sets only; DUC 2004 is never used) and writes
src/newsweave/analyse/salience.pkl.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from newsweave.analyse import salience
from newsweave.eval import datasets
from newsweave.eval.salience import fit, save, set_weights, training_set
from newsweave.eval.summarization import leaks

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
# Multi-News' sentences together weigh a quarter of DUC 2003's: chosen by 5-fold
# cross-validation over the clusters of both (0, 0.25, 0.5 and 1 tried).
MULTINEWS_SHARE = 0.25

if __name__ == "__main__":
    duc = datasets.duc2003(DATA / "mds" / "duc2003")
    news = [c for c in datasets.multinews_sample(
        DATA / "mds" / "multinews-val-sample" / "sample_validation.csv") if not leaks(c)]
    parts = [training_set(duc), training_set(news)]
    x = np.vstack([p[0] for p in parts])
    y = np.concatenate([p[1] for p in parts])
    weights = set_weights([len(p[1]) for p in parts], [1.0, MULTINEWS_SHARE])
    model = fit(x, y, weights)
    save(model, [f"duc2003/{c.id}" for c in duc] + [f"multinews/{c.id}" for c in news])
    print(f"trained on {len(duc)} DUC 2003 and {len(news)} Multi-News clusters, {len(y)} "
          f"sentences; R^2 on them {model.score(x, y, weights):.3f}; wrote {salience.MODEL_PATH}")
