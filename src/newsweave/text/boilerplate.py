"""Recognises web boilerplate lines ("Also Read", share prompts, lone bylines, photo
captions, embedded posts, widget text) in article text.

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
# A line of rules and symbols alone ("___", "* * *") matches too.
_BOILERPLATE = re.compile(r"^[\W_]*(?:" + "|".join(_PATTERNS) + r")?[\W_]*$", re.IGNORECASE)
_MAX_WORDS = 14  # boilerplate lines are short; a long line is article text

# Furniture that runs long (a caption, a sign-up form flattened into one line) but carries a
# mark no article paragraph has: the line goes whatever its length, up to a paragraph's.
_CREDIT = (r"associated press|ap|ap photos?(/[^()]*)?|reuters|afp|getty images"
           r"|[^()]*/(ap|getty images|reuters|afp)( photos?)?|photo: [^()]*"
           r"|(photo|image)s? (by|courtesy of|credit:?) [^()]*")
_MARKED = {
    "a photo caption": r"^(image|media) (copyright|caption)\b|^media playback is unsupported"
                       r"|^enlarge (this )?image\b|^file\s*[-–—]+\s*in this\b"
                       r"|^in this (\w+ ){0,3}(photo|image|picture)\b|^\|\s"
                       rf"|\((?:{_CREDIT})\)\s*$",
    "an embedded post": r"pic\.twitter\.com/|\ba post shared by\b.*\(@[\w.]+\)"
                        r"|[—–-]\s*[^—()]{1,80}\(@\w+\)\s+\w+ \d{1,2}, \d{4}\s*$",
    "a social-media widget": r"tweet with a location|location information to your tweets"
                             r"|tweet location history|twitter stores that location"
                             r"|add this tweet to your website"
                             r"|^follow [\w .'’-]{1,40} on (twitter|facebook|instagram)\b",
    "a newsletter sign-up": r"by signing up,? you agree|\b(email|newsletter) sign ?up\b"
                            r"|you can unsubscribe at any time|not a robot"
                            r"|delivered (straight )?to your (inbox|phone)"
                            r"|^breaking news emails\b|have a tip we should know",
    "a video player": r"please enable javascript|you need to enable javascript"
                      r"|this feature is not available right now"
                      r"|rating is available when the video has been rented",
    "page navigation": r"continue reading the main story|^story continued below"
                       r"|^text size\b|^from wikipedia, the free encyclopedia",
    "a credit line": r"contributed to this report\.?$",
    "a crawl or archive note": r"\bcrawl data\b|\bwayback machine\b"
                               r"|\bthese crawls\b|\bcrawls of supported\b",
}
_MARKED_KINDS = list(_MARKED)
_MARKED_PATTERN = re.compile("|".join(f"(?P<k{k}>{p})" for k, p in enumerate(_MARKED.values())),
                             re.IGNORECASE)
MARKED_MAX_WORDS = 120  # a marked line longer than a long paragraph is article text
# A line that ends in a web address after a colon, or is one, is a link ("On the Net:
# http://…", "Watch full episodes HERE: http://…"); a sentence naming a site is news.
_LINK_LINE = re.compile(r"^(?:[^.!?]{0,160}:\s*)?(?:https?://|www\.)\S+$", re.IGNORECASE)
_LINK_IN_BRACKETS = re.compile(r"\s*\(\s*(?:https?://|www\.)[^\s()]+\s*\)", re.IGNORECASE)


_DATELINE = re.compile(r"^[A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+)*(?:, [A-Z][\w.]+(?: [A-Z][\w.]+)*)?"
                       r"(?:,? [A-Z][a-z]+\.? \d{1,2})?"
                       r"(?:,? \([A-Za-z.& ]+\))?\s*(?:_|--|—|–|-)(?:\s+(?=[A-Z\"“‘'])|\s*$)")


def strip_dateline(paragraph: str) -> str:
    """The first paragraph without its wire dateline ("LONDON (AP) _ ", "BRUSSELS, April 8
    (Reuters) - "), which is furniture, not part of the first sentence."""
    return _DATELINE.sub("", paragraph, count=1)


def furniture_kind(line: str) -> str | None:
    """What kind of marked page furniture a line is ("a photo caption", "an embedded post",
    ...), or None."""
    if len(line.split()) > MARKED_MAX_WORDS:
        return None
    found = _MARKED_PATTERN.search(line.strip())
    return _MARKED_KINDS[int(found.lastgroup[1:])] if found else None


def is_boilerplate(line: str) -> bool:
    """True when a whole line is web furniture rather than article text."""
    text = line.strip()
    if not text:
        return True
    words = len(text.split())
    if words <= _MAX_WORDS and _BOILERPLATE.match(text):
        return True
    if _LINK_LINE.match(text):
        return True
    return furniture_kind(text) is not None


def strip_links(paragraph: str) -> str:
    """The paragraph without web addresses in brackets ("spoke to KTUU-TV (http://…), saying"),
    which wire copy inserts for online readers."""
    return _LINK_IN_BRACKETS.sub("", paragraph)


def drop_boilerplate(lines: Iterable[str]) -> list[str]:
    """The non-empty lines that are article text, stripped, in order."""
    return [line.strip() for line in lines if not is_boilerplate(line)]
