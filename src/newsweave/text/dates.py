"""Date expressions as days or intervals of days, resolved against the publication date.

"April 20" published 2016-04-12 is 2016-04-20, and with no publication date "--04-20";
"in the next two weeks" published 2016-04-08 is 2016-04-08/2016-04-22; "on Tuesday" is the
Tuesday of the publication week (the past one unless the sentence looks ahead). Whatever
needs a publication date nobody gave, or is vague ("recently", "these days"), or is anchored
to another event ("a day earlier", "the next year"), stays unresolved (iso None), never
guessed, and today's date is never used. Lengths of time ("for two years"), ages and
frequencies are not dates at all: `dates_in` leaves them out, `resolve_date` returns them
unresolved.

The relative and interval rules are ours: dateparser resolves a relative phrase to one
instant (no "last week" as Monday..Sunday, no decades or "earlier this month"), knows no
tense, and falls back on today. dateparser reads the rarer absolute formats ("20.04.2016",
"Wednesday 20th of April 2016"), strictly, with day, month and year required.

ISO values: "2016-04-20", "2016-04", "2016", "--04-20" (month and day, year unknown), and
"A/B" intervals of those ("1980/1989" for the 1980s, "2016-04-04/2016-04-10" for a week).
Weeks run Monday to Sunday; "early"/"mid"/"late" take the first, middle and last third of a
period (in whole years, months or days); "within days" is the next 7 days, "within hours" the
next day; a year-less day is the nearest one to the publication date (a month or season named
alone leans to the past, days ahead weighing a quarter more), unless the tense of the verb
it modifies rules that one out and another lies within a year.
"""

from __future__ import annotations

import calendar
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from spacy.tokens import Doc, Span

from newsweave.text.numbers import parse_number
from newsweave.text.quantities import TIME_UNITS, as_span

Period = tuple[date, date]
Outcome = Period | str | None  # days covered, "--MM-DD", or unresolved

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS |= {name.lower(): i for i, name in enumerate(calendar.month_abbr) if name}
MONTHS["sept"] = 9
WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
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
_PARTS = {"early": (0, 1 / 3), "mid": (1 / 3, 2 / 3), "late": (2 / 3, 1),
          "the beginning of": (0, 1 / 3), "the start of": (0, 1 / 3),
          "the middle of": (1 / 3, 2 / 3), "the end of": (2 / 3, 1),
          "the first half of": (0.0, 0.5), "the second half of": (0.5, 1.0)}
_QUARTERS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4,
             "4th": 4}
_FUZZY_WINDOW = {"hour": 1, "day": 7}  # "within days": a week; longer fuzzy spans are vague
_HINT_REACH = 366  # days: how far the tense may move a year-less date from the nearest one
_MONTH_AHEAD = 1.25  # a month named alone ("riots in May") leans to the past


def _plain(pattern: str) -> str:
    """A pattern with its named groups unnamed, to be used twice in one expression."""
    return re.sub(r"\(\?P<\w+>", "(?:", pattern)


