"""Figures in a sentence with what they count: "4,000 dockworkers", "6 percent", "$5 billion".

Values are normalised ("1.2 million" = "1,200,000", "three per cent" = "3%") so that two
outlets' figures can be compared; dates, times, ordinals and parts of names are not figures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span

from newsweave.analyse.numbers import parse_number

_CURRENCY = {"$": "USD", "dollar": "USD", "usd": "USD", "€": "EUR", "euro": "EUR",
             "eur": "EUR", "£": "GBP", "pound": "GBP", "gbp": "GBP", "¥": "JPY", "yen": "JPY",
             "yuan": "CNY", "rouble": "RUB", "ruble": "RUB", "rupee": "INR"}
_APPROXIMATE = {"about", "around", "roughly", "nearly", "almost", "approximately", "some",
                "over", "more", "than", "least", "up", "less", "fewer", "estimated"}
TOLERANCE = 0.02  # relative difference allowed for exact figures (rounding)
APPROX_TOLERANCE = 0.15  # ... and for figures given as "about", "more than", "nearly"


@dataclass(frozen=True)
class Quantity:
    """A figure: its text, value, what it counts (a noun lemma, "percent" or a currency
    code; None when bare), character offsets within the span, and whether it is hedged."""

    text: str
    value: float
    unit: str | None
    start: int
    end: int
    approximate: bool = False


def _unit(ent: Span) -> str | None:
    lowered = ent.text.lower()
    if ent.label_ == "PERCENT" or "percent" in lowered or "per cent" in lowered:
        return "percent"
    if ent.label_ == "MONEY":
        for key, code in _CURRENCY.items():
            if key in lowered or (ent.end < len(ent.doc) and ent.doc[ent.end].lemma_ == key):
                return code
        return "money"
    head = ent.root.head if ent.root.dep_ in {"nummod", "quantmod"} else None
    if head is None and ent.end < len(ent.doc) and ent.doc[ent.end].pos_ == "NOUN":
        head = ent.doc[ent.end]
    if head is not None and head.pos_ in {"NOUN", "PROPN"}:
        return head.lemma_.lower()
    if ent.label_ == "QUANTITY":
        return ent[-1].lemma_.lower()
    return None


def quantities_in(span: Span) -> list[Quantity]:
    """The figures of a sentence (CARDINAL, MONEY, PERCENT and QUANTITY entities)."""
    out = []
    for ent in span.ents:
        if ent.label_ not in {"CARDINAL", "MONEY", "PERCENT", "QUANTITY"}:
            continue
        text = re.sub(r"(?i)\b(per ?cent|percent)\b|%", "", ent.text)
        value = parse_number(text.replace("$", " ").replace("€", " ").replace("£", " "))
        if value is None:
            continue
        before = ent.doc[max(ent.start - 2, 0):ent.start]
        words = {t.lower_ for t in ent} | {t.lower_ for t in before}
        out.append(Quantity(ent.text, value, _unit(ent), ent.start_char - span.start_char,
                            ent.end_char - span.start_char, bool(words & _APPROXIMATE)))
    return out


def same_unit(a: Quantity, b: Quantity) -> bool:
    """Both count the same thing ("workers" and "dockworkers" count people of one kind)."""
    if a.unit is None or b.unit is None:
        return False
    return a.unit == b.unit or a.unit.endswith(b.unit) or b.unit.endswith(a.unit)


def same_quantity(a: Quantity, b: Quantity) -> bool:
    """Equal within rounding, or within the hedge of "about", "more than", "nearly"."""
    tolerance = APPROX_TOLERANCE if a.approximate or b.approximate else TOLERANCE
    return abs(a.value - b.value) <= tolerance * max(abs(a.value), abs(b.value), 1e-9)
