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
    r"related( (stories|articles|news|coverage))?(\s*:.*)?",
    r"advertisement|sponsored( content)?|ad",
    r"click here\b.*",
    r"(please )?(share|subscribe|follow|like) (this|us|our|on|to|for)\b.*",
    r"(share|tweet|email|print|comment)( this( article| story)?)?",
    r"sign up (for|to)\b.*",
    r"(get|receive) our newsletter\b.*",
    r"(photo|image|file photo|picture)( credit)?:.*",
    r"(by|(additional )?reporting by|written by|edited by)\s+[A-Z][\w.'-]*(\s+[A-Z][\w.'-]*){0,3}"
    r"(\s*(,|and|&)\s*[A-Z][\w.'-]*(\s+[A-Z][\w.'-]*){0,3})*(\s+in\s+[A-Z][\w.'-]*)?\.?",
    r"our standards:.*",
    r"(copyright|©|\(c\))\s.*",
    # a page's own date stamp and reading time: "Published 12 March 2025 · 3 min read",
    # "Updated: Tue 4 Mar, 10:02" (a sentence such as "Published reports say ..." has no date)
    r"(first |last )?(published|updated|posted)( on| at)?\s*:?\s*(\d|(jan|feb|mar|apr|may|jun"
    r"|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun|today|yesterday)\w*\b).*",
    r".*\b\d+\s*-?\s*min(ute)?s?\.? read\b.*",
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
# Marks at a line's end, each tried only on lines ending in one of its characters.
_AT_END = (
    ("0123456789", "an embedded post",
     re.compile(r"[—–-]\s*[^—()]{1,80}\(@\w+\)\s+\w+ \d{1,2}, \d{4}$")),
)
_CREDIT_LINE_ENDS = ("contributed to this report", "contributed to this report.")

# Photo credits: "Getty Images / Jane Doe / Contributor", "Photo: AP", "(Reuters/Jane Doe)",
# "Jane Doe/AP Photo", "AFP via Getty Images". Their shape, not a site's wording, marks them:
# a few short name-like parts joined by slashes, bars or "via", one of them a picture agency
# or a photographer's role, or a "Photo:"-like label before them.
_AGENCIES = (r"(the )?associated press|ap( photos?| images)?|reuters( pictures)?|afp"
             r"|getty( images)?|epa(-efe)?|efe|shutterstock|alamy( stock photo)?"
             r"|pa( images| wire| media)?"
             r"|xinhua|anadolu( agency)?|sipa( usa)?|zuma( press| wire)?|nurphoto|imago"
             r"|rex( features)?|upi|dpa|kyodo|bloomberg( via getty images)?")
# Parts that mark a credit only beside another part ("Jane Doe / Contributor").
_ROLES = (r"pool|handout|contributor|staff|file( photo)?|stringer|photographer"
          r"|courtesy( of [\w .&'-]{1,40})?|\w+ (news|media|images|pictures|photos?)"
          r"|(for|via) [\w .&'-]{1,40}")
_AGENCY_ALONE = re.compile(rf"(?:{_AGENCIES})", re.IGNORECASE)
_AGENCY = re.compile(rf"(?:{_AGENCIES}|{_ROLES})", re.IGNORECASE)
_CREDIT_LABEL = re.compile(r"^(?:(?:(?:photo|photograph|picture|image|video)s?( credit)?|credits?"
                           r"|source)\s*:|(?:photo|photograph|picture|image|video)s? by\s)\s*",
                           re.IGNORECASE)
_CREDIT_SPLIT = re.compile(r"\s*[/|]\s*|\s+via\s+", re.IGNORECASE)
CREDIT_WORDS = 12  # a credit names an agency and a person or two
_CREDIT_PART_WORDS = 5
CREDIT_CHARS = 120  # a credit at a caption's end fits in this many characters


