"""Statements of the same fact that cannot both be true: a different date, number, person or
place, or one negating the other.

Statements are aligned by the same-fact judgement (`match`, which asks `conflict_between`
what differs in each pair it judges; different outlets); what differs is
read from the parse, NER, and normalised dates and quantities; a figure or date meets only
a rival said of the same event (the same verb, or for a figure one reworded clause), since
aligned sentences often tell several. A date meets only a date of the same predicate or
event noun ("a hearing in November 2017" is not "a ruling in 2016"); a figure only one that
counts the same thing ("28 people" is not "46 contacts"; "a profit of $3 billion" is not
"revenue of $12 billion"), an age only an age of the same person. Relative dates are
resolved against each article's own publication date first; a pair whose dates cannot be
resolved is `unverifiable`, not a conflict. No trustworthy NLI model installs offline, hence
rules.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from difflib import SequenceMatcher
from functools import cache
from typing import TYPE_CHECKING

import numpy as np
from spacy.tokens import Span, Token

from newsweave.model import Conflict, Document, Sentence, Statement, Story
from newsweave.text.dates import DateValue, compatible, dates_in
from newsweave.text.lexicon import SUBJECT_DEPS
from newsweave.text.mood import polarity
from newsweave.text.quantities import (
    Quantity,
    articles_in,
    quantities_in,
    same_quantity,
    same_unit,
)

if TYPE_CHECKING:
    from newsweave.analyse.match import StoryJudgements

# difflib ratio of two given names before one surname above which one is a misspelling
# of the other ("Cornad" / "Conrad" 0.83), set by hand in session 8 on DUC 2004 false alarms
_MISSPELT = 0.8
_NAMED = {"person": {"PERSON"}, "place": {"GPE", "LOC", "FAC"}}
_PLAIN_QUOTES = str.maketrans("‘’“”", "''\"\"")
# Verbs news uses for one event, so a figure of "wounded" meets one of "injured".
_SAME_VERB = {"wound": "injure", "hurt": "injure", "die": "kill", "tell": "say",
              "add": "say", "state": "say", "start": "begin", "commence": "begin",
              "finish": "end", "conclude": "end", "wed": "marry", "detain": "arrest"}
_PERSON_DEPS = {"appos", "compound"}  # words that name the same person as the one they join
_SAID_OF = {"prep", "poss", "compound", "nmod", "npadvmod"}  # "a hearing in May", "May's vote"
_ARGUMENT_DEPS = {"dobj", "obj", "attr", "pobj", "nsubjpass"}
_DEFINITE = {"the", "this", "that", "these", "those"}
_OTHER_CLAUSES = {"conj", "cc", "ccomp", "advcl", "relcl", "parataxis"}
Embed = Callable[[list[str]], np.ndarray]
Reworded = Callable[[str, str], bool]  # two clauses say one event in other words
# Any fixed day: only the difference between two dates counted from it is ever shown.
_SHARED_UNKNOWN_DAY = date(2000, 1, 5)


def analyse_conflicts(story: Story, judged: StoryJudgements,
                   canonical: Callable[[str], str] | None = None,
                   embed: Embed | None = None) -> list[Conflict]:
    """The conflicts the same-fact judgement found between statements of different outlets
    (`judged`: the story's judged pairs, whose conflicts it read with the entity index and
    the embedder), in story order, with the dates it found the same fact but could not
    check (`unverifiable`); then the sentences a syndicated copy rewrote that conflict with
    its origin's (the same fact by their place, so not judged again). `embed` (unit
    sentence vectors) lets a copy's figure or date meet its rival in other words."""
    reworded = None if embed is None else (
        lambda x, y: float(np.dot(*embed([x, y]))) >= story.cosines.same_event)
    published = {d.id: d.article.published for d in story.documents + story.copies}
    for copy in story.copies:  # an undated copy is read as published with its origin
        published[copy.id] = published[copy.id] or published[story.duplicates[copy.id]]

    found = []
    for _, j in sorted(judged.pairs.items(), key=lambda kv: kv[0]):
        if j.conflict is None or j.verdict == "different":
            continue
        a, b = j.conflict.statements
        # The very same words cannot contradict themselves: a relative date in a copied
        # sentence ("on Monday") counts from the first publication, not the reprint's.
        if a.outlet != b.outlet and _plain(a.text) != _plain(b.text):
            found.append(j.conflict)
    for copy in story.copies:
        origin = next(d for d in story.documents if d.id == story.duplicates[copy.id])
        for (a, sa), (b, sb) in _edited_sentences(origin, copy):
            conflict = conflict_between(a, b, sa, sb, published, canonical, reworded, True)
            if conflict is None or conflict.status != "conflict":
                conflict = _word_swap(a, b, sa, sb) or conflict
            found.append(conflict)
    found = [c for c in found if c is not None]
    ages = {frozenset(c.values) for c in found if c.explanation == "different ages"}
    found += [c for c in _ages_of_people(story, canonical or (lambda name: name))
              if frozenset(c.values) not in ages]  # the same two ages once, however found
    return found


