"""Writes the story summary: the sentences that cover most of what several articles say,
within a word budget, each citing every article that states the same fact.

Selection maximises, greedily by gain per word, the coverage of weighted concepts (lemma
bigrams, weighted by how many articles use them; Gillick and Favre 2009) plus each chosen
sentence's learned salience (the salience stage): a monotone submodular objective (Lin and
Bilmes 2011), so repeating a fact gains nothing. No library offers this over a parsed story
with source tracking, hence our own. Sentences are then put in story order; sources come
from the claims stage.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy as np
from spacy.tokens import Span

from newsweave.analyse import salience
from newsweave.analyse.claims import dangles
from newsweave.model import Claim, Conflict, Statement, Story, SummarySentence

MIN_WORDS = 8  # shorter sentences carry too little to summarise a story
SALIENCE_WEIGHT = 100.0  # gain, in concept weight, of the story's most salient sentence
_OPENING_QUOTES = ('"', "“", "'", "‘")


def analyse_summary(story: Story, claims: list[Claim], words: int = 100,
              conflicts: list[Conflict] = ()) -> list[SummarySentence]:
    """Sentences of at most `words` words in all, each with the ids of its sources.

    A source whose statement conflicts with the chosen wording is not cited for it.
    """
    if not story.sentences or words <= 0:
        return []
    spans = [story.span(i) for i in range(len(story.sentences))]
    chosen = select(story, spans, salience.scores(story, claims, spans), words)
    sources = _attribution(story, claims, conflicts)
    return [SummarySentence(text=story.sentences[i].text, sources=sources(i)) for i in chosen]


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


def _pair(a: Statement, b: Statement) -> frozenset:
    return frozenset({(a.source, a.sentence), (b.source, b.sentence)})


def _attribution(story: Story, claims: list[Claim], conflicts: list[Conflict]):
    """A function giving, for a sentence row, the articles that state the same fact and do
    not contradict its wording, with their syndicated copies."""
    disputed = {_pair(*c.statements[:2]) for c in conflicts if c.status == "conflict"}
    claim_of = {story.row(st.source, st.sentence): c for c in claims for st in c.statements}

    def sources(row: int) -> list[str]:
        s = story.sentences[row]
        claim = claim_of.get(row)
        statements = claim.statements if claim else []
        mine = next((st for st in statements if st.source == s.article_id), None)
        backing = {s.article_id} | {st.source for st in statements
                                    if mine is None or _pair(mine, st) not in disputed}
        backing |= {copy for copy, origin in story.duplicates.items() if origin in backing}
        order = [st.source for st in statements] + [s.article_id] + sorted(story.duplicates)
        return [src for src in dict.fromkeys(order) if src in backing]

    return sources
