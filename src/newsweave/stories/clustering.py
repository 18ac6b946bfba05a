"""Incremental story clustering: each article joins the closest story of its time window, or
starts one; stories whose centroids converge are merged.

This is single-pass clustering as in topic detection and tracking (TDT): it needs no number
of stories, takes articles as they come and never revisits an assignment, so a stream of any
length is clustered at the cost of one sparse product per batch. Libraries offer batch
clusterers (they re-cluster everything) or streaming ones over dense vectors without time
windows, hence this one.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta

import numpy as np
from scipy import sparse

from newsweave.model import Assignment, StoryState
from newsweave.stories.contrast import Names, contrast

# Tuned on DUC 2003 + the Multi-News sample (benchmarks/clustering.py reports the rest).
JOIN = 0.15  # cosine between an article and a story centroid to join that story
# Two stories merge when their centroids' product, over the geometric mean of each one's
# centroid length and size, reaches this. For a tight story that is the cosine; for a loose
# one it falls toward the average similarity of its members, since the centroids of any two
# large, loose stories point near the feed's mean: by plain cosine, 7,553 of Reuters-21578's
# 17,292 articles had merged into one story. Chosen on DUC 2003 + Multi-News and half the
# UCI headline stories: BCubed F1 0.824 -> 0.829 and 0.862 -> 0.873 against the cosine at 0.30.
MERGE = 0.15
# An article joins a story of two or more only if its mean cosine to the members is at least
# this share of the members' mean cosine to each other: a loose fit to a tight story is
# another event. Chosen on DUC 2003 + Multi-News, WikiRef and ECB+ topics 1-22 (0.4-0.8 tried):
# BCubed F1 0.820 -> 0.832, 0.926 -> 0.929, 0.833 -> 0.831.
COHERENCE = 0.6
# Contrasting names (contrast.py) keep two stories from merging, and an article from joining
# a story of at least JOIN_CONTRAST_SIZE members it is less than JOIN_CONTRAST_BELOW close to
# (closer than that, the words outweigh the names: DUC's topics hold several events).
JOIN_CONTRAST_BELOW = 0.2
JOIN_CONTRAST_SIZE = 3
WINDOW_DAYS = 14  # a story stays open while articles keep coming within this gap


class StoryClusterer:
    """Single-pass clustering of unit article vectors into stories, batch by batch."""

    def __init__(self, join: float = JOIN, merge: float = MERGE,
                 window_days: int = WINDOW_DAYS, dense_from: int | None = None,
                 marks_from: int | None = None) -> None:
        self.join = join
        self.merge = merge
        self.window_days = window_days
        self.dense_from = dense_from  # vector columns from here on are dense (see _products)
        self.marks_from = marks_from  # where the name marks start (contrast); None: unused
        self.stories: dict[str, StoryState] = {}
        self.next_number = 1

    def partial_fit(self, vectors: sparse.csr_matrix, days: Sequence[date | None]
                    ) -> Assignment:
        """Assign a batch (already in publication order) and merge converging stories."""
        dated = [d for d in days if d is not None]
        live = self._live_near(min(dated), max(dated)) if len(dated) == len(days) and dated \
            else self._live_near(None, None)
        n_old, b = len(live), vectors.shape[0]
        if n_old:
            centroids = sparse.vstack([s.centroid for s in live]).tocsr()
            dots = np.zeros((b, n_old + b), dtype=np.float64)
            dots[:, :n_old] = _products(vectors, centroids, self.dense_from)
            norm2 = np.zeros(n_old + b)
            norm2[:n_old] = np.asarray(centroids.multiply(centroids).sum(axis=1)).ravel()
        else:
            dots, norm2 = np.zeros((b, b)), np.zeros(b)
        gram = _products(vectors, vectors, self.dense_from)
        sizes = np.zeros(n_old + b)
        sizes[:n_old] = [st.size for st in live]
        states = list(live)
        names = _NamesOf(states, self.marks_from)
        mine = (Names.of_rows(vectors, self.marks_from) if self.marks_from is not None
                else [None] * b)
        ranges = _Ranges([s.first for s in live], [s.last for s in live], n_old + b)
        members: dict[int, list[int]] = {}
        chosen: list[int] = []
        created: list[str] = []
        for i in range(b):
            n = len(states)
            with np.errstate(divide="ignore", invalid="ignore"):
                sims = dots[i, :n] / np.sqrt(norm2[:n])
            sims[~ranges.near(days[i], n, self.window_days)] = -1.0
            best = self._best(sims, dots[i, :n], norm2[:n], sizes[:n], names, mine[i])
            if best < 0:
                best = n
                states.append(StoryState(id=self._new_id(), centroid=sparse.csr_matrix(
                    (1, vectors.shape[1]), dtype=np.float32)))
                created.append(states[best].id)
            norm2[best] += 2 * dots[i, best] + gram[i, i]
            sizes[best] += 1
            names.grow(best, mine[i])
            dots[:, best] += gram[:, i]
            ranges.add(best, days[i])
            members.setdefault(best, []).append(i)
            chosen.append(best)
        keys = list(members)
        where = {k: r for r, k in enumerate(keys)}
        onehot = sparse.csr_matrix(
            (np.ones(b, dtype=np.float32), ([where[k] for k in chosen], np.arange(b))),
            shape=(len(keys), b))
        sums = (onehot @ vectors).tocsr()
        # One sparse addition for all grown stories, then split by row: adding row by row
        # costs scipy's per-call overhead thousands of times per batch.
        grown_sums = _split_rows((sparse.vstack([states[k].centroid for k in keys]).tocsr()
                                  + sums).tocsr())
        for r, k in enumerate(keys):
            rows = members[k]
            state = states[k]
            state.centroid = grown_sums[r]
            state.size += len(rows)
            for i in rows:
                state.add_date(days[i])
            self.stories[state.id] = state
        grown = [states[k] for k in members]
        merged = self._merge(grown)
        touched = {s.id: s for s in grown}
        touched.update((i, self.stories[i]) for pair in merged.items() for i in pair)
        ids = [states[k].id for k in chosen]
        return Assignment([self.resolve(s) for s in ids], created, merged,
                          list(touched.values()))

    def _best(self, sims: np.ndarray, dots: np.ndarray, norm2: np.ndarray, sizes: np.ndarray,
              names: _NamesOf, mine: Names | None) -> int:
        """The closest story the article may join, or -1: at least `join` close, not far
        below how close the story's members are to each other (COHERENCE), and not about
        other people or places (`contrast`)."""
        with np.errstate(divide="ignore", invalid="ignore"):
            pair = (norm2 - sizes) / (sizes * (sizes - 1))  # members' mean cosine
            loose = (sizes >= 2) & (dots / sizes < COHERENCE * pair)
        candidates = np.flatnonzero((sims >= self.join) & ~loose)
        for k in candidates[np.argsort(-sims[candidates], kind="stable")]:
            if (mine is None or sims[k] >= JOIN_CONTRAST_BELOW or sizes[k] < JOIN_CONTRAST_SIZE
                    or not contrast(mine, names.of(int(k)))):
                return int(k)
        return -1

    def load(self, stories: Iterable[StoryState], next_number: int) -> None:
        """Carry on from saved stories (as `Assignment.touched` gave them out)."""
        self.stories = {s.id: s for s in stories}
        self.next_number = next_number

    def resolve(self, story_id: str) -> str:
        """The live story a (possibly merged) story id now belongs to."""
        while (into := self.stories[story_id].merged_into) is not None:
            story_id = into
        return story_id

    def _new_id(self) -> str:
        story_id = f"s{self.next_number:06d}"
        self.next_number += 1
        return story_id

    def _live_near(self, first: date | None, last: date | None) -> list[StoryState]:
        """Live stories that come within the window of [first, last] (all when undated):
        only they can take an article or a merge, so only they are compared."""
        live = [s for s in self.stories.values() if s.merged_into is None]
        if first is None or last is None:
            return live
        span = timedelta(days=self.window_days)
        return [s for s in live
                if s.first is None or (first - s.last <= span and s.first - last <= span)]

    def _merge(self, touched: list[StoryState]) -> dict[str, str]:
        """Fold touched stories into older live stories they have come close to (MERGE)."""
        if not touched:
            return {}
        if any(s.first is None for s in touched):
            live = self._live_near(None, None)
        else:
            live = self._live_near(min(s.first for s in touched), max(s.last for s in touched))
        if len(live) < 2:
            return {}
        index = {s.id: k for k, s in enumerate(live)}
        centroids = sparse.vstack([s.centroid for s in live]).tocsr()
        lengths = np.sqrt(np.asarray(centroids.multiply(centroids).sum(axis=1)).ravel())
        scale = 1.0 / np.sqrt(np.maximum(lengths * [s.size for s in live], 1e-12))
        rows = [index[s.id] for s in touched]
        sims = (_products(centroids[rows], centroids, self.dense_from)
                * scale[rows, np.newaxis] * scale[np.newaxis, :])
        ranges = _Ranges([s.first for s in live], [s.last for s in live], len(live))
        pairs = []
        for r, k in enumerate(rows):
            sims[r, k] = -1.0
            near = ranges.overlaps(live[k].first, live[k].last, self.window_days)
            for j in np.flatnonzero((sims[r] >= self.merge) & near):
                pairs.append((sims[r, j], k, int(j)))
        merged: dict[str, str] = {}
        for _, a, b in sorted(pairs, reverse=True):
            if live[a].merged_into is not None or live[b].merged_into is not None:
                continue
            if self.marks_from is not None and contrast(
                    Names.of_row(live[a].centroid, self.marks_from, live[a].size),
                    Names.of_row(live[b].centroid, self.marks_from, live[b].size)):
                continue
            keep, gone = sorted([live[a], live[b]], key=lambda s: s.id)
            keep.centroid = (keep.centroid + gone.centroid).tocsr()
            keep.size += gone.size
            keep.add_date(gone.first)
            keep.add_date(gone.last)
            gone.merged_into = keep.id
            merged[gone.id] = keep.id
        return merged


def _products(a: sparse.csr_matrix, b: sparse.csr_matrix, dense_from: int | None
              ) -> np.ndarray:
    """a @ b.T as an array. A sparse product costs per pair of matching entries, so columns
    that are dense in most rows (from `dense_from` on) are multiplied by BLAS instead."""
    if dense_from is None or dense_from >= a.shape[1]:
        return (a @ b.T).toarray()
    words = (a[:, :dense_from] @ b[:, :dense_from].T).toarray()
    return words + a[:, dense_from:].toarray() @ b[:, dense_from:].toarray().T


class _NamesOf:
    """The name counts of a batch's candidate stories, read from their centroids when first
    asked for and grown as the batch's articles join them."""

    def __init__(self, states: list[StoryState], marks_from: int | None) -> None:
        self.states = states
        self.marks_from = marks_from
        self.known: dict[int, Names] = {}

    def of(self, k: int) -> Names:
        if k not in self.known:
            self.known[k] = Names.of_row(self.states[k].centroid, self.marks_from,
                                         self.states[k].size)
        return self.known[k]

    def grow(self, k: int, mine: Names | None) -> None:
        if mine is not None:
            self.of(k).add(mine)


