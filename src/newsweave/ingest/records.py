"""JSON and JSONL records: {id, text, title, outlet, url, published, story}."""

from __future__ import annotations

import json
from collections.abc import Iterator

from newsweave.ingest.html import REPORT
from newsweave.model import Problem, RawArticle

FIELDS = ("id", "title", "outlet", "url", "published", "story")
# JSON's own names for what a value is, as a reader of the file knows them.
JSON_TYPES = {dict: "an object", list: "an array", str: "a string", int: "a number",
              float: "a number", bool: "a boolean", type(None): "null"}


def _json_type(value: object) -> str:
    return JSON_TYPES.get(type(value), type(value).__name__)


def _record(obj: object, source: str) -> Iterator[RawArticle | Problem]:
    """The record as a RawArticle, after a warning for each metadata field that is not a
    string or a number (an object or an array is no title, outlet or date: it is dropped)."""
    if not isinstance(obj, dict):
        yield Problem(source, f"a record must be a JSON object, not {_json_type(obj)}")
        return
    text = obj.get("text")
    if text is None:
        yield Problem(source, "record has no 'text' field")
        return
    if not isinstance(text, str):
        yield Problem(source, f"record 'text' must be a string, not {_json_type(text)}")
        return
    meta = {}
    for key in FIELDS:
        value = obj.get(key)
        if isinstance(value, dict | list | bool):
            yield Problem(source, f"record '{key}' must be a string, not "
                                  f"{_json_type(value)}; left out", skipped=False)
        elif value not in (None, ""):
            meta[key] = str(value)
    yield RawArticle(source=source, text=text, **meta)


def read_json(text: str, source: str) -> Iterator[RawArticle | Problem]:
    """A JSON file: one record or a list of records."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        yield Problem(source, f"malformed JSON: {exc.msg} at line {exc.lineno}")
        return
    if data == []:
        yield Problem(source, "holds no records (an empty JSON array)")
        return
    if isinstance(data, dict) and "text" not in data and {"stories", "problems"} <= data.keys():
        yield Problem(source, f"{REPORT}, not an article; skipped")
        return
    records = data if isinstance(data, list) else [data]
    for n, obj in enumerate(records):
        yield from _record(obj, f"{source}[{n}]" if isinstance(data, list) else source)


def read_jsonl(text: str, source: str) -> Iterator[RawArticle | Problem]:
    """A JSONL file: one record a line; a malformed line is reported, the rest kept."""
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{source}:{n}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Problem(where, f"malformed JSON line: {exc.msg}")
            continue
        yield from _record(obj, where)


def looks_like_jsonl(text: str) -> bool:
    """More than one line and every non-empty line an object."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    return len(lines) > 1 and all(ln.startswith("{") and ln.endswith("}") for ln in lines)
