"""The date an article's text gives itself: the latest full date (day, month and year) in its
first words, where a dateline ("30 June 2011 – The United Nations ...") or a photo caption
("In this June 21, 2018, photo ...") says when the story was told.

The stories stage places an article that came without a publication date by it, so pasted
or scraped pages of events years apart do not fall into one story. Only dates with a day, a
month and a year count, and only in the lead: a year alone ("since 2014") or a date deep in
the text is as often history as news. A few regular expressions, not the analysis stage's
date resolver or dateparser's search: the stories stage has no parse and must keep up with a
feed (about 500 articles a second), and dateparser's search guesses from partial dates.
"""

from __future__ import annotations

import re
from datetime import date

from newsweave.text.lexicon import MONTHS

LEAD_WORDS = 60  # a dateline or the first caption; later dates are as often history

_MONTH = r"(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_YEAR = r"((?:19|20)\d\d)\b"
_MONTH_DAY_YEAR = re.compile(rf"\b{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+{_YEAR}", re.I)
_DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}",
                             re.I)
_ISO = re.compile(r"\b((?:19|20)\d\d)-(\d\d)-(\d\d)\b")


def stated_date(text: str, lead_words: int = LEAD_WORDS) -> date | None:
    """The latest full date written in the first `lead_words` words of the text, or None."""
    lead = " ".join(text.split()[:lead_words])
    found = [_day(y, MONTHS[m.lower()], d) for m, d, y in _MONTH_DAY_YEAR.findall(lead)]
    found += [_day(y, MONTHS[m.lower()], d) for d, m, y in _DAY_MONTH_YEAR.findall(lead)]
    found += [_day(y, m, d) for y, m, d in _ISO.findall(lead)]
    days = [d for d in found if d is not None]
    return max(days) if days else None


def _day(year: str, month: int | str, day: str) -> date | None:
    try:
        return date(int(year), int(month), int(day))
    except ValueError:  # "31 February 2011", "2011-13-40"
        return None