def is_credit(text: str) -> bool:
    """True for a photo credit ("Getty Images / Jane Doe / Contributor", "Photo: AP",
    "(Reuters/Jane Doe)"), by its shape."""
    core = text.strip().strip(".").strip()
    if core.startswith("(") and core.endswith(")"):
        core = core[1:-1].strip()
    if not core or len(core) > CREDIT_CHARS or len(core.split()) > CREDIT_WORDS:
        return False
    labelled = _CREDIT_LABEL.match(core)
    if labelled:
        core = core[labelled.end():]
    parts = [p for p in _CREDIT_SPLIT.split(core) if p]
    if not parts or not all(_name_like(p) for p in parts):
        return False
    if labelled:
        return True
    if any(len(p.split()) > _CREDIT_PART_WORDS for p in parts):
        return False
    if len(parts) == 1:
        return bool(_AGENCY_ALONE.fullmatch(parts[0]))
    return any(_AGENCY.fullmatch(p) for p in parts)


def _name_like(part: str) -> bool:
    """Capitalised words (a name, an agency), a lower-case joining word allowed."""
    return all(w[:1].isupper() or w[:1].isdigit() or w.lower() in _JOINING
               for w in part.split())


_JOINING = {"via", "of", "for", "and", "the", "&", "de", "van", "von", "der", "la", "le", "al",
            "photo", "photos", "images", "pictures", "file", "stock", "press", "news"}

# Link widgets: "Read next: …", "READ MORE | …", "Related: …", "See also …", "Watch: …".
_SEPARATOR = r"(?:\s*[:|»›>]|\s+[–—-]\s)"
_LINK_WIDGET = re.compile(rf"^[\W_]*(?:(?:read|see|watch|listen|more)( more| next| also| now)?"
                          rf"{_SEPARATOR}|(?:read|see) (?:more|next|also)\b|also read\b"
                          r"|related( stories| articles| coverage| news| content| links| topics)?"
                          rf"{_SEPARATOR}|(?:more|latest) (?:on|about) this (?:story|topic)\b)",
                          re.IGNORECASE)
# A widget's label on a line of its own ("Read next", "Related stories", "More from Island
# Post"): the headline-like lines after it are its links.
_WIDGET_LABEL = re.compile(r"^[\W_]*(?:(?:read|see) (?:more|next|also)|also read|related"
                           r"( stories| articles| coverage| news| content| links| topics)?"
                           r"|more (?:from|on) [\w .'’&-]{1,40}|more (?:stories|news)"
                           r"|recommended( for you| stories)?|you (?:may|might) also like"
                           r"|most (?:read|popular|viewed)|trending( now| stories)?"
                           r"|top stories|latest (?:news|stories)|what to read next)[\W_]*$",
                           re.IGNORECASE)
WIDGET_LINKS = 8  # a widget lists a few links at most
_HEADLINE_WORDS = 16
# Calls to action addressed to the reader: an imperative at the start, something on offer
# (a newsletter, alerts, the app) and the reader or the site ("Get the latest updates right in
# your inbox.", "Sign up for our newsletter", "Download our app for breaking news alerts").
_CALL = re.compile(r"^[*•>|#\s–—-]*(?:get|sign ?up|subscribe|join|download|follow|stay"
                   r"|never miss|don'?t miss|enter your|register|receive|listen|watch|bookmark"
                   r"|install|turn on|keep up|catch up|find out more)\b", re.IGNORECASE)
_OFFER = re.compile(r"\b(?:inbox|newsletters?|e-?mails?|app|alerts?|notifications?|podcasts?"
                    r"|updates?|headlines|briefing|digest|subscription|subscribers?|free trial"
                    r"|push)\b", re.IGNORECASE)
_READER = re.compile(r"\b(?:you|your|our|us|latest|free|daily|weekly)\b", re.IGNORECASE)
CALL_WORDS = 25  # a call to action is a line or two


def is_call_to_action(text: str) -> bool:
    """True for a prompt to the reader (newsletter sign-up, app download, alerts)."""
    return (bool(_CALL.match(text)) and len(text.split()) <= CALL_WORDS
            and bool(_OFFER.search(text)) and bool(_READER.search(text)))


def is_link_widget(text: str) -> bool:
    """True for a "Read next …" / "Related: …" link to another story."""
    return bool(_LINK_WIDGET.match(text)) and len(text.split()) <= MARKED_MAX_WORDS // 4
