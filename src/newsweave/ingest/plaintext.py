"""Plain-text articles: a first line set off by a blank line and shaped like a headline is
the article's title.

Text dumps of news (the BBC and WikiRef corpora, copies pasted from a browser) often put the
headline on the first line and a blank line after it. No library reads that layout, and a
headline left in the body is read as the article's first sentence: it lacks the title's
weight in the stories stage and heads the summary as if a source had said it.
"""

from __future__ import annotations

from newsweave.model import RawArticle
from newsweave.text.boilerplate import is_boilerplate

TITLE_MAX_WORDS = 30  # longer first lines are paragraphs, however they end


def read_text(text: str, source: str) -> RawArticle:
    """The article of a plain-text file, its headline line lifted into `title`."""
    lines = text.strip("\n").split("\n")
    first = lines[0].strip()
    if (len(lines) > 2 and not lines[1].strip() and any(x.strip() for x in lines[2:])
            and _looks_like_headline(first)):
        return RawArticle(source=source, text="\n".join(lines[2:]).strip("\n"), title=first)
    return RawArticle(source=source, text=text)


def _looks_like_headline(line: str) -> bool:
    """Short, with no closing full stop (headlines end bare, or in ? or !), not furniture."""
    words = line.split()
    return (0 < len(words) <= TITLE_MAX_WORDS and not line.endswith((".", ",", ";", ":"))
            and not is_boilerplate(line))
