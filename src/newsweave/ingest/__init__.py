"""Ingest stage: files, folders, globs and stdin -> Articles, plus one Problem per bad input.

Plain text (one paragraph a line), HTML pages (trafilatura), JSON and JSONL records; URLs,
feeds, OPML lists, compressed files, archives and web archives go through the fetch stage
(`newsweave.fetch`), chosen by what the content is. A bad input never stops the batch: it
becomes a one-line Problem naming the file (or URL, or archive member) and the fault.
"""

from __future__ import annotations

import json
import stat
import sys
from collections.abc import Iterator, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from newsweave.fetch.encoding import MAX_BYTES, DecodeError, decode_counted
from newsweave.fetch.feeds import url_slug
from newsweave.fetch.sniff import is_readable, is_url, sniff, sniff_file
from newsweave.ingest.html import looks_like_html, read_html
from newsweave.ingest.names import safe_name
from newsweave.ingest.paths import STDIN, expand
from newsweave.ingest.plaintext import read_text
from newsweave.ingest.records import looks_like_jsonl, read_json, read_jsonl
from newsweave.ingest.settle import Settler, default_id
from newsweave.model import Article, Problem, RawArticle

if TYPE_CHECKING:
    from newsweave.fetch import Policy, Sources

__all__ = ["iter_inputs", "open_sources", "parse_assignments", "parse_text", "read_inputs"]


def parse_assignments(values: Sequence[str], option: str) -> dict[str, str]:
    """'ID=VALUE' pairs (from --outlet or --published) as a dict."""
    out = {}
    for value in values:
        key, sep, val = value.partition("=")
        if not sep or not key.strip() or not val.strip():
            raise ValueError(f"{option} expects ID=VALUE, got {value!r}")
        out[key.strip()] = val.strip()
    return out


def read_inputs(inputs: Sequence[str], outlets: Mapping[str, str] | None = None,
                published: Mapping[str, date] | None = None,
                stdin: BinaryIO | None = None, keep_non_articles: bool = False,
                allow_private: bool = False, policy: Policy | None = None,
                skip: Sequence[Path] = ()) -> tuple[list[Article], list[Problem]]:
    """Every article found in the inputs, and a Problem for each input that was skipped.

    Pages that are not news are skipped too, or with `keep_non_articles` returned with
    their `non_article` reason set (the story store keeps them aside). URLs resolving to
    loopback or private addresses are refused unless `allow_private`; `policy` sets the
    fetch's timeouts, caps and rate (polite defaults); the files in `skip` (the run's own
    outputs) are not read, wherever the inputs reach them."""
    articles: list[Article] = []
    problems: list[Problem] = []
    for found in iter_inputs(inputs, outlets, published, stdin, keep_non_articles,
                             allow_private, policy, skip):
        (problems if isinstance(found, Problem) else articles).append(found)
    return articles, problems


def iter_inputs(inputs: Sequence[str], outlets: Mapping[str, str] | None = None,
                published: Mapping[str, date] | None = None,
                stdin: BinaryIO | None = None, keep_non_articles: bool = False,
                allow_private: bool = False, policy: Policy | None = None,
                skip: Sequence[Path] = ()) -> Iterator[Article | Problem]:
    """`read_inputs` one item at a time, in input order: one file is read at a time, so
    memory holds the articles kept, not the inputs' bytes."""
    from newsweave.fetch import Policy

    settler = Settler(outlets or {}, published or {}, keep_non_articles)
    with open_sources(policy or Policy(allow_private=allow_private)) as sources:
        for item in expand(inputs, skip):
            if isinstance(item, Problem):
                yield item
                continue
            for found in _read(item, stdin, sources):
                if isinstance(found, Problem):
                    yield found
                else:
                    yield from settler.settle(found)


def open_sources(policy: Policy | None = None, fetch_teasers: bool = True,
                 warc_reader: str | None = None) -> Sources:
    """The fetch stage's `Sources`, parsing the pages and texts it finds with ingest's
    readers (close it, or use it in a `with`)."""
    from newsweave.fetch import Sources

    return Sources(parse_text, read_html, policy, fetch_teasers, warc_reader)


def _read(item: Path | str, stdin: BinaryIO | None, sources: Sources
          ) -> Iterator[RawArticle | Problem]:
    """One input: a URL through the fetch stage, stdin as a stream, a file by its content
    (feeds, archives and web archives through the fetch stage, the rest here)."""
    if isinstance(item, str) and item != STDIN:
        yield from _named(sources.read_url(item))
        return
    if item == STDIN:
        yield from _read_stream(stdin or sys.stdin.buffer, "<stdin>", sources)
        return
    source = safe_name(item)
    try:
        info = item.stat()
        if not stat.S_ISREG(info.st_mode):
            yield Problem(source, "not a regular file (a FIFO, socket or device); skipped")
            return
        kind = sniff_file(item)
        if kind != "text" and is_readable(kind):  # archives have caps of their own, per member
            yield from _named(sources.read_path(item))
            return
        if kind == "text" and item.suffix.lower() in {".jsonl", ".ndjson"}:
            with item.open("rb") as handle:  # any length: a record a line, each capped
                yield from _read_lines(handle, source)
            return
        if info.st_size > MAX_BYTES:
            yield Problem(source, f"file is too large ({info.st_size / 1e6:.0f} MB; the limit "
                                  f"is {MAX_BYTES // (1024 * 1024)} MB)")
            return
        if kind != "text":  # an image, a PDF: the fetch stage names what it is
            yield from _named(sources.read_path(item))
            return
        with item.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        yield Problem(source, f"cannot read: {exc.strerror or exc}")
        return
    yield from _decoded(data, source, item.suffix.lower())


