"""Speaker accuracy of newsweave's quotes against hand annotations of DUC 2004 newswire and of
Multi-News web pages.

The annotations (src/newsweave/eval/annotations/quotes-*.tsv) give a quotation's character
offsets in one article and the speaker as the text names them. newsweave reports on the
whole cluster of each annotated article, exactly as `newsweave report` does; an annotated
quotation counts as right when a reported quote of that article covers it and names the
same speaker (the full name or the surname the text uses; an unnamed source as written).
A quotation newsweave does not report counts as wrong. Beside it, in the same run, the
usual baseline of quote attribution: the person or organisation named nearest the quotation.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib.resources.abc import Traversable
from pathlib import Path

from newsweave.eval import annotations
from newsweave.eval.datasets import Cluster, duc2004, multinews_sample
from newsweave.model import Article, Quote

ANNOTATIONS = annotations.FOLDER / "quotes-duc2004.tsv"
HELD_OUT = annotations.FOLDER / "quotes-duc2004-heldout.tsv"
MULTINEWS = annotations.FOLDER / "quotes-multinews.tsv"
MULTINEWS_HELD_OUT = annotations.FOLDER / "quotes-multinews-heldout.tsv"
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


CORPORA: dict[str, tuple[Traversable, Traversable]] = {
    "DUC 2004": (ANNOTATIONS, HELD_OUT),
    "Multi-News": (MULTINEWS, MULTINEWS_HELD_OUT),
}


def clusters_of(corpus: str, data: Path) -> list[Cluster]:
    """The clusters of an annotated corpus, read in place from the data folder."""
    if corpus == "DUC 2004":
        return duc2004(data / "mds" / "duc2004")
    return multinews_sample(data / "mds" / "multinews-val-sample" / "sample_validation.csv")


def evaluate(gold: Sequence[Gold], data: Path, corpus: str = "DUC 2004"
             ) -> tuple[list[Outcome], list[Outcome], float]:
    """Run newsweave on every cluster holding an annotated article; match each annotation.
    Returns newsweave's outcomes, the nearest-name baseline's, and newsweave's seconds."""
    from newsweave.pipeline import report

    wanted = {g.doc for g in gold}
    clusters = [c for c in clusters_of(corpus, data) if any(a.id in wanted for a in c.articles)]
    articles = {a.id: a for c in clusters for a in c.articles}
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
        quote = _quotation(articles[g.doc].text, g)
        candidates = by_doc.get(origin.get(g.doc, g.doc), [])
        best = max(candidates, key=lambda q: _covers(q.text, quote), default=None)
        if best is not None and _covers(best.text, quote) < 0.5:
            best = None
        outcomes.append(Outcome(g, quote, best,
                                best is not None and same_speaker(best.speaker, g.speakers)))
    return outcomes, nearest_name(gold, [articles[d] for d in dict.fromkeys(wanted)]), seconds


def _quotation(text: str, g: Gold) -> str:
    return text[g.start:g.end].strip("“”\"' ")


def nearest_name(gold: Sequence[Gold], articles: Sequence[Article]) -> list[Outcome]:
    """The baseline: the person or organisation the parser names nearest the quotation in its
    sentence (outside the quotation), else the last one named in the two sentences before."""
    from newsweave.text import prepare

    docs = {d.id: d for d in prepare(list(articles))}
    outcomes = []
    for g in gold:
        doc = docs[g.doc]
        names = [e for e in doc.doc.ents if e.label_ in {"PERSON", "ORG"}
                 and not (g.start <= e.start_char < g.end)]
        n = next((i for i, s in enumerate(doc.sentences) if s.start <= g.start < s.end), 0)
        sentence = doc.sentences[n]
        near = [e for e in names if sentence.start <= e.start_char < sentence.end]
        before = [e for e in names if doc.sentences[max(n - 2, 0)].start <= e.start_char
                  < sentence.start]
        if near:
            pick = min(near, key=lambda e: min(abs(e.start_char - g.end),
                                               abs(g.start - e.end_char)))
        else:
            pick = before[-1] if before else None
        speaker = pick.text if pick is not None else None
        guess = Quote(speaker=speaker, text=_quotation(doc.text, g), source=g.doc,
                      kind="direct", sentence=sentence.text, outlet=None)
        outcomes.append(Outcome(g, guess.text, guess, same_speaker(speaker, g.speakers)))
    return outcomes


def markdown(rows: Sequence[tuple[str, Sequence[Outcome], Sequence[Outcome], float]]) -> str:
    """One line per annotation set."""
    lines = ["| annotations | quotes | reported | right speaker | speaker accuracy | "
             "accuracy on reported | nearest-name baseline | s |",
             "|---|---|---|---|---|---|---|---|"]
    for name, outcomes, baseline, seconds in rows:
        n = len(outcomes)
        found = sum(o.predicted is not None for o in outcomes)
        right = sum(o.correct for o in outcomes)
        base = sum(o.correct for o in baseline)
        lines.append(f"| {name} | {n} | {found} | {right} | {right / max(n, 1):.3f} | "
                     f"{right / max(found, 1):.3f} | {base / max(n, 1):.3f} | {seconds:.1f} |")
    return "\n".join(lines)


def run(data: Path, limit: int | None = None, echo: Callable[[str], None] = print,
        show_errors: bool = True, held_out: bool = True,
        corpora: Sequence[str] = tuple(CORPORA)) -> float:
    """Print the table (and each miss) for each corpus's development annotations (the first
    `limit` articles of them) and held-out ones; return the lowest development accuracy."""
    rows = []
    for corpus in corpora:
        dev, kept = CORPORA[corpus]
        sets = annotations.named_sets(load(dev), load(kept) if held_out else None, limit)
        rows += [(f"{corpus} {name}", *evaluate(g, data, corpus)) for name, g in sets]
    echo(markdown(rows))
    if show_errors:
        for name, outcomes, _, _ in rows:
            for o in outcomes:
                if not o.correct:
                    got = f"{o.predicted.speaker!r}" if o.predicted else "not reported"
                    echo(f"- ({name.split(' (')[0]}) {o.gold.doc}:{o.gold.start} expected "
                         f"{' | '.join(o.gold.speakers)}, got {got}")
    dev_rows = [outcomes for name, outcomes, _, _ in rows if annotations.DEVELOPMENT in name]
    return min(sum(o.correct for o in r) / max(len(r), 1) for r in dev_rows)