_MON = (r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|"
        r"aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_WD = rf"(?P<wd>{'|'.join(WEEKDAYS)})"
_YEAR = r"(?P<year>1\d{3}|20\d{2})"
_REL = r"(?P<rel>this past|this coming|last|next|this|coming|past)"
_PART = rf"(?:(?P<part>{'|'.join(sorted(_PARTS, key=len, reverse=True))})[- ]?)?"
_UNIT = rf"(?P<unit>{'|'.join(TIME_UNITS)}|centuries)s?"
_FUZZY = r"(?:a few|few|several|many|some|a number of)"
_COUNT = (r"(?P<count>\d+(?:\.\d+)?(?: \d/\d)?|a couple of|an?|(?:(?:twenty|thirty|forty|fifty|"
          r"sixty|seventy|eighty|ninety)(?:[- ]\w+)?|one|two|three|four|five|six|seven|eight|"
          r"nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|"
          r"nineteen|a hundred|one hundred|a dozen)(?: and a half)?|" + _FUZZY + ")")

_LEAD = re.compile(r"^(?:on|in|at|by|for|since|from|until|till|to|during|of|before|after|"
                   r"between|through|throughout|over|around|about|circa|sometime|some time|"
                   r"as of|as early as|as late as|no later than|not until|starting|beginning|"
                   r"effective|just|only|roughly|approximately|nearly|almost|some|"
                   r"shortly before|shortly after|(?:early|late|earlier|later)(?= (?:"
                   + "|".join(WEEKDAYS) + r"|today|yesterday|tomorrow)\b))\s+(?=\S)")
_TIME_OF_DAY = re.compile(r"\b(?:\d{1,2}(?::\d\d)?\s*[ap]\.?m\b\.?|\d{1,2}:\d\d|\d{4} gmt|"
                          r"morning|afternoon|evening|night|noon|midday|midnight|dawn|dusk|"
                          r"nightfall|overnight|mid-?morning|mid-?afternoon|[ap]\.?m\.?|"
                          r"(?:eastern|local|gmt|est|edt|utc)(?: time)?)\b")
_TEMPORAL = re.compile(
    rf"\b(?:{_MON}|{_WD}|{_YEAR}|'?\d*0'?s|{'|'.join(TIME_UNITS)}|centuries|weekend|"
    r"today|tomorrow|yesterday|now|recent|recently|soon|lately|nowadays|currently|past|"
    r"future|ago|spring|summer|fall|autumn|winter|season|millennium|christmas|easter|"
    r"halloween|thanksgiving|ramadan|eve|quarter|time|era|period|then)s?\b|\d{4}-\d\d|'\d\d\b")
_SPAN_UNIT = rf"(?:{'|'.join(TIME_UNITS)}|centuries|season|night|weekend|semester|term)s?"
_FREQUENCY = re.compile(r"^(?:daily|weekly|monthly|yearly|annual|annually|quarterly|nightly|"
                        r"hourly|bi-?weekly|bi-?monthly|bi-?annual|semi-?annual|every .*|"
                        r"each .*|(?:once|twice|\w+ times) (?:a|per) \w+|per \w+|"
                        + "|".join(f"{day}s" for day in WEEKDAYS) + ")$")
_DURATION = re.compile(
    rf"^(?:(?:more than|less than|fewer than|at least|at most|up to|well over|little more than|"
    r"a little more than|the better part of|another|an extra|a further|a full|the full|"
    r"an entire|the entire|the whole|all|under|barely|\w+ more|nearly|almost|about|"
    rf"some|roughly|around|approximately) )*(?:{_COUNT}(?: (?:or|to|and) {_plain(_COUNT)})?"
    rf"[ -])?(?:half an? |one-half |a half )?{_SPAN_UNIT}(?: and a half)?(?: or so| or more|"
    r" long)?$")
_BARE_UNITS = re.compile(rf"(?:the|those|these) (?:{'|'.join(TIME_UNITS)}|centurie)s")  # the years
_AGE = re.compile(r"(?:-|\b)olds?$|^(?:the )?(?:under )?age[sd]?(?: of)? \d+|^\d+(?: years)? old$")
_ADJECTIVE = re.compile(rf"^(?:an? )?(?:multi|\d+(?: \d/\d)?|{_COUNT}|\w+)-{_SPAN_UNIT}\b.*$|"
                        r"^(?:year|month|week|day)-(?:to-(?:year|month|week|day)|long|old)$|"
                        r"^(?:post|pre|off|mid|end|year)-?season$|^(?:century|decade)-old$")
_DAYWORD = re.compile(rf"\b(?:{_WD}|today|tonight|tomorrow|yesterday|last night|"
                      r"this (?:morning|afternoon|evening))\b", re.I)
_MON_WRITTEN = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|"
                r"Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_OBVIOUS = re.compile(
    rf"\b(?:{_MON_WRITTEN} \d{{1,2}}(?:st|nd|rd|th)?(?:, \d{{4}})?(?!\d)|{_MON_WRITTEN},? \d{{4}}|"
    rf"\d{{1,2}} {_MON_WRITTEN}(?: \d{{4}})?|\d{{4}}-\d\d-\d\d|"
    r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|[Tt]oday|[Yy]esterday|[Tt]omorrow)\b(?!-)")
