"""Article vectors for story clustering: hashed TF-IDF of the title and the lead (web
furniture left out), names counted twice, beside the meaning of the headline.

Hashing needs no vocabulary, so a stream of articles can be vectorised batch by batch; the
document frequencies, and the mean headline vector, are counted as batches arrive and kept
with the store, so a later run weighs words and headlines as the earlier one did.
"""

from __future__ import annotations

import os
import re
import zlib
from collections.abc import Mapping, Sequence
from functools import lru_cache
from importlib import resources

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import HashingVectorizer
from sklearn.preprocessing import normalize

from newsweave.embed import DIM, Embedder
from newsweave.model import Article
from newsweave.stories.contrast import N_MARKS, marks
from newsweave.text.boilerplate import drop_boilerplate

N_FEATURES = 2**20  # hashed TF-IDF columns: collisions negligible for a news vocabulary
PRIOR_DOCS = 200  # weight of the background vocabulary, in documents
DOC_WORDS = 300  # words per background document, to turn word frequency into doc frequency
LEAD_WORDS = 300  # the lead says what the story is; later paragraphs drift to background
TITLE_WEIGHT = 2.0  # a headline is the densest statement of the event
# Names say which event an article tells better than common words do, so each is counted
# once more, a run of them as one term ("Jens_Stoltenberg"): capitalised words that do not
# open a sentence. No NER: the stories stage must keep up with a feed (500 articles/s).
# Tuned on DUC 2003 + Multi-News: BCubed F1 0.807 -> 0.823 (weights 0.5-3 and single
# capitalised words tried, benchmarks/README.md).
_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*")
# Two outlets' headlines of one event often share a word or none ("Fed holds rates" /
# "Yellen keeps policy steady"), so a titled article's vector gives this share of its
# (squared) length to the MiniLM vector of its headline, less the mean headline vector: the
# direction all headlines share (as in Arora et al.'s common-component removal), without
# which unrelated headlines score 0.1-0.2 and the join and merge thresholds would not hold.
# Chosen on half the UCI headline stories (those whose STORY id has an even crc32): BCubed
# F1 0.720 -> 0.858 at the shipped thresholds, flat over shares 0.25-0.40. Untitled
# articles keep their TF-IDF vector as it was.
TITLE_SHARE = 0.3
# Weight of the prior headline mean, in headlines: a new store's first few headlines would
# otherwise be centred on their own mean, which pushes any two of them apart.
PRIOR_TITLES = 50


