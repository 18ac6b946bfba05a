"""Normalisation accuracy of newsweave's dates against hand annotations of DUC 2004 articles.

The annotations (src/newsweave/eval/annotations/dates-duc2004.tsv) give a date expression's
character offsets in one article and the date a reader gives it. newsweave's date stage
(`dates_in`, what the timeline and the conflict checks use) reads the sentence holding the
expression with the article's publication date; the expression counts as right when the
days newsweave gives it overlap the annotated days by at least half (their union), so
"Friday" must be the very day and "this week" the week. The same annotations are run again
with the publication date withheld: every expression that does not carry its own year must
then come out unresolved (null), not guessed.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from difflib import SequenceMatcher
from importlib.resources.abc import Traversable
from pathlib import Path

from newsweave.eval import annotations
from newsweave.eval.datasets import duc2004

ANNOTATIONS = annotations.FOLDER / "dates-duc2004.tsv"
HELD_OUT = annotations.FOLDER / "dates-duc2004-heldout.tsv"
MIN_OVERLAP = 0.5
_YEAR = re.compile(r"\b(1[89]|20)\d\d\b")


@dataclass
class Gold:
    doc: str
    start: int
    end: int
    value: str | None


@dataclass
class Outcome:
    gold: Gold
    expression: str
    expected: str | None
    predicted: tuple[date, date] | None
    correct: bool


def load(path: Traversable = ANNOTATIONS) -> list[Gold]:
    """The annotated date expressions."""
    return [Gold(r["doc"], int(r["start"]), int(r["end"]),
                 None if r["value"] == "null" else r["value"]) for r in annotations.read(path)]


def days(value: str) -> tuple[date, date]:
    """The first and last day of an annotated value (day, month, year or FIRST/LAST)."""
    if "/" in value:
        first, last = value.split("/")
        return days(first)[0], days(last)[1]
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        return date(*parts), date(*parts)
    if len(parts) == 2:
        nxt = date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
        return date(parts[0], parts[1], 1), date.fromordinal(nxt.toordinal() - 1)
    return date(parts[0], 1, 1), date(parts[0], 12, 31)


def overlap(a: tuple[date, date], b: tuple[date, date]) -> float:
    """Shared days over the days of either (1.0 for the same range)."""
    shared = min(a[1], b[1]).toordinal() - max(a[0], b[0]).toordinal() + 1
    union = max(a[1], b[1]).toordinal() - min(a[0], b[0]).toordinal() + 1
    return max(shared, 0) / union


def evaluate(gold: Sequence[Gold], data: Path, with_published: bool = True
             ) -> list[Outcome]:
    """Resolve every annotated expression in its sentence, as the date stage does."""
    from newsweave.text import prepare
    from newsweave.text.dates import dates_in

    wanted = {g.doc for g in gold}
    articles = {a.id: a for c in duc2004(data / "mds" / "duc2004") for a in c.articles
                if a.id in wanted}
    documents = {d.id: d for d in prepare(list(articles.values()))}
    outcomes = []
    maps: dict[str, Callable[[int], int]] = {}
    for g in gold:
        doc = documents[g.doc]
        published = doc.article.published if with_published else None
        expected = g.value if with_published or (g.value and _YEAR.search(
            doc.article.text[g.start:g.end])) else None
        expression = doc.article.text[g.start:g.end]
        if g.doc not in maps:
            maps[g.doc] = _in_cleaned(doc.article.text, doc.text)
        at = maps[g.doc](g.start)
        sentence = next(s for s in doc.sentences if s.start <= at < s.end)
        span = doc.span(sentence)
        found = [v for v in dates_in(span, published)
                 if expression.lower() in v.expression.lower()
                 or v.expression.lower() in expression.lower()]
        value = found[0] if found else None
        predicted = (value.start, value.end) if value and value.start else None
        if expected is None:
            correct = predicted is None
        else:
            correct = predicted is not None and overlap(predicted, days(expected)) >= MIN_OVERLAP
        outcomes.append(Outcome(g, expression, expected, predicted, correct))
    return outcomes


def _in_cleaned(raw: str, cleaned: str) -> Callable[[int], int]:
    """Maps an offset annotated in the article's own text to the text the parser read (which
    lost boilerplate lines and a dateline), by difflib's matching blocks."""
    blocks = SequenceMatcher(a=raw, b=cleaned, autojunk=False).get_matching_blocks()

    def where(raw_start: int) -> int:
        for a, b, size in blocks:
            if a <= raw_start < a + size:
                return b + raw_start - a
        raise ValueError(f"offset {raw_start} is in text the parser did not read")
    return where


def markdown(rows: Sequence[tuple[str, str, Sequence[Outcome], float]]) -> str:
    """One line per annotation set and condition (publication date given or withheld)."""
    lines = ["| annotations | publication date | expressions | right | accuracy | "
             "guessed (null expected) | s |", "|---|---|---|---|---|---|---|"]
    for name, condition, outcomes, seconds in rows:
        n = len(outcomes)
        right = sum(o.correct for o in outcomes)
        nulls = [o for o in outcomes if o.expected is None]
        guessed = sum(o.predicted is not None for o in nulls)
        lines.append(f"| {name} | {condition} | {n} | {right} | {right / max(n, 1):.3f} | "
                     f"{guessed} of {len(nulls)} | {seconds:.1f} |")
    return "\n".join(lines)


def run(data: Path, limit: int | None = None, echo: Callable[[str], None] = print,
        show_errors: bool = True, held_out: bool = True) -> tuple[float, float]:
    """Print the table (and each miss) for the development annotations (the first `limit`
    articles of them) and the held-out ones; return the development set's accuracy with
    the publication date given and withheld."""
    sets = annotations.named_sets(load(), load(HELD_OUT) if held_out else None, limit)
    rows = []
    for name, g in sets:
        for condition, flag in (("given", True), ("withheld", False)):
            t0 = time.perf_counter()
            rows.append((name, condition, evaluate(g, data, flag), time.perf_counter() - t0))
    echo(markdown(rows))
    if show_errors:
        for name, condition, outcomes, _ in rows:
            for o in outcomes:
                if not o.correct:
                    got = f"{o.predicted[0]}..{o.predicted[1]}" if o.predicted else "null"
                    echo(f"- ({name.split()[0]}, date {condition}) {o.gold.doc}:{o.gold.start} "
                         f"{o.expression!r} expected {o.expected or 'null'}, got {got}")
    first = [r[2] for r in rows[:2]]
    return (sum(o.correct for o in first[0]) / max(len(first[0]), 1),
            sum(o.correct for o in first[1]) / max(len(first[1]), 1))
