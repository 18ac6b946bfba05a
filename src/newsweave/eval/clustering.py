"""The story-clustering benchmark: newsweave's `stories` stage beside BERTopic and a plain
TF-IDF single-pass clusterer, scored with BCubed and pairwise F1 against gold story labels.

newsweave runs exactly as `newsweave stories` runs (a StoryStream over a fresh SQLite file);
its stories are read back from the store as `newsweave export` reads them. Pages it sets
aside as non-articles, and anything a system leaves unclustered (BERTopic's outliers), are
scored as singletons, so every item counts for every system.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from newsweave.eval import clustering_sets
from newsweave.eval.cluster_metrics import Scores, score
from newsweave.model import Article
from newsweave.text.pagekind import non_article_reason

SETS = ("mds", "uci", "wikiref", "ecbplus")
TITLES = {"mds": "(a) DUC 2004 + DUC 2003 Task 2 + Multi-News sample, shuffled together",
          "uci": "(b) UCI News Aggregator sample (headlines)",
          "wikiref": "(c) WikiRef220",
          "ecbplus": "(d) ECB+ topics 1-22 (two similar events per topic; gold = the event)",
          "uci-dev": "(b, development half) UCI headlines of the stories with an even crc32",
          "uci-held-out": "(b, held-out half) UCI headlines of the stories with an odd crc32"}
SINGLE_PASS_THRESHOLD = 0.3  # the classic TDT single-pass cosine threshold, not tuned here


@dataclass
class Row:
    system: str
    scores: Scores
    seconds: float
    coarse: Scores | None = None  # against the coarser gold (ECB+: the kind of event)


@dataclass
class Table:
    name: str
    items: int
    gold_stories: int
    rows: list[Row] = field(default_factory=list)

    def markdown(self) -> str:
        """Every system's scores; newsweave's margin over BERTopic and ratio to the best other."""
        coarse = all(r.coarse for r in self.rows)
        lines = [f"**{TITLES.get(self.name, self.name)}**: {self.items} articles, "
                 f"{self.gold_stories} gold stories", "",
                 "| system | BCubed P | BCubed R | BCubed F1 | pairwise F1 | stories | s |"
                 + (" topic-level BCubed F1 |" if coarse else ""),
                 "|---|---|---|---|---|---|---|" + ("---|" if coarse else "")]
        for r in self.rows:
            s = r.scores
            lines.append(f"| {r.system} | {s.bcubed_p:.3f} | {s.bcubed_r:.3f} | "
                         f"{s.bcubed_f1:.3f} | {s.pair_f1:.3f} | {s.clusters} | {r.seconds:.1f} |"
                         + (f" {r.coarse.bcubed_f1:.3f} |" if coarse and r.coarse else ""))
        ours = self.rows[0].scores
        others = self.rows[1:]
        best = max(others, key=lambda r: r.scores.bcubed_f1)
        bertopic = next((r for r in others if r.system.startswith("BERTopic")), None)
        lines.append(f"| newsweave / best other ({best.system}) | | | "
                     f"{ours.bcubed_f1 / max(best.scores.bcubed_f1, 1e-9):.3f} | "
                     f"{ours.pair_f1 / max(max(r.scores.pair_f1 for r in others), 1e-9):.3f} "
                     "| | |")
        if bertopic:
            lines.append(f"| newsweave − BERTopic, points | | | "
                         f"{100 * (ours.bcubed_f1 - bertopic.scores.bcubed_f1):+.1f} | "
                         f"{100 * (ours.pair_f1 - bertopic.scores.pair_f1):+.1f} | | |")
        return "\n".join(lines)


def newsweave_labels(articles: Sequence[Article]) -> list[str]:
    """Each article's story as `newsweave stories` stores it (non-articles as singletons)."""
    from newsweave.stories.stream import stories_in_fresh_store

    # The sets built from summarization data skip the ingest stage: check their pages as
    # `newsweave stories` checks what it reads, so crawl notes and widgets are set aside.
    articles = [a if a.non_article else replace(a, non_article=non_article_reason(
        a.paragraphs or a.text.splitlines())) for a in articles]
    story_of, added = stories_in_fresh_store(articles)
    if added.problems:
        raise RuntimeError(f"{len(added.problems)} articles were not stored: "
                           f"{added.problems[0].source}: {added.problems[0].message}")
    return [story_of.get(a.id, f"aside:{a.id}") for a in articles]