def conflict_between(a: Statement, b: Statement, sa: Span, sb: Span,
                     published: Mapping[str, date | None],
                     canonical: Callable[[str], str] | None = None,
                     reworded: Reworded | None = None, edited: bool = False) -> Conflict | None:
    """What makes two statements of one fact (parsed as `sa`, `sb`) incompatible: a date,
    number, name or negation, a real conflict before an unverifiable one; None if nothing.
    `published` maps each statement's source to its publication date (relative dates)."""
    canonical = canonical or (lambda name: name)
    candidates = [c for c in (_dates(a, b, sa, sb, published, reworded, edited),
                              _numbers(a, b, sa, sb, reworded, edited),
                              _named(a, b, sa, sb, canonical, edited),
                              _negation(a, b, sa, sb, edited))
                  if c is not None]
    candidates.sort(key=lambda c: c.status != "conflict")  # a real conflict first
    return candidates[0] if candidates else None


def _statement(doc: Document, s: Sentence) -> tuple[Statement, Span]:
    return Statement.of(s, doc.article.outlet), doc.span(s)


def _edited_sentences(origin: Document, copy: Document):
    """Sentence pairs where a syndicated copy rewrote its origin (same place, new words)."""
    a, b = origin.sentences, copy.sentences
    matcher = SequenceMatcher(a=[s.text for s in a], b=[s.text for s in b], autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "replace":
            for i, j in zip(range(i1, i2), range(j1, j2), strict=False):
                if _plain(a[i].text) != _plain(b[j].text):  # not only the quotes restyled
                    yield _statement(origin, a[i]), _statement(copy, b[j])


def _word_swap(a: Statement, b: Statement, sa: Span, sb: Span) -> Conflict | None:
    """A copy that swapped the words of one figure or one name of its origin's sentence,
    read from the words themselves: the NER of the two versions may disagree ("the past 10"
    a number, "the past 27" a date; "East Timor" a place, "Sion" a person)."""
    ta, tb = [t.text for t in sa], [t.text for t in sb]
    edits = [op for op in SequenceMatcher(a=ta, b=tb, autojunk=False).get_opcodes()
             if op[0] != "equal"]
    # one swap only: a copy that rewrote more ("Socialist Party of Timor" / "National
    # Council of Timorese Resistance") is read by the comparisons above
    if len(edits) == 1 and edits[0][0] == "replace":
        _, i1, i2, j1, j2 = edits[0]
        old, new = _within_entity(sa[i1:i2], sa), _within_entity(sb[j1:j2], sb)
        if any(t.like_num for t in old) and any(t.like_num for t in new):
            return Conflict(kind="number", statements=[a, b], values=[old.text, new.text],
                            explanation="a figure of the original changed in the copy")
        kind = next((k for k, labels in _NAMED.items() if old.label_ in labels), None)
        if kind and all(t.text[:1].isupper() for t in sb[j1:j2] if t.is_alpha):
            return Conflict(kind=kind, statements=[a, b], values=[old.text, sb[j1:j2].text],
                            explanation=f"a {kind} of the original changed in the copy")
    return None


def _within_entity(words: Span, span: Span) -> Span:
    """The entity the words are part of ("$244 billion" for "244"), or the words."""
    return next((e for e in span.ents if e.start <= words.start and words.end <= e.end), words)


def _dates(a: Statement, b: Statement, sa: Span, sb: Span, published: Mapping,
           reworded: Reworded | None, same_day: bool = False) -> Conflict | None:
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
    if not da or not db or any(compatible(x, y) is True for x in da for y in db):
        return None
    same = _same_event_of(sa, sb, da, db, lambda d, span: _find(span, d.expression), None,
                          positional=same_day, nouns=True)
    verdicts = [compatible(x, y) for x in da for y in db if same(x, y)]
    if not verdicts:
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


def _numbers(a: Statement, b: Statement, sa: Span, sb: Span, reworded: Reworded | None,
             edited: bool = False) -> Conflict | None:
    """A figure counting the same thing (or the n-th bare figure of each) that differs; an
    age of the same person that differs."""
    qa, qb = quantities_in(sa), quantities_in(sb)
    # "a life sentence" is one where the other side counts them ("three life sentences")
    qa, qb = (qs + [x for x in articles_in(span) if any(same_unit(x, y) for y in other)
                    and not any(same_unit(x, z) for z in qs)]
              for qs, other, span in ((qa, qb, sa), (qb, qa, sb)))
    age = _ages(a, b, sa, sb, qa, qb, edited)
    if age is not None:
        return age
    qa, qb = ([q for q in qs if q.unit != "age"] for qs in (qa, qb))
    same = _same_event_of(sa, sb, qa, qb, lambda q, _: (q.start, q.end), reworded,
                          positional=edited)
    bare_a, bare_b = ([q for q in qs if q.unit is None] for qs in (qa, qb))
    lemmas_a, lemmas_b = _lemmas(sa), _lemmas(sb)
    for x in qa:
        rivals = [y for y in qb if same_unit(x, y)]
        if x.unit is None and len(bare_a) == len(bare_b):
            rivals = [bare_b[bare_a.index(x)]]
        if any(same_quantity(x, y) for y in qb):
            continue
        if not edited:  # what a sum, a share or a bare figure measures: "a profit of $3bn"
            mx = _measured(sa, x)
            rivals = [y for y in rivals if not _other_things(mx, _measured(sb, y),
                                                             lemmas_a, lemmas_b)]
        # a rival the other side states too is not this figure's rival ("more than $140
        # billion ... April's peak of $244 billion" against "... $140 billion ... $495 billion")
        y = next((y for y in rivals if same(x, y)
                  and not any(same_quantity(y, z) for z in qa)), None)
        if y is not None:
            return Conflict(kind="number", statements=[a, b], values=[x.text, y.text],
                            explanation=f"different {_unit(x)}")
    return None


def _ages(a: Statement, b: Statement, sa: Span, sb: Span, qa: list[Quantity],
          qb: list[Quantity], edited: bool) -> Conflict | None:
    """Two ages of one person that differ ("32-year-old" / "aged 33" / "Price, 33,"): the
    person read from the words the age describes (the same noun or name, or one set beside
    it: "the victim, a 32-year-old mother"); with no such word on a side, the n-th age of
    each when both give as many."""
    ages_a, ages_b = ([q for q in qs if q.unit == "age"] for qs in (qa, qb))
    owners_a = [_owner(sa, q) for q in ages_a]
    owners_b = [_owner(sb, q) for q in ages_b]
    for i, x in enumerate(ages_a):
        if any(same_quantity(x, y) for y in ages_b):
            continue
        for j, y in enumerate(ages_b):
            if any(same_quantity(y, z) for z in ages_a):
                continue
            named = owners_a[i] and owners_b[j]
            if (owners_a[i] & owners_b[j] if named and not edited
                    else len(ages_a) == len(ages_b) and i == j):
                return Conflict(kind="number", statements=[a, b], values=[x.text, y.text],
                                explanation="different ages")
    return None


def _owner(span: Span, q: Quantity) -> set[str]:
    """The lower-case words naming whom an age describes: the noun or name it hangs from and
    the words set beside that one ("the victim, a 32-year-old mother": victim, mother)."""
    tok = _aged(span, q)
    if tok is None:
        return set()
    near = {tok, *(c for c in tok.children if c.dep_ in _PERSON_DEPS)}
    if tok.dep_ in _PERSON_DEPS:
        near.add(tok.head)
    return {t.lower_ for t in near if t.pos_ in {"NOUN", "PROPN"}} - {"year", "old"}


def _aged(span: Span, q: Quantity) -> Token | None:
    """The noun or name an age hangs from ("Price, 33," / "the 33-year-old mother")."""
    tokens = span.char_span(q.start, q.end, alignment_mode="expand")  # offsets in the span
    if tokens is None or not len(tokens):
        return None
    tok = tokens.root
    while tok.pos_ not in {"NOUN", "PROPN"} or tokens.start <= tok.i < tokens.end or \
            tok.lower_ in {"year", "years", "old"}:
        if tok.head.i == tok.i:
            return None
        tok = tok.head
    return tok


def _ages_of_people(story: Story, canonical: Callable[[str], str]) -> list[Conflict]:
    """One person given two ages by two outlets in any sentences ("Lund, 61," in one and
    "the 62-year-old Lund" in another): the judged pairs meet only sentences of one fact,
    and an age is mostly said in passing. The person is the named PERSON the age hangs
    from, merged by the story's entity index; one conflict per person."""
    seen: dict[str, tuple[Statement, Quantity]] = {}
    found: dict[str, Conflict] = {}
    for doc in story.documents:
        for sentence in doc.sentences:
            span = doc.span(sentence)
            if span is None:
                continue
            for q in quantities_in(span):
                tok = _aged(span, q) if q.unit == "age" else None
                ent = next((e for e in span.ents if tok is not None and e.start <= tok.i < e.end
                            and e.label_ == "PERSON"), None)
                if ent is None:
                    continue
                person = canonical(ent.text)
                statement = Statement.of(sentence, doc.article.outlet)
                if person not in seen:
                    seen[person] = (statement, q)
                    continue
                first, age = seen[person]
                apart = first.outlet != statement.outlet or first.outlet is None
                if (person not in found and first.source != statement.source and apart
                        and not same_quantity(age, q)):
                    found[person] = Conflict(kind="number", statements=[first, statement],
                                             values=[age.text, q.text],
                                             explanation=f"different ages of {person}")
    return list(found.values())


def _measured(span: Span, q: Quantity) -> str | None:
    """What a sum, share or bare figure is said of (a counted unit says it itself): the noun
    it is "of" or modifies ("a profit of $3 billion", "a $3 million budget"), else the
    common-noun subject of its verb ("revenue reached $12 billion"); None if unsaid."""
    if q.unit is not None and not (q.unit.isupper() or q.unit.startswith("percent")):
        return None
    tokens = span.char_span(q.start, q.end, alignment_mode="expand")  # offsets in the span
    if tokens is None or not len(tokens):
        return None
    tok = tokens.root
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.pos_ == "NOUN":
        return tok.head.head.lemma_.lower()
    if tok.dep_ in {"compound", "nmod", "amod", "nummod"} and tok.head.pos_ == "NOUN" \
            and not tokens.start <= tok.head.i < tokens.end:
        return tok.head.lemma_.lower()
    while tok.pos_ not in {"VERB", "AUX"} and tok.head.i != tok.i:
        tok = tok.head
    subject = next((c for c in tok.children if c.dep_ in SUBJECT_DEPS), None)
    return subject.lemma_.lower() if subject is not None and subject.pos_ == "NOUN" else None


def _other_things(x: str | None, y: str | None, lemmas_a: set[str], lemmas_b: set[str]) -> bool:
    """Two figures said of different things: both named, differently, and neither named by
    the other statement ("inflation fell to 2.1%" / "unemployment fell to 4.3%")."""
    return bool(x and y and x != y and x not in lemmas_b and y not in lemmas_a)


def _lemmas(span: Span) -> set[str]:
    return {t.lemma_.lower() for t in span}


def _same_event_of(sa: Span, sb: Span, xs: list, ys: list,
                   offsets: Callable[[object, Span], tuple[int, int] | None],
                   reworded: Reworded | None, positional: bool = False, nouns: bool = False
                   ) -> Callable[[object, object], bool]:
    """Whether a value of each side is stated of the same event. The claims stage aligns
    sentences that often tell several events ("killing two and wounding 21"; "started in
    1995" against "dated to the mid-1990s"): a value's event is the verb it hangs from, and
    two are one when the verb is the same and no two different subjects are named. Where
    each sentence tells one event, the clauses may also say the same in other words ("4,000
    will return to work", "3,200 will be back at the quays"); sentence vectors cannot tell
    that from a kindred event in a sentence of several ("45 complaints since 2000", "20
    complaints since 2015": 0.75 cosine), hence only there. Two common-noun subjects that
    differ, neither named in the other sentence nor (`reworded`) the same in other words, are
    two events ("the outbreak infected 120 people" / "health workers vaccinated 4,000
    people"). With `nouns` (dates) a value said of an event noun ("a hearing in November
    2017") has that noun as its event. `positional`: a copy's edit."""
    if positional:
        return lambda x, y: True
    ex = {id(x): _event(sa, offsets(x, sa), nouns) for x in xs}
    ey = {id(y): _event(sb, offsets(y, sb), nouns) for y in ys}
    lemmas_a, lemmas_b = _lemmas(sa), _lemmas(sb)
    @cache
    def one_event_each() -> bool:  # only asked when two verbs differ: it reads both again
        return reworded is not None and _one_event(sa) and _one_event(sb)

    def same(x: object, y: object) -> bool:
        e, f = ex[id(x)], ey[id(y)]
        if e is None or f is None or not (
                e.subject is None or f.subject is None or _same_name(e.subject, f.subject)):
            return False
        if _other_things(e.thing, f.thing, lemmas_a, lemmas_b) and (
                reworded is None or not reworded(e.thing, f.thing)):
            return False  # "police" and "officers" are one, "outbreak" and "workers" two
        if e.verb == f.verb or e.verb.startswith("noun ") and e.verb[5:] in f.arguments \
                or f.verb.startswith("noun ") and f.verb[5:] in e.arguments:
            return True
        if "person" in (e.verb, f.verb) or not one_event_each():
            return False
        return reworded(e.clause, f.clause)
    return same


@dataclass(frozen=True)
class _Event:
    """What a value is said of: the verb's lemma (or "noun hearing" for an event noun), its
    named subject, the verb's clause, the verb's position in the document, its common-noun
    subject (`thing`) and the lemmas of its definite subjects and objects (`arguments`)."""

    verb: str
    subject: str | None
    clause: str
    at: int
    thing: str | None = None
    arguments: frozenset[str] = frozenset()


def _one_event(span: Span) -> bool:
    """Whether all the figures and dates of a statement hang from one verb."""
    places = [(q.start, q.end) for q in quantities_in(span)]
    places += [_find(span, d.expression) for d in dates_in(span, None)]
    return len({e.at if e else None for e in (_event(span, w) for w in places)}) <= 1


def _find(span: Span, expression: str) -> tuple[int, int] | None:
    at = span.text.lower().find(expression.lower())
    return None if at < 0 else (at, at + len(expression))


def _event(span: Span, where: tuple[int, int] | None, nouns: bool = False) -> _Event | None:
    """The event a value hangs from: the nearest verb above it, with that verb's proper-noun
    subject; for an attribute of a named person ("29-year-old Geraldine Alcorn"), that
    person; with `nouns`, a definite noun the value is said of on the way ("the hearing in
    November"), and None for an indefinite one ("a hearing in November": which one?)."""
    tokens = span.char_span(*where, alignment_mode="expand") if where else None
    if tokens is None or not len(tokens):
        return None
    tok = tokens.root
    person = next((e for e in span.ents if e.label_ == "PERSON" and e.start <= tok.head.i < e.end
                   and tok not in e), None)
    if person is not None:
        return _Event("person", person.text, person.text, person.start)
    below = tok
    inside = range(tokens.start, tokens.end)
    while tok.pos_ not in ("VERB", "AUX") and tok.head.i != tok.i:
        below, tok = tok, tok.head
        if nouns and tok.pos_ == "NOUN" and tok.i not in inside and below.dep_ in _SAID_OF:
            # "the vote", "Monday's vote" is one event; "a hearing", "two attacks" any of many
            return _Event(f"noun {tok.lemma_.lower()}", None, tok.text, tok.i) \
                if _definite(tok) else None
    if tok.pos_ not in ("VERB", "AUX"):
        return None
    subject = next((c for c in tok.children if c.dep_ in SUBJECT_DEPS), None)
    named = subject is not None and subject.pos_ == "PROPN"
    name = [t.text for t in subject.lefts if t.dep_ == "compound"] + [subject.text] \
        if named else None
    thing = subject.lemma_.lower() if subject is not None and subject.pos_ == "NOUN" else None
    arguments = frozenset(c.lemma_.lower() for c in tok.children
                          if c.dep_ in SUBJECT_DEPS | _ARGUMENT_DEPS and _definite(c))
    lemma = tok.lemma_.lower()
    if lemma in ("be", "have"):  # too general alone: "be" of "the subject of 20 complaints"
        lemma = f"{lemma} {below.lemma_.lower()}"  # is not "be" of "there are 45 complaints"
    return _Event(_SAME_VERB.get(lemma, lemma), " ".join(name) if name else None,
                  _clause(tok), tok.i, thing, arguments)


def _definite(noun: Token) -> bool:
    """A noun that names one known thing: "the vote", "Monday's vote" (not "two attacks")."""
    return any(c.dep_ == "poss" or c.dep_ == "det" and c.lower_ in _DEFINITE
               for c in noun.children)


def _clause(verb: Token) -> str:
    """The verb with its own arguments, without the clauses joined to it."""
    tokens = [verb]
    for child in verb.children:
        if child.dep_ not in _OTHER_CLAUSES:
            tokens.extend(child.subtree)
    return "".join(t.text_with_ws for t in sorted(tokens, key=lambda t: t.i)).strip()


def _unit(q: Quantity) -> str:
    return f"count of {q.unit}" if q.unit else "figures"


def _named(a: Statement, b: Statement, sa: Span, sb: Span, canonical: Callable[[str], str],
           edited: bool = False) -> Conflict | None:
    """Each side names a person (or place) in the same role that the other does not name.

    In a copy's `edited` sentence the rest of the wording is the origin's, so one name
    swapped for another is a change even where the parse gives it another role."""
    ents_a, ents_b = sa.ents, sb.ents  # once: Span.ents walks all the document's entities
    for kind, labels in _NAMED.items():
        na = {_role(e): canonical(e.text) for e in ents_a if e.label_ in labels}
        nb = {_role(e): canonical(e.text) for e in ents_b if e.label_ in labels}
        # a name listed with others ("a visit to Israel and the Palestinian lands") shares its
        # role with them, so another name there ("a visit to Gaza") may be one of them
        listed = {_role(e) for ents in (ents_a, ents_b) for e in ents if _in_list(e)}
        pairs = [(na[role], nb[role]) for role in na.keys() & nb.keys()
                 if edited or role not in listed]
        only_a, only_b = set(na.values()) - set(nb.values()), set(nb.values()) - set(na.values())
        if edited and len(only_a) == len(only_b) == 1:
            pairs.append((only_a.pop(), only_b.pop()))
        for x, y in pairs:
            if not _same_name(x, y) and not _mentions(sb, x) and not _mentions(sa, y):
                return Conflict(kind=kind, statements=[a, b], values=[x, y],
                                explanation=f"a different {kind} in the same role")
    return None


def _in_list(ent: Span) -> bool:
    """A name next to "and"/"or" (read from the words: the parser often misplaces lists)."""
    doc = ent.doc
    after = doc[ent.end].lower_ if ent.end < len(doc) else ""
    before = doc[ent.start - 1].lower_ if ent.start > 0 else ""
    return after in {"and", "or"} or before in {"and", "or"}


def _mentions(span: Span, name: str) -> bool:
    """Whether a statement names someone anywhere, in another role or missed by the NER
    ("Zimmerman and O'Mara are bound"): by the last word of the name."""
    last = _name_words(name)[-1:]
    return bool(last) and last[0] in _name_words(span.text)


def _name_words(text: str) -> list[str]:
    """Lower-case words (hyphens split) without dots, outer punctuation or a possessive."""
    words = [w.lower().replace(".", "").replace("’", "'").strip(",;:!?()\"“”")
             for w in re.split(r"[\s-]+", text)]
    return [w[:-2] if w.endswith("'s") else w for w in words]


def _same_name(x: str, y: str) -> bool:
    """One name written two ways: "N.Y." and "NY", "O’Mara" and "O'Mara", "the Middle East"
    and "Middle Eastern", a surname and the full name ("Comey", "James Comey") when the
    entity index could not join them, or a misspelt given name before the same surname
    ("Cornad Anker", "Conrad Anker")."""
    wx, wy = ([w for w in _name_words(n) if w != "the"] for n in (x, y))
    if _words_within(wx, wy) or _words_within(wy, wx):
        return True
    return (len(wx) == len(wy) == 2 and wx[1] == wy[1]
            and SequenceMatcher(a=wx[0], b=wy[0]).ratio() >= _MISSPELT)


def _words_within(short: list[str], long: list[str]) -> bool:
    """Every word of one name is a word of the other, or the stem of one ("east", "eastern")."""
    def stem_of(w: str, v: str) -> bool:
        return w == v or min(len(w), len(v)) >= 4 and (w.startswith(v) or v.startswith(w))
    return bool(short) and all(any(stem_of(w, v) for v in long) for w in short)


def _plain(text: str) -> str:
    """A sentence with typographic quotes made plain and spaces collapsed."""
    return " ".join(text.translate(_PLAIN_QUOTES).split())


def _role(ent: Span) -> tuple[str, str]:
    """The grammatical role of a name: its relation and the lemma it attaches to, a passive
    read as active ("introduced by Hill" is Hill's "nsubj" of "introduce")."""
    root = ent.root
    if root.dep_ == "pobj" and root.head.dep_ == "agent":
        return ("nsubj", root.head.head.lemma_.lower())
    if root.dep_ == "nsubjpass":
        return ("dobj", root.head.lemma_.lower())
    if root.dep_ == "pobj":
        return (root.head.lower_, root.head.head.lemma_.lower())
    return (root.dep_, root.head.lemma_.lower())


def _negation(a: Statement, b: Statement, sa: Span, sb: Span,
              edited: bool = False) -> Conflict | None:
    """The same verb asserted by one statement and negated by the other. Verbs whose truth
    a statement leaves open are left out, but for a copy's `edited` sentence: a "not" put
    into the origin's very words changes them whatever the mood."""
    pa, pb = polarity(sa, not edited), polarity(sb, not edited)
    for verb in pa.keys() & pb.keys():
        x, y = pa[verb], pb[verb]
        if x.names and y.names and not any(_same_name(n, m) for n in x.names for m in y.names):
            continue  # "Trump didn't sign it" / "Clifford signed the agreement"
        if not edited and x.objects and y.objects and not (
                x.objects & y.arguments or y.objects & x.arguments):
            continue  # "did not find the weapon" / "found the car": said of other things
        if x.positive != y.positive:
            return Conflict(kind="negation", statements=[a, b],
                            values=[_polar(verb, x.positive), _polar(verb, y.positive)],
                            explanation=f"one statement negates '{verb}'")
    return None


def _polar(verb: str, positive: bool) -> str:
    return verb if positive else f"not {verb}"
