"""Reference summarizers from sumy (LexRank, TextRank), made to run offline.

sumy's own tokenizer needs an NLTK data download; here it gets newsweave's sentences (the
same split every system sees) and a regex word tokenizer, so nothing is fetched.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


class WordTokenizer:
    """The tokenizer interface sumy asks for, without NLTK data."""

    language = "english"

    def to_sentences(self, paragraph: str) -> list[str]:
        return [paragraph]

    def to_words(self, sentence: str) -> list[str]:
        return _WORD.findall(sentence)


class WordBudget:
    """sumy's items-count hook: the best-rated sentences until `words` words are reached."""

    def __init__(self, words: int) -> None:
        self.words = words

    def __call__(self, infos: list) -> list:
        chosen, total = [], 0
        for info in infos:
            if total >= self.words:
                break
            chosen.append(info)
            total += len(str(info.sentence).split())
        return chosen


def sumy_summary(method: str, sentences: Sequence[str], words: int) -> list[str]:
    """sumy's best-rated sentences up to `words` words, in document order (as sumy gives)."""
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
    from sumy.nlp.stemmers import Stemmer
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer
    from sumy.utils import get_stop_words

    tokenizer = WordTokenizer()
    doc = ObjectDocumentModel([Paragraph([Sentence(s, tokenizer) for s in sentences])])
    summarizer = {"LexRank": LexRankSummarizer, "TextRank": TextRankSummarizer}[method](
        Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")
    return [str(s) for s in summarizer(doc, WordBudget(words))]
