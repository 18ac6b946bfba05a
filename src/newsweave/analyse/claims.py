"""Groups sentences from different articles that state the same fact into claims.

Candidate pairs are the sentences of different articles whose embeddings are close (the
encoder's same-fact cosine); the same-fact judgement (`match`) then decides each pair, and
only pairs it calls `same` or `conflict` may join one claim. No library does constrained
clustering of sentences across documents, so this is ours: a complete-linkage agglomeration
over the judged pairs in which two sentences of one article never join the same claim (an
article states a fact once; two of its sentences are two facts), and two groups join only
when every pair across them was judged one fact. A claim stated by two or more independent
outlets is `consensus`; one with a statement in a conflict is `disputed` (set when the
conflicts are known, `link_conflicts`).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from newsweave.analyse.conflicts import Embed, _plain
from newsweave.analyse.evidence import evidence_of
from newsweave.analyse.match import StoryJudgements, judge_rows
from newsweave.model import Claim, Conflict, Evidence, Sentence, Statement, Story

MIN_WORDS = 5  # shorter fragments ("He added.") are not claims
_DANGLING_STARTS = {"he", "she", "it", "they", "this", "these", "those", "his", "her", "their",
                    "its", "but", "and", "also", "however"}
# What makes a sentence checkable: a named who, a number, a date or a place.
_CHECKABLE_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "CARDINAL", "MONEY", "PERCENT",
                     "QUANTITY", "DATE"}


def candidate_pairs(story: Story, threshold: float | None = None) -> list[tuple[int, int]]:
    """Rows (i < j) of sentences of different articles, each of MIN_WORDS words or more,
    whose cosine reaches the encoder's same-fact cosine (or `threshold`)."""
    threshold = story.cosines.same_fact if threshold is None else threshold
    sents = story.sentences
    keep = [i for i, s in enumerate(sents) if len(s.text.split()) >= MIN_WORDS]
    if not keep:
        return []
    rows, cols, _ = _close_pairs(story.vectors[keep], threshold)
    return [(keep[r], keep[c]) for r, c in zip(rows.tolist(), cols.tolist(), strict=True)
            if sents[keep[r]].article_id != sents[keep[c]].article_id]


def judge_story(story: Story, embed: Embed | None = None,
                canonical: Callable[[str], str] | None = None,
                threshold: float | None = None) -> StoryJudgements:
    """The same-fact judgement on the story's candidate pairs, in one batch."""
    return judge_rows(story, candidate_pairs(story, threshold), embed, canonical)


def group_sentences(story: Story, judged: StoryJudgements) -> list[list[int]]:
    """Indices into story.sentences, grouped by the fact they state (one per article): every
    pair within a group was judged the same fact (or the same with a conflict)."""
    edges = sorted(((j.score, i, k) for (i, k), j in judged.pairs.items()
                    if j.verdict != "different"), reverse=True)
    owner: dict[int, int] = {}
    groups: dict[int, list[int]] = {}
    for _, i, k in edges:
        a, b = owner.setdefault(i, i), owner.setdefault(k, k)
        ga, gb = groups.setdefault(a, [i]), groups.setdefault(b, [k])
        if a == b or {story.sentences[m].article_id for m in ga} & {
                story.sentences[m].article_id for m in gb}:
            continue
        if any(judged.verdict(x, y) == "different" for x in ga for y in gb):
            continue
        for m in gb:
            owner[m] = a
        ga += groups.pop(b)
    grouped = set(owner)
    singles = [[i] for i, s in enumerate(story.sentences)
               if i not in grouped and len(s.text.split()) >= MIN_WORDS]
    return sorted([sorted(g) for g in groups.values()] + singles)


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


def checkable(sentence: Sentence) -> bool:
    """Whether a sentence states something a reader can check: a named person or
    organisation, a number, a date or a place (read from its entity mentions)."""
    return any(m.label in _CHECKABLE_LABELS for m in sentence.mentions)


def copy_evidence(story: Story, source: str, text: str) -> list[Evidence]:
    """The sentence of each syndicated copy of `source` that repeats `text` word for word (a
    copy that rewrote it is not cited for it)."""
    out = []
    for copy in story.copies:
        if story.duplicates[copy.id] != source:
            continue
        same = next((s for s in copy.sentences if _plain(s.text) == _plain(text)), None)
        if same is not None:
            out.append(evidence_of(copy, same))
    return out


def analyse_claims(story: Story, judged: StoryJudgements | None = None) -> list[Claim]:
    """Every fact of the story with the statements backing it: multi-source first, then the
    checkable single-source ones, then the rest (`link_conflicts` moves the disputed up).

    The claim's text is its most central statement; syndicated copies that repeat a backing
    sentence are cited too but do not count as independent outlets.
    """
    judged = judge_story(story) if judged is None else judged
    docs = {d.id: d for d in story.documents}
    ranked = []
    for members in group_sentences(story, judged):
        vecs = story.vectors[members]
        centrality = (vecs @ vecs.T).sum(axis=1)
        centrality -= len(members) * np.array([dangles(story.sentences[m].text) for m in members])
        central = members[int(np.argmax(centrality))]
        said = [story.sentences[m] for m in members]
        statements = [Statement.of(s, story.outlet(s.article_id)) for s in said]
        evidence = []
        for s in said:
            evidence.append(evidence_of(docs[s.article_id], s))
            evidence += copy_evidence(story, s.article_id, s.text)
        outlets = list(dict.fromkeys(st.outlet for st in statements))
        claim = Claim(text=story.sentences[central].text, sources=[e.source for e in evidence],
                      support="consensus" if len(outlets) > 1 else "single_source",
                      statements=statements, outlets=outlets, evidence=evidence,
                      checkable=any(checkable(s) for s in said))
        ranked.append(claim)
    return order_claims(ranked)


def order_claims(claims: list[Claim]) -> list[Claim]:
    """Consensus and disputed claims first (most outlets first), then the checkable
    single-source ones, then the rest; story order within each."""
    def key(c: Claim) -> tuple:
        shared = c.support != "single_source"
        return (not shared, not c.checkable, -len(c.outlets) if shared else 0)
    return sorted(claims, key=key)


def link_conflicts(story: Story, claims: list[Claim], conflicts: list[Conflict]) -> list[Claim]:
    """Each claim with the (real) conflicts its statements are in, `disputed` when there is
    one, in claims order again."""
    where: dict[tuple[str, int], list[int]] = {}
    for k, c in enumerate(conflicts):
        if c.status == "conflict":
            for st in c.statements:
                where.setdefault((st.source, st.sentence), []).append(k)
    for claim in claims:
        found = sorted({k for st in claim.statements
                        for k in where.get((st.source, st.sentence), [])})
        claim.conflicts = found
        if found:
            claim.support = "disputed"
    return order_claims(claims)
