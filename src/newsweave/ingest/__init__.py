"""Ingest stage: files, folders, globs and stdin -> Articles, plus one Problem per bad input.

Plain text (one paragraph a line), HTML pages (trafilatura), JSON and JSONL records; URLs,
feeds, OPML lists, compressed files, archives and web archives go through the fetch stage
(`newsweave.fetch`), chosen by what the content is. A bad input never stops the batch: it
becomes a one-line Problem naming the file (or URL, or archive member) and the fault.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from newsweave.fetch.sniff import sniff, sniff_file
from newsweave.ingest.encoding import DecodeError, decode
from newsweave.ingest.html import looks_like_html, read_html
from newsweave.ingest.parsed import RawArticle
from newsweave.ingest.paths import STDIN, expand
from newsweave.ingest.plaintext import read_text
from newsweave.ingest.records import looks_like_jsonl, read_json, read_jsonl
from newsweave.ingest.settle import settle
from newsweave.model import Article, Problem

if TYPE_CHECKING:
    from newsweave.fetch import Policy, Sources

__all__ = ["parse_assignments", "parse_text", "read_inputs"]


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
                allow_private: bool = False, policy: Policy | None = None
                ) -> tuple[list[Article], list[Problem]]:
    """Every article found in the inputs, and a Problem for each input that was skipped.

    Pages that are not news are skipped too, or with `keep_non_articles` returned with
    their `non_article` reason set (the story store keeps them aside). URLs resolving to
    loopback or private addresses are refused unless `allow_private`; `policy` sets the
    fetch's timeouts, caps and rate (polite defaults)."""
    from newsweave.fetch import Policy, Sources

    if policy is None:
        policy = Policy(allow_private=allow_private)

    raws: list[RawArticle] = []
    problems: list[Problem] = []
    with Sources(parse_text, policy) as sources:
        for item in expand(inputs):
            if isinstance(item, Problem):
                problems.append(item)
                continue
            for found in _read(item, stdin, sources):
                (problems if isinstance(found, Problem) else raws).append(found)
    articles, more = settle(raws, outlets or {}, published or {}, keep_non_articles)
    return articles, problems + more


def _read(item: Path | str, stdin: BinaryIO | None, sources: Sources
          ) -> Iterator[RawArticle | Problem]:
    if isinstance(item, str) and item != STDIN:
        yield from sources.read_url(item)
        return
    if item == STDIN:
        source = "<stdin>"
        data = (stdin or sys.stdin.buffer).read()
        suffix = ""
        if sniff(data[:65536]) != "text":
            yield from sources.read_bytes(data, source, suffix)
            return
    else:
        source = str(item)
        try:
            if sniff_file(item) != "text":
                yield from sources.read_path(item)
                return
            data = item.read_bytes()
        except OSError as exc:
            yield Problem(source, f"cannot read: {exc.strerror or exc}")
            return
        suffix = item.suffix.lower()
    if not data.strip():
        yield Problem(source, "empty file")
        return
    try:
        text = decode(data)
    except DecodeError as exc:
        yield Problem(source, str(exc))
        return
    yield from parse_text(text, source, suffix)


def parse_text(text: str, source: str, suffix: str) -> Iterator[RawArticle | Problem]:
    """Plain text, HTML or JSON(L): by suffix when it is known, else by the look of it."""
    stripped = text.lstrip()
    if suffix in {".jsonl", ".ndjson"} or (not suffix and looks_like_jsonl(text)):
        yield from read_jsonl(text, source)
    elif suffix == ".json" or (suffix not in {".html", ".htm", ".txt", ".text"}
                               and stripped[:1] in "[{"):
        yield from read_json(text, source)
    elif suffix in {".html", ".htm"} or looks_like_html(text):
        yield read_html(text, source)
    else:
        yield read_text(text, source)

