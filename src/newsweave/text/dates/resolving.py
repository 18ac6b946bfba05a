"""A normalised date expression resolved to the days it covers, given the publication date:
one rule per kind of expression (a pattern and a handler), then calendar arithmetic."""

from __future__ import annotations

import calendar
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from newsweave.text.dates.parsing import (
    COUNT,
    FUZZY,
    MON,
    PART,
    PARTS,
    REL,
    TEMPORAL,
    UNIT,
    WD,
    YEAR,
    normalise,
    not_a_date,
)
from newsweave.text.lexicon import MONTHS, WEEKDAYS
from newsweave.text.numbers import parse_number

Period = tuple[date, date]
Outcome = Period | str | None  # days covered, "--MM-DD", or unresolved
_SEASONS = {"spring": (3, 5), "summer": (6, 8), "fall": (9, 11), "autumn": (9, 11),
            "winter": (12, 14)}  # winter runs into the next year's February
_FIXED_HOLIDAYS = {"christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24),
                   "new year's day": (1, 1), "new year's eve": (12, 31), "halloween": (10, 31),
                   "valentine's day": (2, 14), "independence day": (7, 4),
                   "the fourth of july": (7, 4), "bastille day": (7, 14),
                   "boxing day": (12, 26), "veterans day": (11, 11)}
_DECADE_WORDS = {w: 10 * i for i, w in enumerate(
    ["twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties",
     "nineties"], start=2)}
_ORDINAL_CENTURIES = {"fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
                      "nineteenth": 19, "twentieth": 20, "twenty-first": 21}
_QUARTERS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4,
             "4th": 4}
_FUZZY_WINDOW = {"hour": 1, "day": 7}  # "within days": a week; longer fuzzy spans are vague
_HINT_REACH = 366  # days: how far the tense may move a year-less date from the nearest one
_MONTH_AHEAD = 1.25  # a season named alone ("riots in the spring") leans to the past


@dataclass(frozen=True)


class DateValue:
    """A date expression as written and the days it covers (start..end, both None when
    unresolved); `iso` is its ISO-8601 form, `exact` True for a single day."""

    expression: str
    start: date | None
    end: date | None
    iso: str | None
    exact: bool


def resolve_date(expression: str, published: date | None,
                 future: bool | None = None) -> DateValue:
    """The days an expression denotes, given the publication date (None when unknown);
    `future` says whether the sentence looks ahead (None: tense unknown)."""
    outcome = None if not_a_date(expression) else _read(normalise(expression), published,
                                                           future)
    return _date_value(expression, outcome)


def compatible(a: DateValue, b: DateValue) -> bool | None:
    """Whether two dates can denote the same time (their days overlap, or a "--MM-DD" falls
    in the other's days); None when either is unresolved, except that the same words
    unresolved on both sides ("on Tuesday" and "on Tuesday") are taken as the same time."""
    if a.iso is None or b.iso is None:
        same = a.iso is None and b.iso is None and normalise(a.expression) == normalise(
            b.expression)
        return True if same else None
    if a.start is None or b.start is None:
        if a.start is None and b.start is None:
            return a.iso == b.iso
        month_day, other = (a.iso, b) if a.start is None else (b.iso, a)
        return _month_day_within(month_day, other)
    return a.start <= b.end and b.start <= a.end


def _date_value(expression: str, outcome: Outcome) -> DateValue:
    if outcome is None:
        return DateValue(expression, None, None, None, False)
    if isinstance(outcome, str):
        return DateValue(expression, None, None, outcome, True)
    start, end = outcome
    return DateValue(expression, start, end, _iso(start, end), start == end)


def _iso(start: date, end: date) -> str:
    """The shortest ISO form of start..end: a day, a month, a year, or an interval of those."""
    if start == end:
        return start.isoformat()
    if start.day == 1 and end == _month(end.year, end.month)[1]:
        if (start.month, end.month) == (1, 12):
            return str(start.year) if start.year == end.year else f"{start.year}/{end.year}"
        a, b = f"{start.year}-{start.month:02d}", f"{end.year}-{end.month:02d}"
        return a if a == b else f"{a}/{b}"
    return f"{start.isoformat()}/{end.isoformat()}"