class ArticleVectorizer:
    """Unit vectors: hashed, sublinear TF-IDF with incrementally counted IDF in the first
    `n_features` columns, the article's name marks in the next N_MARKS (`contrast`: a
    story's centroid counts its members' names there, too small to move a cosine), the
    centred headline vector in the last DIM (zero if untitled)."""

    STATE_KEYS = ("df", "n_docs", "title_sum", "n_titles", "vectors")

    def __init__(self, n_features: int = N_FEATURES, lead_words: int = LEAD_WORDS,
                 title_weight: float = TITLE_WEIGHT, title_share: float = TITLE_SHARE) -> None:
        self.n_features = n_features
        self.lead_words = lead_words
        self.title_weight = title_weight
        self.title_share = title_share
        self.df = np.zeros(n_features, dtype=np.int32)
        self.n_docs = 0
        self.title_sum = np.zeros(DIM, dtype=np.float64)
        self.n_titles = 0
        self._hasher = _hasher(n_features)

    @property
    def width(self) -> int:
        """Columns of a vector: the hashed words, the name marks, the headline's meaning."""
        return self.dense_from + DIM

    @property
    def dense_from(self) -> int:
        """The first headline column (dense in most rows, unlike the columns before it)."""
        return self.n_features + N_MARKS

    @property
    def format(self) -> str:
        """What a stored centroid was built from; another format needs its stories rebuilt."""
        return f"tfidf+names+title:{self.title_share:g}"

    @property
    def params(self) -> tuple[int, int, float, float]:
        """The settings `counts` and `title_vectors` depend on: a like vectorizer elsewhere."""
        return self.n_features, self.lead_words, self.title_weight, self.title_share

    def partial_fit_transform(self, articles: Sequence[Article]) -> sparse.csr_matrix:
        """Count the batch into the document frequencies and the headline mean, then return
        its unit vectors."""
        counts, names = self.counts_and_names(articles)
        return self.fit_features(counts, self.title_vectors(articles), names)

    def fit_features(self, counts: sparse.csr_matrix, titles: np.ndarray,
                     names: sparse.csr_matrix) -> sparse.csr_matrix:
        """`partial_fit_transform` of a batch whose `counts_and_names` and `title_vectors`
        were computed already (perhaps in another process)."""
        present = counts.copy()
        present.data[:] = 1
        self.df += np.asarray(present.sum(axis=0), dtype=np.int32).ravel()
        self.n_docs += counts.shape[0]
        self._add_titles(titles)
        return self._join(self._weigh(counts), titles, names)

    def refit_titles_transform(self, articles: Sequence[Article]) -> sparse.csr_matrix:
        """Count the headline mean anew from these articles, leaving the word frequencies
        (already counted), and return their unit vectors: for a store whose vectors were
        built another way (before headlines were embedded, or with another share)."""
        self.title_sum = np.zeros(DIM, dtype=np.float64)
        self.n_titles = 0
        titles = self.title_vectors(articles)
        self._add_titles(titles)
        counts, names = self.counts_and_names(articles)
        return self._join(self._weigh(counts), titles, names)

    def transform(self, articles: Sequence[Article]) -> sparse.csr_matrix:
        """Unit vectors of articles under the frequencies counted so far."""
        counts, names = self.counts_and_names(articles)
        return self._join(self._weigh(counts), self.title_vectors(articles), names)

    def title_vectors(self, articles: Sequence[Article], sessions: int | None = None
                       ) -> np.ndarray:
        """MiniLM vectors of the headlines (zero rows for untitled articles), encoded by
        `sessions` encoder sessions (all cores by default). Like `counts`, a function of the
        articles and the settings alone, not of the counted state."""
        out = np.zeros((len(articles), DIM), dtype=np.float32)
        rows = [i for i, a in enumerate(articles) if a.title] if self.title_share else []
        if rows:
            encoder = _title_encoder(sessions)
            out[rows] = encoder.encode([articles[i].title for i in rows])
            encoder.clear_cache()  # a feed's headlines are seen once: keep no cache
        return out

    def _add_titles(self, titles: np.ndarray) -> None:
        self.title_sum += titles.sum(axis=0, dtype=np.float64)
        self.n_titles += int(titles.any(axis=1).sum())

    def _join(self, words: sparse.csr_matrix, titles: np.ndarray, names: sparse.csr_matrix
              ) -> sparse.csr_matrix:
        """Words, name marks and centred headlines; words and headlines of unit length."""
        dense = np.zeros_like(titles)
        scale = np.ones(words.shape[0], dtype=np.float32)
        titled = np.flatnonzero(titles.any(axis=1))
        if len(titled):
            mean = ((self.title_sum + PRIOR_TITLES * _prior_title_mean())
                    / (self.n_titles + PRIOR_TITLES))
            dense[titled] = normalize(titles[titled] - mean) * np.sqrt(self.title_share)
            scale[titled] = np.sqrt(1.0 - self.title_share)
        unit = normalize(sparse.hstack([sparse.diags(scale) @ words, sparse.csr_matrix(dense)],
                                       format="csr", dtype=np.float32), copy=False)
        return sparse.hstack([unit[:, :self.n_features], names, unit[:, self.n_features:]],
                             format="csr", dtype=np.float32)

    def counts_and_names(self, articles: Sequence[Article]
                         ) -> tuple[sparse.csr_matrix, sparse.csr_matrix]:
        """Hashed word counts (`counts`) and name marks (`contrast.marks`) of each article's
        title and lead, the leads cut once for both; a function of the articles alone."""
        leads = self._leads(articles)
        return self.counts(articles, leads), marks(leads)

    def _leads(self, articles: Sequence[Article]) -> list[str]:
        return [" ".join(_lead_words(a, self.lead_words)) for a in articles]

    def counts(self, articles: Sequence[Article], leads: Sequence[str] | None = None
               ) -> sparse.csr_matrix:
        """Hashed word counts of each article's title and lead (names counted again);
        `leads` as `_leads` cuts them, if cut already."""
        leads = self._leads(articles) if leads is None else leads
        counts = self._hasher.transform([_with_names(lead) for lead in leads])
        titles = [_with_names(a.title or "") for a in articles]
        if any(titles):
            counts = counts + self.title_weight * self._hasher.transform(titles)
        return sparse.csr_matrix(counts, dtype=np.float32)

    def _weigh(self, counts: sparse.csr_matrix) -> sparse.csr_matrix:
        weighted = counts.copy()
        np.log1p(weighted.data, out=weighted.data)
        prior = _background_df(self.n_features)
        idf = np.log((1.0 + self.n_docs + PRIOR_DOCS)
                     / (1.0 + self.df + prior)).astype(np.float32) + 1.0
        weighted = weighted.multiply(idf[np.newaxis, :]).tocsr()
        return normalize(weighted, copy=False).astype(np.float32)

    def state(self) -> dict[str, bytes]:
        """The counts, compressed where large, for the store."""
        return {"df": zlib.compress(self.df.tobytes(), 1),
                "n_docs": str(self.n_docs).encode(),
                "title_sum": self.title_sum.tobytes(),
                "n_titles": str(self.n_titles).encode(),
                "vectors": self.format.encode()}

    def load_state(self, state: Mapping[str, bytes | None]) -> None:
        """Restore what `state` saved (a store from before headlines has no headline mean);
        counts it lacks start from zero."""
        self.df = (np.frombuffer(zlib.decompress(state["df"]), dtype=np.int32).copy()
                   if state.get("df") is not None else np.zeros(self.n_features, dtype=np.int32))
        self.n_docs = int(state.get("n_docs") or 0)
        self.title_sum = (np.frombuffer(state["title_sum"], dtype=np.float64).copy()
                          if state.get("title_sum") is not None else np.zeros(DIM))
        self.n_titles = int(state.get("n_titles") or 0) if state.get("title_sum") else 0


