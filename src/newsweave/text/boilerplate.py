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
# mark no article paragraph has: the line goes whatever its length, up to a paragraph's. The
# marks are phrases found anywhere, or patterns at the line's start or end, so that the
# stories stage checks a line in microseconds (one regex over every position cost 40 µs).
_PHRASES = {
    "an embedded post": ("pic.twitter.com/", "a post shared by"),
    "a social-media widget": ("tweet with a location", "location information to your tweets",
                              "tweet location history", "twitter stores that location",
                              "add this tweet to your website"),
    "a newsletter sign-up": ("by signing up you agree", "by signing up, you agree",
                             "email sign up", "newsletter sign up", "email signup",
                             "you can unsubscribe at any time", "not a robot",
                             "delivered to your inbox", "delivered straight to your inbox",
                             "delivered straight to your phone", "have a tip we should know"),
    "a video player": ("please enable javascript", "you need to enable javascript",
                       "this feature is not available right now",
                       "rating is available when the video has been rented"),
    "page navigation": ("continue reading the main story",),
    "a crawl or archive note": ("crawl data", "wayback machine", "these crawls",
                                "crawls of supported"),
}
# Every phrase holds one of these: a few substring tests rule most lines out.
_HINTS = ("tweet", "twitter", "post shared", "sign", "unsubscribe", "robot", "delivered", "tip we",
          "javascript", "right now", "rented", "continue reading", "crawl", "wayback")
_AT_START = {
    "a photo caption": r"(image|media) (copyright|caption)\b|media playback is unsupported"
                       r"|enlarge (this )?image\b|file\s*[-–—]+\s*in this\b"
                       r"|in this (\w+ ){0,3}(photo|image|picture)\b|\|\s",
    "a social-media widget": r"follow [\w .'’-]{1,40} on (twitter|facebook|instagram)\b",
    "a newsletter sign-up": r"breaking news emails\b",
    "page navigation": r"story continued below|text size\b|from wikipedia, the free encyclopedia",
}
_CREDIT = (r"associated press|ap|ap photos?(/[^()]*)?|reuters|afp|getty images"
           r"|[^()]*/(ap|getty images|reuters|afp)( photos?)?|photo: [^()]*"
           r"|(photo|image)s? (by|courtesy of|credit:?) [^()]*")
# Marks at a line's end, each tried only on lines ending in one of its characters.
_AT_END = (
    (")", "a photo caption", re.compile(rf"\((?:{_CREDIT})\)$", re.IGNORECASE)),
    ("0123456789", "an embedded post",
     re.compile(r"[—–-]\s*[^—()]{1,80}\(@\w+\)\s+\w+ \d{1,2}, \d{4}$")),
)
_CREDIT_LINE_ENDS = ("contributed to this report", "contributed to this report.")
TAIL_CHARS = 160  # the end marks fit in a line's last characters
_START = re.compile("|".join(f"(?P<k{k}>{p})" for k, p in enumerate(_AT_START.values())),
                    re.IGNORECASE)
_START_KINDS = list(_AT_START)
MARKED_MAX_WORDS = 120  # a marked line longer than a long paragraph is article text
# A line that ends in a web address after a colon, or is one, is a link ("On the Net:
# http://…", "Watch full episodes HERE: http://…"); a sentence naming a site is news.
_LINK_LINE = re.compile(r"^(?:[^.!?]{0,160}:\s*)?(?:https?://|www\.)\S+$", re.IGNORECASE)
_LINK_IN_BRACKETS = re.compile(r"\s*\(\s*(?:https?://|www\.)[^\s()]+\s*\)", re.IGNORECASE)


_DATELINE = re.compile(r"^[A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+)*(?:, [A-Z][\w.]+(?: [A-Z][\w.]+)*)?"
                       r"(?:,? [A-Z][a-z]+\.? \d{1,2})?"
                       r"(?:,? \([A-Za-z.& ]+\))?\s*(?:_|--|—|–|-)(?:\s+(?=[A-Z\"“‘'])|\s*$)")


_AGENCY_DATELINE = re.compile(r"^\((?:AP|CNN|Reuters|AFP|UPI)\)\s*(?:_|--|—|–|-)?\s*"
                              r"(?=[A-Z\"“‘'])")


def strip_dateline(paragraph: str) -> str:
    """The first paragraph without its wire dateline ("LONDON (AP) _ ", "BRUSSELS, April 8
    (Reuters) - ", "(CNN) -- "), which is furniture, not part of the first sentence."""
    return _AGENCY_DATELINE.sub("", _DATELINE.sub("", paragraph, count=1), count=1)


def furniture_kind(line: str) -> str | None:
    """What kind of marked page furniture a line is ("a photo caption", "an embedded post",
    ...), or None."""
    text = line.strip()
    if len(text.split()) > MARKED_MAX_WORDS:
        return None
    low = text.lower()
    if any(h in low for h in _HINTS):
        for kind, phrases in _PHRASES.items():
            if any(p in low for p in phrases):
                return kind
    if found := _START.match(text):
        return _START_KINDS[int(found.lastgroup[1:])]
    if low.endswith(_CREDIT_LINE_ENDS):
        return "a credit line"
    last = text[-1:]
    for ends, kind, pattern in _AT_END:
        if last in ends and pattern.search(text[-TAIL_CHARS:]):
            return kind
    return None


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
