"""JSON and JSONL records: {id, text, title, outlet, url, published, story}."""

from __future__ import annotations

import json
from collections.abc import Iterator

from newsweave.ingest.parsed import RawArticle
from newsweave.model import Problem

FIELDS = ("id", "title", "outlet", "url", "published", "story")


def _record(obj: object, source: str) -> RawArticle | Problem:
    if not isinstance(obj, dict):
        return Problem(source, f"a record must be a JSON object, not {type(obj).__name__}")
    text = obj.get("text")
    if text is None:
        return Problem(source, "record has no 'text' field")
    if not isinstance(text, str):
        return Problem(source, f"record 'text' must be a string, not {type(text).__name__}")
    meta = {k: (str(obj[k]) if obj.get(k) not in (None, "") else None) for k in FIELDS}
    return RawArticle(source=source, text=text, **meta)


def read_json(text: str, source: str) -> Iterator[RawArticle | Problem]:
    """A JSON file: one record or a list of records."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        yield Problem(source, f"malformed JSON: {exc.msg} at line {exc.lineno}")
        return
    records = data if isinstance(data, list) else [data]
    for n, obj in enumerate(records):
        yield _record(obj, f"{source}[{n}]" if isinstance(data, list) else source)


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
        yield _record(obj, where)


def looks_like_jsonl(text: str) -> bool:
    """More than one line and every non-empty line an object."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    return len(lines) > 1 and all(ln.startswith("{") and ln.endswith("}") for ln in lines)
