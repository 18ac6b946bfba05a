"""Date normalisation accuracy on the hand annotations of DUC 2004 articles, with the
publication date given and withheld (then only dates carrying their own year may resolve).

    .venv/bin/python benchmarks/dates.py
Same as `newsweave eval dates`. Annotations: src/newsweave/eval/annotations/dates-duc2004.tsv;
articles read in place from ../shared/data.
"""

from __future__ import annotations

from pathlib import Path

from newsweave.eval.dates import run

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"

if __name__ == "__main__":
    run(DATA)
