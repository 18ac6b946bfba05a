"""Groups sentences from different articles that state the same fact into claims.

No library does constrained clustering of sentences across documents, so this is ours: an
average-linkage agglomeration over embedding similarity in which two sentences of one
article never join the same claim (an article states a fact once; two of its sentences are
two facts). A claim stated by two or more independent outlets is `consensus`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from newsweave.model import Claim, Statement, Story

MIN_WORDS = 5  # shorter fragments ("He added.") are not claims
_DANGLING_STARTS = {"he", "she", "it", "they", "this", "these", "those", "his", "her", "their",
                    "its", "but", "and", "also", "however"}


@dataclass
class _Group:
    members: list[int]
    articles: set[str]


def group_sentences(story: Story, threshold: float | None = None) -> list[list[int]]:
    """Indices into story.sentences, grouped by the fact they state (one per article), at
    the encoder's same-fact cosine unless `threshold` says otherwise."""
    threshold = story.cosines.same_fact if threshold is None else threshold
    sents = story.sentences
    keep = [i for i, s in enumerate(sents) if len(s.text.split()) >= MIN_WORDS]
    if not keep:
        return []
    vecs = story.vectors[keep]
    article = [sents[i].article_id for i in keep]
    groups = {k: _Group([k], {article[k]}) for k in range(len(keep))}
    sums = {k: vecs[k].astype(np.float64) for k in range(len(keep))}
    owner = list(range(len(keep)))
    rows, cols, values = _close_pairs(vecs, threshold)
    order = np.argsort(-values, kind="stable")
    for r, c in zip(rows[order], cols[order], strict=True):
        a, b = owner[r], owner[c]
        if a == b or groups[a].articles & groups[b].articles:
            continue
        # The mean similarity between two groups is the product of their vector sums over
        # the product of their sizes: no n x n matrix is ever held.
        if sums[a] @ sums[b] / (len(groups[a].members) * len(groups[b].members)) < threshold:
            continue
        for m in groups[b].members:
            owner[m] = a
        groups[a].members += groups[b].members
        groups[a].articles |= groups[b].articles
        sums[a] = sums[a] + sums.pop(b)
        del groups[b]
    return [sorted(keep[m] for m in g.members) for g in groups.values()]


def _close_pairs(vecs: np.ndarray, threshold: float, block: int = 1024
                 ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(i, j, similarity) of every pair i < j at or above the threshold, in row order, the
    similarities computed a block of rows at a time (memory grows with the pairs found,
    not with the square of the sentences: 20,000 sentences made a 1.6 GB matrix)."""
    rows, cols, values = [], [], []
    for lo in range(0, len(vecs), block):
        sim = vecs[lo:lo + block] @ vecs.T
        r, c = np.nonzero(sim >= threshold)
        upper = c > r + lo
        rows.append(r[upper] + lo)
        cols.append(c[upper])
        values.append(sim[r[upper], c[upper]])
    return np.concatenate(rows), np.concatenate(cols), np.concatenate(values)


def dangles(text: str) -> bool:
    """A sentence that needs the one before it: it opens with a pronoun or connective, or
    its quotation marks do not balance."""
    words = text.split(maxsplit=1)
    first = words[0].strip("\"“”'‘’,").lower() if words else ""
    unbalanced = text.count('"') % 2 == 1 or text.count("“") != text.count("”")
    return first in _DANGLING_STARTS or unbalanced


def analyse_claims(story: Story, threshold: float | None = None) -> list[Claim]:
    """Every fact of the story with the statements backing it, most supported first.

    The claim's text is its most central statement; syndicated copies of a backing article
    are cited too but do not count as independent outlets.
    """
    copies_of: dict[str, list[str]] = {}
    for copy, origin in story.duplicates.items():
        copies_of.setdefault(origin, []).append(copy)
    ranked = []
    for members in group_sentences(story, threshold):
        vecs = story.vectors[members]
        centrality = (vecs @ vecs.T).sum(axis=1)
        centrality -= len(members) * np.array([dangles(story.sentences[m].text) for m in members])
        central = members[int(np.argmax(centrality))]
        said = [story.sentences[m] for m in members]
        statements = [Statement.of(s, story.outlet(s.article_id)) for s in said]
        sources = [st.source for st in statements]
        sources += [c for src in sources for c in copies_of.get(src, [])]
        outlets = list(dict.fromkeys(st.outlet for st in statements))
        claim = Claim(text=story.sentences[central].text, sources=sources,
                      support="consensus" if len(outlets) > 1 else "single_source",
                      statements=statements, outlets=outlets)
        ranked.append((-len(outlets), members[0], claim))
    ranked.sort(key=lambda r: r[:2])
    return [claim for *_, claim in ranked]
