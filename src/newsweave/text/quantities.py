"""Normalised quantities (counts, money, percentages, durations), so that two outlets' figures
for the same fact can be compared: "1.2 million" = "1,200,000", "two weeks" = "14 days".

Numbers are found with a pattern over the text (spaCy's CARDINAL/MONEY entities miss word
numbers and split "1.2m"); the parse supplies what is counted (the noun a number modifies) and
the entities rule out numbers that belong to dates, times, ordinals and names ("G7",
"Boeing 747", "COVID-19"). Units: a noun lemma ("soldier", "person"), "percent",
"percentage point", an ISO currency code, "age" (years, from "55-year-old"), and for durations
"hour" (seconds and minutes converted), "day" (weeks x 7) or "year" (months / 12, decades x 10).
An age is "age" however written: "32-year-old", "aged 33", "Price, 33, of Leeds". A range
("between 20 and 30 homes", "20-30 people") is one quantity with an `upper` value.
`Quantity.text` keeps a bound or hedge written before the number ("more than", "about"), which
`same_quantity` reads. `articles_in` reads "a life sentence" as one sentence, for comparing
with "three life sentences".
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from newsweave.text.facts import read_once
from newsweave.text.numbers import MULTIPLIERS, WORDS, parse_number

_ONES = ["zero"] + [w for w, v in WORDS.items() if w.isalpha() and len(w) > 2 and 1 <= v < 20]
_TENS = [w for w, v in WORDS.items() if 20 <= v < 100]
TIME_UNITS = {"second": ("hour", 1 / 3600), "minute": ("hour", 1 / 60), "hour": ("hour", 1),
              "day": ("day", 1), "week": ("day", 7), "fortnight": ("day", 14),
              "month": ("year", 1 / 12), "year": ("year", 1), "decade": ("year", 10),
              "century": ("year", 100)}
_CURRENCY_SIGNS = {"$": "USD", "us$": "USD", "c$": "CAD", "a$": "AUD", "hk$": "HKD", "£": "GBP",
                   "€": "EUR", "¥": "JPY", "dlrs": "USD", "dlr": "USD"}  # "dlrs": AP newswire
_CURRENCY_WORDS = {"dollar": "USD", "euro": "EUR", "pound sterling": "GBP", "sterling": "GBP",
                   "yen": "JPY", "yuan": "CNY", "renminbi": "CNY", "rupee": "INR",
                   "rouble": "RUB", "ruble": "RUB"}
_CODES = ["USD", "EUR", "GBP", "JPY", "CNY", "RUB", "INR", "CHF", "CAD", "AUD"]
_MEASURES = {"km": "km", "kilometre": "km", "kilometer": "km", "mile": "mile", "m": "metre",
             "metre": "metre", "meter": "metre", "kg": "kg", "kilogram": "kg", "tonne": "tonne",
             "ton": "ton", "acre": "acre", "hectare": "hectare", "barrel": "barrel",
             "gallon": "gallon", "litre": "litre", "liter": "litre", "ft": "foot", "foot": "foot",
             "feet": "foot"}
_NOUN_UNITS = {"people": "person", "persons": "person"}
_APPROX = {"about", "around", "roughly", "approximately", "some", "an estimated", "close to"}
_AT_MOST = {"nearly", "almost"}
_LOWER = {"more than": False, "over": False, "at least": True, "upwards of": True}
_UPPER = {"less than": False, "fewer than": False, "under": False, "up to": True,
          "at most": True, "as many as": True, "as much as": True}
_NOT_QUANTITY = {"DATE", "TIME", "ORDINAL", "PERSON", "ORG", "PRODUCT", "WORK_OF_ART", "LAW",
                 "EVENT", "FAC", "GPE", "LOC", "NORP", "LANGUAGE"}
# a DATE entity with one of these words names a point in time, not a duration
_DATE_ANCHOR = re.compile(r"\b(ago|last|next|past|this|earlier|later|coming|since|previous|"
                          r"following|from now|before|after|recent|the)\b", re.I)


def _alt(words) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


_WORD = rf"(?:{_alt(_TENS)})(?:[- ](?:{_alt(_ONES[1:10])}))?|(?:{_alt(_ONES)})"
_WORDNUM = rf"(?:{_WORD})(?:\s+hundred(?:\s+(?:and\s+)?(?:{_WORD}))?)?"
_UNIT_AHEAD = rf"(?=\s+(?:hundred|thousand|million|billion|trillion|dozen|{_alt(TIME_UNITS)}))"
_NUMBER = (rf"\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?(?:\s+\d/\d)?|\.\d+"
           rf"|\b(?:{_WORDNUM})\b|\b(?:a\s+)?dozen\b|\ba\s+couple\s+of\b|\bhalf\s+an?\b"
           rf"|\ban?\b{_UNIT_AHEAD}")
_MOD = _alt(_APPROX | _AT_MOST | set(_LOWER) | set(_UPPER) | {"just", "only"})
_QUANTITY = re.compile(
    rf"(?<![\w.,/:$£€¥-])(?:(?P<mod>{_MOD})\s+)?"
    rf"(?:(?P<cur>{_alt(_CURRENCY_SIGNS)}|(?:{_alt(_CODES)})\b)\s?)?"
    rf"(?P<num>{_NUMBER})(?P<half>\s+and\s+a\s+half)?"
    rf"(?P<scale>\s*-?\s*(?:hundred|thousand|million|billion|trillion)\b|(?:bn|mn|tn|m|k)\b)?",
    re.I)
_PERCENT = re.compile(r"\s*(?:%|percent\b|per\s?cent\b|pct\b)", re.I)
_POINTS = re.compile(r"\s*percentage[- ]points?\b", re.I)
_CURRENCY_AFTER = re.compile(
    rf"\s+(?:(?:US|U\.S\.)\s+)?(?P<word>{_alt(_CURRENCY_WORDS)}|{_alt(_CODES)})s?\b")
_AGE = re.compile(rf"\s*-?\s*(?P<unit>{_alt(TIME_UNITS)})s?[\s-]+olds?\b", re.I)
_TIME = re.compile(rf"\s*-?\s*(?P<unit>{_alt(TIME_UNITS)}|centuries)s?\b", re.I)
_AND_A_HALF = re.compile(r"\s+and\s+a\s+half\b", re.I)
_MEASURE = re.compile(rf"\s*(?P<unit>{_alt(_MEASURES)})(?:e?s)?\b", re.I)
_CLOCK = re.compile(r"\s*(?::\d|[ap]\.?m\b\.?)", re.I)
_ORDINAL_OR_WORD = re.compile(r"[a-z]", re.I)
_AGED = re.compile(r"\b(?:aged?|ages|at the age of)\s+$", re.I)  # "aged 33", "at the age of 33"
_OLDEST = 120  # the highest number read as an age set off after a name ("Price, 33, of Leeds")
# two quantities joined into a range: "between 20 and 30", "20 to 30", "20-30"
_RANGE_JOIN = re.compile(r"\s*(?:and|to|-|–)\s*", re.I)
_BETWEEN = re.compile(r"\b(?:between|from)\s+$", re.I)
_RANGE_ENTITY = re.compile(r"(?:between|from)\s+[\d,.]+\s+(?:and|to)\s+[\d,.]+"
                           r"(?:\s+(?:hundred|thousand|million|billion|trillion))?", re.I)
_SCALE_WORD = re.compile(r"(hundred|thousand|million|billion|trillion|bn|mn|tn|m|k)\s*$", re.I)
_RANK = re.compile(r"(?:\bno\.|#)\s*$", re.I)


@dataclass(frozen=True)
class Quantity:
    """A number as written, its normalised value and unit, and its offsets in the text given."""

    text: str
    value: float
    unit: str | None
    start: int
    end: int
    upper: float | None = None  # the top of a range ("between 20 and 30": value 20, upper 30)


@read_once
def quantities_in(text_or_span: str | Doc | Span) -> list[Quantity]:
    """The quantities stated in a text or parsed span (offsets are relative to its text)."""
    span = as_span(text_or_span)
    text, base = span.text, span.start_char
    blocked = [e for e in span.ents if e.label_ in _NOT_QUANTITY and not _is_duration(e)
               and not _RANGE_ENTITY.fullmatch(e.text)]
    out: list[Quantity] = []
    for m in _QUANTITY.finditer(text):
        if _RANK.search(text, 0, m.start()) or m.group("num").lower() in {"a", "an"} and out \
                and not text[out[-1].end:m.start()].strip():
            continue  # "No. 1"; the "a day" of "$1 billion a day" is a rate, not a length
        q = _quantity(span, m, text, base)
        # NER reads an age as a DATE ("aged 33"), which blocks no age
        if q and (q.unit == "age" or not any(
                e.start_char < base + q.end and base + q.start < e.end_char for e in blocked)):
            out.append(q)
    return _ranges(out, text)


def articles_in(text_or_span: str | Doc | Span) -> list[Quantity]:
    """One of a thing counted by an indefinite article ("a life sentence": 1 "sentence"),
    for comparing with a count of the same thing ("three life sentences"); not a length of
    time ("a day", read by `quantities_in`)."""
    span = as_span(text_or_span)
    base = span.start_char
    out = []
    for tok in span:
        head = tok.head
        if (tok.lower_ in {"a", "an"} and tok.dep_ == "det" and head.pos_ == "NOUN"
                and head.i > tok.i and head.i < span.end and head.lemma_.lower() not in TIME_UNITS):
            start, end = tok.idx - base, head.idx + len(head.text) - base
            out.append(Quantity(span.text[start:end], 1.0, _noun(head), start, end))
    return out


def _ranges(found: list[Quantity], text: str) -> list[Quantity]:
    """Quantities with two joined into one range: "between 20 and 30 homes" (the unit of the
    second, the scale too: "between 1 and 2 million"), "20 to 30", "20-30 people"."""
    out: list[Quantity] = []
    for q in found:
        if hyphen := re.match(r"[-–](\d+(?:\.\d+)?)\b", text[q.end:]):
            top, end = float(hyphen.group(1)), q.end + hyphen.end()
            if top > q.value:
                q = Quantity(text[q.start:end], q.value, q.unit or _counted_after(text, end),
                             q.start, end, top)
        prev = out[-1] if out else None
        join = _RANGE_JOIN.fullmatch(text[prev.end:q.start]) if prev else None
        if prev is not None and join and prev.upper is None and prev.unit in (None, q.unit) \
                and (_BETWEEN.search(text[:prev.start]) or "and" not in join.group().lower()):
            low = prev.value
            scale = _SCALE_WORD.search(q.text)
            if scale and not _SCALE_WORD.search(prev.text) and low < q.value / MULTIPLIERS[
                    scale.group(1).lower()]:
                low *= MULTIPLIERS[scale.group(1).lower()]
            if low < q.value:
                start = prev.start
                if before := _BETWEEN.search(text[:prev.start]):
                    start = before.start()
                out[-1] = Quantity(text[start:q.end], low, q.unit, start, q.end, q.value)
                continue
        out.append(q)
    return out


def _counted_after(text: str, end: int) -> str | None:
    """The unit of a hyphenated range read from the words after it ("20-30 people")."""
    word = re.match(r"\s+([a-z]+)", text[end:])
    return _NOUN_UNITS.get(word.group(1), word.group(1).removesuffix("s")) if word else None


def same_unit(a: Quantity, b: Quantity) -> bool:
    """Both count the same kind of thing: one unit, or one a compound of the other
    ("dockworker" and "worker"); bare numbers have no unit to share."""
    if a.unit is None or b.unit is None:
        return False
    return a.unit == b.unit or a.unit.endswith(b.unit) or b.unit.endswith(a.unit)


def same_quantity(a: Quantity, b: Quantity) -> bool:
    """True when two quantities can state the same amount: same unit and values equal within
    the rounding and hedges written ("about 1.2 million" = "1,200,000"; "more than 100" = 150)."""
    if a.unit != b.unit and not same_unit(a, b):
        return False
    (lo_a, hi_a, closed_a), (lo_b, hi_b, closed_b) = _range(a), _range(b)
    lo, hi = max(lo_a, lo_b), min(hi_a, hi_b)
    eps = 1e-9 * max(abs(a.value), abs(b.value), 1.0)
    if lo < hi - eps:
        return True
    return abs(lo - hi) <= eps and _holds(lo_a, hi_a, closed_a, lo) and _holds(
        lo_b, hi_b, closed_b, lo)


def as_span(obj: str | Doc | Span) -> Span:
    """A Span over a text, Doc or Span; a text is parsed with the shared English pipeline."""
    if isinstance(obj, Span):
        return obj
    if isinstance(obj, Doc):
        return obj[:]
    from newsweave.text.nlp import load  # the model loads on first use, not at import

    return load()(obj)[:]


def _is_duration(ent: Span) -> bool:
    """A DATE/TIME entity that is a length of time ("two weeks", "55-year-old") or an age set
    off after a name ("Pally, 19, of Hartford"), not a date."""
    age = ent.text.isdigit() and len(ent.text) <= 3 and ent.root.dep_ == "appos"
    return ent.label_ in {"DATE", "TIME"} and not _DATE_ANCHOR.search(ent.text) and bool(
        _TIME.search(ent.text) or _AGE.search(ent.text) or age)


def _value(m: re.Match) -> float | None:
    num = re.sub(r"\s+", " ", m.group("num").lower())
    if num.startswith("half"):
        value = 0.5
    elif "/" in num:
        whole, fraction = num.split(" ")
        top, bottom = fraction.split("/")
        value = int(whole) + int(top) / int(bottom)
    else:
        value = parse_number(num)
    if value is None:
        return None
    if m.group("half"):
        value += 0.5
    scale = _scale(m)
    return value * MULTIPLIERS[scale] if scale else value


def _scale(m: re.Match) -> str:
    return (m.group("scale") or "").strip(" -").lower()


def _quantity(span: Span, m: re.Match, text: str, base: int) -> Quantity | None:
    rest = text[m.end():]
    scale = _scale(m)
    num = m.group("num")
    if scale in {"m", "k"} and not m.group("cur") and "." not in num:
        return None if scale == "k" else _made(m, "metre", _value_unscaled(m), m.end())
    if _CLOCK.match(rest) or (not scale and _ORDINAL_OR_WORD.match(rest)
                              and not _MEASURE.match(rest)):
        return None
    if num.lower() == "one" and rest.startswith("-") and not _TIME.match(rest):
        return None  # "one-way", "one-sided"
    value = _value(m)
    if value is None:
        return None
    unit, end = _unit(span, m, rest, base)
    if unit in TIME_UNITS:
        if half := _AND_A_HALF.match(text, end):
            value, end = value + 0.5, half.end()
        unit, factor = TIME_UNITS[unit]
        value *= factor
    if unit is None and _bare_is_noise(span, m, base, value):
        return None
    return _made(m, unit, value, end)


def _value_unscaled(m: re.Match) -> float:
    return float(m.group("num").replace(",", ""))


def _made(m: re.Match, unit: str | None, value: float, end: int) -> Quantity:
    return Quantity(text=m.string[m.start():end], value=value, unit=unit, start=m.start(),
                    end=end)


def _unit(span: Span, m: re.Match, rest: str, base: int) -> tuple[str | None, int]:
    """The unit written after the number (or the currency before it) and where the phrase ends;
    failing those, the noun the number counts, read from the parse."""
    end = m.end()
    if m.group("cur"):
        cur = m.group("cur").strip().lower()
        return _CURRENCY_SIGNS.get(cur, cur.upper()), end
    for pattern, unit in ((_POINTS, "percentage point"), (_PERCENT, "percent")):
        if u := pattern.match(rest):
            return unit, end + u.end()
    if u := _CURRENCY_AFTER.match(rest):
        word = u.group("word")
        return _CURRENCY_WORDS.get(word.lower(), word), end + u.end()
    if u := _AGE.match(rest):
        return "age", end + u.end()
    if _is_age(span, m, m.string, base):
        return "age", end
    if u := _TIME.match(rest):
        unit = u.group("unit").lower()
        return ("century" if unit == "centuries" else unit), end + u.end()
    if u := _MEASURE.match(rest):
        return _MEASURES[u.group("unit").lower()], end + u.end()
    return _counted_noun(span, base + m.start("num"), base + m.end()), end


def _counted_noun(span: Span, start: int, end: int) -> str | None:
    """The lemma of the noun a number phrase modifies ("1.2 million people" -> "person"), of
    the noun after "of" ("30 of the soldiers"), or else of a noun right after the number."""
    inside = [t for t in span if start <= t.idx < end]
    for tok in reversed(inside):
        while tok.dep_ in {"nummod", "compound", "quantmod", "conj"} and tok.head.i > tok.i:
            tok = tok.head
            if tok.pos_ == "NOUN" and tok.idx >= end:
                return _noun(tok)
    for tok in inside:
        for of in (c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"):
            objects = [c for c in of.children if c.dep_ == "pobj" and c.pos_ == "NOUN"]
            if objects:
                return _noun(objects[0])
    after = inside[-1].nbor() if inside and inside[-1].i + 1 < span.end else None
    return _noun(after) if after is not None and after.pos_ == "NOUN" else None


def _noun(tok: Token) -> str:
    lemma = tok.lemma_.lower()
    return _NOUN_UNITS.get(lemma, lemma)


def _is_age(span: Span, m: re.Match, text: str, base: int) -> bool:
    """A whole number written as an age: after "aged" ("a boy aged 17"), or set off by commas
    after a noun or name ("Daniel Price, 33, of Leeds"; "the driver, 44, was")."""
    num = m.group("num")
    if not num.isdigit() or m.group("mod") or m.group("cur") or m.group("scale") \
            or not 0 < int(num) <= _OLDEST:
        return False
    if _AGED.search(text, 0, m.start()):
        return True
    tok = _token_at(span, base + m.start("num"))
    after = text[m.end():m.end() + 1]
    before = re.search(r"(\w+),\s*$", text[:m.start()])
    return (tok is not None and tok.dep_ in {"appos", "npadvmod"} and after in {",", ".", ""}
            and before is not None and before.group(1).isalpha()
            and tok.head.pos_ in {"NOUN", "PROPN"})


def _token_at(span: Span, char: int) -> Token | None:
    for tok in span:
        if tok.idx <= char < tok.idx + len(tok.text):
            return tok
    return None


def _bare_is_noise(span: Span, m: re.Match, base: int, value: float) -> bool:
    """A number with no unit that is a pronoun ("no one"), a year, or part of a name
    ("Minsk 2")."""
    num = m.group("num")
    if not num[0].isdigit():
        return num.lower() in {"one", "a", "an"}
    if re.fullmatch(r"\d{4}", num) and 1800 <= value <= 2100 and not m.group("scale"):
        return True
    tok = _token_at(span, base + m.start("num"))
    prev = tok.nbor(-1) if tok is not None and tok.i > span.start else None
    return prev is not None and prev.pos_ == "PROPN" and not m.group("mod")


def _range(q: Quantity) -> tuple[float, float, tuple[bool, bool]]:
    """The values a quantity as written allows: rounding of its last digit (for decimals,
    scaled numbers and percentages), widened by hedges and opened by bounds."""
    m = _QUANTITY.match(q.text)
    mod = (m.group("mod") or "").lower() if m else ""
    v = q.value
    half = _rounding(m, q) / 2 if m and q.upper is None else 0.0
    lo, hi, closed = v - half, v + half, (half == 0, half == 0)
    if q.upper is not None:  # a range: what it spans, widened only by a hedge
        lo, hi, closed = v, q.upper, (True, True)
        if mod in _APPROX:
            lo, hi = v * 0.9, q.upper * 1.1
        return lo, hi, closed
    if mod in _APPROX:
        lo, hi, closed = min(lo, v * 0.9), max(hi, v * 1.1), (True, True)
    elif mod in _AT_MOST:
        lo, hi, closed = min(lo, v * 0.9), v, (True, True)
    elif mod in _LOWER:
        lo, hi, closed = v, math.inf, (_LOWER[mod], False)
    elif mod in _UPPER:
        lo, hi, closed = -math.inf, v, (False, _UPPER[mod])
    return lo, hi, closed


def _rounding(m: re.Match, q: Quantity) -> float:
    """The step of the last digit written, in the quantity's unit (0 for an exact count)."""
    num = m.group("num").replace(",", "")
    scaled = bool(m.group("scale"))
    if not num[0].isdigit() or not (scaled or "." in num or q.unit == "percent"):
        return 0.0
    decimals = len(num.partition(".")[2]) if "." in num and " " not in num else 0
    raw = _value(m)
    conversion = q.value / raw if raw else 1.0  # weeks written, days counted
    return 10.0 ** -decimals * conversion * (MULTIPLIERS[_scale(m)] if scaled else 1.0)


def _holds(lo: float, hi: float, closed: tuple[bool, bool], x: float) -> bool:
    if lo == hi:
        return True
    return (lo < x or (closed[0] and lo == x)) and (x < hi or (closed[1] and x == hi))
