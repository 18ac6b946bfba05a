"""Tells a text's language (py3langid: a small, fast, offline n-gram classifier).

Most input is plainly English running prose; those texts are recognised by their share of
English function words, which costs a fraction of langid's byte-by-byte pass (the larger
part of `newsweave stories` time on a feed). Anything less clear-cut goes to langid.
"""

from __future__ import annotations

import re

MIN_WORDS = 20  # below this, language guesses are unreliable: short texts pass as English
SAMPLE_CHARS = 3000  # characters given to py3langid: a few paragraphs tell the language
# Frequent English words that are not words of other Latin-script languages ("in", "is",
# "was" are Dutch or German too, "a" and "on" French, so they stay out).
FUNCTION_WORDS = frozenset([
    "the", "of", "and", "to", "that", "for", "with", "were", "said", "from", "have", "has",
    "been", "which", "would", "will", "their", "they", "this", "it", "its", "by", "at", "be",
    "are", "he", "she", "his", "her", "not", "but", "or", "who", "had",
])
PLAINLY_ENGLISH = 0.2  # English news runs at 0.25-0.35; other languages stay well below 0.05
_WORD = re.compile(r"[^\W\d_]+")


def detect_language(text: str) -> str | None:
    """The ISO 639-1 code of the text's language, or None for a text too short to tell."""
    if len(text.split()) < MIN_WORDS:
        return None
    sample = text[:SAMPLE_CHARS]
    if english_share(sample) >= PLAINLY_ENGLISH:
        return "en"
    import py3langid

    lang, _ = py3langid.classify(sample)
    return lang


def english_share(text: str) -> float:
    """The share of a text's words that are frequent English function words."""
    words = _WORD.findall(text.lower())
    return sum(map(FUNCTION_WORDS.__contains__, words)) / max(len(words), 1)
