"""Entity merging measured against hand annotations of 10 DUC 2004 clusters.

The annotations (src/newsweave/eval/annotations/entities-duc2004.tsv) group, per cluster, the names
newsweave's NER finds at least twice by the real entity they name. newsweave reports on each
cluster (its `entities` section, as `newsweave report` gives it); two names count as merged
when they fall in one reported entity. Precision and recall are over pairs of annotated
names: of the pairs newsweave merges, how many name one entity; of the pairs that name one
entity, how many newsweave merges.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from importlib.resources.abc import Traversable
from itertools import combinations
from pathlib import Path

from newsweave.eval import annotations
from newsweave.eval.datasets import duc2004

ANNOTATIONS = annotations.FOLDER / "entities-duc2004.tsv"


@dataclass
class ClusterScore:
    cluster: str
    names: int
    gold_pairs: int
    merged_pairs: int
    right_pairs: int
    wrong: list[tuple[str, str]]
    missed: list[tuple[str, str]]


def load(path: Traversable = ANNOTATIONS) -> dict[str, list[list[str]]]:
    """Each cluster's annotated entities, as lists of names."""
    out: dict[str, list[list[str]]] = {}
    for r in annotations.read(path):
        out.setdefault(r["cluster"], []).append(r["names"].split("|"))
    return out


def evaluate(gold: dict[str, list[list[str]]], data: Path) -> tuple[list[ClusterScore], float]:
    """Report on every annotated cluster and score its entity merges."""
    from newsweave.pipeline import report

    clusters = [c for c in duc2004(data / "mds" / "duc2004") if c.id in gold]
    t0 = time.perf_counter()
    result = report([a for c in clusters for a in c.articles], sections={"entities"})
    seconds = time.perf_counter() - t0
    scores = []
    for story in result.stories:
        entity_of = {}
        for k, e in enumerate(story.entities):
            for name in (e.name, *e.aliases):
                entity_of[name.lower()] = k
        truth = {n: k for k, group in enumerate(gold[story.id]) for n in group}
        guess = {n: entity_of.get(n.lower(), f"alone:{n}") for n in truth}
        wrong, missed, right, merged, same = [], [], 0, 0, 0
        for a, b in combinations(sorted(truth), 2):
            is_same, is_merged = truth[a] == truth[b], guess[a] == guess[b]
            same += is_same
            merged += is_merged
            right += is_same and is_merged
            if is_merged and not is_same:
                wrong.append((a, b))
            if is_same and not is_merged:
                missed.append((a, b))
        scores.append(ClusterScore(story.id, len(truth), same, merged, right, wrong, missed))
    return scores, seconds


def markdown(scores: list[ClusterScore], seconds: float) -> str:
    """Totals over the clusters: pairs, precision, recall, F1."""
    same = sum(s.gold_pairs for s in scores)
    merged = sum(s.merged_pairs for s in scores)
    right = sum(s.right_pairs for s in scores)
    p, r = right / max(merged, 1), right / max(same, 1)
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return "\n".join([
        "| clusters | names | pairs naming one entity | pairs merged | right | precision | "
        "recall | F1 | s |", "|---|---|---|---|---|---|---|---|---|",
        f"| {len(scores)} | {sum(s.names for s in scores)} | {same} | {merged} | {right} | "
        f"{p:.3f} | {r:.3f} | {f1:.3f} | {seconds:.1f} |"])


def run(data: Path, limit: int | None = None, echo: Callable[[str], None] = print,
        show_errors: bool = True) -> tuple[float, float]:
    """Print the table (and each wrong or missed merge) for the annotated clusters (the
    first `limit` of them); return precision and recall."""
    gold = load()
    scores, seconds = evaluate(dict(list(gold.items())[:limit]), data)
    echo(markdown(scores, seconds))
    if show_errors:
        for s in scores:
            for a, b in s.wrong:
                echo(f"- {s.cluster}: merged {a!r} and {b!r}, which name different entities")
            for a, b in s.missed:
                echo(f"- {s.cluster}: kept {a!r} and {b!r} apart, which name one entity")
    merged = sum(s.merged_pairs for s in scores)
    same = sum(s.gold_pairs for s in scores)
    right = sum(s.right_pairs for s in scores)
    return right / max(merged, 1), right / max(same, 1)
