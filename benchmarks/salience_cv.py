"""Cross-validated summary scores on the development sets (DUC 2003 Task 2 and the
Multi-News sample): each cluster summarized with a salience model fitted on the other
folds, beside sumy's LexRank and TextRank; judge salience changes here, not on DUC 2004.

    .venv/bin/python benchmarks/salience_cv.py          # fold seeds 0 and 1, ~17 minutes
    .venv/bin/python benchmarks/salience_cv.py 0 1 2 3  # more fold seeds
Same as `newsweave eval salience-cv`. Reads ../shared/data in place.
"""

from __future__ import annotations

import sys
from pathlib import Path

from newsweave.eval.salience_cv import run

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"

if __name__ == "__main__":
    run(DATA, [int(s) for s in sys.argv[1:]] or (0, 1))
