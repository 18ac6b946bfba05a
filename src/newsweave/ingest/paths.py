"""Expands the command line's inputs (files, folders, globs, URLs, '-') into files to read."""

from __future__ import annotations

import glob
import os
from collections.abc import Iterator, Sequence
from pathlib import Path

from newsweave.fetch.sniff import SUFFIXES as FETCH_SUFFIXES
from newsweave.fetch.sniff import is_readable, is_url, sniff_file
from newsweave.ingest.names import safe_name
from newsweave.model import Problem

SUFFIXES = {".txt", ".text", ".html", ".htm", ".json", ".jsonl", ".ndjson"} | FETCH_SUFFIXES
STDIN = "-"


def expand(inputs: Sequence[str], skip: Sequence[Path] = ()) -> Iterator[Path | str | Problem]:
    """Each input as files (a folder recursively, in name order; a glob's matches), '-' for
    stdin, a URL as given, or a Problem when it names nothing readable. A file reached
    again (named twice, inside a folder also named, through a link) is left out, as are a
    URL given again and a second '-': read twice, one article would be its own copy. So are
    the files in `skip` (the run's own outputs: a report is no article)."""
    seen = {key for key in map(_identity, skip) if key is not None}
    for found in _expand(inputs):
        key = _identity(found)
        if key is not None:
            if key in seen:
                continue
            seen.add(key)
        yield found


def _identity(item: Path | str | Problem) -> object:
    """What makes two inputs the same: the file itself (device and inode, links followed),
    the URL's text, stdin; None for a problem or a file that cannot be looked at."""
    if isinstance(item, Problem):
        return None
    if isinstance(item, str):
        return item
    try:
        info = item.stat()
    except OSError:
        return None
    return info.st_dev, info.st_ino


def _expand(inputs: Sequence[str]) -> Iterator[Path | str | Problem]:
    """`expand`, repeats included."""
    for item in inputs:
        if item == STDIN:
            yield STDIN
            continue
        if is_url(item):
            yield item
            continue
        path = Path(item)
        if path.is_dir():
            problems: list[Problem] = []
            files = _walk(path, problems)
            yield from problems
            if not files and not problems:
                yield Problem(safe_name(item), "folder holds no articles (.txt, .html, .json, "
                                               ".jsonl, feeds, archives)")
            yield from files
        elif path.is_file():
            yield path
        elif glob.has_magic(item):
            matches = sorted(Path(p) for p in glob.glob(item, recursive=True) if Path(p).is_file())
            if not matches:
                yield Problem(safe_name(item), "no file matches this pattern")
            yield from matches
        elif path.is_symlink():
            yield Problem(safe_name(item), "a broken or looping symbolic link")
        elif path.exists():
            yield path  # a FIFO or device: the reader says why it is skipped
        else:
            yield Problem(safe_name(item), "no such file or folder")


def _walk(root: Path, problems: list[Problem]) -> list[Path]:
    """The article files under a folder in name order (by suffix, or by content for feeds
    and archives), hidden ones left out; a subfolder
    that cannot be read, a link to a folder (not followed: it may loop) and a broken or
    looping link are each reported."""
    def unreadable(exc: OSError) -> None:
        problems.append(Problem(safe_name(exc.filename or root),
                                f"cannot read folder: {exc.strerror or exc}"))

    files = []
    for folder, dirs, names in os.walk(root, onerror=unreadable):
        here = Path(folder)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for d in dirs:
            if (here / d).is_symlink():
                problems.append(Problem(safe_name(here / d), "a link to a folder, not followed "
                                                             "(name the folder itself)"))
        for name in names:
            p = here / name
            if name.startswith("."):
                continue
            if p.is_symlink() and not p.exists():
                if p.suffix.lower() in SUFFIXES:
                    problems.append(Problem(safe_name(p), "a broken or looping symbolic link"))
                continue
            if p.suffix.lower() in SUFFIXES or _read_by_content(p, problems):
                files.append(p)
    return sorted(files)


def _read_by_content(path: Path, problems: list[Problem]) -> bool:
    """Whether a file without an article suffix is read: yes when its content is a type
    newsweave reads (a feed, an archive); a binary file of another type (an image, a PDF)
    is named as skipped; other text files (notes, CSV) are left out."""
    try:
        kind = sniff_file(path)
    except OSError as exc:
        problems.append(Problem(safe_name(path), f"cannot read: {exc.strerror or exc}"))
        return False
    if kind != "text" and not is_readable(kind):
        problems.append(Problem(safe_name(path), f"{kind}, not an article; skipped"))
    return kind != "text" and is_readable(kind)