def _split_rows(mat: sparse.csr_matrix) -> list[sparse.csr_matrix]:
    """The rows of a CSR matrix as 1-row CSR matrices sharing no memory with it."""
    mat.sort_indices()
    ptr, width = mat.indptr, mat.shape[1]
    return [sparse.csr_matrix((mat.data[ptr[r]:ptr[r + 1]].copy(),
                               mat.indices[ptr[r]:ptr[r + 1]].copy(),
                               np.array([0, ptr[r + 1] - ptr[r]], dtype=mat.indices.dtype)),
                              shape=(1, width)) for r in range(mat.shape[0])]


class _Ranges:
    """First and last dates of the candidate stories as ordinal arrays, for fast masks."""

    def __init__(self, firsts: list[date | None], lasts: list[date | None], size: int) -> None:
        self.first = np.full(size, np.nan)
        self.last = np.full(size, np.nan)
        for k, (f, la) in enumerate(zip(firsts, lasts, strict=True)):
            if f is not None:
                self.first[k], self.last[k] = f.toordinal(), la.toordinal()

    def near(self, day: date | None, n: int, window: int) -> np.ndarray:
        if day is None:
            return np.ones(n, dtype=bool)
        d = day.toordinal()
        first, last = self.first[:n], self.last[:n]
        undated = np.isnan(first)
        return undated | ((d - last <= window) & (first - d <= window))

    def overlaps(self, first: date | None, last: date | None, window: int) -> np.ndarray:
        """Which ranges come within the window of [first, last] (undated ones always do)."""
        if first is None:
            return np.ones(len(self.first), dtype=bool)
        f, la = first.toordinal(), last.toordinal()
        return np.isnan(self.first) | ((f - self.last <= window) & (self.first - la <= window))

    def add(self, k: int, day: date | None) -> None:
        if day is None:
            return
        d = float(day.toordinal())
        if np.isnan(self.first[k]):
            self.first[k] = self.last[k] = d
        else:
            self.first[k] = min(self.first[k], d)
            self.last[k] = max(self.last[k], d)
