"""Reads the sentence pairs `newsweave match` judges: a TSV with a header naming `id`,
`sentence1`, `sentence2`, or JSON Lines with `id`, `a`, `b` and optionally `outlet_a`,
`outlet_b`, `published_a`, `published_b` (YYYY-MM-DD). A bad line is a Problem naming
file:line, and the others are still read.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from newsweave.model import Problem

_JSON_SUFFIXES = {".jsonl", ".ndjson", ".json"}
_TSV_COLUMNS = ("id", "sentence1", "sentence2")


@dataclass(frozen=True)
class TextPair:
    """Two sentences to judge, with what is known of where and when each was published."""

    id: str
    a: str
    b: str
    outlet_a: str | None = None
    outlet_b: str | None = None
    published_a: date | None = None
    published_b: date | None = None


def read_pair_file(path: Path) -> tuple[list[TextPair], list[Problem]]:
    """The pairs of a TSV or JSONL file (told by its suffix, else by a first `{`)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return [], [Problem(str(path), "no such file")]
    except (OSError, UnicodeDecodeError) as exc:
        return [], [Problem(str(path), f"cannot read: {exc}")]
    lines = text.splitlines()
    first = next((ln for ln in lines if ln.strip()), "")
    if path.suffix.lower() in _JSON_SUFFIXES or (path.suffix.lower() != ".tsv"
                                                 and first.lstrip().startswith("{")):
        return _jsonl(path, lines)
    return _tsv(path, lines)


def _tsv(path: Path, lines: list[str]) -> tuple[list[TextPair], list[Problem]]:
    pairs: list[TextPair] = []
    rows = list(csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))
    header = [h.strip().lower() for h in rows[0]] if rows else []
    missing = [c for c in _TSV_COLUMNS if c not in header]
    if missing:
        return [], [Problem(f"{path}:1", "the header line must name the tab-separated "
                            f"columns {', '.join(_TSV_COLUMNS)} (missing {', '.join(missing)})")]
    at = {c: header.index(c) for c in _TSV_COLUMNS}
    problems = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            problems.append(Problem(f"{path}:{number}", f"expected {len(header)} tab-separated "
                                                        f"fields, got {len(row)}"))
            continue
        pid, a, b = (row[at[c]].strip() for c in _TSV_COLUMNS)
        if not (pid and a and b):
            problems.append(Problem(f"{path}:{number}", "an empty id or sentence"))
            continue
        pairs.append(TextPair(pid, a, b))
    return pairs, problems


def _jsonl(path: Path, lines: list[str]) -> tuple[list[TextPair], list[Problem]]:
    pairs, problems = [], []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            pairs.append(_pair(json.loads(line)))
        except json.JSONDecodeError as exc:
            problems.append(Problem(f"{path}:{number}", f"not JSON: {exc.msg}"))
        except ValueError as exc:
            problems.append(Problem(f"{path}:{number}", str(exc)))
    return pairs, problems


def _pair(obj: object) -> TextPair:
    """A JSONL record as a pair; ValueError saying what is wrong with it."""
    if not isinstance(obj, dict):
        raise ValueError("expected a JSON object with id, a and b")
    if not isinstance(obj.get("id"), str | int) or isinstance(obj.get("id"), bool):
        raise ValueError("'id' must be a string or a number")
    for key in ("a", "b"):
        if not isinstance(obj.get(key), str) or not obj[key].strip():
            raise ValueError(f"'{key}' must be a non-empty string")
    for key in ("outlet_a", "outlet_b", "published_a", "published_b"):
        if obj.get(key) is not None and not isinstance(obj[key], str):
            raise ValueError(f"'{key}' must be a string")
    published = []
    for key in ("published_a", "published_b"):
        try:
            published.append(date.fromisoformat(obj[key]) if obj.get(key) else None)
        except ValueError:
            raise ValueError(f"'{key}' is not a date (expected YYYY-MM-DD): "
                             f"{obj[key]!r}") from None
    return TextPair(str(obj["id"]), obj["a"].strip(), obj["b"].strip(), obj.get("outlet_a"),
                    obj.get("outlet_b"), *published)
