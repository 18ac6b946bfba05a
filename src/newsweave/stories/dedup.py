"""Finds syndicated and near-duplicate copies of one text (MinHash LSH over word shingles).

A wire story republished by several outlets is one source, not several: the copies are
grouped and the earliest (by publication date, then input order) is kept as the origin.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Sequence
from datetime import date
from functools import lru_cache

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

from newsweave.model import Article

THRESHOLD = 0.8  # estimated Jaccard similarity of 5-word shingles above which texts are copies
SHINGLE = 5  # words per shingle: long enough that shared stock phrases rarely match
PERMUTATIONS = 128  # MinHash size: Jaccard estimated to about +-0.04 at 0.8
SCHEME = "affine32"  # datasketch's hashing scheme; stored signatures must match it
SHINGLE_HASH = "crc32-poly-fmix32"  # how shingles become integers; stored with signatures
HASH_TYPE = np.uint32  # the type of its hash values (LSH bands hash their bytes)
_WORD = re.compile(r"\w+")
_POLY = np.uint64(0x01000193)  # the FNV prime, as the shingle polynomial's base
_MASK32 = np.uint64(0xFFFFFFFF)


def signatures(texts: Sequence[str]) -> list[MinHash]:
    """The MinHash of each text's 5-word shingles (in bulk: the permutations are drawn once)."""
    return MinHash.bulk([_shingle_hashes(t) for t in texts], num_perm=PERMUTATIONS,
                        scheme=SCHEME, hashfunc=int)


def _shingle_hashes(text: str) -> np.ndarray:
    """The distinct 32-bit hashes of a text's shingles.

    Hand-written because datasketch hashes each shingle's bytes with SHA-1 in a Python loop,
    the larger part of `newsweave stories` time: here each word is hashed once (CRC-32), a
    shingle is a polynomial of its words' hashes, finished by MurmurHash3's mixer so that
    datasketch's affine permutations see well-spread values.
    """
    words = _WORD.findall(text.lower()) or [""]
    h = np.fromiter(map(_word_hash, words), dtype=np.uint64, count=len(words))
    n = max(1, len(words) - SHINGLE + 1)
    acc = np.zeros(n, dtype=np.uint64)
    for k in range(min(SHINGLE, len(words))):
        acc = (acc * _POLY + h[k:k + n]) & _MASK32
    acc ^= acc >> 16
    acc = (acc * 0x85EBCA6B) & _MASK32
    acc ^= acc >> 13
    acc = (acc * 0xC2B2AE35) & _MASK32
    acc ^= acc >> 16
    return np.unique(acc)


@lru_cache(maxsize=1 << 18)
def _word_hash(word: str) -> int:
    return zlib.crc32(word.encode("utf-8"))


def to_bytes(sig: MinHash) -> bytes:
    """A signature's values, for storing."""
    return np.asarray(sig.hashvalues, dtype=HASH_TYPE).tobytes()


def from_bytes(blob: bytes) -> MinHash:
    """A signature stored by `to_bytes`, frozen (a LeanMinHash: it is only compared, so it
    needs not the permutations a MinHash draws anew each time it is made)."""
    return LeanMinHash(seed=1, hashvalues=np.frombuffer(blob, dtype=HASH_TYPE), scheme=SCHEME)


@lru_cache(maxsize=8)
def _bands(threshold: float) -> tuple[int, int]:
    """datasketch's optimal (bands, rows) for a threshold, found once: it integrates the
    false-positive and false-negative curves anew for every index (~35 ms)."""
    lsh = MinHashLSH(threshold=threshold, num_perm=PERMUTATIONS)
    return lsh.b, lsh.r


class CopyFinder:
    """An LSH index of origin texts that tells whether a new text copies one of them."""

    def __init__(self, threshold: float = THRESHOLD) -> None:
        self.threshold = threshold
        self._lsh = MinHashLSH(threshold=threshold, num_perm=PERMUTATIONS,
                               params=_bands(threshold))
        self._values: dict[str, np.ndarray] = {}

    def origin_of(self, sig: MinHash) -> list[str]:
        """Ids of indexed origins this text is a copy of (empty for an original text).

        LSH bands only propose candidates (some below the threshold slip through); each is
        kept only if the signatures' estimated Jaccard similarity reaches the threshold."""
        return [i for i in self._lsh.query(sig)
                if np.mean(self._values[i] == sig.hashvalues) >= self.threshold]

    def add(self, article_id: str, sig: MinHash) -> None:
        """Index an origin text."""
        self._lsh.insert(article_id, sig)
        self._values[article_id] = np.asarray(sig.hashvalues)


def find_copies(articles: Sequence[Article], threshold: float = THRESHOLD) -> dict[str, str]:
    """Map each copy's id to the id of its origin; origins and unique articles are absent."""
    finder = CopyFinder(threshold)
    order = sorted(range(len(articles)), key=lambda i: (articles[i].published or date.max, i))
    rank = {articles[i].id: pos for pos, i in enumerate(order)}
    copies: dict[str, str] = {}
    sigs = signatures([articles[i].text for i in order])
    for i, sig in zip(order, sigs, strict=True):
        article = articles[i]
        matches = finder.origin_of(sig)
        if matches:
            copies[article.id] = min(matches, key=rank.__getitem__)
            continue
        finder.add(article.id, sig)
    return copies
