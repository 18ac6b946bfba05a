"""One judgement: do two sentences state the same fact, the same fact with incompatible
details (a conflict), or different facts?

Cosine similarity alone cannot tell "4,000 will return" from "3,200 will return" nor "the
bill passed the Senate" from "the bill failed in the Senate": the pair is read as who (named
entities), what (content lemmas, predicate polarity), how many (quantities with units) and
when and where (dates, places), and a logistic regression (scikit-learn) weighs those
features with the embedding and word-overlap similarities (gradient-boosted trees over the
same features were 0.2 points more accurate in cross-validation, not worth a far larger
model; the products and differences of the two sentence vectors cost 1 to 4 points). It was
fitted on the Microsoft Research Paraphrase Corpus (benchmarks/train_same_fact.py writes
`same_fact.pkl`). A pair the model would call the same fact but for the details the conflict
rules of `conflicts.conflict_between` find incompatible is a `conflict`.

The batch API (`featurize`, `SameFact.judge`) takes parsed spans with their vectors, so the
claims stage can judge its candidate pairs without parsing or encoding them again.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from difflib import SequenceMatcher
from functools import lru_cache
from pathlib import Path
from typing import Literal

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from spacy.tokens import Span, Token
from wordfreq import zipf_frequency

from newsweave.analyse import model_file
from newsweave.analyse.conflicts import Embed, conflict_between
from newsweave.analyse.quotes import SPEECH_VERBS
from newsweave.model import Conflict, Cosines, Statement, Story
from newsweave.text.dates import compatible, dates_in
from newsweave.text.facts import read_once
from newsweave.text.lexicon import SUBJECT_DEPS
from newsweave.text.mood import polarity
from newsweave.text.quantities import quantities_in, same_quantity, same_unit

MODEL_PATH = Path(__file__).with_name("same_fact.pkl")
Verdict = Literal["same", "conflict", "different"]
FEATURES = (
    "cosine", "weighted overlap", "lemma jaccard", "containment min", "containment max",
    "bigram jaccard", "word order", "length ratio", "log words", "unshared weight min",
    "unshared weight max", "entity jaccard", "unnamed entities min", "unnamed entities max",
    "unmatched numbers", "number conflict", "date conflict", "date unverifiable",
    "person or place conflict", "negation conflict", "negated verbs differ", "same root",
    "character jaccard", "proper noun jaccard", "dependency jaccard", "same subject",
    "same object", "verb jaccard", "unshared words min", "unshared words max",
    "one side attributed",
)
# What a conflict rule finds: without these the model reads the pair as if its details
# agreed, which is how a pair is judged `conflict` rather than `different`.
DETAILS = ("unmatched numbers", "number conflict", "date conflict", "person or place conflict",
           "negation conflict", "negated verbs differ")
# Zipf frequency (log10 per billion words) above which a word carries no weight: wordfreq's
# English counts stand in for document frequencies, so nothing is fitted to one corpus.
_ZIPF_CEILING = 7.0
_ENTITY_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "PRODUCT", "LAW",
                  "WORK_OF_ART"}
_ISO_NOTE = re.compile(r" \([^()]*\)$")  # "Monday (2026-03-02)": conflicts' date values
_REPORTED = frozenset({"ccomp", "parataxis"})  # a reporting verb's clause, or the verb's
_OBJECT_DEPS = frozenset({"dobj", "obj", "attr", "dative", "pobj", "oprd"})
_CONFLICT_FEATURE = {"number": "number conflict", "date": "date conflict",
                     "person": "person or place conflict", "place": "person or place conflict",
                     "negation": "negation conflict"}


@dataclass(frozen=True)
class Side:
    """One sentence as the judgement reads it: the statement (its source names the article,
    for its publication date), its spaCy span and its unit sentence vector."""

    statement: Statement
    span: Span
    vector: np.ndarray
    published: date | None = None


Pair = tuple[Side, Side]


def story_side(story: Story, row: int) -> Side:
    """A sentence of a story (by its row in `story.sentences`) as a Side, from the parse and
    vectors the story already holds: how the claims stage hands candidate pairs over."""
    s = story.sentences[row]
    doc = next(d for d in story.documents if d.id == s.article_id)
    return Side(Statement.of(s, story.outlet(s.article_id)), story.span(row),
                story.vectors[row], doc.article.published)


@dataclass
class StoryJudgements:
    """The judgement on a story's candidate pairs, by their rows in `story.sentences` (the
    smaller first); a pair never judged is a different fact."""

    pairs: dict[tuple[int, int], Judgement]

    def get(self, i: int, j: int) -> Judgement | None:
        """The judgement on rows i and j, in either order, if they were judged."""
        return self.pairs.get((min(i, j), max(i, j)))

    def verdict(self, i: int, j: int) -> Verdict:
        judged = self.get(i, j)
        return judged.verdict if judged is not None else "different"


def judge_rows(story: Story, pairs: Sequence[tuple[int, int]], embed: Embed | None = None,
               canonical: Callable[[str], str] | None = None,
               model: SameFact | None = None) -> StoryJudgements:
    """Judge pairs of a story's sentences (by row) in one batch, from the parse and vectors
    the story holds: how report groups claims, cites sources and finds conflicts."""
    pairs = [(min(i, j), max(i, j)) for i, j in pairs]
    side = {r: story_side(story, r) for pair in pairs for r in pair}
    featured = featurize([(side[i], side[j]) for i, j in pairs], embed, story.cosines,
                         canonical)
    return StoryJudgements(dict(zip(pairs, (model or load()).judge(featured), strict=True)))


@dataclass(frozen=True)
class Judgement:
    """The verdict on one pair, the model's probability that the two state one fact (for a
    conflict: had its details agreed), and the conflict found, if any."""

    verdict: Verdict
    score: float
    conflict: Conflict | None = None


@dataclass
class Featured:
    """Pairs read once: one row of FEATURES each; the row read without the details in
    dispute, as if they agreed (the row itself where no conflict was found); the conflict;
    whether the two give different figures of one thing or different dates
    (`figures_differ`)."""

    rows: np.ndarray
    agreed: np.ndarray
    conflicts: list[Conflict | None]
    figures_differ: np.ndarray

    def __len__(self) -> int:
        return len(self.conflicts)

    def __getitem__(self, index: Sequence[int] | np.ndarray) -> Featured:
        return Featured(self.rows[index], self.agreed[index], [self.conflicts[i] for i in index],
                        self.figures_differ[index])


def featurize(pairs: Iterable[Pair], embed: Embed | None = None,
              cosines: Cosines | None = None,
              canonical: Callable[[str], str] | None = None) -> Featured:
    """Read each pair into FEATURES and find its conflict. `embed` lets a figure meet its
    rival in other words (see conflicts.analyse_conflicts), at `cosines.same_event`."""
    reworded = None
    if embed is not None and cosines is not None:
        def reworded(x: str, y: str) -> bool:
            return float(np.dot(*embed([x, y]))) >= cosines.same_event
    rows, agreed, conflicts, differ = [], [], [], []
    for a, b in pairs:
        published = {a.statement.source: a.published, b.statement.source: b.published}
        conflict = conflict_between(a.statement, b.statement, a.span, b.span, published,
                                    canonical, reworded)
        rows.append(_row(a, b, conflict))
        if conflict is None or conflict.status != "conflict":
            agreed.append(rows[-1])
        else:
            skip_a, skip_b = _disputed(conflict, a.span, b.span)
            row = _row(a, b, None, skip_a | _attribution(a.span), skip_b | _attribution(b.span))
            for name in DETAILS:
                row[FEATURES.index(name)] = 0.0
            agreed.append(row)
        conflicts.append(conflict)
        differ.append(_figures_differ(a.span, b.span) or _dates_differ(a, b))
    shape = (-1, len(FEATURES))
    return Featured(np.array(rows, dtype=np.float64).reshape(shape),
                    np.array(agreed, dtype=np.float64).reshape(shape), conflicts,
                    np.array(differ, dtype=bool))


def _figures_differ(sa: Span, sb: Span) -> bool:
    """Each side gives a figure of one kind of thing that the other side's figures do not
    match ("25 million people" / "50 million people"), whatever event the conflict rules
    could tie them to: such a pair is never the same fact as it stands."""
    qa, qb = quantities_in(sa), quantities_in(sb)
    lone_a = [x for x in qa if not any(same_quantity(x, y) for y in qb)]
    lone_b = [y for y in qb if not any(same_quantity(x, y) for x in qa)]
    return any(same_unit(x, y) for x in lone_a for y in lone_b)


def _dates_differ(a: Side, b: Side) -> bool:
    """Each side gives a date (resolved against its own publication date) that no date of
    the other side can be ("more rain on Wednesday" / "more rain on Thursday"), whatever
    event the conflict rules could tie them to: never the same fact as it stands."""
    da, db = dates_in(a.span, a.published), dates_in(b.span, b.published)
    lone_a = [x for x in da if all(compatible(x, y) is False for y in db)]
    lone_b = [y for y in db if all(compatible(x, y) is False for x in da)]
    return bool(lone_a and lone_b)


def _disputed(conflict: Conflict, sa: Span, sb: Span) -> tuple[set[int], set[int]]:
    """The tokens of each statement that state the values in dispute (a negation: its
    "not"), to be read past when asking whether the rest agrees."""
    if conflict.kind == "negation":
        return ({t.i for t in sa if t.dep_ == "neg"}, {t.i for t in sb if t.dep_ == "neg"})
    out = []
    for value, span in zip(conflict.values, (sa, sb), strict=True):
        skip = set()
        for text in value.split("; "):
            text = _ISO_NOTE.sub("", text) if conflict.kind == "date" else text
            at = span.text.lower().find(text.lower())
            if text and at >= 0:
                start = span.start_char + at
                skip |= {t.i for t in span if start <= t.idx < start + len(text)}
        out.append(skip)
    return out[0], out[1]


def _attribution(span: Span) -> set[int]:
    """The tokens that say who reported the fact ("the port authority said", "according to
    the union"): who gave a figure is not the figure's fact, so two outlets quoting two
    sources for it state one fact in dispute, not two facts."""
    out: set[int] = set()
    for t in span:
        if (t.lemma_.lower() in SPEECH_VERBS and t.pos_ == "VERB"
                and (t.dep_ in _REPORTED or any(c.dep_ in _REPORTED for c in t.children))):
            out.add(t.i)
            out |= {x.i for c in t.children if c.dep_ in SUBJECT_DEPS for x in c.subtree}
        elif t.lower_ == "according" and t.dep_ == "prep":
            out |= {x.i for x in t.subtree}
    return out


def _row(a: Side, b: Side, conflict: Conflict | None, skip_a: set[int] | None = None,
         skip_b: set[int] | None = None) -> list[float]:
    """The pair's FEATURES; the tokens in `skip_a`, `skip_b` are read past (details in
    dispute), as are the entities they belong to."""
    ka = [t for t in a.span if t.i not in (skip_a or ())]
    kb = [t for t in b.span if t.i not in (skip_b or ())]
    la, lb = _lemmas(ka), _lemmas(kb)
    sa, sb = set(la), set(lb)
    ba, bb = set(zip(la, la[1:], strict=False)), set(zip(lb, lb[1:], strict=False))
    weight_a, weight_b = (sum(_weight(w) for w in s) or 1.0 for s in (sa, sb))
    shared = sum(_weight(w) for w in sa & sb)
    ea, eb = _entities(a.span, skip_a or set()), _entities(b.span, skip_b or set())
    unnamed_a = sum(not _named_in(e, b.span.text) for e in ea)
    unnamed_b = sum(not _named_in(e, a.span.text) for e in eb)
    qa, qb = quantities_in(a.span), quantities_in(b.span)
    unmatched = (sum(not any(same_quantity(x, y) for y in qb) for x in qa)
                 + sum(not any(same_quantity(y, x) for x in qa) for y in qb))
    pa, pb = polarity(a.span), polarity(b.span)
    negated = sum(pa[v][0] != pb[v][0] for v in pa.keys() & pb.keys())
    row = dict.fromkeys(FEATURES, 0.0)
    row.update({
        "cosine": float(np.dot(a.vector, b.vector)),
        "weighted overlap": shared / math.sqrt(weight_a * weight_b),
        "lemma jaccard": _jaccard(sa, sb),
        "containment min": min(_within(sa, sb), _within(sb, sa)),
        "containment max": max(_within(sa, sb), _within(sb, sa)),
        "bigram jaccard": _jaccard(ba, bb),
        "word order": SequenceMatcher(a=la, b=lb, autojunk=False).ratio(),
        "length ratio": min(len(a.span), len(b.span)) / max(len(a.span), len(b.span), 1),
        "log words": math.log1p((len(a.span) + len(b.span)) / 2),
        "unshared weight min": min(weight_a - shared, weight_b - shared),
        "unshared weight max": max(weight_a - shared, weight_b - shared),
        "entity jaccard": _jaccard(ea, eb),
        "unnamed entities min": min(unnamed_a, unnamed_b),
        "unnamed entities max": max(unnamed_a, unnamed_b),
        "unmatched numbers": unmatched,
        "negated verbs differ": negated,
        "same root": float(a.span.root.lemma_.lower() == b.span.root.lemma_.lower()),
        "character jaccard": _jaccard(_grams(ka), _grams(kb)),
        "proper noun jaccard": _jaccard(*({t.lower_ for t in k if t.pos_ == "PROPN"}
                                          for k in (ka, kb))),
        "dependency jaccard": _jaccard(_triples(ka), _triples(kb)),
        "same subject": _same_argument(a.span, b.span, SUBJECT_DEPS, ka, kb),
        "same object": _same_argument(a.span, b.span, _OBJECT_DEPS, ka, kb),
        "verb jaccard": _jaccard(*({t.lemma_.lower() for t in k if t.pos_ == "VERB"}
                                   for k in (ka, kb))),
        "unshared words min": min(len(sa - sb), len(sb - sa)),
        "unshared words max": max(len(sa - sb), len(sb - sa)),
        "one side attributed": float(("say" in sa) != ("say" in sb)),
    })
    if conflict is not None:
        if conflict.kind == "date" and conflict.status == "unverifiable":
            row["date unverifiable"] = 1.0
        else:
            row[_CONFLICT_FEATURE[conflict.kind]] = 1.0
    return [row[f] for f in FEATURES]


def _grams(tokens: Sequence[Token], n: int = 4) -> set[str]:
    """Character n-grams of the lower-cased words: "strike" meets "strikers"."""
    text = " ".join(t.lower_ for t in tokens if not t.is_space)
    return {text[i:i + n] for i in range(len(text) - n + 1)}


def _triples(tokens: Sequence[Token]) -> set[tuple[str, str, str]]:
    """Who-did-what read from the parse: (head lemma, relation, word lemma) of content words."""
    return {(t.head.lemma_.lower(), t.dep_, t.lemma_.lower()) for t in tokens
            if not (t.is_punct or t.is_stop or t.is_space) and t.head.i != t.i}


def _same_argument(sa: Span, sb: Span, deps: set[str] | frozenset[str],
                   ka: Sequence[Token], kb: Sequence[Token]) -> float:
    """1 if the main verbs' arguments of this kind (among the kept tokens) share a lemma, 0
    if both have one and none is shared, 0.5 if a side has none."""
    xa, xb = ({c.lemma_.lower() for c in sp.root.children if c.dep_ in deps and c in kept}
              for sp, kept in ((sa, set(ka)), (sb, set(kb))))
    return 0.5 if not xa or not xb else float(bool(xa & xb))


def _lemmas(tokens: Sequence[Token]) -> list[str]:
    """Lower-case lemmas of the words that are not stop words or punctuation."""
    return [t.lemma_.lower() for t in tokens if not (t.is_punct or t.is_space or t.is_stop)]


@lru_cache(maxsize=65536)
def _weight(word: str) -> float:
    """How much a word says: rarer words more (an inverse frequency from wordfreq)."""
    return max(0.0, _ZIPF_CEILING - zipf_frequency(word, "en"))


def _entities(span: Span, skip: set[int]) -> set[str]:
    return {text for text, tokens in _named_entities(span) if not tokens & skip}


@read_once
def _named_entities(span: Span) -> list[tuple[str, frozenset[int]]]:
    """The span's entities of _ENTITY_LABELS (lower case, without "the") with their tokens,
    read once per sentence: `Span.ents` walks every entity of the document each time."""
    return [(e.text.lower().removeprefix("the "), frozenset(range(e.start, e.end)))
            for e in span.ents if e.label_ in _ENTITY_LABELS]


def _named_in(entity: str, text: str) -> bool:
    """Whether the other sentence names it: by its last word ("Bush" for "George W. Bush")."""
    words = entity.replace("'s", "").split()
    return bool(words) and words[-1] in text.lower()


def _jaccard(x: set, y: set) -> float:
    return len(x & y) / len(x | y) if x | y else 1.0


def _within(x: set, y: set) -> float:
    return len(x & y) / len(x) if x else 1.0


class SameFact(ClassifierMixin, BaseEstimator):
    """The same-fact classifier: `fit(pairs, same)` with pairs as `Featured` (or (Side,
    Side) tuples) and `same` true where the two state one fact; `predict` gives verdicts,
    `score` the accuracy with `same` and `conflict` both counting as one fact."""

    def __init__(self, threshold: float = 0.5, C: float = 1.0) -> None:  # noqa: N803
        self.threshold = threshold
        self.C = C

    def fit(self, pairs: Featured | Sequence[Pair], same: Sequence[bool]) -> SameFact:
        """Learn from pairs labelled same fact (True) or not."""
        self.model_ = make_pipeline(StandardScaler(), LogisticRegression(C=self.C,
                                                                         max_iter=1000))
        self.model_.fit(_featured(pairs).rows, np.asarray(same, dtype=bool))
        self.classes_ = np.array([False, True])
        return self

    def predict_proba(self, pairs: Featured | Sequence[Pair]) -> np.ndarray:
        """(n, 2) probabilities of a different fact and of the same fact."""
        return self._proba(_featured(pairs).rows)

    def judge(self, pairs: Featured | Sequence[Pair]) -> list[Judgement]:
        """The verdict on each pair: the same fact; the same fact but for details the
        conflict rules find incompatible (`conflict`); or a different fact (also where the
        two give different figures of one thing that the rules could not tie to one event:
        never `same`)."""
        featured = _featured(pairs)
        if not len(featured):
            return []
        p = self._proba(featured.rows)[:, 1]
        agreed = self._proba(featured.agreed)[:, 1]
        out = []
        for k, conflict in enumerate(featured.conflicts):
            real = conflict if conflict is not None and conflict.status == "conflict" else None
            if p[k] >= self.threshold and (real or not featured.figures_differ[k]):
                # a same fact keeps a date it could not check
                out.append(Judgement("conflict" if real else "same", float(p[k]), conflict))
            elif real is not None and agreed[k] >= self.threshold:
                out.append(Judgement("conflict", float(agreed[k]), real))
            else:
                out.append(Judgement("different", float(p[k]), conflict))
        return out

    def predict(self, pairs: Featured | Sequence[Pair]) -> np.ndarray:
        """Each pair's verdict: "same", "conflict" or "different"."""
        return np.array([j.verdict for j in self.judge(pairs)], dtype=object)

    def score(self, pairs: Featured | Sequence[Pair], same: Sequence[bool],
              sample_weight: np.ndarray | None = None) -> float:
        """Accuracy at telling one fact (`same` or `conflict`) from two."""
        said = self.predict(pairs) != "different"
        hit = said == np.asarray(same, dtype=bool)
        return float(np.average(hit, weights=sample_weight))

    def _proba(self, rows: np.ndarray) -> np.ndarray:
        return self.model_.predict_proba(rows)


