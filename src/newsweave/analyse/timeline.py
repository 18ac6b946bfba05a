"""The story's timeline: dated sentences, each date resolved against its own article's
publication date, one event per date and fact however many articles report it, in date order
(month-day dates of unknown year next, unresolved dates last, in text order)."""

from __future__ import annotations

from datetime import date

from spacy.tokens import Span

from newsweave.model import Document, TimelineEvent
from newsweave.text.dates import DateValue, compatible, dates_in

_MIN_SHARED = 2  # content lemmas two sentences must share to state the same dated fact


def analyse_timeline(documents: list[Document]) -> list[TimelineEvent]:
    """One event per distinct (date, fact); the same fact on the same date from several
    articles (or twice in one) is one event citing every article."""
    events: list[list] = []  # [event, its date, its sentence's content lemmas]
    for doc in documents:
        for s in doc.sentences:
            span = doc.span(s)
            lemmas = _content_lemmas(span)
            for value in _distinct(dates_in(span, doc.article.published)):
                same = next((e for e in events if _same_event(e[1], value, e[2], lemmas)), None)
                if same is None:
                    events.append([TimelineEvent(date=value.iso, expression=value.expression,
                                                 text=s.text, sources=[doc.id]), value, lemmas])
                    continue
                if doc.id not in same[0].sources:
                    same[0].sources.append(doc.id)
                if same[1].start is None and value.start is not None:  # "--04-20" -> a day
                    same[0].date, same[1] = value.iso, value
    return [e[0] for e in sorted(events, key=lambda e: _order(e[1]))]


def _distinct(values: list[DateValue]) -> list[DateValue]:
    """A sentence's dates with repeats of one value dropped ("Friday ... on Friday")."""
    seen: set[str] = set()
    out = []
    for v in values:
        key = v.iso or v.expression.lower()
        if key not in seen:
            seen.add(key)
            out.append(v)
    return out


def _same_event(a: DateValue, b: DateValue, lemmas_a: set[str], lemmas_b: set[str]) -> bool:
    """At least two content words shared, and the same date: one ISO value, a month-day
    falling on the other's day, or (both unresolved) the same words."""
    if len(lemmas_a & lemmas_b) < _MIN_SHARED:
        return False
    if a.iso is None or b.iso is None:
        return a.iso is None and b.iso is None and a.expression.lower() == b.expression.lower()
    month_day = a.iso.startswith("--") or b.iso.startswith("--")
    return a.iso == b.iso or (month_day and (a.exact and b.exact) and bool(compatible(a, b)))


def _content_lemmas(span: Span) -> set[str]:
    return {t.lemma_.lower() for t in span
            if t.is_alpha and not t.is_stop and t.ent_type_ not in {"DATE", "TIME"}}


def _order(value: DateValue) -> tuple[int, date | str, date | str]:
    """Resolved dates by first then last day, "--MM-DD" by month and day, unresolved last
    (sorted() is stable, so those keep text order)."""
    if value.start is not None:
        return (0, value.start, value.end)
    if value.iso is not None:
        return (1, value.iso, "")
    return (2, "", "")
