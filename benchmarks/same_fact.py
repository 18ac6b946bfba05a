"""Same fact (MSRP): the same-fact model against TF-IDF and embedding cosine, 5-fold
cross-validated on the Microsoft Research Paraphrase Corpus train split.

    .venv/bin/python benchmarks/same_fact.py [--limit N]
Reads ../shared/data/msrp/msr_paraphrase_train.txt (the test split is never used).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from newsweave.eval.same_fact import cross_validate, read_msrp, read_pairs, table

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"

if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, help="only the first N pairs")
    args = parser.parse_args()
    pairs = read_msrp(DATA / "msrp" / "msr_paraphrase_train.txt")[:args.limit]
    start = time.perf_counter()
    featured = read_pairs(pairs)
    print(f"{len(pairs.ids)} pairs read in {time.perf_counter() - start:.0f} s",
          file=sys.stderr)
    print(table(cross_validate(pairs, featured, progress=lambda m: print(m, file=sys.stderr))))
