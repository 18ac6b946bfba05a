"""A sentence's facts (its dates, quantities, verb polarity) are read once and kept on its
parsed document, however many pairs of sentences it is compared in.

The memo lives in spaCy's `Doc.user_data`, the place spaCy gives for such annotations, keyed
by the reader, the span's characters and the reader's other arguments; texts that are not
parsed yet are read each time (they have no document to keep anything on).
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from spacy.tokens import Doc, Span

R = TypeVar("R")
_KEY = "newsweave.facts"


def read_once(reader: Callable[..., R]) -> Callable[..., R]:
    """`reader(span, *args)` memoised on the span's Doc; each call gets its own (shallow)
    copy of the answer, since callers may edit the lists they are given."""

    @wraps(reader)
    def read(span: Any, *args: Any) -> R:
        if not isinstance(span, Doc | Span):
            return reader(span, *args)
        doc = span if isinstance(span, Doc) else span.doc
        start, end = (0, len(doc.text)) if isinstance(span, Doc) else (span.start_char,
                                                                        span.end_char)
        memo = doc.user_data.setdefault(_KEY, {})
        key = (reader.__qualname__, start, end, *args)
        if key not in memo:
            memo[key] = reader(span, *args)
        return copy.copy(memo[key])

    return read
