"""Precision of framing contrasts, judged by hand, on the seeds, DUC 2004, DUC 2003 Tasks 2
and 3 (held out), Multi-News and WikiRef220.

    .venv/bin/python benchmarks/framing.py
Same as `newsweave eval framing`. Judgments: src/newsweave/eval/annotations/framing-*.tsv;
articles read in place from ../shared.
"""

from __future__ import annotations

from pathlib import Path

from newsweave.eval.framing import run

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"

if __name__ == "__main__":
    run(DATA)
