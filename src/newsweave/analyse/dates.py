"""Date expressions as points or intervals in time, resolved against the publication date.

"April 20" published 2016-04-12 is 2016-04-20, and without a publication date "--04-20";
"in the next two weeks" published 2016-04-08 is 2016-04-08/2016-04-22; "on Tuesday" is the
Tuesday of the publication week; an expression that needs a publication date nobody gave,
or that is vague ("recently", "a day earlier"), stays unresolved (iso None), never guessed.
dateparser reads absolute dates; the relative and interval rules are ours because dateparser
resolves against today and has no notion of intervals.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from spacy.tokens import Span

from newsweave.analyse.numbers import parse_number

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS |= {name.lower(): i for i, name in enumerate(calendar.month_abbr) if name}
MONTHS["sept"] = 9
WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
_UNIT_DAYS = {"day": 1, "week": 7, "fortnight": 14, "month": 30, "year": 365}
_MONTH = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DAY_MONTH = re.compile(rf"^(\d{{1,2}})(st|nd|rd|th)?( of)? {_MONTH}(,? (\d{{4}}))?$")
_MONTH_DAY = re.compile(rf"^{_MONTH} (\d{{1,2}})(st|nd|rd|th)?(,? (\d{{4}}))?$")
_MONTH_YEAR = re.compile(rf"^{_MONTH},? (\d{{4}})$")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_DECADE = re.compile(r"^(\d{3})0'?s$")
_COUNT = (r"(\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
          r"a few|a couple of)")
_AGO = re.compile(rf"^{_COUNT} (day|week|month|year)s? ago$")
_NEXT = re.compile(rf"^(the )?(next|coming|following) {_COUNT} (day|week|month|year)s?$")
_WITHIN = re.compile(rf"^(within|in) {_COUNT} (day|week|month|year)s?$")
_DURATION = re.compile(rf"^(about |almost |nearly |more than |over |some |at least )?{_COUNT}"
                       r"( (and a half|or so))? (day|week|month|year|decade|hour|minute)s?"
                       r"( old| long)?$")
_LEAD = re.compile(r"^(on|in|at|by|for|since|from|until|till|to|during|of|before|after|"
                   r"as of|as early as|early|late|mid|the|this past)\s+")
_APPROX = {"early", "late", "mid", "the end of", "the beginning of", "the start of"}


@dataclass(frozen=True)
class DateValue:
    """A date expression and the days it covers (start..end), or unresolved (None)."""

    expression: str
    start: date | None
    end: date | None
    iso: str | None
    exact: bool


def _value(expression: str, start: date | None, end: date | None = None,
           iso: str | None = None) -> DateValue:
    end = end or start
    if start is None:
        return DateValue(expression, None, None, iso, False)
    if iso is None:
        iso = start.isoformat() if start == end else f"{start.isoformat()}/{end.isoformat()}"
    return DateValue(expression, start, end, iso, start == end)


def _month_span(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _nearest_year(month: int, day: int, published: date) -> int:
    """The year putting month/day within six months of the publication date."""
    best = published.year
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            if abs((date(year, month, day) - published).days) <= 183:
                best = year
        except ValueError:
            continue
    return best


def _count(word: str) -> float | None:
    return {"a few": None, "a couple of": 2}.get(word, parse_number(word))


def _normalise(expression: str) -> str:
    t = " ".join(expression.lower().replace("’", "'").split()).strip(" ,.")
    previous = None
    while previous != t:
        previous = t
        t = _LEAD.sub("", t)
    return t


def is_duration(expression: str) -> bool:
    """A length of time ("two years", "55-year-old"), not a point or period in time."""
    t = _normalise(expression).replace("-", " ")
    bare = re.sub(r"^(many|several|a few|few|some|recent|the past|the last) ", "", t)
    return (bool(_DURATION.match(t)) or t.endswith(" old")
            or bare in {"days", "weeks", "months", "years", "decades", "hours", "minutes"})


def resolve_date(expression: str, published: date | None,
                 future: bool = False) -> DateValue:
    """The days an expression denotes, given the publication date (None when unknown);
    `future` says the sentence looks ahead, so "Friday" is the coming one."""
    t = _normalise(expression)
    absolute = _absolute(expression, t, published)
    if absolute is not None:
        return absolute
    if published is None:
        return _value(expression, None)
    return _relative(expression, t, published, future) or _value(expression, None)


def _absolute(expression: str, t: str, published: date | None) -> DateValue | None:
    """Dates that carry their own year, and day-month dates (which take the publication's)."""
    try:
        if m := _ISO.match(t):
            return _value(expression, date(int(m[1]), int(m[2]), int(m[3])))
        if m := _YEAR.match(t):
            y = int(m[1])
            if 1800 <= y <= 2100:
                return _value(expression, date(y, 1, 1), date(y, 12, 31), str(y))
            return None
        if m := _DECADE.match(t):
            y = int(m[1]) * 10
            return _value(expression, date(y, 1, 1), date(y + 9, 12, 31), f"{y}/{y + 9}")
        if m := _MONTH_YEAR.match(t):
            month, year = MONTHS[m[1]], int(m[2])
            return _value(expression, *_month_span(year, month), f"{year}-{month:02d}")
        m = _MONTH_DAY.match(t)
        d = _DAY_MONTH.match(t) if not m else None
        if m or d:
            month = MONTHS[(m or d)[1] if m else d[4]]
            day = int(m[2] if m else d[1])
            year = m[5] if m else d[6]
            if year:
                return _value(expression, date(int(year), month, day))
            date(2000, month, day)  # raises for an impossible day
            if published is None:
                return _value(expression, None, iso=f"--{month:02d}-{day:02d}")
            return _value(expression, date(_nearest_year(month, day, published), month, day))
    except (ValueError, KeyError):
        return _value(expression, None)
    if t in MONTHS and published is not None and len(t) > 3:
        month = MONTHS[t]
        year = _nearest_year(month, 15, published)
        return _value(expression, *_month_span(year, month), f"{year}-{month:02d}")
    return None


def _relative(expression: str, t: str, p: date, future: bool) -> DateValue | None:
    """Expressions that only make sense from the publication date."""
    simple = {"today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0,
              "this evening": 0, "yesterday": -1, "last night": -1, "tomorrow": 1,
              "the day before yesterday": -2, "the day after tomorrow": 2}
    if t in simple:
        return _value(expression, p + timedelta(days=simple[t]))
    words = t.split()
    if words and words[-1] in WEEKDAYS and len(words) <= 2:
        target = WEEKDAYS[words[-1]]
        if words[0] in ("next", "coming") or (future and words[0] not in ("last", "past")):
            delta = (target - p.weekday()) % 7 or 7
        else:
            delta = -((p.weekday() - target) % 7)
            if words[0] == "last" and delta == 0:
                delta = -7
        return _value(expression, p + timedelta(days=delta))
    if m := re.match(rf"^{_MONTH},? (last|this|next) year$", t):
        year = p.year + {"last": -1, "this": 0, "next": 1}[m[2]]
        month = MONTHS[m[1]]
        return _value(expression, *_month_span(year, month), f"{year}-{month:02d}")
    period = re.match(r"^(last|this|next|earlier this|later this|past) (week|month|year)$", t)
    if period:
        return _period(expression, period[1], period[2], p)
    if m := _AGO.match(t):
        n = _count(m[1])
        if n is None:
            return None
        unit = m[2]
        if unit == "day":
            return _value(expression, p - timedelta(days=int(n)))
        if unit == "week":
            day = p - timedelta(days=int(7 * n))
            return _value(expression, day - timedelta(days=day.weekday()),
                          day + timedelta(days=6 - day.weekday()))
        if unit == "month":
            month0 = p.year * 12 + p.month - 1 - int(n)
            y, mo = divmod(month0, 12)
            return _value(expression, *_month_span(y, mo + 1), f"{y}-{mo + 1:02d}")
        y = p.year - int(n)
        return _value(expression, date(y, 1, 1), date(y, 12, 31), str(y))
    m = _NEXT.match(t) or _WITHIN.match(t)
    if m:
        n = _count(m.group(m.re.groups - 1))
        unit = m.group(m.re.groups)
        if n is None:
            return None
        return _value(expression, p, p + timedelta(days=int(n * _UNIT_DAYS[unit])))
    return None


def _period(expression: str, which: str, unit: str, p: date) -> DateValue:
    shift = {"last": -1, "past": -1, "next": 1}.get(which, 0)
    if unit == "week":
        monday = p - timedelta(days=p.weekday()) + timedelta(weeks=shift)
        start, end = monday, monday + timedelta(days=6)
    elif unit == "month":
        y, mo = divmod(p.year * 12 + p.month - 1 + shift, 12)
        start, end = _month_span(y, mo + 1)
    else:
        start, end = date(p.year + shift, 1, 1), date(p.year + shift, 12, 31)
    if which == "earlier this":
        end = p
    elif which == "later this":
        start = p
    iso = None
    if unit == "month" and start.day == 1 and end == _month_span(start.year, start.month)[1]:
        iso = f"{start.year}-{start.month:02d}"
    elif unit == "year" and (start.month, start.day, end.month, end.day) == (1, 1, 12, 31):
        iso = str(start.year)
    return _value(expression, start, end, iso)


def compatible(a: DateValue, b: DateValue) -> bool | None:
    """Whether two dates can denote the same time; None when either is unresolved."""
    if a.start is None and a.iso and b.start is not None:
        return _month_day_within(a.iso, b)
    if b.start is None and b.iso and a.start is not None:
        return _month_day_within(b.iso, a)
    if a.start is None or b.start is None:
        same_words = _normalise(a.expression) == _normalise(b.expression)
        if (a.iso and a.iso == b.iso) or (same_words and a.start is None and b.start is None):
            return True  # "on Tuesday" and "on Tuesday": the same words, whatever day it was
        return None
    return a.start <= b.end and b.start <= a.end


def _month_day_within(month_day: str, other: DateValue) -> bool:
    month, day = int(month_day[2:4]), int(month_day[5:7])
    for year in range(other.start.year, other.end.year + 1):
        try:
            if other.start <= date(year, month, day) <= other.end:
                return True
        except ValueError:
            continue
    return False


_FUTURE_AUX = {"will", "'ll", "shall", "would"}
_INNER = re.compile(rf"\b({'|'.join(WEEKDAYS)}|{_MONTH} \d{{1,2}}(,? \d{{4}})?|"
                    rf"\d{{1,2}} {_MONTH}( \d{{4}})?|{_MONTH} \d{{4}}|(19|20)\d{{2}})\b",
                    re.IGNORECASE)


def _looks_ahead(ent: Span) -> bool:
    """The date's verb is in the future ("will meet on Friday", "is due to ...")."""
    verb = next((t for t in [ent.root, *ent.root.ancestors] if t.pos_ in {"VERB", "AUX"}), None)
    if verb is None:
        return False
    return any(c.lower_ in _FUTURE_AUX or (c.dep_ == "aux" and c.lower_ == "to")
               for c in verb.children)


def dates_in(span: Span, published: date | None) -> list[DateValue]:
    """The dates a sentence mentions (its DATE entities), lengths of time left out. When
    the NER span swallows other words ("eleven days ended on Wednesday"), the date inside
    it is read."""
    out = []
    for ent in span.ents:
        if ent.label_ != "DATE" or is_duration(ent.text):
            continue
        value = resolve_date(ent.text, published, _looks_ahead(ent))
        if value.iso is None and (inner := _INNER.search(ent.text)):
            inner_value = resolve_date(inner[0], published, _looks_ahead(ent))
            value = inner_value if inner_value.iso else value
        out.append(value)
    return out
