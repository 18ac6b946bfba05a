"""`newsweave stories` in one process and on a 2-worker Dask LocalCluster: articles per
second per stage and peak memory, on Reuters-21578 and on a stream of 200,000+ articles
built from it.

    nice -n 10 .venv/bin/python benchmarks/scale.py             # Reuters, then 200k
    nice -n 10 .venv/bin/python benchmarks/scale.py reuters     # Reuters only
    nice -n 10 .venv/bin/python benchmarks/scale.py 200k
    nice -n 10 .venv/bin/python benchmarks/scale.py 2000        # any number: a quick look

The 200k stream repeats Reuters' articles (as ingested) until 200,000 are reached; the k-th
repetition has ids `ID~k`, its dates moved k x 400 days on (each repetition past the
14-day window of the previous one, as a later year's news would be) and, in every
paragraph, the words at positions k, k+7, k+14... swapped with their next: every 5-word
shingle near a swap changes, so no repetition is a copy of another (MinHash's Jaccard falls
near 0.2), while its words, hence its stories, stay those of the original.

Each run is a fresh process filing the articles into a fresh SQLite file through
`StoryStream` as `newsweave stories` does (20,000 articles at a time, batches of 256);
the articles are read by the ingest stage before the clock starts. Each stage is timed in wall
seconds and in CPU seconds of its process (the cost, whatever else the machine runs); rates
are per CPU second. Stages: parse (the lead's
words counted and hashed), embed (headline vectors), minhash (copy signatures): in the
worker processes on the cluster, summed over them; assign (copies found, document
frequencies counted, stories joined or started and merged) and store (the SQLite
transaction): always in the one client process, batch after batch. Peak memory is each
process's maximum resident set (`getrusage`), for the workers as they report it.
"""

from __future__ import annotations

import json
import math
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

from _machine import describe

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
CORPUS = DATA / "corpora" / "reuters21578"
STREAM = 200_000
SHIFT_DAYS = 400  # Reuters spans February to October 1987: repetitions never share a window
SWAP_EVERY = 7
WORKERS = 2
STAGES = ("parse", "embed", "minhash", "assign", "store")


def base_articles(tmp: Path):
    """Reuters-21578 as the ingest stage makes articles of it (non-articles kept)."""
    from newsweave.eval.reuters import records
    from newsweave.ingest import iter_inputs
    from newsweave.model import Article

    path = tmp / "reuters.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records(CORPUS)), encoding="utf-8")
    return [a for a in iter_inputs([str(path)], keep_non_articles=True)
            if isinstance(a, Article)]


def _swapped(line: str, k: int) -> str:
    words = line.split(" ")
    for i in range(k % SWAP_EVERY, len(words) - 1, SWAP_EVERY):
        words[i], words[i + 1] = words[i + 1], words[i]
    return " ".join(words)


def variant(article, k: int):
    """The k-th repetition of an article (k = 0: the article itself)."""
    if k == 0:
        return article
    paragraphs = [_swapped(p, k) for p in (article.paragraphs or article.text.split("\n"))]
    return replace(article, id=f"{article.id}~{k}", text="\n".join(paragraphs),
                   paragraphs=paragraphs,
                   published=article.published + timedelta(days=SHIFT_DAYS * k)
                   if article.published else None)


def stream(base: list, total: int) -> Iterator:
    """`total` articles: the base repeated as `variant` makes each repetition."""
    for k in range(math.ceil(total / len(base))):
        for a in base[:total - k * len(base)]:
            yield variant(a, k)


