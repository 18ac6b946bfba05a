"""The summarization benchmark: newsweave's summaries beside sumy's and published systems'.

newsweave is run exactly as `newsweave report` runs it (the Python API on records carrying a
`story` field); every system is scored in the same run with the same scorer. References are
never shown to a summarizer, and the run fails if one is found inside the input.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from newsweave.eval import datasets
from newsweave.eval.baselines import sumy_summary
from newsweave.eval.datasets import Cluster
from newsweave.eval.rouge import score_clusters

LEAK_SHINGLE = 8
LEAK_CONTAINMENT = 0.6  # share of a reference's 8-grams inside one input article
HUMAN = "human summaries (each against the others)"


class ReferenceLeak(RuntimeError):
    """A reference summary (or most of it) is part of a summarizer's input."""


@dataclass
class Setting:
    """How a data set is summarized and scored."""

    name: str
    words: int
    metrics: tuple[str, ...]
    measure: str
    truncate: bool


@dataclass
class Row:
    system: str
    scores: dict[str, float]
    seconds_per_cluster: float | None
    unattributed: int = 0


@dataclass
class Table:
    setting: Setting
    clusters: int
    dropped: list[str] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)

    def markdown(self) -> str:
        """The table, newsweave's ratio to the best other system per metric at the bottom."""
        metrics = self.setting.metrics
        head = " | ".join(m.upper().replace("ROUGE", "R-") for m in metrics)
        left_out = (f"; {len(self.dropped)} left out, their sources contain the reference: "
                    f"{', '.join(self.dropped)}" if self.dropped else "")
        lines = [f"**{self.setting.name}** ({self.clusters} clusters, {self.setting.words}-word "
                 f"summaries, ROUGE {self.setting.measure}{left_out})", "",
                 f"| system | {head} | s / cluster |",
                 "|---|" + "---|" * len(metrics) + "---|"]
        for r in sorted(self.rows, key=lambda r: -r.scores[metrics[-1]]):
            secs = f"{r.seconds_per_cluster:.3f}" if r.seconds_per_cluster is not None else "-"
            vals = " | ".join(f"{r.scores[m]:.2f}" for m in metrics)
            lines.append(f"| {r.system} | {vals} | {secs} |")
        ours = next(r for r in self.rows if r.system == "newsweave")
        others = [r for r in self.rows if r.system not in ("newsweave", HUMAN)]
        ratios = " | ".join(f"{ours.scores[m] / max(o.scores[m] for o in others):.3f}"
                            for m in metrics)
        lines.append(f"| newsweave / best other | {ratios} | |")
        return "\n".join(lines)


def _shingles(text: str) -> set[tuple[str, ...]]:
    words = text.lower().split()
    return {tuple(words[i:i + LEAK_SHINGLE]) for i in range(len(words) - LEAK_SHINGLE + 1)}


def leaks(cluster: Cluster) -> list[str]:
    """Ids of the cluster's articles that contain most of one of its reference summaries."""
    refs = [sh for sh in (_shingles(r) for r in cluster.references) if sh]
    found = []
    for art in cluster.articles:
        sh = _shingles(art.text)
        if any(len(ref & sh) / len(ref) >= LEAK_CONTAINMENT for ref in refs):
            found.append(art.id)
    return found


def check_no_leak(clusters: Sequence[Cluster]) -> None:
    """Raise ReferenceLeak when an input article contains most of a reference summary."""
    for c in clusters:
        if found := leaks(c):
            raise ReferenceLeak(f"cluster {c.id}: article {found[0]} contains a reference "
                                "summary; the benchmark would be meaningless")


SETTINGS = {
    "duc2004": Setting("DUC 2004 Task 2", 100, ("rouge1", "rouge2"), "recall", True),
    "duc2003": Setting("DUC 2003 Task 2", 100, ("rouge1", "rouge2"), "recall", True),
    "multinews": Setting("Multi-News validation sample", 260, ("rouge1", "rouge2", "rougeL"),
                         "fmeasure", False),
}


def clusters_of(name: str, data: Path, limit: int | None = None) -> list[Cluster]:
    """The clusters of a named set (optionally its first `limit`) from the data folder."""
    mds = data / "mds"
    if name == "duc2004":
        return datasets.duc2004(mds / "duc2004")[:limit]
    if name == "duc2003":
        return datasets.duc2003(mds / "duc2003")[:limit]
    return datasets.multinews_sample(mds / "multinews-val-sample" / "sample_validation.csv",
                                     limit)


def check_training(data_set: str, clusters: Sequence[Cluster], test: bool) -> str:
    """A line saying what the salience model learned from, against the clusters scored;
    raises ReferenceLeak if it learned from a test set."""
    from newsweave.analyse import salience

    trained = salience.trained_on()
    sets = sorted({t.split("/")[0] for t in trained})
    note = f"salience model trained on {len(trained)} clusters of {', '.join(sets)}"
    if data_set in sets:
        if test:
            raise ReferenceLeak(f"the salience model was trained on the test set {data_set}; "
                                "retrain it on development sets only")
        return f"{note}: these scores are in-sample"
    shared = {t.split("/", 1)[1] for t in trained} & {c.id for c in clusters}
    return f"{note}; {len(shared)} of them share a topic id with clusters scored here"


