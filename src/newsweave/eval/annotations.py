"""Hand annotations under benchmarks/annotations: TSV files with '#' comment lines, each with
a development file (rules were fixed on it) and a held-out file (annotated afterwards)."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol, TypeVar

FOLDER = Path(__file__).resolve().parents[3] / "benchmarks" / "annotations"
DEVELOPMENT = "development (rules were fixed on it)"
HELD_OUT = "held out (never used to change the rules)"

class _Annotation(Protocol):
    doc: str


T = TypeVar("T", bound=_Annotation)


def read(path: Path) -> list[dict[str, str]]:
    """The rows of an annotation file, by column name."""
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader((line for line in fh if not line.startswith("#")),
                                   delimiter="\t"))


def named_sets(development: Sequence[T], held_out: Sequence[T] | None,
               limit: int | None = None) -> list[tuple[str, list[T]]]:
    """The development annotations (only those of its first `limit` documents, for CI) and,
    if given, the held-out ones, each with its name for the tables."""
    dev = list(development)
    if limit:
        docs = list(dict.fromkeys(g.doc for g in dev))[:limit]
        dev = [g for g in dev if g.doc in docs]
    sets = [(DEVELOPMENT, dev)]
    if held_out is not None:
        sets.append((HELD_OUT, list(held_out)))
    return sets
