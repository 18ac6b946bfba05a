"""Faults injected into real `newsweave stories` runs, and what survived: a kill -9 at random
moments, writers at once, a lock held past --wait, and hostile files beside good articles.

For each fault: how many times it was injected, how many runs survived it (no traceback, the
expected exit code, the fault named in one line on stderr) and how many good articles were
lost (missing from the store after the run and, for kills and locks, a resumed run) or stored
twice. Articles are invented (tests/corpus.py).

    .venv/bin/python benchmarks/faults.py [--kills 10]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from corpus import story_articles  # noqa: E402

ENV = {**os.environ, "HF_HUB_OFFLINE": "1"}
EXE = [sys.executable, "-m", "newsweave"]
PARA = ("The harbour council of Kessmark voted on Tuesday to close the old ferry road for "
        "repairs, the mayor said in a statement to reporters outside the town hall.")


def run(*args: str, stdin: bytes | None = None, wait: bool = True):
    if not wait:
        return subprocess.Popen([*EXE, *args], env=ENV, stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE)
    return subprocess.run([*EXE, *args], env=ENV, capture_output=True, input=stdin,
                          timeout=600)


def write_good(path: Path, prefix: str, n: int = 12, seed: int = 0) -> list[str]:
    arts = story_articles(3, n // 3, seed=seed)
    with path.open("w", encoding="utf-8") as f:
        for a in arts:
            f.write(json.dumps({"id": f"{prefix}{a.id}", "text": a.text, "title": a.title,
                                "published": a.published.isoformat()}) + "\n")
    return [f"{prefix}{a.id}" for a in arts]


def stored(db: Path) -> list[str]:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        return [r[0] for r in conn.execute("SELECT article_id FROM memberships")]


def lost(db: Path, ids: list[str]) -> int:
    """Good articles missing from the store, plus any stored more than once."""
    have = stored(db) if db.exists() else []
    return len(set(ids) - set(have)) + len(have) - len(set(have))


def hostile(work: Path) -> dict[str, Callable[[Path], tuple[list[str], bytes | None]]]:
    """Each fault: a function that puts it in a folder (with good articles beside it) and
    returns the arguments to give `stories` and stdin."""
    def with_file(name: bytes | str, data: bytes) -> Callable:
        def make(folder: Path):
            target = folder / (os.fsdecode(name) if isinstance(name, bytes) else name)
            target.write_bytes(data)
            return [str(folder)], None
        return make

    def fifo(folder: Path):
        os.mkfifo(folder / "pipe.txt")
        return [str(folder)], None

    def loop(folder: Path):
        os.symlink("loop.txt", folder / "loop.txt")
        os.symlink(".", folder / "again")
        return [str(folder)], None

    def sparse(folder: Path):
        with (folder / "huge.txt").open("wb") as f:
            f.truncate(2 * 1024 ** 3)
        return [str(folder)], None

    def stdin_line(folder: Path):
        good = (folder / "good.jsonl").read_bytes()
        (folder / "good.jsonl").unlink()
        return ["-"], good.replace(b"\n", b"\nthis line is not JSON\n", 1)

    deep = ("<html><body>" + "<div>" * 10000 + f"<p>{PARA}</p>" * 3 + "</div>" * 10000
            + "</body></html>").encode()
    return {
        "invalid UTF-8 bytes in a file": with_file("bad.txt", f"{PARA} Caf\u00e9.".encode()
                                                   + b" \xff\xfe"),
        "a malformed stdin JSONL line": stdin_line,
        "an article of 1.2 million characters": with_file(
            "long.txt", ("\n".join([PARA] * 8000)).encode()),
        "published 0001-01-01 / 9999-12-31 / yesterday": with_file(
            "dates.jsonl", "\n".join(json.dumps({"id": f"date{k}", "text": f"{PARA} {k}.",
                                                 "published": d}) for k, d in enumerate(
                ["0001-01-01", "9999-12-31", "yesterday"])).encode()),
        "a non-UTF-8 file name": with_file(b"caf\xe9.txt", PARA.encode()),
        "a newline in a file name": with_file("two\nlines.txt", b""),
        "escape bytes in article text": with_file(
            "esc.json", json.dumps({"id": "esc", "text": PARA + "\x1b]0;x\x07"}).encode()),
        "a FIFO in the folder": fifo,
        "a symlink loop and a link to the folder": loop,
        "a 2 GB sparse file": sparse,
        "10,000 nested <div>s": with_file("deep.html", deep),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--kills", type=int, default=10)
    opts = parser.parse_args()
    rng = random.Random(0)
    rows: list[tuple[str, int, int, int]] = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for k, (name, make) in enumerate(hostile(work).items()):
            folder = work / f"f{k}"
            folder.mkdir()
            ids = write_good(folder / "good.jsonl", f"h{k}-", seed=k)
            args, stdin = make(folder)
            db = work / f"h{k}.db"
            result = run("stories", *args, "--db", str(db), stdin=stdin)
            err = result.stderr.decode("utf-8", "replace")
            ok = "Traceback" not in err and result.returncode in (0, 1) and err.strip() != ""
            rows.append((name, 1, int(ok), lost(db, ids)))

        for name, args in (("-o into a folder that does not exist",
                            ["report", str(work / "f0"), "-o", str(work / "no" / "r.json")]),):
            result = run(*args)
            ok = result.returncode == 2 and b"Traceback" not in result.stderr
            rows.append((name, 1, int(ok), 0))

        foreign = work / "app.sqlite"
        with sqlite3.connect(foreign) as conn:
            conn.execute("CREATE TABLE customers (name TEXT)")
        conn.close()
        before = foreign.read_bytes()
        results = [run("stories", str(work / "f0" / "good.jsonl"), "--db", str(foreign)),
                   run("export", "--db", str(foreign))]
        ok = sum(r.returncode in (1, 2) and b"not newsweave's" in r.stderr
                 and b"Traceback" not in r.stderr for r in results)
        rows.append(("a SQLite file that is not newsweave's", 2,
                     ok if foreign.read_bytes() == before else 0, 0))

        # kill -9 at random moments of a real run, then resume
        src = work / "kill.jsonl"
        ids = write_good(src, "k-", n=240, seed=99)
        db = work / "kill.db"
        survived = 0
        for _ in range(opts.kills):
            proc = run("stories", str(src), "--db", str(db), "--batch-size", "5", "--quiet",
                       wait=False)
            time.sleep(rng.uniform(4, 12))
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            if not db.exists():
                survived += 1
                continue
            with sqlite3.connect(db) as conn:
                good = conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
                n = conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
            survived += good and n == len(stored(db))
        resumed = run("stories", str(src), "--db", str(db), "--quiet")
        rows.append(("kill -9 at a random moment, then resume", opts.kills,
                     survived if resumed.returncode == 0 else 0, lost(db, ids)))

        # three writers at once on overlapping inputs, with readers beside them
        parts = [work / f"w{k}.jsonl" for k in range(3)]
        all_ids = write_good(work / "wall.jsonl", "w-", n=150, seed=7)
        lines = (work / "wall.jsonl").read_text().splitlines(keepends=True)
        for k, part in enumerate(parts):
            part.write_text("".join(lines[50 * k:50 * k + 100] + lines[:25]))
        db = work / "writers.db"
        procs = [run("stories", str(p), "--db", str(db), "--batch-size", "10", wait=False)
                 for p in parts]
        readers_ok = 0
        while any(p.poll() is None for p in procs):
            if db.exists():
                readers_ok += run("export", "--db", str(db)).returncode in (0, 2)
        errs = [p.communicate()[1] for p in procs]
        ok = sum(p.returncode == 0 and b"Traceback" not in e for p, e in zip(procs, errs,
                                                                             strict=True))
        rows.append(("three writers at once (readers beside them)", 3, ok, lost(db, all_ids)))

        # a lock held past --wait: one line, then a rerun carries on
        db = work / "held.db"
        ids = write_good(work / "held.jsonl", "l-", seed=3)
        run("stories", str(work / "f0" / "good.jsonl"), "--db", str(db), "--quiet")
        holder = sqlite3.connect(db, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")
        stopped = run("stories", str(work / "held.jsonl"), "--db", str(db), "--wait", "2")
        holder.execute("ROLLBACK")
        holder.close()
        again = run("stories", str(work / "held.jsonl"), "--db", str(db), "--quiet")
        ok = (stopped.returncode == 1 and b"held the database" in stopped.stderr
              and b"Traceback" not in stopped.stderr and again.returncode == 0)
        rows.append(("the database locked past --wait", 1, int(ok), lost(db, ids)))

    print("| fault | injected | survived | articles lost |")
    print("| --- | ---: | ---: | ---: |")
    for name, n, ok, gone in rows:
        print(f"| {name} | {n} | {ok} | {gone} |")


if __name__ == "__main__":
    main()
