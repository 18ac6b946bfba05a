"""The dates a parsed sentence mentions: its DATE entities and the explicit dates the NER
missed, each resolved with the tense of the verb it modifies."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from spacy.tokens import Doc, Span

from newsweave.text.dates.parsing import VAGUE_PERIOD, WD, is_duration, normalise, not_a_date
from newsweave.text.dates.resolving import DateValue, resolve_date
from newsweave.text.facts import read_once
from newsweave.text.quantities import as_span

_DAYWORD = re.compile(rf"\b(?:{WD}|today|tonight|tomorrow|yesterday|last night|"
                      r"this (?:morning|afternoon|evening))\b", re.I)
_MON_WRITTEN = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|"
                r"Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_OBVIOUS = re.compile(
    rf"\b(?:{_MON_WRITTEN} \d{{1,2}}(?:st|nd|rd|th)?(?:, \d{{4}})?(?!\d)|{_MON_WRITTEN},? \d{{4}}|"
    rf"\d{{1,2}} {_MON_WRITTEN}(?: \d{{4}})?|\d{{4}}-\d\d-\d\d|"
    r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|[Tt]oday|[Yy]esterday|[Tt]omorrow)\b(?!-)")
_FUTURE_AUX = {"will", "'ll", "shall", "wo"}
_MODAL = {"would", "could", "might", "may", "should", "must", "can"}
_DAYPARTS = {"morning", "afternoon", "evening", "night"}  # "Thursday morning" is a time
_DEICTIC = {"this", "next", "last", "coming", "past"}
_BARE_MONTH = re.compile(rf"(?:(?:early|mid|late|the (?:beginning|start|middle|end) of)[- ])?"
                         rf"{_MON_WRITTEN}", re.I)
_AHEAD = {"likely", "unlikely", "due", "set", "poised", "bound"}  # "was likely to", "is due"
_PLAN_VERBS = {"expect", "schedule", "plan", "set", "due", "slate", "intend", "aim", "hope"}


@read_once
def dates_in(span_or_text: str | Doc | Span, published: date | None) -> list[DateValue]:
    """The dates a text mentions, in text order: its DATE entities (and TIME entities naming
    a day, "Tuesday night"), plus explicit dates the NER missed; lengths of time, ages and
    frequencies left out. An entity that swallowed other words keeps the date inside it."""
    span = as_span(span_or_text)
    found: list[tuple[int, DateValue]] = []
    for ent in span.ents:
        if not (ent.label_ == "DATE" or ent.label_ == "TIME" and _DAYWORD.search(ent.text)):
            continue
        ent = _with_deictic(_without_verb(ent))
        if not len(ent):
            continue
        if (ahead := _in_time(ent)) is not None:
            found.append((ent.start_char - len("in "), replace(
                resolve_date(f"{ent.text} from now", published, True), expression=ahead)))
            continue
        if not_a_date(ent.text):
            continue
        ahead = _looks_ahead(ent)
        if ((ahead is None or ahead and _present_simple(ent))
                and VAGUE_PERIOD.match(normalise(ent.text))):
            continue  # "at the end of the week, we all want...": an idiom, not a date
        if ahead and _BARE_MONTH.fullmatch(normalise(ent.text)) and _would(ent):
            ahead = None  # "said it would close in December": ahead of the saying, which
            # may lie months back; only "will" puts a month named alone after the article
        value = resolve_date(ent.text, published, ahead)
        if value.iso is None:
            inner = next((m for m in _OBVIOUS.finditer(ent.text) if m.group() != ent.text), None)
            if inner and (alt := resolve_date(inner.group(), published, _looks_ahead(ent))).iso:
                value = alt
        found.append((ent.start_char, value))
    taken = [(e.start_char, e.end_char) for e in span.ents]
    for m in _OBVIOUS.finditer(span.text):
        start, end = span.start_char + m.start(), span.start_char + m.end()
        if not any(s < end and start < e for s, e in taken):
            tokens = span.doc.char_span(start, end, alignment_mode="expand")
            found.append((start, resolve_date(m.group(), published, _looks_ahead(tokens))))
    return [v for _, v in sorted(found, key=lambda f: f[0])]


def _with_deictic(ent: Span) -> Span:
    """The entity with a "this", "next" or "last" the NER left outside it ("this Saturday"),
    but not the verb "last" ("lasted last week" keeps its own "last")."""
    if ent.start > 0 and ent.doc[ent.start - 1].lower_ in _DEICTIC \
            and ent.doc[ent.start - 1].pos_ not in {"VERB", "AUX"}:
        return ent.doc[ent.start - 1:ent.end]
    return ent


def _without_verb(ent: Span) -> Span:
    """The entity without the verb the NER took in at its start: "might last two months" is
    a length of time ("two months"), not the two months before publication."""
    start = ent.start
    while start < ent.end and ent.doc[start].pos_ in {"VERB", "AUX"}:
        start += 1
    return ent if start == ent.start else ent.doc[start:ent.end]


def _would(tokens: Span) -> bool:
    """The verb a date modifies has "would" (and no other modal) for its auxiliary."""
    verb = tokens.root
    while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i:
        verb = verb.head
    return {c.lower_ for c in verb.children if c.dep_ == "aux"} & _MODAL == {"would"}


def _present_simple(tokens: Span) -> bool:
    """The verb a date modifies is in the simple present, no auxiliary ("we all want"): it
    looks ahead only weakly (a timetable's "starts Saturday" or a generic statement)."""
    verb = tokens.root
    while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i:
        verb = verb.head
    return (verb.tag_ in {"VBZ", "VBP"} and verb.lemma_ not in _PLAN_VERBS
            and not any(c.dep_ in {"aux", "auxpass"} for c in verb.children))


def _in_time(ent: Span) -> str | None:
    """ "in two weeks" of a sentence that looks ahead ("will close in two weeks"): that far
    from publication, not a length of time ("was built in two weeks"); its words, else None."""
    before = ent.doc[ent.start - 1] if ent.start > 0 else None
    if before is None or before.lower_ != "in" or not is_duration(ent.text) \
            or _looks_ahead(ent) is not True:
        return None
    return f"in {ent.text}"


def _looks_ahead(tokens: Span | None) -> bool | None:
    """The tense of the verb a date modifies: True for the future ("will meet on Friday",
    "is due to meet"), False for the past, None when it does not say (or when the date
    modifies a noun: "Friday's attack")."""
    if tokens is None or not len(tokens):
        return None
    verb = tokens.root
    while verb.pos_ not in {"VERB", "AUX"}:
        inside = tokens.start <= verb.i < tokens.end
        if verb.head.i == verb.i or (verb.pos_ in {"NOUN", "PROPN"} and not inside
                                     and verb.lower_ not in _DAYPARTS):
            return None
        verb = verb.head
    aux = {c.lower_ for c in verb.children if c.dep_ in {"aux", "auxpass"}}
    if aux & _FUTURE_AUX or verb.lemma_ in _PLAN_VERBS:  # "was expected Wednesday"
        return True
    if any(c.dep_ == "acomp" and c.lower_ in _AHEAD for c in verb.children):
        return True  # "more rain was likely on Thursday"
    if aux & _MODAL:  # "should land Tuesday" lies ahead, "may have met Tuesday" behind
        return None if aux & {"have", "'ve"} else True
    if verb.tag_ == "VBD" or aux & {"has", "have", "had", "was", "were", "did", "'d"}:
        return False
    if "to" in aux or verb.tag_ in {"VBZ", "VBP"} and not aux:  # "the race starts Saturday"
        return True
    return None
