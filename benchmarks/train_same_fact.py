"""Trains the same-fact model on the whole MSRP train split and writes it into the package.

    .venv/bin/python benchmarks/train_same_fact.py
Reads ../shared/data/msrp/msr_paraphrase_train.txt (the test split is never used) and
writes src/newsweave/analyse/same_fact.pkl. benchmarks/same_fact.py cross-validates the
same settings on folds of the same pairs.
"""

from __future__ import annotations

from pathlib import Path

from newsweave.analyse import match
from newsweave.eval.same_fact import read_msrp, read_pairs

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"

if __name__ == "__main__":
    pairs = read_msrp(DATA / "msrp" / "msr_paraphrase_train.txt")
    featured = read_pairs(pairs)
    model = match.SameFact().fit(featured, pairs.same)
    match.save(model, f"MSRP train split, {len(pairs.ids)} pairs")
    print(f"trained on {len(pairs.ids)} MSRP pairs; accuracy on them "
          f"{model.score(featured, pairs.same):.3f}; wrote {match.MODEL_PATH} "
          f"({match.MODEL_PATH.stat().st_size // 1024} KB)")
