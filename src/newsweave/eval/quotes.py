"""Speaker accuracy of newsweave's quotes against hand annotations of DUC 2004 articles.

The annotations (src/newsweave/eval/annotations/quotes-duc2004.tsv) give a quotation's character
offsets in one article and the speaker as the text names them. newsweave reports on the
whole cluster of each annotated article, exactly as `newsweave report` does; an annotated
quotation counts as right when a reported quote of that article covers it and names the
same speaker (the full name or the surname the text uses; an unnamed source as written).
A quotation newsweave does not report counts as wrong.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib.resources.abc import Traversable
from pathlib import Path

from newsweave.eval import annotations
from newsweave.eval.datasets import duc2004
from newsweave.model import Quote

ANNOTATIONS = annotations.FOLDER / "quotes-duc2004.tsv"
HELD_OUT = annotations.FOLDER / "quotes-duc2004-heldout.tsv"
_WORD = re.compile(r"[\w'’-]+")
_ARTICLE = re.compile(r"^(the|a|an)\s+", re.IGNORECASE)


@dataclass
class Gold:
    doc: str
    start: int
    end: int
    speakers: list[str]


@dataclass
class Outcome:
    gold: Gold
    quote: str
    predicted: Quote | None
    correct: bool


def load(path: Traversable = ANNOTATIONS) -> list[Gold]:
    """The annotated quotations."""
    return [Gold(r["doc"], int(r["start"]), int(r["end"]), r["speaker"].split("|"))
            for r in annotations.read(path)]


def same_speaker(predicted: str | None, names: Sequence[str]) -> bool:
    """True when the predicted speaker is one of the names or part of one ("Castro" or
    "Fidel Castro" for "Fidel Castro"; "Kang" for "Kang In-duk", family name first), or the
    other way round; leading articles and case do not matter."""
    if not predicted:
        return False
    p = set(_norm(predicted).split())
    wanted = [set(_norm(x).split()) for x in names]
    return bool(p) and any(p <= n or n <= p for n in wanted)


def _norm(name: str) -> str:
    return " ".join(_WORD.findall(_ARTICLE.sub("", name.strip()).lower()))


def _covers(quote: str, gold: str) -> float:
    """The share of the gold quotation's words that the reported quote holds."""
    g, q = _WORD.findall(gold.lower()), set(_WORD.findall(quote.lower()))
    return sum(w in q for w in g) / max(len(g), 1)


def evaluate(gold: Sequence[Gold], data: Path) -> tuple[list[Outcome], float]:
    """Run newsweave on every cluster holding an annotated article; match each annotation."""
    from newsweave.pipeline import report

    wanted = {g.doc for g in gold}
    clusters = [c for c in duc2004(data / "mds" / "duc2004")
                if any(a.id in wanted for a in c.articles)]
    texts = {a.id: a.text for c in clusters for a in c.articles}
    t0 = time.perf_counter()
    result = report([a for c in clusters for a in c.articles], sections={"quotes"})
    seconds = time.perf_counter() - t0
    origin = {a.id: a.duplicate_of or a.id for st in result.stories for a in st.articles}
    by_doc: dict[str, list[Quote]] = {}
    for st in result.stories:
        for q in st.quotes:
            by_doc.setdefault(q.source, []).append(q)
    outcomes = []
    for g in gold:
        quote = texts[g.doc][g.start:g.end].strip("“”\"' ")
        candidates = by_doc.get(origin.get(g.doc, g.doc), [])
        best = max(candidates, key=lambda q: _covers(q.text, quote), default=None)
        if best is not None and _covers(best.text, quote) < 0.5:
            best = None
        outcomes.append(Outcome(g, quote, best,
                                best is not None and same_speaker(best.speaker, g.speakers)))
    return outcomes, seconds


def markdown(rows: Sequence[tuple[str, Sequence[Outcome], float]]) -> str:
    """One line per annotation set."""
    lines = ["| annotations | quotes | reported | right speaker | speaker accuracy | "
             "accuracy on reported | s |", "|---|---|---|---|---|---|---|"]
    for name, outcomes, seconds in rows:
        n = len(outcomes)
        found = sum(o.predicted is not None for o in outcomes)
        right = sum(o.correct for o in outcomes)
        lines.append(f"| {name} | {n} | {found} | {right} | {right / max(n, 1):.3f} | "
                     f"{right / max(found, 1):.3f} | {seconds:.1f} |")
    return "\n".join(lines)


def run(data: Path, limit: int | None = None, echo: Callable[[str], None] = print,
        show_errors: bool = True, held_out: bool = True) -> float:
    """Print the table (and each miss) for the development annotations (the first `limit`
    articles of them) and the held-out ones; return the development set's accuracy."""
    sets = annotations.named_sets(load(), load(HELD_OUT) if held_out else None, limit)
    rows = [(name, *evaluate(g, data)) for name, g in sets]
    echo(markdown(rows))
    if show_errors:
        for name, outcomes, _ in rows:
            for o in outcomes:
                if not o.correct:
                    got = f"{o.predicted.speaker!r}" if o.predicted else "not reported"
                    echo(f"- ({name.split()[0]}) {o.gold.doc}:{o.gold.start} expected "
                         f"{' | '.join(o.gold.speakers)}, got {got}")
    return sum(o.correct for o in rows[0][1]) / max(len(rows[0][1]), 1)
