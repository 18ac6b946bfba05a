"""Evidence: a cited source's sentence placed in the article's own text, so a reader can
find it (the text stage's offsets count in the text without boilerplate lines, links and
dateline, which is not the text the reader has)."""

from __future__ import annotations

import re

from newsweave.model import Document, Evidence, Sentence

# The cleaned text only loses characters before a sentence (dropped lines, a dateline) but
# for the one space put between two glued sentences: a sentence is sought from this many
# characters before its cleaned offset.
_SLACK = 64
_GAP = 200  # characters a stripped link may have taken between two words of a sentence
_WORD = re.compile(r"\w+")


def evidence_of(doc: Document, sentence: Sentence) -> Evidence:
    """The sentence as evidence from its article, with its offsets in `Article.text`."""
    text = doc.article.text
    at = locate(text, sentence.text, max(0, sentence.start - _SLACK))
    if at is None:
        return Evidence(doc.id, sentence.text, None, None, sentence.index)
    return Evidence(doc.id, text[at[0]:at[1]], at[0], at[1], sentence.index)


def locate(text: str, sentence: str, hint: int = 0) -> tuple[int, int] | None:
    """(start, end) of a sentence in a text, sought from `hint` on (then from the start):
    verbatim, else the same words with other spacing, else its words in order with a link
    or two between them (a hand-written scan: a regular expression with bounded gaps can
    backtrack for ever on text it does not match)."""
    for lo in dict.fromkeys((hint, 0)):
        at = text.find(sentence, lo)
        if at >= 0:
            return at, at + len(sentence)
        spaced = re.compile(r"\s+".join(re.escape(w) for w in sentence.split()))
        found = spaced.search(text, lo)
        if found:
            return found.start(), found.end()
        found = _words_in_order(text, sentence, lo)
        if found:
            return found
    return None


def _words_in_order(text: str, sentence: str, lo: int) -> tuple[int, int] | None:
    words = _WORD.findall(sentence)
    if not words:
        return None
    start = text.find(words[0], lo)
    while start >= 0:
        end, ok = start + len(words[0]), True
        for w in words[1:]:
            at = text.find(w, end, end + _GAP + len(w))
            if at < 0:
                ok = False
                break
            end = at + len(w)
        if ok:
            tail = sentence[len(sentence.rstrip(".!?\"”’')")):]
            return start, end + len(tail) if text.startswith(tail, end) else end
        start = text.find(words[0], start + 1)
    return None