Rule = tuple[re.Pattern, Callable[[re.Match, date | None, bool | None], Outcome]]
_RULES: list[Rule] = []


def _rule(pattern: str):
    def register(handler):
        _RULES.append((re.compile(pattern), handler))
        return handler
    return register


def _read(t: str, p: date | None, future: bool | None) -> Outcome:
    for pattern, handler in _RULES:
        if m := pattern.fullmatch(t):
            try:
                return handler(m, p, future)
            except ValueError:  # an impossible day ("February 30")
                return None
    return _range(t, p, future) or _dateparser(t)


@_rule(r"(?P<y>\d{4})[-/](?P<m>0?[1-9]|1[0-2])(?:[-/](?P<d>\d{1,2}))?")
def _iso_date(m, p, future):
    y, mo = int(m["y"]), int(m["m"])
    return (date(y, mo, int(m["d"])),) * 2 if m["d"] else _month(y, mo)


@_rule(rf"(?:the )?{MON} (?P<d1>\d{{1,2}})(?:st|nd|rd|th)?(?: ?(?:-|to|through|and) ?"
       rf"(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?)?(?:,? {YEAR}|,? (?:of )?{REL} year)?")


def _month_day(m, p, future):
    return _days_of_month(m, p, future)


@_rule(rf"(?:the )?(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?(?: of)? {MON}(?:,? {YEAR})?")
def _day_month(m, p, future):
    return _days_of_month(m, p, future)


def _days_of_month(m: re.Match, p: date | None, future: bool | None) -> Outcome:
    """"April 20", "20 April 2016", "Nov. 17-18": the year written, the year of the nearest
    such day to the publication date, or "--MM-DD" without one."""
    month, first = MONTHS[m["mon"]], int(m["d1"])
    last = int(m["d2"]) if m.groupdict().get("d2") else first
    date(2000, month, last)  # raises for an impossible day
    year = _year(m, p)
    if year is not None:
        return date(year, month, first), date(year, month, last)
    if p is None:
        return None if last != first else f"--{month:02d}-{first:02d}"
    return _yearless(lambda y: (date(y, month, first), date(y, month, last)), p, future)


@_rule(rf"{PART}{MON}(?:,? {YEAR}|,? (?:of )?{REL} year)?")
def _month_name(m, p, future):
    month, year = MONTHS[m["mon"]], _year(m, p)
    if year is not None:
        return _part(_month(year, month), m["part"])
    if p is None:
        return None
    return _part(_month(_bare_month_year(month, p, future), month), m["part"])


def _bare_month_year(month: int, p: date, future: bool | None) -> int:
    """A month named alone ("in December") is the latest one not after the publication date
    (its own month included), unless the tense says the future ("will ... in December"):
    then the first one not before it. News mostly reports what happened."""
    if future:
        return p.year if month >= p.month else p.year + 1
    return p.year if month <= p.month else p.year - 1


@_rule(rf"{REL} {MON}")
def _relative_month(m, p, future):
    if p is None:
        return None
    month = MONTHS[m["mon"]]
    rel = m["rel"]
    if rel == "this":
        return _month(p.year, month)
    if rel in {"last", "past", "this past"}:
        return _month(p.year if month < p.month else p.year - 1, month)
    return _month(p.year if month > p.month else p.year + 1, month)


@_rule(rf"{PART}(?:the )?(?:year )?{YEAR}")
def _year_number(m, p, future):
    y = int(m["year"])
    return _part((date(y, 1, 1), date(y, 12, 31)), m["part"])


@_rule(r"(?P<y1>1\d{3}|20\d{2}) ?(?:-|/|to|through|and|until) ?(?P<y2>\d{2}|1\d{3}|20\d{2})")
def _year_range(m, p, future):
    y1, y2 = int(m["y1"]), int(m["y2"])
    if y2 < 100:
        y2 += y1 // 100 * 100
    return (date(y1, 1, 1), date(y2, 12, 31)) if y1 < y2 else None


@_rule(r"'(?P<yy>\d\d)")
def _short_year(m, p, future):
    if p is None:
        return None
    y = _century_of(int(m["yy"]), p)
    return date(y, 1, 1), date(y, 12, 31)


