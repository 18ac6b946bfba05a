"""Conflict pairs in natural wording: hand-written sentence pairs
(annotations/conflicts-pairs*.tsv), each labelled with the conflict a reader should be shown or
none, judged by the conflict rules (`conflicts.conflict_between`) and by the same-fact
judgement (`match`, verdict `conflict`).

Injected edits of one sentence (eval.conflicts) test recall on a copy's rewording; these test
what they cannot: two outlets' own wording of one fact, and look-alike pairs (same topic,
different fact; same fact, other words) that must stay quiet.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date

from newsweave.eval import annotations

KINDS = ("number", "date", "person", "place", "negation")
FILES = {annotations.DEVELOPMENT: "conflicts-pairs.tsv",
         annotations.HELD_OUT: "conflicts-pairs-heldout.tsv"}


@dataclass(frozen=True)
class ConflictPair:
    """One hand-written pair: the conflict kind a reader should see ("none" for none)."""

    id: str
    kind: str
    a: str
    b: str
    published_a: date | None = None
    published_b: date | None = None


@dataclass
class PairScores:
    """Per kind, pairs labelled with it (gold), conflicts of it reported (said) and both
    (hit); `judged` the same for match's `conflict` verdict, any kind."""

    gold: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    said: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    hit: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    judged: dict[str, int] = field(default_factory=lambda: {"gold": 0, "said": 0, "hit": 0})
    pairs: int = 0
    wrong: list[str] = field(default_factory=list)

    def markdown(self, title: str) -> str:
        """A table: per kind, then all kinds, then match's verdict."""
        lines = [f"**{title}** ({self.pairs} pairs, "
                 f"{self.pairs - sum(self.gold.values())} without a conflict)", "",
                 "| kind | pairs | reported | right | precision | recall |",
                 "|---|---|---|---|---|---|"]
        rows = [(k, self.gold[k], self.said[k], self.hit[k]) for k in KINDS]
        rows.append(("all kinds (rules)", sum(self.gold.values()), sum(self.said.values()),
                     sum(self.hit.values())))
        rows.append(("match verdict `conflict`", self.judged["gold"], self.judged["said"],
                     self.judged["hit"]))
        for name, gold, said, hit in rows:
            lines.append(f"| {name} | {gold} | {said} | {hit} | {_ratio(hit, said)} "
                         f"| {_ratio(hit, gold)} |")
        return "\n".join(lines)


def _ratio(x: int, y: int) -> str:
    return f"{x / y:.2f}" if y else "-"


def read(name: str) -> list[ConflictPair]:
    """The pairs of one annotation file."""
    def day(text: str) -> date | None:
        return date.fromisoformat(text) if text else None
    return [ConflictPair(r["id"], r["kind"], r["a"], r["b"], day(r["published_a"]),
                         day(r["published_b"]))
            for r in annotations.read(annotations.FOLDER / name)]


def evaluate(pairs: Sequence[ConflictPair]) -> PairScores:
    """Judge every pair with the conflict rules and the same-fact model, read once."""
    from newsweave.analyse.match import featurize, load, sides
    from newsweave.embed import default_embedder

    embedder = default_embedder()
    side_a = sides([p.a for p in pairs], [f"{p.id}/a" for p in pairs],
                   published=[p.published_a for p in pairs])
    side_b = sides([p.b for p in pairs], [f"{p.id}/b" for p in pairs],
                   published=[p.published_b for p in pairs])
    featured = featurize(zip(side_a, side_b, strict=True), embedder.encode, embedder.cosines)
    judged = load().judge(featured)
    scores = PairScores(pairs=len(pairs))
    for pair, conflict, judgement in zip(pairs, featured.conflicts, judged, strict=True):
        said = conflict.kind if conflict is not None and conflict.status == "conflict" else None
        if pair.kind in KINDS:
            scores.gold[pair.kind] += 1
            scores.judged["gold"] += 1
        if said is not None:
            scores.said[said] += 1
            scores.hit[said] += said == pair.kind
        conflict_verdict = judgement.verdict == "conflict"
        scores.judged["said"] += conflict_verdict
        scores.judged["hit"] += conflict_verdict and pair.kind in KINDS
        if said != (pair.kind if pair.kind in KINDS else None):
            scores.wrong.append(f"{pair.id}: {pair.kind} read as {said or 'none'}"
                                + (f" {conflict.values}" if said else ""))
    return scores


def run(echo: Callable[[str], None] = print, verbose: bool = False) -> list[PairScores]:
    """Both annotation files, each as a table (`verbose`: the pairs read wrongly too)."""
    results = []
    for name, file in FILES.items():
        scores = evaluate(read(file))
        echo(scores.markdown(f"Natural pairs, {name}") + "\n")
        if verbose:
            echo("\n".join(scores.wrong) + "\n")
        results.append(scores)
    return results
