"""Load test of `newsweave serve`: 50 concurrent clients on loopback for 30 s against a store
of 5,000+ Reuters-21578 articles, while a stories run keeps adding articles to the same file.
Prints requests/s, p50 and p99 latency and errors per kind of request, and the latency of a
stored story's page with no load.

    .venv/bin/python benchmarks/serve_load.py [--data ../shared/data] [--articles 6000]
        [--extra 3000] [--analyse 40] [--clients 50] [--seconds 30] [--workdir DIR]

Traffic goes only to 127.0.0.1, to the server this script starts; every loop is bounded in
time and the script stops its server and writer itself.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

HERE = Path(__file__).resolve()
TERMS = ["oil", "bank", "wheat", "dollar", "coffee", "shares", "tax", "gold", "trade deficit",
         "interest rates", "merger", "japan"]


def _jsonl(path: Path, records: list[dict]) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")


def build(workdir: Path, data: Path, n: int, extra: int, analyse: int) -> tuple[Path, Path]:
    """The store (first `n` articles, stories stage via the CLI, `analyse` small stories
    analysed) and the JSONL of the `extra` articles the writer adds during the load."""
    from newsweave.eval.reuters import records
    from newsweave.serve.analysis import analyse_stories
    from newsweave.store import Store

    workdir.mkdir(parents=True, exist_ok=True)
    db, late = workdir / "load.db", workdir / "late.jsonl"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    found = [r for r in records(data / "corpora" / "reuters21578") if r["text"].strip()]
    _jsonl(workdir / "early.jsonl", found[:n])
    _jsonl(late, found[n:n + extra])
    t = time.perf_counter()
    subprocess.run([sys.executable, "-m", "newsweave", "stories", str(workdir / "early.jsonl"),
                    "--db", str(db), "--quiet"], check=False, stderr=subprocess.DEVNULL)
    print(f"stories: {n} articles stored in {time.perf_counter() - t:.1f} s")
    with Store(db) as store:
        small = [s.id for s in store.stories() if 3 <= s.size <= 8]
        chosen = random.Random(0).sample(small, min(analyse, len(small)))
        t = time.perf_counter()
        analyse_stories(store, chosen)
        print(f"analyse: {len(chosen)} stories in {time.perf_counter() - t:.1f} s")
    return db, late


def writer(db: Path, late: Path, seconds: float) -> subprocess.Popen:
    """A shell loop of `newsweave stories` runs adding the late articles, 200 at a time in
    batches of 50, until the time is up (each run reloads its models, as a cron job would)."""
    lines = late.read_text(encoding="utf-8").splitlines(keepends=True)
    chunks = []
    for k in range(0, len(lines), 200):
        chunk = late.with_name(f"late-{k // 200:03d}.jsonl")
        chunk.write_text("".join(lines[k:k + 200]), encoding="utf-8")
        chunks.append(str(chunk))
    script = (f'end=$(( $(date +%s) + {int(seconds)} )); for f in "$@"; do '
              f'[ $(date +%s) -ge $end ] && break; "{sys.executable}" -m newsweave stories '
              f'"$f" --db "{db}" --batch-size 50 --quiet; done')
    return subprocess.Popen(["bash", "-c", script, "writer", *chunks],
                            env={**os.environ, "HF_HUB_OFFLINE": "1"},
                            stderr=subprocess.DEVNULL)


def _stored(db: Path) -> int:
    from newsweave.store import Store

    with Store(db, readonly=True) as store:
        return sum(n for kind, n in store.counts().items() if kind != "stories")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def targets(base: str, db: Path) -> dict[str, list[str]]:
    """URLs per kind of request, from what the store holds."""
    from newsweave.store import Store

    with Store(db, readonly=True) as store:
        analysed = [sid for (sid,) in store.conn.execute("SELECT story_id FROM reports")]
        members = [aid for sid in analysed for aid in
                   [a.id for a in store.story_articles(sid)]]
    return {
        "story page": [f"{base}/stories/{s}" for s in analysed],
        "story API": [f"{base}/api/stories/{s}" for s in analysed],
        "article page": [f"{base}/articles/{a}" for a in members],
        "list page": [f"{base}/", f"{base}/?since=1987-03-01&until=1987-03-31"],
        "search page": [f"{base}/?q={t}" for t in TERMS],
        "list API": [f"{base}/api/stories?limit=20", *(f"{base}/api/stories?q={t}"
                                                       for t in TERMS)],
    }


MIX = {"story page": 35, "story API": 15, "article page": 15, "list page": 10,
       "search page": 15, "list API": 10}


async def load(urls: dict[str, list[str]], clients: int, seconds: float) -> dict:
    kinds = [k for k, w in MIX.items() for _ in range(w)]
    stats: dict[str, list] = {k: [] for k in MIX}
    errors: dict[str, int] = dict.fromkeys(MIX, 0)
    deadline = time.monotonic() + seconds

    async def client(k: int) -> None:
        rng = random.Random(k)
        async with httpx.AsyncClient(timeout=30) as http:
            while time.monotonic() < deadline:
                kind = rng.choice(kinds)
                t = time.perf_counter()
                try:
                    r = await http.get(rng.choice(urls[kind]))
                    ok = r.status_code == 200
                except httpx.HTTPError:
                    ok = False
                stats[kind].append(time.perf_counter() - t)
                errors[kind] += not ok

    t0 = time.perf_counter()
    await asyncio.gather(*(client(k) for k in range(clients)))
    return {"stats": stats, "errors": errors, "elapsed": time.perf_counter() - t0}


def _ms(values: list[float], q: float) -> float:
    return 1000 * statistics.quantiles(values, n=100, method="inclusive")[q - 1] \
        if len(values) > 1 else 1000 * values[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=HERE.parents[2] / "shared" / "data")
    parser.add_argument("--articles", type=int, default=6000)
    parser.add_argument("--extra", type=int, default=3000)
    parser.add_argument("--analyse", type=int, default=40)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/newsweave-serve-load"))
    args = parser.parse_args()
    db, late = build(args.workdir, args.data, args.articles, args.extra, args.analyse)
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    server = subprocess.Popen([sys.executable, "-m", "newsweave", "serve", "--db", str(db),
                               "--port", str(port)], env=env, stderr=subprocess.DEVNULL)
    try:
        for _ in range(200):
            try:
                if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        urls = targets(base, db)
        quiet = []
        with httpx.Client() as http:
            for url in urls["story page"] * 3:
                t = time.perf_counter()
                http.get(url).raise_for_status()
                quiet.append(time.perf_counter() - t)
        print(f"story page, one client, no writer: p50 {_ms(quiet, 50):.1f} ms, "
              f"p99 {_ms(quiet, 99):.1f} ms, max {1000 * max(quiet):.1f} ms "
              f"({len(quiet)} requests)")
        stored_before = _stored(db)
        write = writer(db, late, args.seconds)
        result = asyncio.run(load(urls, args.clients, args.seconds))
        write.wait(300)
        written = _stored(db) - stored_before
    finally:
        server.terminate()
        server.wait(10)
    elapsed = result["elapsed"]
    print(f"\n{args.clients} clients, {elapsed:.1f} s, store of {args.articles} articles; "
          f"{written} articles written meanwhile by `newsweave stories` runs\n")
    print("| request | count | req/s | p50 ms | p99 ms | errors |")
    print("|---|---|---|---|---|---|")
    every = []
    for kind, times in result["stats"].items():
        every += times
        print(f"| {kind} | {len(times)} | {len(times) / elapsed:.1f} | {_ms(times, 50):.0f} | "
              f"{_ms(times, 99):.0f} | {result['errors'][kind]} |")
    print(f"| all | {len(every)} | {len(every) / elapsed:.1f} | {_ms(every, 50):.0f} | "
          f"{_ms(every, 99):.0f} | {sum(result['errors'].values())} |")


if __name__ == "__main__":
    main()