@_rule(rf"(?:the )?{PART}(?:(?P<dec>1\d{{2}}0|20\d0)'?s|'?(?P<dd>\d0)'?s|"
       rf"(?P<word>{'|'.join(_DECADE_WORDS)}))")


def _decade(m, p, future):
    if m["dec"]:
        start = int(m["dec"])
    elif p is None:
        return None
    else:
        start = _century_of(int(m["dd"]) if m["dd"] else _DECADE_WORDS[m["word"]], p)
    span = 100 if start % 100 == 0 and start < 2000 and m["dec"] else 10  # the 1900s: century
    return _part((date(start, 1, 1), date(start + span - 1, 12, 31)), m["part"], years=True)


@_rule(rf"(?:the )?{PART}(?:(?P<n>\d{{1,2}})(?:st|nd|rd|th)|"
       rf"(?P<word>{'|'.join(_ORDINAL_CENTURIES)})|(?P<rel>this|last|next|the next|the last|"
       rf"the previous|the new|the coming))[- ]century")


def _century(m, p, future):
    if m["n"] or m["word"]:
        n = int(m["n"]) if m["n"] else _ORDINAL_CENTURIES[m["word"]]
    elif p is None or m["rel"] in {"the last", "the previous"}:
        return None
    else:
        n = (p.year - 1) // 100 + 1 + {"last": -1, "this": 0}.get(m["rel"], 1)
    return _part((date(100 * n - 99, 1, 1), date(100 * n, 12, 31)), m["part"], years=True)


@_rule(rf"{PART}(?:(?:{REL}|the) )?(?P<season>spring|summer|fall|autumn|winter)"
       rf"(?:,? (?:of )?{YEAR}|,? of (?P<rel2>this|last|next) year)?")


