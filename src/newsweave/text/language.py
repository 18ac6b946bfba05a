"""Tells a text's language (py3langid: a small, fast, offline n-gram classifier)."""

from __future__ import annotations

MIN_WORDS = 20  # below this, language guesses are unreliable: short texts pass as English
SAMPLE_CHARS = 3000


def detect_language(text: str) -> str | None:
    """The ISO 639-1 code of the text's language, or None for a text too short to tell."""
    if len(text.split()) < MIN_WORDS:
        return None
    import py3langid

    lang, _ = py3langid.classify(text[:SAMPLE_CHARS])
    return lang