def _named(found: Iterator[RawArticle | Problem]) -> Iterator[RawArticle | Problem]:
    """Give an id to what the fetch stage found at a URL or in an archive member, where the
    source's file name does not make one."""
    for item in found:
        if isinstance(item, RawArticle) and item.id is None:
            item.id = _local_id(item.source)
        yield item


def _local_id(source: str) -> str:
    last = source.rsplit("!", 1)[-1]
    if is_url(last):
        return url_slug(last) or "page"
    return default_id(last)


def _read_stream(stream: BinaryIO, source: str, sources: Sources
                 ) -> Iterator[RawArticle | Problem]:
    """Standard input: JSONL line by line (a bad line is skipped alone, however long the
    stream), anything else read up to the size cap and cut there; a feed or an archive
    goes to the fetch stage."""
    first = stream.readline(MAX_BYTES + 1)
    while first and not first.strip():
        first = stream.readline(MAX_BYTES + 1)
    if first.lstrip().startswith(b"{") and _is_object_line(first):
        yield from _read_lines(stream, source, first)
        return
    data = first + stream.read(MAX_BYTES + 1 - len(first))
    if len(data) > MAX_BYTES:
        yield Problem(source, f"input is longer than {MAX_BYTES // (1024 * 1024)} MB; "
                              "read up to there and cut")
        data = data[:MAX_BYTES]
    if sniff(data[:65536]) != "text":
        yield from _named(sources.read_bytes(data, source, ""))
        return
    yield from _decoded(data, source, "")


def _read_lines(stream: BinaryIO, source: str, first: bytes | None = None
                ) -> Iterator[RawArticle | Problem]:
    """JSONL from a stream, a line at a time (a line longer than the size cap is refused
    alone); `first` is a line already read from it."""
    n, blank = 0, 0
    line = first if first is not None else stream.readline(MAX_BYTES + 1)
    while line:
        n += 1
        if len(line) > MAX_BYTES:
            yield Problem(f"{source}:{n}", f"line longer than {MAX_BYTES // (1024 * 1024)} MB;"
                                           " skipped")
            while line and not line.endswith(b"\n"):
                line = stream.readline(MAX_BYTES + 1)
        elif line.strip():
            yield from _decoded(line, f"{source}:{n}", ".jsonl", line_of=source)
        else:
            blank += 1
        line = stream.readline(MAX_BYTES + 1)
    if blank == n:
        yield Problem(source, "empty file")


def _is_object_line(line: bytes) -> bool:
    try:
        return isinstance(json.loads(line), dict)
    except ValueError:
        return False


def _decoded(data: bytes, source: str, suffix: str,
             line_of: str | None = None) -> Iterator[RawArticle | Problem]:
    if not data.strip():
        yield Problem(source, "empty file")
        return
    try:
        text, bad = decode_counted(data)
    except DecodeError as exc:
        yield Problem(source, str(exc))
        return
    if bad:
        yield Problem(source, f"{bad} byte{'s' * (bad > 1)} not valid UTF-8, read as U+FFFD",
                      skipped=False)
    if line_of is not None:
        yield from _renumbered(read_jsonl(text, line_of), source)
    else:
        yield from parse_text(text, source, suffix)


def _renumbered(found: Iterator[RawArticle | Problem], source: str
                ) -> Iterator[RawArticle | Problem]:
    """A line of a stream, named by its line number in the stream."""
    for item in found:
        if isinstance(item, Problem):
            yield Problem(source, item.message, item.skipped)
        else:
            item.source = source
            yield item


def parse_text(text: str, source: str, suffix: str) -> Iterator[RawArticle | Problem]:
    """Plain text, HTML or JSON(L): by suffix when it is known, else by the look of it."""
    stripped = text.lstrip()
    # JSON Lines saved as .json is common: one object a line, more than one line
    if suffix in {".jsonl", ".ndjson"} or (suffix in {"", ".json"} and looks_like_jsonl(text)):
        yield from read_jsonl(text, source)
    elif suffix == ".json" or (suffix not in {".html", ".htm", ".txt", ".text"}
                               and stripped[:1] in "[{"):
        yield from read_json(text, source)
    elif suffix in {".html", ".htm"} or looks_like_html(text):
        yield read_html(text, source)
    else:
        yield read_text(text, source)