def _season(m, p, future):
    first, last = _SEASONS[m["season"]]

    def season(y: int) -> Period:
        return date(y, first, 1), _month(y + (last - 1) // 12, (last - 1) % 12 + 1)[1]

    year = _year(m, p, rel_group="rel2")
    if year is not None:
        return _part(season(year), m["part"])
    if p is None:
        return None
    rel = m["rel"]
    if rel == "this":
        return _part(season(p.year - 1 if last > 12 and p.month <= last - 12 else p.year),
                     m["part"])
    if rel in {"last", "past", "this past"}:
        chosen = max((season(y) for y in range(p.year - 2, p.year + 1)
                      if season(y)[1] < p), key=lambda s: s[0])
    elif rel in {"next", "coming", "this coming"}:
        chosen = min((season(y) for y in range(p.year - 1, p.year + 2)
                      if season(y)[0] > p), key=lambda s: s[0])
    else:
        chosen = _yearless(season, p, future, _MONTH_AHEAD)
    return _part(chosen, m["part"])


@_rule(rf"(?:the )?(?P<q>{'|'.join(_QUARTERS)}) (?P<kind>quarter|half)"
       rf"(?:,? (?:of )?{YEAR}|,? of {REL} year)")


def _quarter(m, p, future):
    """Quarters and halves of a named year (a bare "third quarter" may be a game's)."""
    index = _QUARTERS[m["q"]]
    months = 6 if m["kind"] == "half" else 3
    if months == 6 and index > 2:
        return None

    def quarter(y: int) -> Period:
        return date(y, months * (index - 1) + 1, 1), _month(y, months * index)[1]

    year = _year(m, p)
    return None if year is None else quarter(year)


@_rule(rf"(?:(?P<rel>last|next|this|this past|this coming|coming|past) )?{WD}"
       rf"(?: (?:of )?(?P<week>last|next|this) week)?")


def _weekday(m, p, future):
    if p is None:
        return None
    target, rel = WEEKDAYS[m["wd"]], m["rel"]
    if m["week"]:
        monday = _monday(p) + timedelta(weeks={"last": -1, "next": 1, "this": 0}[m["week"]])
        day = monday + timedelta(days=target)
    elif rel == "this":
        day = _monday(p) + timedelta(days=target)
    elif rel in {"next", "coming", "this coming"} or (rel is None and future):
        day = p + timedelta(days=(target - p.weekday()) % 7 or (7 if rel else 0))
    else:
        back = (p.weekday() - target) % 7
        day = p - timedelta(days=back or (7 if rel else 0))
    return day, day


@_rule(r"today|yesterday|tomorrow|the day before yesterday|the day after tomorrow")
def _day_word(m, p, future):
    if p is None:
        return None
    shift = {"yesterday": -1, "tomorrow": 1, "the day before yesterday": -2,
             "the day after tomorrow": 2}.get(m.group(), 0)
    day = p + timedelta(days=shift)
    return day, day


@_rule(rf"{PART}(?:(?P<shift>earlier|later) )?(?:{REL}|the) "
       r"(?P<unit>week|weekend|month|year|decade)")


def _calendar_period(m, p, future):
    """"last week" (Monday to Sunday), "earlier this month", "late next year", "the weekend";
    a bare "the week" or "the year" refers to some other event and stays unresolved."""
    unit, rel = m["unit"], m["rel"] or "the"
    if p is None or rel == "the" and unit != "weekend" and not m["part"]:
        return None
    step = {"last": -1, "past": -1, "this past": -1, "next": 1, "coming": 1,
            "this coming": 1}.get(rel, 0)
    if unit == "weekend" and rel == "the":
        saturday = _monday(p) + timedelta(days=5)
        if p.weekday() < 3 and not future:
            saturday -= timedelta(weeks=1)
        return saturday, saturday + timedelta(days=1)
    if rel == "the" and future is not None:  # "closed at the end of the year": last year's
        part = _part(_calendar_unit(unit, p, 0), m["part"], years=unit == "decade")
        step = -1 if not future and part[0] > p else 1 if future and part[1] < p else 0
    period = _calendar_unit(unit, p, step)
    if m["shift"] == "earlier":
        period = (period[0], min(period[1], p))
    elif m["shift"] == "later":
        period = (max(period[0], p), period[1])
    return _part(period, m["part"], years=unit == "decade")


@_rule(rf"(?P<mod>(?:about|around|roughly|some|nearly|almost|just|only|barely|"
       rf"(?P<open>more than|over|at least|less than|under)) )?{COUNT} {UNIT} "
       r"(?P<dir>ago|back|earlier|before|later|after|from now|hence)")


def _counted(m, p, future):
    if m["dir"] in {"earlier", "before", "later", "after"} or m["open"] or p is None:
        return None  # "a day earlier" counts from another event; "more than" is open-ended
    sign = -1 if m["dir"] in {"ago", "back"} else 1
    unit = _unit_name(m["unit"])
    n = _count(m["count"])
    if n is None:
        return _fuzzy(unit, p, sign, skip_today=True)
    return _shifted(p, unit, sign * n)


@_rule(rf"(?:within (?:the )?(?:(?P<rel>next|coming|past|last) )?|"
       rf"(?:the )?(?P<rel2>next|coming|past|last|recent) )(?:{COUNT} )?{UNIT}")


def _window(m, p, future):
    """"the next two weeks", "within 10 days", "the past three years", "recent days"."""
    if p is None:
        return None
    rel = m["rel"] or m["rel2"] or "next"
    unit = _unit_name(m["unit"])
    sign = -1 if rel in {"past", "last", "recent"} else 1
    count = m["count"]
    if count is None and rel in {"next", "past", "last"} and not m.group().endswith("s"):
        if unit == "day":
            return None  # "the next day" follows some other event
        count = "1"  # "the past week", "the next year": a rolling unit
    n = _count(count) if count else None
    if n is None:
        return _fuzzy(unit, p, sign)
    end = _shifted(p, unit, sign * n, exact_day=True)[0]
    return (p, end) if sign > 0 else (end, p)


@_rule(rf"(?P<rel>this|last|next|this past) (?P<name>{'|'.join(_FIXED_HOLIDAYS)}|easter|"
       rf"good friday|thanksgiving|election day|labor day|memorial day)"
       rf"|(?:the )?(?P<name2>{'|'.join(_FIXED_HOLIDAYS)}|easter|good friday|thanksgiving|"
       rf"election day|labor day|memorial day)(?:,? {YEAR})?")


def _holiday(m, p, future):
    name = m["name"] or m["name2"]

    def on(y: int) -> Period:
        day = _holiday_date(name, y)
        return day, day

    if m["year"]:
        return on(int(m["year"]))
    if p is None:
        fixed = _FIXED_HOLIDAYS.get(name)
        return f"--{fixed[0]:02d}-{fixed[1]:02d}" if fixed and not m["rel"] else None
    rel = m["rel"]
    if rel in {"last", "this past"}:
        return max((on(y) for y in (p.year - 1, p.year) if on(y)[0] < p), key=lambda d: d[0])
    if rel == "next":
        return min((on(y) for y in (p.year, p.year + 1) if on(y)[0] > p), key=lambda d: d[0])
    return on(p.year) if rel == "this" else _yearless(on, p, future)


def _range(t: str, p: date | None, future: bool | None) -> Outcome:
    """"Wednesday through Friday", "between 1973 and 1983", "January through September"."""
    m = re.fullmatch(r"(?:between |from )?(?P<a>.+?) (?:-|to|through|until|till|and) (?P<b>.+)", t)
    if not m or not TEMPORAL.search(m["a"]) or not TEMPORAL.search(m["b"]):
        return None
    b = _read(m["b"], p, future)
    if not isinstance(b, tuple):
        return None
    year = re.search(r"\b(1\d{3}|20\d{2})$", m["b"])
    a_text = m["a"] if not year or re.search(r"\d{4}$", m["a"]) else f"{m['a']} {year[1]}"
    a = _read(a_text, b[1], False)  # the first end is read from the second, looking back
    if not isinstance(a, tuple) or a[0] > b[1]:
        return None
    return a[0], b[1]


def _dateparser(t: str) -> Outcome:
    """Rarer absolute formats, read strictly: day, month and year all written."""
    if not re.search(r"\d", t) or not (re.search(MON, t) or re.search(r"\d[./]\d", t)):
        return None
    import dateparser  # imported on first use: it loads its language data

    settings = {"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"],
                "RETURN_AS_TIMEZONE_AWARE": False, "PREFER_DATES_FROM": "past"}
    parsed = dateparser.parse(t, languages=["en"], settings=settings)
    return (parsed.date(), parsed.date()) if parsed else None