def _featured(pairs: Featured | Sequence[Pair]) -> Featured:
    return pairs if isinstance(pairs, Featured) else featurize(pairs)


def save(model: SameFact, trained_on: str, path: Path = MODEL_PATH) -> None:
    """Write the fitted model with the scikit-learn version and features it was made for and
    the data it learned from."""
    model_file.write(path, model, FEATURES, trained_on)


@lru_cache(maxsize=1)
def load() -> SameFact:
    """The shipped model, checked against the scikit-learn version that wrote it."""
    return model_file.read(MODEL_PATH, FEATURES, "benchmarks/train_same_fact.py")["model"]


def sides(texts: Sequence[str], sources: Sequence[str],
          outlets: Sequence[str | None] | None = None,
          published: Sequence[date | None] | None = None) -> list[Side]:
    """Raw sentences parsed (spaCy) and encoded (the default embedder) into Sides."""
    from newsweave.embed import default_embedder
    from newsweave.text.nlp import load as load_nlp

    n = len(texts)
    outlets = outlets or [None] * n
    published = published or [None] * n
    docs = list(load_nlp().pipe(texts, batch_size=256))
    vectors = default_embedder().encode(list(texts))
    return [Side(Statement(source=src, text=text, sentence=0, outlet=outlet), doc[:], vec, day)
            for text, src, outlet, day, doc, vec
            in zip(texts, sources, outlets, published, docs, vectors, strict=True)]
