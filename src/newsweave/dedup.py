"""Finds syndicated and near-duplicate copies of one text (MinHash LSH over word shingles).

A wire story republished by several outlets is one source, not several: the copies are
grouped and the earliest (by publication date, then input order) is kept as the origin.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from datasketch import MinHash, MinHashLSH

from newsweave.model import Article

THRESHOLD = 0.8  # estimated Jaccard similarity of 5-word shingles above which texts are copies
SHINGLE = 5
PERMUTATIONS = 128
_WORD = re.compile(r"\w+")


def _signature(text: str) -> MinHash:
    words = _WORD.findall(text.lower())
    shingles = {" ".join(words[i:i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))}
    mh = MinHash(num_perm=PERMUTATIONS)
    mh.update_batch([s.encode("utf-8") for s in shingles])
    return mh


def find_copies(articles: Sequence[Article], threshold: float = THRESHOLD) -> dict[str, str]:
    """Map each copy's id to the id of its origin; origins and unique articles are absent."""
    lsh = MinHashLSH(threshold=threshold, num_perm=PERMUTATIONS)
    order = sorted(range(len(articles)), key=lambda i: (articles[i].published or date.max, i))
    rank = {i: pos for pos, i in enumerate(order)}
    copies: dict[str, str] = {}
    for i in order:
        article = articles[i]
        sig = _signature(article.text)
        matches = lsh.query(sig)
        if matches:
            origin = min(matches, key=rank.__getitem__)
            copies[article.id] = articles[origin].id
            continue
        lsh.insert(i, sig)
    return copies