def _month(year: int, month: int) -> Period:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _calendar_unit(unit: str, p: date, step: int) -> Period:
    if unit in {"week", "weekend"}:
        monday = _monday(p) + timedelta(weeks=step)
        return (monday + timedelta(days=5), monday + timedelta(days=6)) if unit == "weekend" \
            else (monday, monday + timedelta(days=6))
    if unit == "month":
        y, mo = divmod(p.year * 12 + p.month - 1 + step, 12)
        return _month(y, mo + 1)
    if unit == "decade":
        start = p.year // 10 * 10 + 10 * step
        return date(start, 1, 1), date(start + 9, 12, 31)
    return date(p.year + step, 1, 1), date(p.year + step, 12, 31)


def _shifted(p: date, unit: str, n: float, exact_day: bool = False) -> Period:
    """The day, week, month or year `n` units from `p` (that whole unit unless `exact_day`)."""
    if unit in {"hour", "minute", "second"}:
        day = p + timedelta(hours=n * {"hour": 1, "minute": 1 / 60, "second": 1 / 3600}[unit])
        return day, day
    if unit in {"day", "week", "fortnight"}:
        day = p + timedelta(days=round(n * {"day": 1, "week": 7, "fortnight": 14}[unit]))
        if exact_day or unit == "day":
            return day, day
        return _monday(day), _monday(day) + timedelta(days=6)
    months = round(n * {"month": 1, "year": 12, "decade": 120, "century": 1200}[unit])
    y, mo = divmod(p.year * 12 + p.month - 1 + months, 12)
    if exact_day:
        day = min(p.day, calendar.monthrange(y, mo + 1)[1])
        return date(y, mo + 1, day), date(y, mo + 1, day)
    if unit == "month":
        return _month(y, mo + 1)
    return date(y, 1, 1), date(y, 12, 31)


def _fuzzy(unit: str, p: date, sign: int, skip_today: bool = False) -> Outcome:
    """"within days", "a few days ago": a short window from `p`; longer fuzzy spans are
    vague and stay unresolved."""
    if unit not in _FUZZY_WINDOW:
        return None
    far = p + timedelta(days=sign * _FUZZY_WINDOW[unit])
    near = p + timedelta(days=sign) if skip_today else p
    return (near, far) if sign > 0 else (far, near)


