"""What any threshold could give an offline clusterer on the clustering sets (an oracle bound,
chosen on the gold labels), beside what the stories stage reaches.

    .venv/bin/python benchmarks/clustering_ceiling.py            # (a) mds, (b) uci, (c) wikiref
    .venv/bin/python benchmarks/clustering_ceiling.py wikiref    # one set
Same as `newsweave eval clustering-ceiling`. Reads ../shared/data in place.
"""

from __future__ import annotations

import sys
from pathlib import Path

from newsweave.eval.clustering_ceiling import run

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"

if __name__ == "__main__":
    run(DATA, sys.argv[1:] or ("mds", "uci", "wikiref"))
