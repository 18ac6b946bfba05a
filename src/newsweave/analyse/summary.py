"""Writes the story summary: the most central, best supported claims within a word budget.

Each chosen claim keeps every article that states it, so every summary sentence cites all
its sources. Selection is maximal marginal relevance over sentence embeddings (no library
offers MMR with a word budget and source tracking); sentences are then put in story order.
"""

from __future__ import annotations

import numpy as np

from newsweave.analyse.claims import dangles
from newsweave.model import Claim, Conflict, Statement, Story, SummarySentence

REDUNDANT = 0.75  # cosine above which a candidate repeats a chosen sentence
DIVERSITY = 0.5  # weight of the redundancy penalty in MMR
SUPPORT_WEIGHT = 0.3
POSITION_WEIGHT = 0.3
DANGLING_PENALTY = 0.2  # for sentences that need the one before them to be understood


def summarize(story: Story, claims: list[Claim], words: int = 100,
              conflicts: list[Conflict] = ()) -> list[SummarySentence]:
    """Sentences of at most `words` words in all, each with the ids of its sources.

    A source whose statement conflicts with the chosen wording is not cited for it.
    """
    if not claims or words <= 0:
        return []
    rows = [[story.row(st.source, st.sentence) for st in c.statements] for c in claims]
    reps = np.stack([_representative(story, c, r) for c, r in zip(claims, rows, strict=True)])
    centroid = story.vectors.mean(axis=0)
    centroid /= np.linalg.norm(centroid) or 1.0
    n_outlets = len({d.article.outlet or d.id for d in story.documents})
    relative = _relative_positions(story)
    position = np.array([relative[r].min() for r in rows])
    support = np.array([len(c.outlets) for c in claims]) / max(n_outlets, 1)
    dangling = np.array([dangles(c.text) for c in claims], dtype=float)
    score = (reps @ centroid + SUPPORT_WEIGHT * support + POSITION_WEIGHT * (1 - position)
             - DANGLING_PENALTY * dangling)
    lengths = np.array([len(c.text.split()) for c in claims])
    chosen: list[int] = []
    budget = words
    candidates = set(range(len(claims)))
    while candidates:
        cand = np.array(sorted(candidates))
        redundancy = (reps[cand] @ reps[chosen].T).max(axis=1) if chosen else np.zeros(len(cand))
        mmr = score[cand] - DIVERSITY * redundancy
        best = int(cand[int(np.argmax(mmr))])
        candidates.discard(best)
        repeats = bool(chosen) and float((reps[best] @ reps[chosen].T).max()) > REDUNDANT
        if lengths[best] > budget or repeats:
            continue
        chosen.append(best)
        budget -= lengths[best]
    chosen.sort(key=lambda i: (position[i], rows[i][0]))
    disputed = {_pair(c.statements[0], c.statements[1]) for c in conflicts
                if c.status == "conflict"}
    return [SummarySentence(text=claims[i].text, sources=_sources(story, claims[i], disputed))
            for i in chosen]


def _pair(a: Statement, b: Statement) -> frozenset:
    return frozenset({(a.source, a.sentence), (b.source, b.sentence)})


def _sources(story: Story, claim: Claim, disputed: set[frozenset]) -> list[str]:
    """The articles backing the claim's wording: its statements that do not conflict with
    the chosen one, and their syndicated copies."""
    chosen = next(st for st in claim.statements if st.text == claim.text)
    backing = {st.source for st in claim.statements if _pair(chosen, st) not in disputed}
    backing |= {copy for copy, origin in story.duplicates.items() if origin in backing}
    return [src for src in claim.sources if src in backing]


def _representative(story: Story, claim: Claim, rows: list[int]) -> np.ndarray:
    for st, r in zip(claim.statements, rows, strict=True):
        if st.text == claim.text:
            return story.vectors[r]
    return story.vectors[rows[0]]


def _relative_positions(story: Story) -> np.ndarray:
    """Each sentence's index in its article divided by the article's sentence count."""
    counts: dict[str, int] = {}
    for s in story.sentences:
        counts[s.article_id] = counts.get(s.article_id, 0) + 1
    return np.array([s.index / counts[s.article_id] for s in story.sentences])