def single_pass_labels(articles: Sequence[Article],
                       threshold: float = SINGLE_PASS_THRESHOLD) -> list[str]:
    """The textbook baseline: TF-IDF of the whole text (fitted on all of it), articles in
    publication order, each joins the most similar story centroid above the threshold."""
    order = sorted(range(len(articles)), key=lambda i: (articles[i].published or date.max, i))
    texts = [f"{a.title or ''} {a.text}" for a in articles]
    vectors = TfidfVectorizer(sublinear_tf=True, stop_words="english",
                              dtype=np.float32).fit_transform(texts).tocsr()
    sums = np.zeros((len(articles), vectors.shape[1]), dtype=np.float32)  # story centroids
    norms = np.zeros(len(articles), dtype=np.float32)
    n_stories = 0
    labels = [0] * len(articles)
    for i in order:
        row = vectors[i]
        dots = sums[:n_stories, row.indices] @ row.data
        sims = dots / np.maximum(norms[:n_stories], 1e-12)
        best = int(sims.argmax()) if n_stories else -1
        if best < 0 or sims[best] < threshold:
            best, n_stories = n_stories, n_stories + 1
        sums[best, row.indices] += row.data
        norms[best] = np.linalg.norm(sums[best])
        labels[i] = best
    return [str(x) for x in labels]


def bertopic_labels(articles: Sequence[Article]) -> list[str]:
    """BERTopic with its default settings on MiniLM vectors of title and text (the model
    newsweave embeds with, and BERTopic's own default); outliers become singletons."""
    try:
        from bertopic import BERTopic
    except ImportError as exc:
        raise RuntimeError("BERTopic is not installed: run `make bench-deps` first") from exc
    from newsweave.embed import Embedder

    texts = [f"{a.title or ''} {a.text}".strip() for a in articles]
    vectors = Embedder(threads=os.cpu_count()).encode(texts)  # all cores: no parser beside it
    topics, _ = BERTopic().fit_transform(texts, vectors)
    return [f"t{t}" if t >= 0 else f"outlier:{i}" for i, t in enumerate(topics)]


SYSTEMS: dict[str, Callable[[Sequence[Article]], list[str]]] = {
    "newsweave": newsweave_labels,
    "BERTopic (defaults, MiniLM)": bertopic_labels,
    f"TF-IDF single pass (cos ≥ {SINGLE_PASS_THRESHOLD})": single_pass_labels,
}


def load(name: str, data: Path) -> list[Article]:
    """One benchmark set by name."""
    if name == "mds":
        return clustering_sets.mds_mixed(data)
    if name == "uci":
        return clustering_sets.uci_headlines(data)
    if name == "wikiref":
        return clustering_sets.wikiref(data)
    if name in ("uci-dev", "uci-held-out"):
        return clustering_sets.uci_half(data, development=name == "uci-dev")
    if name == "ecbplus":
        return clustering_sets.ecbplus(data)
    raise ValueError(f"unknown clustering set {name!r} ({', '.join(TITLES)})")


# Sets whose gold stories nest in coarser gold groups, scored against those too.
COARSE: dict[str, Callable[[str], str]] = {"ecbplus": clustering_sets.ecbplus_topic}


def evaluate(name: str, articles: Sequence[Article],
             systems: dict[str, Callable[[Sequence[Article]], list[str]]] | None = None) -> Table:
    """Score every system on one set (and on its coarser gold, if any); newsweave first."""
    gold = [a.story or "" for a in articles]
    coarse = [COARSE[name](g) for g in gold] if name in COARSE else None
    table = Table(name, len(articles), len(set(gold)))
    for system, labels_of in (systems or SYSTEMS).items():
        t0 = time.perf_counter()
        labels = labels_of(articles)
        table.rows.append(Row(system, score(gold, labels), time.perf_counter() - t0,
                              score(coarse, labels) if coarse else None))
    return table


def run(data: Path, which: Sequence[str] = SETS,
        echo: Callable[[str], None] = print) -> list[Table]:
    """Run the benchmark on the named sets and print one table each."""
    tables = []
    for name in which:
        table = evaluate(name, load(name, data))
        echo(table.markdown() + "\n")
        tables.append(table)
    return tables