TAIL_CHARS = 160  # the end marks fit in a line's last characters
_START = re.compile("|".join(f"(?P<k{k}>{p})" for k, p in enumerate(_AT_START.values())),
                    re.IGNORECASE)
_START_KINDS = list(_AT_START)
MARKED_MAX_WORDS = 120  # a marked line longer than a long paragraph is article text
# A line that ends in a web address after a colon, or is one, is a link ("On the Net:
# http://…", "Watch full episodes HERE: http://…"); a sentence naming a site is news.
# A wire's staff credits, however many: "Reporting by A in B; Writing by C; Editing by D"
_STAFF_CREDITS = re.compile(r"^\(?(?:additional )?reporting by [^;]{1,80}(?:;\s*(?:additional )?"
                            r"(?:reporting|writing|editing|graphics|production) by [^;]{1,80})+"
                            r"\)?\.?$", re.IGNORECASE)
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
    end, last = text[-CREDIT_CHARS:], text[-1:]
    if (("/" in end or "|" in end or " via " in end or last == ")") and (tail := _tail(text))
            and is_credit(tail)):  # a caption ending in its credit
        return "a photo caption"
    for ends, kind, pattern in _AT_END:
        if last in ends and pattern.search(text[-TAIL_CHARS:]):
            return kind
    return None


def _tail(text: str) -> str | None:
    """What follows a line's last sentence: a bracketed end ("… on Friday. (Reuters/Jane
    Doe)") or words after the last full stop ("… on Friday. Getty Images / Jane Doe")."""
    if text.endswith(")"):
        start = text.rfind("(", max(len(text) - CREDIT_CHARS, 0))
        return text[start:] if start > 0 else None
    end = max(text.rfind(c, max(len(text) - CREDIT_CHARS, 0)) for c in ".!?")
    return text[end + 1:] if 0 < end < len(text) - 2 and text[end + 1] == " " else None


def clutter_kind(line: str) -> str | None:
    """What kind of clutter every article page carries a line (or sentence) is: "a link
    widget", "a call to action", "a photo credit"; or None. Unlike `furniture_kind`, no sign
    that a page is not an article."""
    text = line.strip()
    if is_link_widget(text):
        return "a link widget"
    if is_call_to_action(text):
        return "a call to action"
    if len(text) <= CREDIT_CHARS and is_credit(text):
        return "a photo credit"
    return None


def is_furniture_sentence(sentence: str) -> bool:
    """True when one sentence inside a paragraph is page furniture (a link widget, a photo
    credit, a call to action, a marked widget): such sentences are not the story's."""
    return clutter_kind(sentence) is not None or furniture_kind(sentence) is not None


def is_boilerplate(line: str) -> bool:
    """True when a whole line is web furniture rather than article text."""
    text = line.strip()
    if not text:
        return True
    words = len(text.split())
    if words <= _MAX_WORDS and _BOILERPLATE.match(text):
        return True
    if _LINK_LINE.match(text) or _STAFF_CREDITS.match(text):
        return True
    return clutter_kind(text) is not None or furniture_kind(text) is not None


def strip_links(paragraph: str) -> str:
    """The paragraph without web addresses in brackets ("spoke to KTUU-TV (http://…), saying"),
    which wire copy inserts for online readers."""
    return _LINK_IN_BRACKETS.sub("", paragraph)


def drop_boilerplate(lines: Iterable[str]) -> list[str]:
    """The non-empty lines that are article text, stripped, in order; the headline-like
    lines under a widget's label ("Read next", "Related stories") go with it."""
    kept, links = [], 0
    for line in lines:
        text = line.strip()
        if not text:
            continue
        if links and _headline_like(text):
            links -= 1
            continue
        links = WIDGET_LINKS if _WIDGET_LABEL.match(text) else 0
        if not links and not is_boilerplate(text):
            kept.append(text)
    return kept


def _headline_like(line: str) -> bool:
    """A short line that does not end a sentence (a link's title)."""
    return len(line.split()) <= _HEADLINE_WORDS and line[-1:] not in ".!?:;”\"'"
