"""Speaker accuracy of quotes on hand annotations of DUC 2004 newswire and Multi-News web pages,
beside the nearest-name baseline.

    .venv/bin/python benchmarks/quotes.py
Same as `newsweave eval quotes`. Annotations: src/newsweave/eval/annotations/quotes-*.tsv;
articles read in place from ../shared/data.
"""

from __future__ import annotations

from pathlib import Path

from newsweave.eval.quotes import run

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"

if __name__ == "__main__":
    run(DATA)