_WEEKDAY_BEFORE_DATE = re.compile(rf"^{_WD},? (?=(?:{_MON} \d|\d{{1,2}} {_plain(_MON)}))")
_FUTURE_AUX = {"will", "'ll", "shall", "wo"}
_MODAL = {"would", "could", "might", "may", "should", "must", "can"}
_DAYPARTS = {"morning", "afternoon", "evening", "night"}  # "Thursday morning" is a time
_DEICTIC = {"this", "next", "last", "coming", "past"}
_PLAN_VERBS = {"expect", "schedule", "plan", "set", "due", "slate", "intend", "aim", "hope"}


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
    outcome = None if not_a_date(expression) else _read(_normalise(expression), published,
                                                           future)
    return _date_value(expression, outcome)


def not_a_date(expression: str) -> bool:
    """A length of time, an age, a frequency, or words with nothing of time in them."""
    t = _normalise(expression)
    return (not t or is_duration(expression) or bool(_FREQUENCY.match(t) or _AGE.search(t))
            or not _TEMPORAL.search(t))


def is_duration(expression: str) -> bool:
    """A length of time ("two years", "for three weeks", "55-year-old"), not a time."""
    t = _normalise(expression)
    return bool(_DURATION.match(t) or _ADJECTIVE.match(t) or _AGE.search(t)
                or bool(_BARE_UNITS.fullmatch(t)))


def compatible(a: DateValue, b: DateValue) -> bool | None:
    """Whether two dates can denote the same time (their days overlap, or a "--MM-DD" falls
    in the other's days); None when either is unresolved, except that the same words
    unresolved on both sides ("on Tuesday" and "on Tuesday") are taken as the same time."""
    if a.iso is None or b.iso is None:
        same = a.iso is None and b.iso is None and _normalise(a.expression) == _normalise(
            b.expression)
        return True if same else None
    if a.start is None or b.start is None:
        if a.start is None and b.start is None:
            return a.iso == b.iso
        month_day, other = (a.iso, b) if a.start is None else (b.iso, a)
        return _month_day_within(month_day, other)
    return a.start <= b.end and b.start <= a.end


def dates_in(span_or_text: str | Doc | Span, published: date | None) -> list[DateValue]:
    """The dates a text mentions, in text order: its DATE entities (and TIME entities naming
    a day, "Tuesday night"), plus explicit dates the NER missed; lengths of time, ages and
    frequencies left out. An entity that swallowed other words keeps the date inside it."""
    span = as_span(span_or_text)
    found: list[tuple[int, DateValue]] = []
    for ent in span.ents:
        if not (ent.label_ == "DATE" or ent.label_ == "TIME" and _DAYWORD.search(ent.text)):
            continue
        ent = _with_deictic(ent)
        if not_a_date(ent.text):
            continue
        value = resolve_date(ent.text, published, _looks_ahead(ent))
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
    """The entity with a "this", "next" or "last" the NER left outside it ("this Saturday")."""
    if ent.start > 0 and ent.doc[ent.start - 1].lower_ in _DEICTIC:
        return ent.doc[ent.start - 1:ent.end]
    return ent


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


def _normalise(expression: str) -> str:
    """Lower case, quotes and possessives dropped, times of day and leading prepositions
    removed ("on Tuesday night" -> "tuesday")."""
    t = " ".join(expression.lower().replace("’", "'").replace("–", "-").split())
    t = re.sub(r"'s$|(?<=s)'$|^'(?!\d)", "", t.strip(" ,.;:\"`()[]"))
    t = re.sub(r"\blast night\b", "yesterday", t)
    t = re.sub(r"\btonight\b|\bthis (?:morning|afternoon|evening)\b", "today", t)
    t = re.sub(r"\b(earlier|later) in the (week|month|year)\b", r"\1 this \2", t)
    t = " ".join(_TIME_OF_DAY.sub(" ", t).split()).strip(" ,")
    previous = None
    while previous != t:
        previous, t = t, _LEAD.sub("", t)
    return _WEEKDAY_BEFORE_DATE.sub("", t)


