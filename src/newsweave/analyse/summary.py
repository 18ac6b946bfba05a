"""Writes the story summary: the sentences that cover most of what several articles say,
within a word budget, each citing every article that states the same fact.

Selection maximises, greedily by gain per word, the coverage of weighted concepts (lemma
bigrams, weighted by how many articles use them; Gillick and Favre 2009) plus each chosen
sentence's learned salience (the salience stage): a monotone submodular objective (Lin and
Bilmes 2011), so repeating a fact gains nothing. No library offers this over a parsed story
with source tracking, hence our own. Sentences are then put in story order; a source is
cited for one only where the same-fact judgement (`match`) calls its sentence the same fact.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy as np
from spacy.tokens import Span

from newsweave.analyse import salience
from newsweave.analyse.claims import copy_evidence, dangles, judge_story
from newsweave.analyse.evidence import evidence_of
from newsweave.analyse.match import StoryJudgements
from newsweave.model import Claim, Story, SummarySentence

MIN_WORDS = 8  # shorter sentences carry too little to summarise a story
SALIENCE_WEIGHT = 100.0  # gain, in concept weight, of the story's most salient sentence
_OPENING_QUOTES = ('"', "“", "'", "‘")


def analyse_summary(story: Story, claims: list[Claim], words: int = 100,
                    judged: StoryJudgements | None = None) -> list[SummarySentence]:
    """Sentences of at most `words` words in all, each with the ids of its sources and
    their evidence: its own article, and each other article with a sentence the judgement
    (`judged`, the story's judged pairs) calls the same fact, not merely a conflicting one.
    """
    if not story.sentences or words <= 0:
        return []
    spans = [story.span(i) for i in range(len(story.sentences))]
    chosen = select(story, spans, salience.scores(story, claims, spans), words)
    judged = judge_story(story) if judged is None else judged
    return [_cited(story, i, judged) for i in chosen]


def _cited(story: Story, row: int, judged: StoryJudgements) -> SummarySentence:
    """A summary sentence with its sources: per other article, its sentence judged the same
    fact with the best score; syndicated copies that repeat a cited sentence."""
    best: dict[str, tuple[float, int]] = {}
    for (i, k), j in judged.pairs.items():
        if j.verdict == "same" and row in (i, k):
            other = k if i == row else i
            source = story.sentences[other].article_id
            if j.score > best.get(source, (-1.0, 0))[0]:
                best[source] = (j.score, other)
    docs = {d.id: d for d in story.documents}
    rows = [row] + [other for _, other in sorted(best.values(), key=lambda x: (-x[0], x[1]))]
    evidence = []
    for r in rows:
        s = story.sentences[r]
        evidence.append(evidence_of(docs[s.article_id], s))
        evidence += copy_evidence(story, s.article_id, s.text)
    return SummarySentence(text=story.sentences[row].text,
                           sources=list(dict.fromkeys(e.source for e in evidence)),
                           evidence=evidence)


def select(story: Story, spans: Sequence[Span], worth: np.ndarray, words: int) -> list[int]:
    """Rows of the sentences chosen within `words` words, in story order: greedily the one
    with the most uncovered concept weight plus salience (`worth`, best 1) per word."""
    concepts = [salience.concepts(sp) for sp in spans]
    weights = _weights(story, concepts)
    lengths = [len(s.text.split()) for s in story.sentences]
    candidates = [i for i, s in enumerate(story.sentences) if _usable(s.text, lengths[i])]
    chosen: list[int] = []
    covered: set[tuple[str, str]] = set()
    budget = words
    while True:
        best, best_gain = None, 0.0
        for i in candidates:
            if i in chosen or lengths[i] > budget:
                continue
            gain = sum(weights.get(c, 0) for c in concepts[i] - covered)
            gain = (gain + SALIENCE_WEIGHT * float(worth[i])) / lengths[i]
            if gain > best_gain:
                best, best_gain = i, gain
        if best is None:
            break
        chosen.append(best)
        covered |= concepts[best]
        budget -= lengths[best]
    position = _relative_positions(story)
    return sorted(chosen, key=lambda i: (position[i], i))


def _usable(text: str, length: int) -> bool:
    return (length >= MIN_WORDS and not text.startswith(_OPENING_QUOTES)
            and not text.rstrip().endswith("?") and not dangles(text))


def _weights(story: Story, concepts: list[set]) -> dict[tuple[str, str], int]:
    """A concept's weight is the number of articles using it (its frequency in a lone
    article); concepts used once carry nothing."""
    per_article: dict[str, set] = {}
    counts: Counter = Counter()
    for s, c in zip(story.sentences, concepts, strict=True):
        per_article.setdefault(s.article_id, set()).update(c)
        counts.update(c)
    if len(per_article) > 1:
        counts = Counter(c for cs in per_article.values() for c in cs)
    return {c: n for c, n in counts.items() if n >= 2}


def _relative_positions(story: Story) -> np.ndarray:
    """Each sentence's index in its article divided by the article's sentence count."""
    counts = Counter(s.article_id for s in story.sentences)
    return np.array([s.index / counts[s.article_id] for s in story.sentences])
