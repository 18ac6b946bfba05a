"""Summaries on DUC 2004, DUC 2003 and the Multi-News sample beside sumy and published systems.

    .venv/bin/python benchmarks/summarization.py            # all three sets
    .venv/bin/python benchmarks/summarization.py duc2004    # one set
Same as `newsweave eval summarization`. Reads ../shared/data in place.
"""

from __future__ import annotations

import sys
from pathlib import Path

from newsweave.eval.summarization import run

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"

if __name__ == "__main__":
    run(DATA, sys.argv[1:] or ("duc2004", "duc2003", "multinews"))
