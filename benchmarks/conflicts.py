"""Injected contradictions on real clusters: recall per kind and false alarms without changes.

    .venv/bin/python benchmarks/conflicts.py [N]   # first N DUC 2004 and Multi-News clusters
Same as `newsweave eval conflicts`. Reads ../shared/data in place.
"""

from __future__ import annotations

import sys
from pathlib import Path

from newsweave.eval.conflicts import run

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"

if __name__ == "__main__":
    run(DATA, int(sys.argv[1]) if len(sys.argv) > 1 else 10)
