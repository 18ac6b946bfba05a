"""Injected contradictions on real clusters: recall per kind and false alarms without changes;
then hand-written pairs in natural wording (package data): precision and recall per kind.

    .venv/bin/python benchmarks/conflicts.py [N [SKIP]]   # N clusters of each set after SKIP
Same as `newsweave eval conflicts`. Reads ../shared/data in place.
"""

from __future__ import annotations

import sys
from pathlib import Path

from newsweave.eval.conflicts import run

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"

if __name__ == "__main__":
    args = [int(a) for a in sys.argv[1:3]]
    run(DATA, args[0] if args else 10, skip=args[1] if len(args) > 1 else 0)
