"""`newsweave stories` on Reuters-21578 into SQLite and into PostgreSQL, side by side in one
run: articles per second of each, and the stories each made (the same on both).

    .venv/bin/python benchmarks/store_backends.py            # all 21,578 articles
    .venv/bin/python benchmarks/store_backends.py 5000       # the first 5,000
    .venv/bin/python benchmarks/store_backends.py all URL    # into this PostgreSQL database
Without a URL the benchmark starts a throwaway PostgreSQL cluster (Debian's `postgresql`
package, as the tests do: tests/pg_cluster.py) on this machine, with fsync on, and removes it
after. Each run is a fresh process reading one JSONL file into a fresh database; the two
backends run in turn (SQLite, PostgreSQL, then both again) so that a loaded machine weighs
on both alike.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _machine import describe

from newsweave.eval.reuters import records
from newsweave.store import Store

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "data" / "corpora" / "reuters21578"
ROUNDS = 2


def run(path: Path, db: str) -> tuple[float, int, list[list[str]]]:
    """Wall seconds of one `newsweave stories` process, its live stories and their members."""
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "newsweave", "stories", str(path), "--db", db,
                    "--quiet"], check=False, stderr=subprocess.DEVNULL)
    secs = time.perf_counter() - t0
    with Store(db, readonly=True) as store:
        stories = sorted(sorted(s.articles) for s in store.stories())
    return secs, len(stories), stories


def main(size: int | None, url: str | None) -> None:
    chosen = list(records(CORPUS))
    chosen = chosen[:size] if size else chosen
    n = len(chosen)
    cluster = None
    if url is None:
        sys.path.insert(0, str(ROOT / "tests"))
        from pg_cluster import Cluster

        cluster = Cluster(durable=True)
    print(describe() + "\n")
    print("| round | backend | articles | seconds | articles/s | stories |")
    print("|---|---|---|---|---|---|")
    try:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / f"reuters-{n}.jsonl"
            path.write_text("".join(json.dumps(r) + "\n" for r in chosen), encoding="utf-8")
            made = {}
            for k in range(ROUNDS):
                for backend in ("sqlite", "postgresql"):
                    db = (str(Path(tmp) / f"r{k}.db") if backend == "sqlite"
                          else url if url and k == 0 else None)
                    if db is None:
                        db = cluster.new_database() if cluster else None
                    if db is None:
                        continue  # a given URL is filled once
                    secs, count, stories = run(path, db)
                    made.setdefault(backend, stories)
                    print(f"| {k + 1} | {backend} | {n} | {secs:.1f} | {n / secs:.0f} | "
                          f"{count} |", flush=True)
            same = len(set(map(str, made.values()))) == 1
            print(f"\nthe same stories on both backends: {'yes' if same else 'NO'}")
    finally:
        if cluster:
            cluster.stop()


if __name__ == "__main__":
    args = sys.argv[1:]
    main(None if not args or args[0] == "all" else int(args[0]),
         args[1] if len(args) > 1 else None)
