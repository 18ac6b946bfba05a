"""What keeps two events of one kind apart: the names each one is about.

Two earthquakes, two actresses entering rehab: their articles share the kind's words
("magnitude", "checked into rehab") and so score close, but each is about its own people and
places. An article's key names are the names it repeats most; a story's are the names most
of its members repeat. An article and a story (or two stories) contrast when each has a key
name the other never mentions ("Reid" against "Lohan"): they are then kept apart however
close their words are. A story that merely adds a name (a witness, a second city) does not
contrast, since the other side's key names are still there.

Names are the words of runs of capitalised words that do not open a sentence (the regular
expression the vectors use for names: no NER, the stories stage must keep up with a feed),
lower-cased, that are rare in English (wordfreq): "Chohan", "Queens", not "Street". Each
article's names are hashed into a block of its vector at a tiny scale (`MARK`), so that a
story's centroid counts how many of its members mention, and repeat, each name without
changing any cosine; the store keeps them with the centroid.
"""

from __future__ import annotations

import re
import zlib
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS
from wordfreq import zipf_frequency

from newsweave.text.lexicon import MONTHS, WEEKDAYS

N_MARKS = 2**17  # hashed name columns: mentions in the first half, key names in the second
MARK = 1e-3  # a mark's value: squared, 1e-6 per shared name, nothing to a cosine
NAME_ZIPF = 4.5  # words this common in English (Zipf scale) are not names that tell events apart
KEY_NAMES = 3  # an article's key names: its most repeated ones ...
KEY_MIN = 2  # ... named at least this often in its title and lead
STORY_KEY_SHARE = 0.4  # a story's key names are key names of at least this share of members
ABSENT_SHARE = 0.1  # a story "never mentions" a name that at most this share of it names
_CAPITALISED = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*")
_NOT_NAMES = frozenset(ENGLISH_STOP_WORDS) | frozenset(MONTHS) | frozenset(WEEKDAYS)


def names_of(text: str) -> Counter[str]:
    """How often each name word (lower-cased) occurs in the text: the words of capitalised
    runs that are rare in English ("Chohan", "Queens", not "Street", "Police", "Club")."""
    found: Counter[str] = Counter()
    for m in _CAPITALISED.finditer(text):
        found.update(w for w in m.group(0).lower().split() if _rare(w))
    return found


@lru_cache(maxsize=1 << 16)
def _rare(word: str) -> bool:
    return word not in _NOT_NAMES and zipf_frequency(word, "en") < NAME_ZIPF


def marks(texts: Sequence[str]) -> sparse.csr_matrix:
    """Each text's name marks (N_MARKS columns): MARK for every name it mentions, and in the
    second half MARK again for each of its key names."""
    half = N_MARKS // 2
    rows, cols = [], []
    for r, text in enumerate(texts):
        counts = names_of(text)
        cols_r = {_column(n) for n in counts}
        cols_r |= {half + _column(n) for n, c in counts.most_common(KEY_NAMES) if c >= KEY_MIN}
        rows += [r] * len(cols_r)
        cols += sorted(cols_r)
    return sparse.csr_matrix((np.full(len(cols), MARK, dtype=np.float32), (rows, cols)),
                             shape=(len(texts), N_MARKS))


def _column(name: str) -> int:
    return zlib.crc32(name.encode("utf-8")) % (N_MARKS // 2)


class Names:
    """A story's (or an article's) name counts read from the marks block of its vector:
    how many members mention each name and how many hold it as a key name."""

    __slots__ = ("keys", "mentions", "size")

    def __init__(self, size: int, mentions: Counter[int] | None = None,
                 keys: Counter[int] | None = None) -> None:
        self.size = size
        self.mentions: Counter[int] = mentions if mentions is not None else Counter()
        self.keys: Counter[int] = keys if keys is not None else Counter()

    @classmethod
    def of_row(cls, row: sparse.csr_matrix, start: int, size: int) -> Names:
        """The counts in columns [start, start + N_MARKS) of a one-row vector or centroid."""
        return cls._of_entries(row.indices, row.data, start, size)

    @classmethod
    def of_rows(cls, mat: sparse.csr_matrix, start: int) -> list[Names]:
        """`of_row` of each row of a matrix of article vectors (one member each)."""
        ptr = mat.indptr
        return [cls._of_entries(mat.indices[ptr[r]:ptr[r + 1]], mat.data[ptr[r]:ptr[r + 1]],
                                start, 1) for r in range(mat.shape[0])]

    @classmethod
    def _of_entries(cls, indices: np.ndarray, data: np.ndarray, start: int, size: int
                    ) -> Names:
        """The counts from a row's column indices and values (numpy picks out the marks
        block: a centroid holds thousands of word columns beside a few marks)."""
        half = N_MARKS // 2
        names = cls(size)
        k = indices.astype(np.int64) - start
        inside = np.flatnonzero((k >= 0) & (k < N_MARKS))
        if not len(inside):
            return names
        counts = np.rint(data[inside].astype(np.float64) / MARK).astype(np.int64)
        for col, count in zip(k[inside].tolist(), counts.tolist(), strict=True):
            if count > 0:
                (names.mentions if col < half else names.keys)[col % half] += count
        return names

    def add(self, other: Names) -> None:
        """Count another member (or story) in."""
        self.size += other.size
        self.mentions.update(other.mentions)
        self.keys.update(other.keys)

    def key_names(self) -> set[int]:
        """Names that at least STORY_KEY_SHARE of the members hold as key names."""
        return {n for n, c in self.keys.items() if c >= STORY_KEY_SHARE * self.size}

    def mentioned(self, name: int) -> bool:
        return self.mentions.get(name, 0) > ABSENT_SHARE * self.size


def contrast(a: Names, b: Names) -> bool:
    """Each side has a key name the other never mentions: two events, not one."""
    return (any(not b.mentioned(n) for n in a.key_names())
            and any(not a.mentioned(n) for n in b.key_names()))
