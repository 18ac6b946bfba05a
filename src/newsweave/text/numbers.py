"""Number words and figures as values: "two" = 2, "1.2 million" = 1,200,000 ("a dozen" = 12).

Shared by the date and quantity normalisers; written here because no small library reads
English number phrases with the multipliers news uses ("1.2m", "$5bn", "a dozen").
"""

from __future__ import annotations

import re

WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
         "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
         "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
         "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
         "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
         "half": 0.5}
_TIMES = {"hundred": 100, "dozen": 12, "couple": 2}  # multiply what precedes ("a dozen" = 12)
MULTIPLIERS = {"hundred": 100, "thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6,
               "billion": 1e9, "bn": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12}
_FIGURE = re.compile(r"(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(thousand|million|billion|trillion|"
                     r"bn|mn|tn|m|k|b)?\b", re.IGNORECASE)


def parse_number(text: str) -> float | None:
    """The value of a number phrase ("4,000", "1.2 million", "two", "a dozen"), else None."""
    t = text.lower().replace("-", " ").strip()
    m = _FIGURE.search(t)
    if m:
        value = float(m[1].replace(",", ""))
        return value * MULTIPLIERS.get((m[2] or "").lower(), 1)
    total, current, seen = 0.0, 0.0, False
    for word in t.split():
        if word in ("and", "of"):
            continue
        if word in _TIMES:
            current = (current or 1) * _TIMES[word]
            seen = True
        elif word in WORDS:
            current += WORDS[word]
            seen = True
        elif word in MULTIPLIERS and seen:
            total += (current or 1) * MULTIPLIERS[word]
            current = 0.0
        elif seen:
            break
    return total + current if seen else None
