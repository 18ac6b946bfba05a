"""Time and memory of `newsweave report` on the seeds and on one 10-article DUC 2004 cluster.

cold = a fresh process: imports, model loads and the report; warm = models already loaded
and the text new to the embedding cache (each warm run is on text not seen before in the
process). Beside it, in the same run, the floor that no report can beat with these models:
the spaCy parse and the sentence embeddings alone.

    .venv/bin/python benchmarks/report_speed.py
"""

from __future__ import annotations

import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

from _machine import describe

from newsweave.embed import Embedder
from newsweave.eval.datasets import read_duc_clusters
from newsweave.ingest import read_inputs
from newsweave.pipeline import report
from newsweave.text import nlp as nlp_loader
from newsweave.text import prepare

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEEDS = SHARED / "seeds"
DUC = SHARED / "data" / "mds" / "duc2004" / "docs"

_COLD = """
import json, resource, sys, time
t0 = time.perf_counter()
from newsweave.eval.datasets import read_duc_clusters
from newsweave.ingest import read_inputs
from newsweave.pipeline import report
from pathlib import Path
which, arg = sys.argv[1], sys.argv[2]
if which == "seeds":
    articles, _ = read_inputs([arg])
else:
    clusters = read_duc_clusters(Path(arg).parent)
    articles = next(c for c in clusters if c.id == Path(arg).name).articles
report(articles)
print(json.dumps({"seconds": time.perf_counter() - t0,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def cold(which: str, arg: str) -> dict:
    out = subprocess.run([sys.executable, "-c", _COLD, which, arg], check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def warm(sets: list[list], embedder_factory) -> list[tuple[float, float]]:
    """(report seconds, parse+embed seconds) for each article set, each on a fresh cache."""
    nlp = nlp_loader.load()
    results = []
    for articles in sets:
        emb = embedder_factory()
        t0 = time.perf_counter()
        report(articles, nlp=nlp, embedder=emb)
        t_report = time.perf_counter() - t0
        emb = embedder_factory()
        t0 = time.perf_counter()
        docs = list(prepare(articles, nlp=nlp))
        emb.encode([s.text for d in docs for s in d.sentences])
        results.append((t_report, time.perf_counter() - t0))
    return results


def main() -> None:
    seeds, problems = read_inputs([str(SEEDS)])
    clusters = read_duc_clusters(DUC)
    duc = clusters[0]
    shared_model = Embedder()

    def fresh_cache() -> Embedder:
        shared_model.clear_cache()
        return shared_model

    warm([clusters[1].articles], fresh_cache)  # loads and warms the models
    seeds_runs = warm([seeds] * 3, fresh_cache)
    duc_runs = warm([duc.articles] * 3, fresh_cache)
    rows = [("seeds (2 articles)", cold("seeds", str(SEEDS)), seeds_runs),
            (f"DUC 2004 {duc.id} ({len(duc.articles)} articles)",
             cold("duc", str(DUC / duc.id)), duc_runs)]
    print(describe() + "\n")
    print("| input | cold s | cold peak MB | warm s (median of 3) | parse+embed floor s "
          "| warm / floor |")
    print("|---|---|---|---|---|---|")
    for name, c, runs in rows:
        rep = statistics.median(r[0] for r in runs)
        floor = statistics.median(r[1] for r in runs)
        print(f"| {name} | {c['seconds']:.2f} | {c['peak_mb']:.0f} | {rep:.2f} | {floor:.2f} "
              f"| {rep / floor:.2f} |")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\nwarm process peak RSS: {peak:.0f} MB; target: warm < 2 s for 10 articles")


if __name__ == "__main__":
    main()
