"""Fuzzing the readers (issue 24): random bytes and random structures as plain text, HTML,
JSON and JSONL files and as stdin. Never a traceback, never a hang; whatever comes out is an
Article with text or a one-line Problem naming the input."""

from __future__ import annotations

import io
import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsweave.ingest import read_inputs
from newsweave.ingest.settle import MAX_ARTICLE_CHARS
from newsweave.model import Article, Problem

FUZZ = settings(max_examples=120, deadline=5000,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
WORDS = st.sampled_from(["The", "harbour", "council", "voted", "on", "Tuesday", "to", "close",
                         "road", "said", "Kessmark", "mayor", "\u00e9t\u00e9", "\x1b[31m", "\n",
                         "\ufffd", "<p>", "</div>", "{", "\"", "\\", "\u202e", "\x00"])
TEXTS = st.lists(WORDS, max_size=80).map(" ".join) | st.text(max_size=400)
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | TEXTS,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(
        st.sampled_from(["id", "text", "title", "outlet", "url", "published", "story", "x"])
        | st.text(max_size=5), children, max_size=7),
    max_leaves=25)
RECORDS = st.fixed_dictionaries({}, optional={
    "id": st.text(max_size=12) | st.integers(), "text": TEXTS | JSON_VALUES,
    "title": TEXTS, "outlet": TEXTS, "url": TEXTS, "story": TEXTS,
    "published": st.sampled_from(["2026-03-01", "0001-01-01", "9999-12-31T23:59:59Z",
                                  "yesterday", "", "31/02/2026", "1e400"]) | TEXTS})


def _check(articles: list, problems: list) -> None:
    for a in articles:
        assert isinstance(a, Article) and a.text.strip() and a.id
        assert len(a.text) <= MAX_ARTICLE_CHARS
        assert not any(ord(c) < 32 and c not in "\t\n" for c in a.text)
    for p in problems:
        assert isinstance(p, Problem) and p.source and p.message
        assert "\n" not in p.message


def _read_file(suffix: str, data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"fuzz{suffix}"
        path.write_bytes(data)
        _check(*read_inputs([str(path)], keep_non_articles=True))


@FUZZ
@given(suffix=st.sampled_from([".txt", ".html", ".json", ".jsonl", ".ndjson"]),
       data=st.binary(max_size=2000))
def test_random_bytes_in_any_reader(suffix, data):
    _read_file(suffix, data)


@FUZZ
@given(text=TEXTS, encoding=st.sampled_from(["utf-8", "utf-16", "cp1252", "utf-8-sig"]))
def test_random_plain_text(text, encoding):
    _read_file(".txt", text.encode(encoding, "replace"))


_TAGS = st.sampled_from(["div", "p", "article", "span", "script", "style", "title", "h1",
                         "table", "td", "meta", "br", "html", "body", "head"])


@st.composite
def _html(draw) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 40))):
        tag = draw(_TAGS)
        parts.append(draw(st.sampled_from([f"<{tag}>", f"</{tag}>", f"<{tag} class='x'>",
                                           draw(TEXTS), "<!--", "-->", "<![CDATA[", "&amp;",
                                           "&#x0;", "&#99999999;"])))
    depth = draw(st.integers(0, 600))
    return "<html><body>" + "<div>" * depth + "".join(parts) + "</div>" * depth


@FUZZ
@given(page=_html())
def test_random_html(page):
    _read_file(".html", page.encode("utf-8", "surrogatepass"))


@FUZZ
@given(value=JSON_VALUES | st.lists(RECORDS, max_size=5) | RECORDS)
def test_random_json(value):
    _read_file(".json", json.dumps(value).encode())


@FUZZ
@given(lines=st.lists(RECORDS.map(json.dumps) | TEXTS | JSON_VALUES.map(json.dumps),
                      max_size=8))
def test_random_jsonl_files_and_stdin(lines):
    data = "\n".join(lines).encode("utf-8", "surrogatepass")
    _read_file(".jsonl", data)
    _check(*read_inputs(["-"], stdin=io.BytesIO(data), keep_non_articles=True))