def _lead_words(article: Article, n: int) -> list[str]:
    """The first n words of the article's text lines, boilerplate lines (captions, widgets,
    sign-up forms) skipped: they say nothing about the event."""
    words: list[str] = []
    for line in drop_boilerplate(article.paragraphs or article.text.splitlines()):
        words.extend(line.split())
        if len(words) >= n:
            break
    return words[:n]


def _with_names(text: str) -> str:
    """The text followed by its names again, each run of capitalised words as one term."""
    names = [re.sub(r"\s+", "_", m.group(0)) for m in _NAME.finditer(text)]
    return f"{text} {' '.join(names)}" if names else text


@lru_cache(maxsize=2)
def _hasher(n_features: int) -> HashingVectorizer:
    """Words (letters first, no digits-only tokens) without English stop words, hashed."""
    return HashingVectorizer(
        n_features=n_features, alternate_sign=False, norm=None, stop_words="english",
        token_pattern=r"(?u)\b[^\W\d_][\w'’-]*[^\W_]\b", dtype=np.float32)


@lru_cache(maxsize=2)
def _title_encoder(sessions: int | None = None) -> Embedder:
    """The sentence encoder on every core (the stories stage runs no parser beside it): one
    one-thread session per core, in batches of 32, which encode headlines 1.24 times as fast
    as the 8 that suit the analysis stage's sentences (Reuters' headlines on one two-thread
    session: 1,133 against 910 a second). A Dask worker thread asks for one session: its
    neighbours take the other cores. The sessions do not change the vectors."""
    return Embedder(batch_size=32, threads=1, sessions=sessions or os.cpu_count() or 1)


@lru_cache(maxsize=1)
def _prior_title_mean() -> np.ndarray:
    """The mean vector of invented headlines across a news desk's beats (packaged text)."""
    text = resources.files("newsweave.stories").joinpath("prior_headlines.txt").read_text("utf-8")
    lines = [x for x in text.splitlines() if x.strip() and not x.startswith("#")]
    mean = _title_encoder().encode(lines).mean(axis=0, dtype=np.float64)
    _title_encoder().clear_cache()
    return mean


@lru_cache(maxsize=2)
def _background_df(n_features: int) -> np.ndarray:
    """Document frequencies of English words in PRIOR_DOCS pseudo-documents, from wordfreq's
    word frequencies: the first batch of a new store then already knows that "said" and
    "officials" are common and "capsized" is not."""
    from wordfreq import get_frequency_dict

    freq = get_frequency_dict("en", wordlist="best")
    words = [w for w, f in freq.items() if f * DOC_WORDS > 1e-3]
    share = 1.0 - np.exp(-np.array([freq[w] for w in words]) * DOC_WORDS)
    hits = _hasher(n_features).transform(words).tocoo()
    prior = np.zeros(n_features, dtype=np.float32)
    np.maximum.at(prior, hits.col, share[hits.row].astype(np.float32))
    return prior * PRIOR_DOCS
