"""Peak memory and time of `newsweave stories` and `newsweave report` against input size, each
run in a fresh process (peak resident set size from wait4's rusage), so that growth shows.

stories: Reuters-21578 articles (repeated with new ids past the corpus's 21,578) as one JSONL
file into a new database. report: N small plain-text files (Reuters articles, one a file)
in one folder, read as one story (`--one-story`: the worst case, every sentence of every file
in one story's analyses; without it `report` groups them into the stories they are).

    .venv/bin/python benchmarks/memory.py                 # stories 1k 10k, report 250 500 1000
    .venv/bin/python benchmarks/memory.py --stories 100000 --report 2000
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from newsweave.eval.reuters import records

REUTERS = Path(__file__).resolve().parents[2] / "shared" / "data" / "corpora" / "reuters21578"


def articles(n: int) -> list[dict]:
    """n Reuters records, the corpus repeated with new ids as often as needed."""
    base = [r for r in records(REUTERS) if len(r["text"]) > 200]
    out = []
    for k in itertools.count():
        for r in base:
            if len(out) == n:
                return out
            out.append({**r, "id": f"{r['id']}-{k}" if k else r["id"]})
    return out


def measure(args: list[str]) -> tuple[float, float, int]:
    """(seconds, peak resident MB, exit code) of one newsweave process (PYTHONPATH made
    absolute, so that the process runs this checkout's code wherever it is)."""
    path = os.pathsep.join(os.path.abspath(p) for p in os.environ.get("PYTHONPATH", "").split(
        os.pathsep) if p)
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "PYTHONPATH": path}
    start = time.monotonic()
    proc = subprocess.Popen([sys.executable, "-m", "newsweave", *args], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    return time.monotonic() - start, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--stories", type=int, nargs="*", default=[1000, 10000])
    parser.add_argument("--report", type=int, nargs="*", default=[250, 500, 1000])
    opts = parser.parse_args()
    print("| command | input | seconds | peak MB | MB per 1k items | exit |")
    print("| --- | --- | ---: | ---: | ---: | ---: |")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for n in opts.stories:
            src = work / f"in{n}.jsonl"
            with src.open("w", encoding="utf-8") as f:
                for r in articles(n):
                    f.write(json.dumps(r) + "\n")
            secs, mb, code = measure(["stories", str(src), "--db", str(work / f"s{n}.db"),
                                      "--quiet"])
            print(f"| stories | {n:,} articles | {secs:.1f} | {mb:.0f} | {mb / n * 1000:.1f} "
                  f"| {code} |", flush=True)
            src.unlink()
        for n in opts.report:
            folder = work / f"files{n}"
            folder.mkdir()
            for r in articles(n):
                (folder / f"{r['id']}.txt").write_text(r["text"], encoding="utf-8")
            secs, mb, code = measure(["report", str(folder), "-o", str(work / "r.json"),
                                      "--quiet", "--one-story"])
            print(f"| report | {n:,} small files | {secs:.1f} | {mb:.0f} | "
                  f"{mb / n * 1000:.1f} | {code} |", flush=True)


if __name__ == "__main__":
    main()
