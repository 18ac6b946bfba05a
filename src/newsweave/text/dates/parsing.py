"""Date expressions normalised and told apart: the patterns of written dates, and which
expressions are no dates at all (lengths of time, ages, frequencies, words without time)."""

from __future__ import annotations

import re

from newsweave.text.lexicon import WEEKDAYS
from newsweave.text.quantities import TIME_UNITS

PARTS = {"early": (0, 1 / 3), "mid": (1 / 3, 2 / 3), "late": (2 / 3, 1),
         "the beginning of": (0, 1 / 3), "the start of": (0, 1 / 3),
         "the middle of": (1 / 3, 2 / 3), "the end of": (2 / 3, 1),
         "the first half of": (0.0, 0.5), "the second half of": (0.5, 1.0)}


def plain(pattern: str) -> str:
    """A pattern with its named groups unnamed, to be used twice in one expression."""
    return re.sub(r"\(\?P<\w+>", "(?:", pattern)


MON = (r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|"
       r"aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
WD = rf"(?P<wd>{'|'.join(WEEKDAYS)})"
YEAR = r"(?P<year>1\d{3}|20\d{2})"
REL = r"(?P<rel>this past|this coming|last|next|this|coming|past)"
PART = rf"(?:(?P<part>{'|'.join(sorted(PARTS, key=len, reverse=True))})[- ]?)?"
UNIT = rf"(?P<unit>{'|'.join(TIME_UNITS)}|centuries)s?"
FUZZY = r"(?:a few|few|several|many|some|a number of)"
COUNT = (r"(?P<count>\d+(?:\.\d+)?(?: \d/\d)?|a couple of|an?|(?:(?:twenty|thirty|forty|fifty|"
         r"sixty|seventy|eighty|ninety)(?:[- ]\w+)?|one|two|three|four|five|six|seven|eight|"
         r"nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|"
         r"nineteen|a hundred|one hundred|a dozen)(?: and a half)?|" + FUZZY + ")")
_LEAD = re.compile(r"^(?:on|in|at(?! (?:least|most)\b)|by|for|since|from|until|till|to|during|of|"
                   r"before|after|"
                   r"between|through|throughout|over|around|about|circa|sometime|some time|"
                   r"as of|as early as|as late as|no later than|not until|starting|beginning|"
                   r"effective|just|only|roughly|approximately|nearly|almost|some|"
                   r"shortly before|shortly after|(?:early|late|earlier|later)(?= (?:"
                   + "|".join(WEEKDAYS) + r"|today|yesterday|tomorrow)\b))\s+(?=\S)")
_TIME_OF_DAY = re.compile(r"\b(?:\d{1,2}(?::\d\d)?\s*[ap]\.?m\b\.?|\d{1,2}:\d\d|\d{4} gmt|"
                          r"morning|afternoon|evening|night|noon|midday|midnight|dawn|dusk|"
                          r"nightfall|overnight|mid-?morning|mid-?afternoon|[ap]\.?m\.?|"
                          r"(?:eastern|local|gmt|est|edt|utc)(?: time)?)\b")
TEMPORAL = re.compile(
   rf"\b(?:{MON}|{WD}|{YEAR}|'?\d*0'?s|{'|'.join(TIME_UNITS)}|centuries|weekend|"
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
    rf"some|roughly|around|approximately) )*(?:{COUNT}(?: (?:or|to|and) {plain(COUNT)})?"
    rf"[ -])?(?:half an? |one-half |a half )?{_SPAN_UNIT}(?: and a half)?(?: or so| or more|"
    r" long)?$")
_BARE_UNITS = re.compile(rf"(?:the|those|these) (?:{'|'.join(TIME_UNITS)}|centurie)s")  # the years
_AGE = re.compile(r"(?:-|\b)olds?$|^(?:the )?(?:under )?age[sd]?(?: of)? \d+|^\d+(?: years)? old$")
_ADJECTIVE = re.compile(rf"^(?:an? )?(?:multi|\d+(?: \d/\d)?|{COUNT}|\w+)-{_SPAN_UNIT}\b.*$|"
                        r"^(?:year|month|week|day)-(?:to-(?:year|month|week|day)|long|old)$|"
                        r"^(?:post|pre|off|mid|end|year)-?season$|^(?:century|decade)-old$")
_WEEKDAY_BEFORE_DATE = re.compile(rf"^{WD},? (?=(?:{MON} \d|\d{{1,2}} {plain(MON)}))")


# Vague times that name no day ("at the end of the day" = in the end, "at the time", "these
# days", "for the time being"), after normalise() took their preposition off.
_VAGUE = re.compile(r"(?:the )?end of the day|(?:the )?(?:same )?time(?: being)?|(?:the )?meantime"
                    r"|(?:these|those|that|this|the) (?:days|times)|(?:in )?the day"
                    r"|day (?:after|by|and) (?:day|night)|(?:all|every|one|some) day"
                    r"|(?:the )?(?:old|early) days"
                    r"|(?:that|this|the) (?:point|moment)(?: in time)?")
# "the end of the week": a date when a tense places it ("talks will resume at the end of the
# week"), the idiom when none does ("at the end of the week, we all want the same").
VAGUE_PERIOD = re.compile(r"^the (?:end|start|beginning|middle) of the (?:week|month|year)$")


def not_a_date(expression: str) -> bool:
    """A length of time, an age, a frequency, a vague time ("at the end of the day", "these
    days"), or words with nothing of time in them."""
    t = normalise(expression)
    return (not t or is_duration(expression) or bool(_FREQUENCY.match(t) or _AGE.search(t))
            or bool(_VAGUE.fullmatch(t)) or not TEMPORAL.search(t))


def is_duration(expression: str) -> bool:
    """A length of time ("two years", "for three weeks", "55-year-old"), not a time."""
    t = normalise(expression)
    return bool(_DURATION.match(t) or _ADJECTIVE.match(t) or _AGE.search(t)
                or bool(_BARE_UNITS.fullmatch(t)))


def normalise(expression: str) -> str:
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