def run(corpus: str, workers: int) -> dict:
    """File the corpus into a fresh store in this process (workers = 0) or on a local
    cluster of `workers` processes; what it took, as a dict."""
    import itertools

    from newsweave.store import Store
    from newsweave.stories.stream import CHUNK, Added, StoryStream

    with tempfile.TemporaryDirectory() as tmp:
        base = base_articles(Path(tmp))
        total = {"reuters": len(base), "200k": max(STREAM, len(base))}.get(corpus) or int(corpus)
        cluster = None
        started = time.perf_counter()
        if workers:
            from newsweave.scale import Cluster

            cluster = Cluster("local", workers)
        startup = time.perf_counter() - started
        added = Added()
        chunks = []
        start = time.perf_counter()
        with Store(Path(tmp) / "bench.db") as store:
            filer = StoryStream(store)
            articles = stream(base, total)
            while chunk := list(itertools.islice(articles, CHUNK)):
                done = filer.add(chunk, runner=cluster.map if cluster else None)
                added.merge(done)
                chunks.append([len(chunk), done.seconds.get("assign cpu", 0.0),
                               store.counts()["stories"]])
            wall = time.perf_counter() - start
            stories = store.counts()["stories"]
        peaks = sorted(cluster.peak_memory().values()) if cluster else []
        if cluster:
            cluster.close()
    return {"articles": total, "wall": wall, "startup": startup, "seconds": added.seconds,
            "stories": stories, "copies": added.copies,
            "non_articles": added.non_articles,
            "client_peak": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
            "worker_peaks": peaks, "chunks": chunks}


def measured(corpus: str, workers: int) -> dict:
    """`run` in a fresh process, so that its peak memory is its own."""
    done = subprocess.run([sys.executable, __file__, "--run", corpus, str(workers)],
                          capture_output=True, text=True, check=False)
    if done.returncode:
        sys.exit(f"scale.py: the {corpus} run on {workers or 'no'} workers failed:\n"
                 f"{done.stderr[-2000:]}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    print(f"{corpus} on {workers or 'no'} workers: {json.dumps(result)}", file=sys.stderr,
          flush=True)
    return result


def table(corpus: str, one: dict, many: dict) -> None:
    """Per stage: wall and CPU seconds, articles per CPU second, one process against the
    cluster (whose worker stages are summed over its workers), then end to end."""
    n = one["articles"]
    print(f"\n{corpus}: {n:,} articles ({one['stories']:,} stories, {one['copies']:,} copies, "
          f"{one['non_articles']:,} non-articles; the cluster's: {many['stories']:,}, "
          f"{many['copies']:,}, {many['non_articles']:,})\n")
    print(f"| stage | on the cluster | one process: wall s | CPU s | articles/CPU s | {WORKERS} "
          "workers: wall s (summed) | CPU s (summed) | articles/CPU s | ratio |")
    print("|---|---|---|---|---|---|---|---|---|")
    for stage in STAGES:
        where = "client" if stage in ("assign", "store") else "workers"
        a, b = one["seconds"].get(f"{stage} cpu", 0.0), many["seconds"].get(f"{stage} cpu", 0.0)
        print(f"| {stage} | {where} | {one['seconds'].get(stage, 0.0):.1f} | {a:.1f} | "
              f"{n / a:,.0f} | {many['seconds'].get(stage, 0.0):.1f} | {b:.1f} | {n / b:,.0f} "
              f"| {a / b:.2f} |")
    print(f"| **end to end** | | {one['wall']:.1f} | | {n / one['wall']:,.0f}/s wall | "
          f"{many['wall']:.1f} (+{many['startup']:.1f} start-up) | | {n / many['wall']:,.0f}/s "
          f"wall | {one['wall'] / many['wall']:.2f} |")
    mb = 1 << 20
    print(f"\npeak memory: one process {one['client_peak'] / mb:,.0f} MB; cluster client "
          f"{many['client_peak'] / mb:,.0f} MB, workers "
          f"{', '.join(f'{p / mb:,.0f}' for p in many['worker_peaks'])} MB")
    print("\nassign CPU per article, chunk by chunk (one process; stories stored after it):")
    for i, (size, cpu, stories) in enumerate(one["chunks"], 1):
        print(f"  chunk {i}: {size:,} articles, {cpu / size * 1000:.2f} ms, {stories:,} stories")
    sys.stdout.flush()


def main(corpora: list[str]) -> None:
    print(describe())
    for corpus in corpora:
        one = measured(corpus, 0)
        many = measured(corpus, WORKERS)
        table(corpus, one, many)


if __name__ == "__main__":
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    if sys.argv[1:2] == ["--run"]:
        print(json.dumps(run(sys.argv[2], int(sys.argv[3]))))
    else:
        main(sys.argv[1:] or ["reuters", "200k"])