# -- reading one normalised expression ------------------------------------------------------

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


@_rule(rf"(?:the )?{_MON} (?P<d1>\d{{1,2}})(?:st|nd|rd|th)?(?: ?(?:-|to|through|and) ?"
       rf"(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?)?(?:,? {_YEAR}|,? (?:of )?{_REL} year)?")
def _month_day(m, p, future):
    return _days_of_month(m, p, future)


@_rule(rf"(?:the )?(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?(?: of)? {_MON}(?:,? {_YEAR})?")
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


@_rule(rf"{_PART}{_MON}(?:,? {_YEAR}|,? (?:of )?{_REL} year)?")
def _month_name(m, p, future):
    month, year = MONTHS[m["mon"]], _year(m, p)
    if year is not None:
        return _part(_month(year, month), m["part"])
    if p is None:
        return None
    return _part(_yearless(lambda y: _month(y, month), p, future, _MONTH_AHEAD), m["part"])


@_rule(rf"{_REL} {_MON}")
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


@_rule(rf"{_PART}(?:the )?(?:year )?{_YEAR}")
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


@_rule(rf"(?:the )?{_PART}(?:(?P<dec>1\d{{2}}0|20\d0)'?s|'?(?P<dd>\d0)'?s|"
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


@_rule(rf"(?:the )?{_PART}(?:(?P<n>\d{{1,2}})(?:st|nd|rd|th)|"
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


@_rule(rf"{_PART}(?:(?:{_REL}|the) )?(?P<season>spring|summer|fall|autumn|winter)"
       rf"(?:,? (?:of )?{_YEAR}|,? of (?P<rel2>this|last|next) year)?")
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
       rf"(?:,? (?:of )?{_YEAR}|,? of {_REL} year)")
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


@_rule(rf"(?:(?P<rel>last|next|this|this past|this coming|coming|past) )?{_WD}"
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


@_rule(rf"{_PART}(?:(?P<shift>earlier|later) )?(?:{_REL}|the) "
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
    period = _calendar_unit(unit, p, step)
    if m["shift"] == "earlier":
        period = (period[0], min(period[1], p))
    elif m["shift"] == "later":
        period = (max(period[0], p), period[1])
    return _part(period, m["part"], years=unit == "decade")


@_rule(rf"(?P<mod>(?:about|around|roughly|some|nearly|almost|just|only|barely|"
       rf"(?P<open>more than|over|at least|less than|under)) )?{_COUNT} {_UNIT} "
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
       rf"(?:the )?(?P<rel2>next|coming|past|last|recent) )(?:{_COUNT} )?{_UNIT}")
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
       rf"election day|labor day|memorial day)(?:,? {_YEAR})?")
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
    if not m or not _TEMPORAL.search(m["a"]) or not _TEMPORAL.search(m["b"]):
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
    if not re.search(r"\d", t) or not (re.search(_MON, t) or re.search(r"\d[./]\d", t)):
        return None
    import dateparser  # imported on first use: it loads its language data

    settings = {"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"],
                "RETURN_AS_TIMEZONE_AWARE": False, "PREFER_DATES_FROM": "past"}
    parsed = dateparser.parse(t, languages=["en"], settings=settings)
    return (parsed.date(), parsed.date()) if parsed else None


# -- calendar arithmetic -------------------------------------------------------------------


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
    lo, hi = _PARTS[part]
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
    if re.fullmatch(_FUZZY, word):
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
    if aux & _MODAL:  # "should land Tuesday" lies ahead, "may have met Tuesday" behind
        return None if aux & {"have", "'ve"} else True
    if verb.tag_ == "VBD" or aux & {"has", "have", "had", "was", "were", "did", "'d"}:
        return False
    if "to" in aux or verb.tag_ in {"VBZ", "VBP"} and not aux:  # "the race starts Saturday"
        return True
    return None
