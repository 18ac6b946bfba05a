"""`newsweave stories` end to end on Reuters-21578: articles per second and peak memory at
1,000, 5,000 and all 21,578 articles, beside BERTopic (defaults, MiniLM vectors) on the same
input where it finishes in reasonable time.

    make bench-deps                                     # BERTopic, once
    .venv/bin/python benchmarks/stories_speed.py        # 1000 5000 all
    .venv/bin/python benchmarks/stories_speed.py 1000   # one size
Each size is a fresh process reading a JSONL file into a fresh database, so the time includes
start-up, reading, language checks, copy detection, clustering and the SQLite writes, and
the peak is that process's maximum resident set. On a terminal newsweave shows its progress
bar and names each record it skips; piped, only the table is printed (skips are counted).
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _machine import describe

from newsweave.eval.reuters import records

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
CORPUS = DATA / "corpora" / "reuters21578"
SIZES = (1000, 5000, None)
BERTOPIC_MAX = 5000  # the float encoder embedded ~30 Reuters articles/s here: 12 min for all

BERTOPIC_JOB = """
import json, os, sys
from bertopic import BERTopic
from newsweave.embed import Embedder
from newsweave.ingest import read_inputs
articles, _ = read_inputs([sys.argv[1]])
texts = [f"{a.title or ''} {a.text}" for a in articles]
topics, _ = BERTopic().fit_transform(texts, Embedder(threads=os.cpu_count()).encode(texts))
print(json.dumps({"articles": len(texts), "stories": len(set(topics))}))
"""


def measure(cmd: list[str], quiet_output: bool) -> tuple[float, float, str, int]:
    """Wall seconds, peak resident MB, stdout and exit code of one child process."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL if quiet_output else None, text=True)
    out = proc.stdout.read() if proc.stdout else ""
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return time.perf_counter() - t0, usage.ru_maxrss / 1024, out, proc.returncode


def main(sizes: tuple[int | None, ...]) -> None:
    every = list(records(CORPUS))
    on_tty = sys.stderr.isatty()
    print(describe() + "\n")
    print("| articles | newsweave s | articles/s | peak MB | stored | copies | non-articles | "
          "skipped | stories | BERTopic s | articles/s | peak MB | speed newsweave / BERTopic |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            chosen = every[:size] if size else every
            n = len(chosen)
            path = Path(tmp) / f"reuters-{n}.jsonl"
            path.write_text("".join(json.dumps(r) + "\n" for r in chosen), encoding="utf-8")
            db = Path(tmp) / f"reuters-{n}.db"
            cmd = [sys.executable, "-m", "newsweave", "stories", str(path), "--db", str(db)]
            secs, peak, _, _ = measure(cmd + ([] if on_tty else ["--quiet"]),
                                       quiet_output=not on_tty)
            with sqlite3.connect(db) as conn:
                kinds = dict(conn.execute("SELECT kind, COUNT(*) FROM articles GROUP BY kind"))
                stories = conn.execute(
                    "SELECT COUNT(*) FROM stories WHERE merged_into IS NULL").fetchone()[0]
            stored = sum(kinds.values())
            row = (f"| {n} | {secs:.1f} | {n / secs:.0f} | {peak:.0f} | {kinds.get('article', 0)} "
                   f"| {kinds.get('copy', 0)} | {kinds.get('non_article', 0)} | {n - stored} "
                   f"| {stories} |")
            if n <= BERTOPIC_MAX:
                b_secs, b_peak, _, code = measure(
                    [sys.executable, "-c", BERTOPIC_JOB, str(path)], quiet_output=True)
                row += (f" {b_secs:.1f} | {n / b_secs:.1f} | {b_peak:.0f} | {b_secs / secs:.1f}x |"
                        if code == 0 else " failed | | | |")
            else:
                row += " not run | | | |"
            print(row, flush=True)


if __name__ == "__main__":
    args = sys.argv[1:]
    main(tuple(None if a == "all" else int(a) for a in args) if args else SIZES)
