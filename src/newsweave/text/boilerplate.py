"""Recognises web boilerplate lines ("Also Read", share prompts, lone bylines) in article text.

trafilatura removes page furniture from HTML, but plain-text copies of web pages (like the
ones people paste or scrape) keep these lines; no library covers that case, so the rules
are ours, written as patterns over whole lines.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_PATTERNS = [
    r"also read\b.*",
    r"read (more|also|next)\b.*",
    r"(see|watch) also\b.*",
    r"related( (stories|articles|news|coverage))?:?.*",
    r"advertisement|sponsored( content)?|ad",
    r"click here\b.*",
    r"(please )?(share|subscribe|follow|like) (this|us|our|on|to|for)\b.*",
    r"(share|tweet|email|print|comment)( this( article| story)?)?",
    r"sign up (for|to)\b.*",
    r"(get|receive) our newsletter\b.*",
    r"(photo|image|file photo|picture)( credit)?:.*",
    r"(by|reporting by|written by|edited by)\s+[A-Z][\w.'-]*(\s+[A-Z][\w.'-]*){0,3}"
    r"(\s*(,|and|&)\s*[A-Z][\w.'-]*(\s+[A-Z][\w.'-]*){0,3})*\.?",
    r"(copyright|©|\(c\))\s.*",
    r"all rights reserved\.?",
    r"(follow|join) (us|the conversation)\b.*",
    r"(you (may|might) also like|recommended( for you)?|more from)\b.*",
    r"loading\.*|continue reading\.*|skip (to|ad)\b.*",
    r"(story can end here|optional material follows|end (of )?optional material)\b.*",
    r"(eds?|editors?|editor's note|note to editors)\s*:.*",
    r"(ap|associated press|reuters|afp|upi|cnn|bbc)",
    r"&\w+;.*",
]
_BOILERPLATE = re.compile(r"^\W*(?:" + "|".join(_PATTERNS) + r")\W*$", re.IGNORECASE)
_MAX_WORDS = 14  # boilerplate lines are short; a long line is article text


_DATELINE = re.compile(r"^[A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+)*(?:, [A-Z][\w.]+(?: [A-Z][\w.]+)*)?"
                       r"(?:,? [A-Z][a-z]+\.? \d{1,2})?"
                       r"(?:,? \([A-Za-z.& ]+\))?\s*(?:_|--|—|–|-)(?:\s+(?=[A-Z\"“‘'])|\s*$)")


def strip_dateline(paragraph: str) -> str:
    """The first paragraph without its wire dateline ("LONDON (AP) _ ", "BRUSSELS, April 8
    (Reuters) - "), which is furniture, not part of the first sentence."""
    return _DATELINE.sub("", paragraph, count=1)


def is_boilerplate(line: str) -> bool:
    """True when a whole line is web furniture rather than article text."""
    text = line.strip()
    if not text:
        return True
    if len(text.split()) > _MAX_WORDS:
        return False
    return bool(_BOILERPLATE.match(text))


def drop_boilerplate(lines: Iterable[str]) -> list[str]:
    """The non-empty lines that are article text, stripped, in order."""
    return [line.strip() for line in lines if not is_boilerplate(line)]
