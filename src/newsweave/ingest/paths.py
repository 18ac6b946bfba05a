"""Expands the command line's inputs (files, folders, globs, '-') into files to read."""

from __future__ import annotations

import glob
from collections.abc import Iterator, Sequence
from pathlib import Path

from newsweave.model import Problem

SUFFIXES = {".txt", ".text", ".html", ".htm", ".json", ".jsonl", ".ndjson"}
STDIN = "-"


def expand(inputs: Sequence[str]) -> Iterator[Path | str | Problem]:
    """Each input as files (a folder recursively, in name order; a glob's matches), '-' for
    stdin, or a Problem when it names nothing readable."""
    for item in inputs:
        if item == STDIN:
            yield STDIN
            continue
        path = Path(item)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file()
                           and p.suffix.lower() in SUFFIXES
                           and not any(part.startswith(".") for part in p.relative_to(path).parts))
            if not files:
                yield Problem(item, "folder holds no articles (.txt, .html, .json, .jsonl)")
            yield from files
        elif path.is_file():
            yield path
        elif glob.has_magic(item):
            matches = sorted(Path(p) for p in glob.glob(item, recursive=True) if Path(p).is_file())
            if not matches:
                yield Problem(item, "no file matches this pattern")
            yield from matches
        else:
            yield Problem(item, "no such file or folder")
