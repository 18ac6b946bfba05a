"""Trains the summary stage's sentence-salience model on DUC 2003 and writes it into the package.

    .venv/bin/python benchmarks/train_salience.py
Reads ../shared/data/mds/duc2003 (a development set; DUC 2004 is never used) and writes
src/newsweave/analyse/salience.pkl.
"""

from __future__ import annotations

from pathlib import Path

from newsweave.analyse import salience
from newsweave.eval import datasets
from newsweave.eval.salience import fit, save, training_set

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"

if __name__ == "__main__":
    clusters = datasets.duc2003(DATA / "mds" / "duc2003")
    x, y = training_set(clusters)
    model = fit(x, y)
    save(model, [f"duc2003/{c.id}" for c in clusters])
    print(f"trained on {len(clusters)} clusters, {len(y)} sentences; "
          f"R^2 on them {model.score(x, y):.3f}; wrote {salience.MODEL_PATH}")
