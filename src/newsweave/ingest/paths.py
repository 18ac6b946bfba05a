"""Expands the command line's inputs (files, folders, globs, URLs, '-') into files to read."""

from __future__ import annotations

import glob
from collections.abc import Iterator, Sequence
from pathlib import Path

from newsweave.fetch.sniff import SUFFIXES as FETCH_SUFFIXES
from newsweave.fetch.sniff import is_readable, is_url, sniff_file
from newsweave.model import Problem

SUFFIXES = {".txt", ".text", ".html", ".htm", ".json", ".jsonl", ".ndjson"} | FETCH_SUFFIXES
STDIN = "-"


def expand(inputs: Sequence[str]) -> Iterator[Path | str | Problem]:
    """Each input as files (a folder recursively, in name order; a glob's matches), '-' for
    stdin, a URL as given, or a Problem when it names nothing readable."""
    for item in inputs:
        if item == STDIN:
            yield STDIN
            continue
        if is_url(item):
            yield item
            continue
        path = Path(item)
        if path.is_dir():
            found = list(_folder(path))
            if not found:
                yield Problem(item, "folder holds no articles (.txt, .html, .json, .jsonl, "
                                    "feeds, archives)")
            yield from found
        elif path.is_file():
            yield path
        elif glob.has_magic(item):
            matches = sorted(Path(p) for p in glob.glob(item, recursive=True) if Path(p).is_file())
            if not matches:
                yield Problem(item, "no file matches this pattern")
            yield from matches
        else:
            yield Problem(item, "no such file or folder")


def _folder(path: Path) -> Iterator[Path | Problem]:
    """A folder's files: those with an article suffix, those whose content is a type
    newsweave reads (a feed, an archive), and a Problem for each binary file of another
    type (an image, a PDF); other text files (notes, CSV) are left out."""
    for p in sorted(path.rglob("*")):
        if not p.is_file() or any(part.startswith(".") for part in p.relative_to(path).parts):
            continue
        if p.suffix.lower() in SUFFIXES:
            yield p
            continue
        try:
            kind = sniff_file(p)
        except OSError as exc:
            yield Problem(str(p), f"cannot read: {exc.strerror or exc}")
            continue
        if kind != "text" and is_readable(kind):
            yield p
        elif kind != "text":
            yield Problem(str(p), f"{kind}, not an article; skipped")
