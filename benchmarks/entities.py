"""Entity merge precision and recall on the hand-annotated names of 10 DUC 2004 clusters.

    .venv/bin/python benchmarks/entities.py
Same as `newsweave eval entities`. Annotations: src/newsweave/eval/annotations/entities-duc2004.tsv;
articles read in place from ../shared/data.
"""

from __future__ import annotations

from pathlib import Path

from newsweave.eval.entities import run

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"

if __name__ == "__main__":
    run(DATA)