def newsweave_summaries(clusters: Sequence[Cluster], words: int) -> tuple[list[str], float, int]:
    """Summaries from `newsweave.report` (all clusters in one call, as records with `story`),
    seconds, and the number of summary sentences that cite no source."""
    from newsweave.pipeline import report

    articles = [a for c in clusters for a in c.articles]
    report(articles[:1], words=words, sections={"summary"})  # warm: models load outside the clock
    t0 = time.perf_counter()
    result = report(articles, words=words, sections={"summary"})
    seconds = time.perf_counter() - t0
    by_id = {s.id: s for s in result.stories}
    unattributed = sum(not s.sources for st in result.stories for s in st.summary)
    texts = [" ".join(s.text for s in by_id[c.id].summary) for c in clusters]
    return texts, seconds, unattributed


def score(setting: Setting, texts: Sequence[str], clusters: Sequence[Cluster]) -> dict[str, float]:
    """ROUGE of one system's summaries of the clusters, as the setting scores them."""
    return score_clusters(texts, [c.references for c in clusters], setting.metrics,
                          setting.measure, setting.words if setting.truncate else None)


def human_row(setting: Setting, clusters: Sequence[Cluster]) -> Row:
    """The human summaries scored as a system: each against its cluster's other references
    (averaged over them, then over clusters), cut and measured as the systems are. Scoring a
    system against all references is the mean of scoring it against every such subset, so
    the figures compare directly."""
    cut = setting.words if setting.truncate else None
    per_cluster = [score_clusters(c.references,
                                  [c.references[:j] + c.references[j + 1:]
                                   for j in range(len(c.references))],
                                  setting.metrics, setting.measure, cut) for c in clusters]
    return Row(HUMAN, {m: sum(r[m] for r in per_cluster) / len(clusters)
                       for m in setting.metrics}, None)


def sumy_rows(setting: Setting, clusters: Sequence[Cluster]) -> list[Row]:
    """sumy's LexRank and TextRank on the clusters, reading sentences split by newsweave's
    text stage (split once for both)."""
    from newsweave.text import prepare

    sentences = {c.id: [s.text for d in prepare(c.articles) for s in d.sentences]
                 for c in clusters}
    rows = []
    for method in ("LexRank", "TextRank"):
        t0 = time.perf_counter()
        texts = [" ".join(sumy_summary(method, sentences[c.id], setting.words))
                 for c in clusters]
        seconds = time.perf_counter() - t0
        rows.append(Row(f"sumy {method}", score(setting, texts, clusters),
                        seconds / max(len(clusters), 1)))
    return rows


def evaluate(setting: Setting, clusters: Sequence[Cluster],
             peers: dict[str, dict[str, str]] | None = None) -> Table:
    """Score newsweave, sumy's LexRank and TextRank, and any published peers on clusters.

    Clusters whose own source articles contain their reference (Multi-News has a few) are
    left out for every system; what is fed to the summarizers is checked again.
    """
    dropped = [c.id for c in clusters if leaks(c)]
    clusters = [c for c in clusters if c.id not in dropped]
    check_no_leak(clusters)
    n = len(clusters)

    table = Table(setting, n, dropped)
    ours, secs, unattributed = newsweave_summaries(clusters, setting.words)
    table.rows.append(Row("newsweave", score(setting, ours, clusters), secs / n, unattributed))
    table.rows.extend(sumy_rows(setting, clusters))
    if all(len(c.references) >= 2 for c in clusters):
        table.rows.append(human_row(setting, clusters))
    for system, by_cluster in sorted((peers or {}).items()):
        table.rows.append(Row(f"{system} (published)",
                              score(setting, [by_cluster[c.id] for c in clusters], clusters), None))
    return table


def run(data: Path, which: Sequence[str] = ("duc2004", "duc2003", "multinews"),
        limit: int | None = None, echo: Callable[[str], None] = print) -> list[Table]:
    """Run the benchmark on the named sets (optionally the first `limit` clusters of each)."""
    tables = []
    for name in which:
        if name not in SETTINGS:
            raise ValueError(f"unknown data set {name!r} ({', '.join(SETTINGS)})")
        setting, clusters = SETTINGS[name], clusters_of(name, data, limit)
        peers = datasets.duc2004_peers(data / "mds" / "duc2004") if name == "duc2004" else None
        training = check_training(name, clusters, test=name == "duc2004")
        table = evaluate(setting, clusters, peers)
        unattributed = table.rows[0].unattributed
        echo(table.markdown())
        echo(f"\n{training}")
        echo(f"\nsummary sentences without a source: {unattributed}\n")
        if unattributed:
            raise AssertionError(f"{unattributed} newsweave summary sentences cite no source")
        tables.append(table)
    return tables
