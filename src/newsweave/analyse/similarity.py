"""Sentence-by-sentence cosine similarities of a story, a block of rows at a time: a story of
2,000 articles has some 30,000 sentences, whose full similarity matrix alone is 3.6 GB, so
no analysis holds it; each reads the rows it needs and keeps what it finds."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

BLOCK = 1024  # rows a block: 1,024 x 30,000 float32 cosines are 123 MB


def row_blocks(vecs: np.ndarray, block: int = BLOCK) -> Iterator[tuple[int, np.ndarray]]:
    """(first row, cosines of rows first..first+block against every row) for unit vectors."""
    for lo in range(0, len(vecs), block):
        yield lo, vecs[lo:lo + block] @ vecs.T


def pairs_above(vecs: np.ndarray, threshold: float, *, upper: bool = True,
                block: int = BLOCK) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(i, j, cosine) of every pair at or above the threshold in row-major order: i < j when
    `upper`, else both orders and each row with itself. Memory grows with the pairs found."""
    rows, cols, values = [np.zeros(0, np.int64)], [np.zeros(0, np.int64)], [np.zeros(0)]
    for lo, sim in row_blocks(vecs, block):
        r, c = np.nonzero(sim >= threshold)
        if upper:
            keep = c > r + lo
            r, c = r[keep], c[keep]
        rows.append(r + lo)
        cols.append(c)
        values.append(sim[r, c])
    return np.concatenate(rows), np.concatenate(cols), np.concatenate(values)
