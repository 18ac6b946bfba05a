"""Statements of the same fact that cannot both be true: a different date, number, person or
place, or one negating the other.

Statements are aligned by the claims stage (same fact, different outlets); what differs is
read from the parse, NER, and normalised dates and quantities. Relative dates are resolved
against each article's own publication date first; a pair whose dates cannot be resolved is
`unverifiable`, not a conflict. No trustworthy NLI model installs offline, hence rules.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from difflib import SequenceMatcher
from itertools import combinations

from spacy.tokens import Span

from newsweave.analyse.dates import DateValue, compatible, dates_in
from newsweave.analyse.quantities import Quantity, quantities_in, same_quantity, same_unit
from newsweave.model import Claim, Conflict, Document, Sentence, Statement, Story

_NAMED = {"person": {"PERSON"}, "place": {"GPE", "LOC", "FAC"}}
_SUBJECTS = {"nsubj", "nsubjpass", "expl"}
# Any fixed day: only the difference between two dates counted from it is ever shown.
_SHARED_UNKNOWN_DAY = date(2000, 1, 5)


def find_conflicts(story: Story, claims: list[Claim],
                   canonical: Callable[[str], str] | None = None) -> list[Conflict]:
    """Conflicts between statements of one claim made by different outlets."""
    canonical = canonical or (lambda name: name)
    published = {d.id: d.article.published for d in story.documents + story.copies}
    for copy in story.copies:  # an undated copy is read as published with its origin
        published[copy.id] = published[copy.id] or published[story.duplicates[copy.id]]

    def compare(a: Statement, b: Statement, sa: Span, sb: Span,
                edited: bool = False) -> Conflict | None:
        candidates = [c for c in (_dates(a, b, sa, sb, published, edited),
                                  _numbers(a, b, sa, sb),
                                  _named(a, b, sa, sb, canonical, edited),
                                  _negation(a, b, sa, sb))
                      if c is not None]
        candidates.sort(key=lambda c: c.status != "conflict")  # a real conflict first
        return candidates[0] if candidates else None

    found = []
    for claim in claims:
        for a, b in combinations(claim.statements, 2):
            # The very same words cannot contradict themselves: a relative date in a copied
            # sentence ("on Monday") counts from the first publication, not the reprint's.
            if a.outlet != b.outlet and a.text != b.text:
                found.append(compare(a, b, *(story.span(story.row(st.source, st.sentence))
                                             for st in (a, b))))
    for copy in story.copies:
        origin = next(d for d in story.documents if d.id == story.duplicates[copy.id])
        for (a, sa), (b, sb) in _edited_sentences(origin, copy):
            found.append(compare(a, b, sa, sb, edited=True))
    return [c for c in found if c is not None]


def _statement(doc: Document, s: Sentence) -> tuple[Statement, Span]:
    return (Statement(source=doc.id, text=s.text, sentence=s.index, outlet=doc.article.outlet),
            doc.doc.char_span(s.start, s.end, alignment_mode="expand"))


def _edited_sentences(origin: Document, copy: Document):
    """Sentence pairs where a syndicated copy rewrote its origin (same place, new words)."""
    a, b = origin.sentences, copy.sentences
    matcher = SequenceMatcher(a=[s.text for s in a], b=[s.text for s in b], autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "replace":
            for i, j in zip(range(i1, i2), range(j1, j2), strict=False):
                yield _statement(origin, a[i]), _statement(copy, b[j])


def _dates(a: Statement, b: Statement, sa: Span, sb: Span, published: dict,
           same_day: bool = False) -> Conflict | None:
    """Dates of the two statements that cannot both hold. With `same_day` (a copy and its
    origin, both undated) relative dates count from one shared, unknown day: "Tuesday"
    against "Sunday" is then a difference whatever that day was."""
    ref_a, ref_b = published[a.source], published[b.source]
    undated = same_day and ref_a is None and ref_b is None
    if undated:
        ref_a = ref_b = _SHARED_UNKNOWN_DAY
    da, db = dates_in(sa, ref_a), dates_in(sb, ref_b)
    # A date both statements give in the same words, meaning the same days, is common ground;
    # the difference, if any, is in the others ("signed Oct. 23 ... this past week").
    for x in list(da):
        same = next((y for y in db if y.expression.lower() == x.expression.lower()
                     and compatible(x, y) is True), None)
        if same is not None:
            da.remove(x)
            db.remove(same)
    if not da or not db:
        return None
    verdicts = [compatible(x, y) for x in da for y in db]
    if any(v is True for v in verdicts):
        return None
    values = [_date_text(da), _date_text(db)]
    if any(v is None for v in verdicts):
        return Conflict(kind="date", statements=[a, b], values=values, status="unverifiable",
                        explanation="the dates cannot both be placed in time: a publication "
                                    "date is unknown or an expression is vague")
    if undated:
        values = [_date_text(da, iso=False), _date_text(db, iso=False)]
    return Conflict(kind="date", statements=[a, b], values=values,
                    explanation="the two dates do not overlap" + (
                        " (the copy read as published the same day as its origin)"
                        if undated else ""))


def _date_text(dates: list[DateValue], iso: bool = True) -> str:
    return "; ".join(f"{d.expression} ({d.iso})" if d.iso and iso else d.expression
                     for d in dates)


def _numbers(a: Statement, b: Statement, sa: Span, sb: Span) -> Conflict | None:
    """A figure counting the same thing (or the n-th bare figure of each) that differs."""
    qa, qb = quantities_in(sa), quantities_in(sb)
    bare_a, bare_b = ([q for q in qs if q.unit is None] for qs in (qa, qb))
    for x in qa:
        rivals = [y for y in qb if same_unit(x, y)]
        if x.unit is None and len(bare_a) == len(bare_b):
            rivals = [bare_b[bare_a.index(x)]]
        if rivals and not any(same_quantity(x, y) for y in rivals):
            y = rivals[0]
            if not any(same_quantity(y, z) for z in qa):
                return Conflict(kind="number", statements=[a, b], values=[x.text, y.text],
                                explanation=f"different {_unit(x)}")
    return None


def _unit(q: Quantity) -> str:
    return f"count of {q.unit}" if q.unit else "figures"


def _named(a: Statement, b: Statement, sa: Span, sb: Span, canonical: Callable[[str], str],
           edited: bool = False) -> Conflict | None:
    """Each side names a person (or place) in the same role that the other does not name.

    In a copy's `edited` sentence the rest of the wording is the origin's, so one name
    swapped for another is a change even where the parse gives it another role."""
    for kind, labels in _NAMED.items():
        na = {_role(e): canonical(e.text) for e in sa.ents if e.label_ in labels}
        nb = {_role(e): canonical(e.text) for e in sb.ents if e.label_ in labels}
        pairs = [(na[role], nb[role]) for role in na.keys() & nb.keys()]
        only_a, only_b = set(na.values()) - set(nb.values()), set(nb.values()) - set(na.values())
        if edited and len(only_a) == len(only_b) == 1:
            pairs.append((only_a.pop(), only_b.pop()))
        for x, y in pairs:
            if not _same_name(x, y) and x not in nb.values() and y not in na.values():
                return Conflict(kind=kind, statements=[a, b], values=[x, y],
                                explanation=f"a different {kind} in the same role")
    return None


def _same_name(x: str, y: str) -> bool:
    """One name written two ways: "N.Y." and "NY", or a surname and the full name ("Comey",
    "James Comey") when the entity index could not join them."""
    wx, wy = ({w.lower().replace(".", "") for w in n.split()} for n in (x, y))
    return wx <= wy or wy <= wx


def _role(ent: Span) -> tuple[str, str]:
    """The grammatical role of a name: its relation and the lemma it attaches to."""
    root = ent.root
    if root.dep_ == "pobj":
        return (root.head.lower_, root.head.head.lemma_.lower())
    return (root.dep_, root.head.lemma_.lower())


def _negation(a: Statement, b: Statement, sa: Span, sb: Span) -> Conflict | None:
    """The same verb asserted by one statement and negated by the other."""
    pa, pb = _polarity(sa), _polarity(sb)
    for verb in pa.keys() & pb.keys():
        if pa[verb] != pb[verb]:
            return Conflict(kind="negation", statements=[a, b],
                            values=[_polar(verb, pa[verb]), _polar(verb, pb[verb])],
                            explanation=f"one statement negates '{verb}'")
    return None


def _polarity(span: Span) -> dict[str, bool]:
    """Each verb's polarity (True = asserted); a verb both asserted and negated is left out.
    "be", "have" and "do" count only as the head of a clause, named with its subject ("is"
    of "Flynn is a decent man" is not the "is" of "this is not true")."""
    seen: dict[str, set[bool]] = {}
    for tok in span:
        key = tok.lemma_.lower()
        if tok.pos_ == "AUX":
            subject = next((c for c in tok.children if c.dep_ in _SUBJECTS), None)
            if subject is None:
                continue
            key = f"{key} ({subject.text})"
        elif tok.pos_ != "VERB":
            continue
        negated = any(c.dep_ == "neg" for c in tok.children)
        seen.setdefault(key, set()).add(not negated)
    return {verb: next(iter(p)) for verb, p in seen.items() if len(p) == 1}


def _polar(verb: str, positive: bool) -> str:
    return verb if positive else f"not {verb}"
