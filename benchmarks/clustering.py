"""Story clustering on four labelled sets, newsweave beside BERTopic and TF-IDF single pass.

    make bench-deps                                   # BERTopic and its helpers, once
    .venv/bin/python benchmarks/clustering.py         # (a) mds, (b) uci, (c) wikiref, (d) ecbplus
    .venv/bin/python benchmarks/clustering.py uci     # one set
Same as `newsweave eval clustering`. Reads ../shared/data in place.
"""

from __future__ import annotations

import sys
from pathlib import Path

from newsweave.eval.clustering import SETS, run

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"

if __name__ == "__main__":
    run(DATA, sys.argv[1:] or SETS)
