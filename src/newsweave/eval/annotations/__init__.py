"""Hand annotations shipped with the package (the TSV files beside this module, read through
importlib.resources so that an installed newsweave finds them): '#' comment lines, offsets,
names and answers, no article text; a development file (rules were fixed on it) and a
held-out file (annotated afterwards)."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Protocol, TypeVar

FOLDER: Traversable = resources.files(__name__)
DEVELOPMENT = "development (rules were fixed on it)"
HELD_OUT = "held out (never used to change the rules)"

class _Annotation(Protocol):
    doc: str


T = TypeVar("T", bound=_Annotation)


def read(path: Traversable) -> list[dict[str, str]]:
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
