"""Precision of framing contrasts, judged by hand, on the seeds, DUC 2004, DUC 2003 (Task 2
and, held out, Task 3), Multi-News and WikiRef220.

Framing has no gold list to recall against: a reader can only judge what newsweave reports.
So every contrast newsweave reported on the clusters below was read and judged once
(src/newsweave/eval/annotations/framing-*.tsv): `same` when the two sentences state one fact
in different words, `unrelated` when they state different facts that share a name. The
benchmark reports again, looks each contrast up by its two sentences (article id and
sentence number, either order) and counts; a contrast nobody has judged yet is printed so
that it can be judged and added, and is left out of the precision.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from importlib.resources.abc import Traversable
from pathlib import Path

from newsweave.eval import annotations
from newsweave.eval.clustering_sets import wikiref
from newsweave.eval.datasets import duc2003, duc2004, multinews_sample
from newsweave.ingest import read_inputs
from newsweave.model import Article, FramingContrast

ANNOTATIONS = annotations.FOLDER / "framing-duc2004.tsv"
DUC2003 = annotations.FOLDER / "framing-duc2003.tsv"
DUC2003_TASK3 = annotations.FOLDER / "framing-duc2003-task3.tsv"
MULTINEWS = annotations.FOLDER / "framing-multinews.tsv"
WIKIREF = annotations.FOLDER / "framing-wikiref.tsv"
SEEDS = "seeds"
# Each set was judged once as held out after a revision of the rules, then read while making
# the next (their files say which): all but DUC 2003 Task 3 are development sets now, and the
# held-out figures of those first runs are in benchmarks/README.md.
DUC2004_OFFSETS = (0, 1, 2, 3, 4)
WIKIREF_EVENTS = ("ParisAttacks2015", "malaysia.airlines.flight", "tohoku.earthquake.tsunami",
                  "cypriot.financial.crisis", "greek.elections", "debt.crisis.greece")
VERDICTS = {"same", "unrelated"}

_Key = frozenset[tuple[str, int]]


@dataclass
class Judged:
    cluster: str
    contrast: FramingContrast
    verdict: str | None  # None: nobody has judged this contrast yet


def load(path: Traversable) -> dict[tuple[str, _Key], str]:
    """Verdicts by cluster and the (article, sentence) pair of the two wordings."""
    out = {}
    for r in annotations.read(path):
        if r["verdict"] not in VERDICTS:
            raise ValueError(f"{path.name}: unknown verdict {r['verdict']!r}")
        key = frozenset({(r["doc_a"], int(r["sentence_a"])), (r["doc_b"], int(r["sentence_b"]))})
        out[(r["cluster"], key)] = r["verdict"]
    return out


def clusters(data: Path, offsets: Sequence[int], seeds: bool = False
             ) -> dict[str, list[Article]]:
    """The articles of every 5th DUC 2004 cluster from each offset (ten each), and the seeds."""
    every = duc2004(data / "mds" / "duc2004")
    out = {c.id: c.articles for k in offsets for c in every[k::5][:10]}
    if seeds:
        articles, problems = read_inputs([str(data.parent / "seeds")])
        if problems:
            raise RuntimeError("; ".join(str(p) for p in problems))
        out[SEEDS] = articles
    return out


def duc2003_clusters(data: Path, task: int = 2) -> dict[str, list[Article]]:
    """The articles of the 30 DUC 2003 clusters of Task 2 (TDT) or Task 3 (TREC)."""
    return {c.id: c.articles for c in duc2003(data / "mds" / "duc2003", task)}


def multinews_clusters(data: Path) -> dict[str, list[Article]]:
    """The articles of the 250 clusters of the Multi-News validation sample."""
    csv = data / "mds" / "multinews-val-sample" / "sample_validation.csv"
    return {c.id: c.articles for c in multinews_sample(csv)}


def wikiref_clusters(data: Path) -> dict[str, list[Article]]:
    """The news articles of the WikiRef220 topics that are one event (WIKIREF_EVENTS)."""
    out: dict[str, list[Article]] = {}
    for a in wikiref(data):
        if a.story in WIKIREF_EVENTS and a.non_article is None:
            out.setdefault(a.story, []).append(a)
    return out


def evaluate(stories: dict[str, list[Article]], verdicts: dict[tuple[str, _Key], str]
             ) -> tuple[list[Judged], float]:
    """Report the framing of every story and look each contrast up in the verdicts."""
    from newsweave.pipeline import report

    articles = [replace(a, story=story) for story, members in stories.items() for a in members]
    t0 = time.perf_counter()
    result = report(articles, sections={"framing"})
    seconds = time.perf_counter() - t0
    judged = []
    for story in result.stories:
        for c in story.framing.contrasts:
            key = frozenset((w.source, w.sentence) for w in c.wordings)
            judged.append(Judged(story.id, c, verdicts.get((story.id, key))))
    return judged, seconds


def markdown(rows: Sequence[tuple[str, int, Sequence[Judged], float]]) -> str:
    """One line per set of stories."""
    lines = ["| stories | count | contrasts | same fact | unrelated | not judged | precision | "
             "s |", "|---|---|---|---|---|---|---|---|"]
    for name, n, judged, seconds in rows:
        same = sum(j.verdict == "same" for j in judged)
        unrelated = sum(j.verdict == "unrelated" for j in judged)
        lines.append(f"| {name} | {n} | {len(judged)} | {same} | {unrelated} | "
                     f"{len(judged) - same - unrelated} | {same / max(same + unrelated, 1):.2f} | "
                     f"{seconds:.1f} |")
    return "\n".join(lines)


def run(data: Path, echo: Callable[[str], None] = print, full: bool = True,
        offsets: Sequence[int] = DUC2004_OFFSETS) -> tuple[float, int]:
    """Print the table, each unrelated contrast and each contrast not judged yet; return the
    precision on the seeds and DUC 2004 and its number of unjudged contrasts."""
    sets = [(f"{annotations.DEVELOPMENT}, seeds and DUC 2004",
             clusters(data, offsets, seeds=True), load(ANNOTATIONS))]
    if full:
        sets += [
            (f"{annotations.DEVELOPMENT}, DUC 2003", duc2003_clusters(data), load(DUC2003)),
            (f"{annotations.DEVELOPMENT}, Multi-News", multinews_clusters(data),
             load(MULTINEWS)),
            (f"{annotations.DEVELOPMENT}, WikiRef220 events", wikiref_clusters(data),
             load(WIKIREF)),
            (f"{annotations.HELD_OUT}, DUC 2003 Task 3", duc2003_clusters(data, task=3),
             load(DUC2003_TASK3))]
    rows = [(name, len(stories), *evaluate(stories, verdicts))
            for name, stories, verdicts in sets]
    echo(markdown(rows))
    for name, _, judged, _ in rows:
        for j in judged:
            if j.verdict != "same":
                label = "not judged" if j.verdict is None else "unrelated"
                a, b = j.contrast.wordings
                echo(f"- ({name.split()[0]}, {label}) {j.cluster} {a.source} {a.sentence} / "
                     f"{b.source} {b.sentence}: {' / '.join(j.contrast.phrases)}")
    dev = rows[0][2]
    same = sum(j.verdict == "same" for j in dev)
    judged = sum(j.verdict is not None for j in dev)
    return same / max(judged, 1), len(dev) - judged
