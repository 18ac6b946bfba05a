"""Finds syndicated and near-duplicate copies of one text (MinHash LSH over word shingles).

A wire story republished by several outlets is one source, not several: the copies are
grouped and the earliest (by publication date, then input order) is kept as the origin.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

import numpy as np
from datasketch import MinHash, MinHashLSH

from newsweave.model import Article

THRESHOLD = 0.8  # estimated Jaccard similarity of 5-word shingles above which texts are copies
SHINGLE = 5
PERMUTATIONS = 128
SCHEME = "affine32"  # datasketch's hashing scheme; stored signatures must match it
HASH_TYPE = np.uint32  # the type of its hash values (LSH bands hash their bytes)
_WORD = re.compile(r"\w+")


def signature(text: str) -> MinHash:
    """The MinHash of a text's 5-word shingles."""
    words = _WORD.findall(text.lower())
    shingles = {" ".join(words[i:i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))}
    mh = MinHash(num_perm=PERMUTATIONS, scheme=SCHEME)
    mh.update_batch([s.encode("utf-8") for s in shingles])
    return mh


def to_bytes(sig: MinHash) -> bytes:
    """A signature's values, for storing."""
    return np.asarray(sig.hashvalues, dtype=HASH_TYPE).tobytes()


def from_bytes(blob: bytes) -> MinHash:
    """A signature stored by `to_bytes`."""
    return MinHash(num_perm=PERMUTATIONS, scheme=SCHEME,
                   hashvalues=np.frombuffer(blob, dtype=HASH_TYPE))


class CopyFinder:
    """An LSH index of origin texts that tells whether a new text copies one of them."""

    def __init__(self, threshold: float = THRESHOLD) -> None:
        self._lsh = MinHashLSH(threshold=threshold, num_perm=PERMUTATIONS)

    def origin_of(self, sig: MinHash) -> list[str]:
        """Ids of indexed origins this text is a copy of (empty for an original text)."""
        return list(self._lsh.query(sig))

    def add(self, article_id: str, sig: MinHash) -> None:
        """Index an origin text."""
        self._lsh.insert(article_id, sig)


def find_copies(articles: Sequence[Article], threshold: float = THRESHOLD) -> dict[str, str]:
    """Map each copy's id to the id of its origin; origins and unique articles are absent."""
    finder = CopyFinder(threshold)
    order = sorted(range(len(articles)), key=lambda i: (articles[i].published or date.max, i))
    rank = {articles[i].id: pos for pos, i in enumerate(order)}
    copies: dict[str, str] = {}
    for i in order:
        article = articles[i]
        sig = signature(article.text)
        matches = finder.origin_of(sig)
        if matches:
            copies[article.id] = min(matches, key=rank.__getitem__)
            continue
        finder.add(article.id, sig)
    return copies