def _part(period: Period | None, part: str | None, years: bool = False) -> Period | None:
    """The early, middle or late part of a period (by whole years, months or days)."""
    if period is None or part is None:
        return period
    lo, hi = PARTS[part]
    start, end = period
    if years:
        n = end.year - start.year + 1
        a, b = start.year + math.floor(n * lo), start.year + math.ceil(n * hi) - 1
        return date(a, 1, 1), date(b, 12, 31)
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    if months >= 3:
        first = start.year * 12 + start.month - 1
        a, b = first + math.floor(months * lo), first + math.ceil(months * hi) - 1
        return _month(a // 12, a % 12 + 1)[0], _month(b // 12, b % 12 + 1)[1]
    days = (end - start).days + 1
    return (start + timedelta(days=math.floor(days * lo)),
            start + timedelta(days=math.ceil(days * hi) - 1))


def _yearless(period: Callable[[int], Period], p: date, future: bool | None,
              ahead: float = 1.0) -> Period:
    """The year for a date written without one: the nearest to the publication date (days
    ahead of it weighed by `ahead`), unless the tense rules it out and the other side has one
    within a year."""
    candidates = []
    for year in (p.year - 1, p.year, p.year + 1):
        try:
            candidates.append(period(year))
        except ValueError:  # 29 February in a common year
            continue
    candidates.sort(key=lambda c: (_distance(c, p) * (ahead if c[0] > p else 1),
                                   c[0].year != p.year))
    nearest = candidates[0]
    if future is None:
        return nearest
    fits = [c for c in candidates if (c[1] >= p if future else c[0] <= p)]
    if nearest in fits or not fits or _distance(fits[0], p) > _HINT_REACH:
        return nearest
    return fits[0]


def _distance(period: Period, p: date) -> int:
    start, end = period
    return 0 if start <= p <= end else min(abs((start - p).days), abs((end - p).days))


def _year(m: re.Match, p: date | None, rel_group: str = "rel") -> int | None:
    """The year written in a match: digits, or "this/last/next year" (from `p`)."""
    if m["year"]:
        return int(m["year"])
    rel = m.groupdict().get(rel_group)
    if rel and p is not None:
        return p.year + {"last": -1, "past": -1, "next": 1, "coming": 1}.get(rel, 0)
    if rel:
        raise ValueError("a relative year without a publication date")
    return None


def _century_of(two_digits: int, p: date) -> int:
    """The latest year ending in these two digits that is not after the publication year."""
    year = p.year // 100 * 100 + two_digits
    return year if year <= p.year else year - 100


def _unit_name(word: str) -> str:
    word = word.rstrip("s")
    return "century" if word == "centurie" else word


def _count(word: str) -> float | None:
    if re.fullmatch(FUZZY, word):
        return None
    if " " in word and "/" in word:
        whole, fraction = word.split(" ")
        top, bottom = fraction.split("/")
        return int(whole) + int(top) / int(bottom)
    value = parse_number(word.replace(" and a half", ""))
    return None if value is None else value + 0.5 * word.endswith(" and a half")


def _holiday_date(name: str, year: int) -> date:
    if name in _FIXED_HOLIDAYS:
        return date(year, *_FIXED_HOLIDAYS[name])
    if name in {"easter", "good friday"}:
        from dateutil.easter import easter  # a dateparser dependency

        return easter(year) - timedelta(days=2 if name == "good friday" else 0)
    month, weekday, nth = {"thanksgiving": (11, 3, 4), "labor day": (9, 0, 1),
                           "memorial day": (5, 0, -1), "election day": (11, 1, 0)}[name]
    days = [d for d in range(1, calendar.monthrange(year, month)[1] + 1)
            if date(year, month, d).weekday() == weekday]
    if nth == 0:  # the Tuesday after the first Monday
        return date(year, month, next(d for d in days if d >= 2))
    return date(year, month, days[nth - 1] if nth > 0 else days[-1])


def _month_day_within(month_day: str, other: DateValue) -> bool:
    month, day = int(month_day[2:4]), int(month_day[5:7])
    for year in range(other.start.year, other.end.year + 1):
        try:
            if other.start <= date(year, month, day) <= other.end:
                return True
        except ValueError:  # 29 February in a common year
            continue
    return False
