"""The story's timeline: dated sentences, resolved against each article's publication date,
the same event reported by several articles merged, in date order (unresolved last)."""

from __future__ import annotations

from newsweave.analyse.dates import dates_in
from newsweave.model import Document, TimelineEvent

_MIN_SHARED = 2  # content lemmas two sentences must share to be the same dated event


def _lemmas(span) -> set[str]:
    return {t.lemma_.lower() for t in span
            if t.is_alpha and not t.is_stop and t.ent_type_ != "DATE"}


def build_timeline(documents: list[Document]) -> list[TimelineEvent]:
    """One event per dated statement; the same date and event from several articles is one."""
    events: list[tuple[TimelineEvent, set[str]]] = []
    for doc in documents:
        for s in doc.sentences:
            span = doc.doc.char_span(s.start, s.end, alignment_mode="expand")
            lemmas = _lemmas(span)
            for value in dates_in(span, doc.article.published):
                same = next((ev for ev, lem in events if value.iso and ev.date == value.iso
                             and len(lem & lemmas) >= _MIN_SHARED), None)
                if same is not None:
                    if doc.id not in same.sources:
                        same.sources.append(doc.id)
                    continue
                events.append((TimelineEvent(date=value.iso, expression=value.expression,
                                             text=s.text, sources=[doc.id]), lemmas))
    return [ev for ev, _ in sorted(events, key=lambda e: _order(e[0]))]


def _order(event: TimelineEvent) -> tuple:
    """Resolved dates first, by their first day; "--MM-DD" dates by month and day; then the
    unresolved ones in text order (sorted() is stable)."""
    if event.date is None:
        return (2, "")
    if event.date.startswith("--"):
        return (1, event.date)
    return (0, event.date.split("/")[0])
