"""The block-wise similarity reader gives what the full n x n matrix would."""

import numpy as np
import pytest

from newsweave.analyse.similarity import pairs_above, row_blocks


def _unit_rows(n: int, seed: int = 0) -> np.ndarray:
    vecs = np.random.default_rng(seed).normal(size=(n, 8)).astype(np.float32)
    return vecs / np.linalg.norm(vecs, axis=1, keepdims=True)


@pytest.mark.parametrize("upper", [True, False])
def test_pairs_above_match_the_full_matrix_whatever_the_block(upper):
    vecs = _unit_rows(50)
    full = vecs @ vecs.T
    mask = full >= 0.3
    if upper:
        mask = np.triu(mask, 1)
    want = [(int(i), int(j)) for i, j in zip(*np.nonzero(mask), strict=True)]
    for block in (1, 7, 64):
        rows, cols, values = pairs_above(vecs, 0.3, upper=upper, block=block)
        assert list(zip(rows.tolist(), cols.tolist(), strict=True)) == want
        assert np.allclose(values, full[rows, cols], atol=1e-6)


def test_row_blocks_cover_every_row_once():
    vecs = _unit_rows(10)
    blocks = list(row_blocks(vecs, block=4))
    assert [lo for lo, _ in blocks] == [0, 4, 8]
    assert np.allclose(np.vstack([b for _, b in blocks]), vecs @ vecs.T, atol=1e-6)


def test_no_pairs_in_an_empty_story():
    rows, cols, values = pairs_above(np.zeros((0, 8), np.float32), 0.5)
    assert len(rows) == len(cols) == len(values) == 0
