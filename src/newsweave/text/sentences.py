"""Splits articles into sentences with character offsets and named-entity mentions."""

from __future__ import annotations

import bisect
import multiprocessing
import os
import queue
import re
import threading
from collections.abc import Iterable, Iterator
from typing import TypeVar

from spacy.language import Language

from newsweave.interrupt import quiet_workers
from newsweave.model import Article, Document, Mention, Sentence
from newsweave.text import nlp as nlp_loader
from newsweave.text.boilerplate import (
    drop_boilerplate,
    is_furniture_sentence,
    strip_dateline,
    strip_links,
)

_MIN_WORD_CHARS = 2  # a sentence needs a word of two letters or more to be one
PROCESSES = 2  # spaCy parser processes: the machines have two cores
PARALLEL_FROM = 8  # fewer articles do not pay for starting a second process
READ_AHEAD = 256  # parsed articles held ahead of the reader at most
T = TypeVar("T")
DATELINE_WITHIN = 3  # scraped pages put a headline or a byline before the dateline
# Scrapers that join paragraphs drop the space after a full stop ("greet the new year.The
# party", "said Mara Vell.This year", 'the town hall."It is'); a word ending in two
# lower-case letters, a full stop and a capitalised word is two sentences. Abbreviations end
# in a capital ("U.S.") and domain names are lower case, so neither matches.
_GLUED = re.compile(r"(?<=[a-z]{2}[.!?])(?=[\"“]?[A-Z][a-z])")


def clean_text(article: Article) -> tuple[str, list[int]]:
    """The article text without boilerplate lines, bracketed links or dateline (in one of the
    first paragraphs), sentences glued by a scraper set apart, and each paragraph's offset."""
    paragraphs = [_GLUED.sub(" ", strip_links(p))
                  for p in drop_boilerplate(article.paragraphs or article.text.splitlines())]
    if article.title:  # a page's headline repeated atop its text is the title, not a sentence
        title = _words(article.title)
        paragraphs[:DATELINE_WITHIN] = [p for p in paragraphs[:DATELINE_WITHIN]
                                        if _words(p) != title]
    for k, p in enumerate(paragraphs[:DATELINE_WITHIN]):
        stripped = strip_dateline(p)
        if stripped != p:
            if stripped:
                paragraphs[k] = stripped
            else:  # a dateline on a line of its own
                paragraphs.pop(k)
            break
    starts, pos = [], 0
    for p in paragraphs:
        starts.append(pos)
        pos += len(p) + 1
    return "\n".join(paragraphs), starts


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def prepare(
    articles: Iterable[Article], nlp: Language | None = None, batch_size: int = 4
) -> Iterator[Document]:
    """Parse each article once; yields one Document per article, in input order. Batches of
    eight or more articles are parsed by two processes (the parser is single-threaded), but
    in a daemonic process."""
    nlp = nlp or nlp_loader.load()
    cleaned = [(a, *clean_text(a)) for a in articles]
    texts = [text for _, text, _ in cleaned]
    # A daemonic process (a Dask worker) may not start the parser's processes.
    processes = (PROCESSES if len(texts) >= PARALLEL_FROM and (os.cpu_count() or 1) > 1
                 and not multiprocessing.current_process().daemon else 1)
    if processes > 1:
        quiet_workers()  # Ctrl-C and SIGTERM stop the parser's workers through this process
    docs = nlp.pipe(texts, batch_size=batch_size, n_process=processes)
    if processes > 1:
        docs = _read_ahead(docs)
    for (article, text, starts), doc in zip(cleaned, docs, strict=True):
        yield Document(article=article, text=text, sentences=_sentences(article.id, doc, starts),
                       doc=doc)


def _read_ahead(items: Iterator[T], size: int = READ_AHEAD) -> Iterator[T]:
    """The items, while a thread takes the next ones: spaCy's worker processes wait until
    their parsed batch is read, and would sit idle while the caller works on a story."""
    buffer: queue.Queue = queue.Queue(size)
    stop = threading.Event()

    def fill() -> None:
        try:
            for item in items:
                if not _put(buffer, (True, item), stop):
                    return
            _put(buffer, (False, None), stop)
        except Exception as exc:  # re-raised in the reader's thread
            _put(buffer, (False, exc), stop)

    threading.Thread(target=fill, name="newsweave-read-ahead", daemon=True).start()
    try:
        while True:
            more, item = buffer.get()
            if not more:
                if item is not None:
                    raise item
                return
            yield item
    finally:
        stop.set()


def _put(buffer: queue.Queue, entry: tuple, stop: threading.Event) -> bool:
    """Put an entry, waiting for room; False if the reader stopped first."""
    while not stop.is_set():
        try:
            buffer.put(entry, timeout=0.1)
            return True
        except queue.Full:
            continue
    return False


def _sentences(article_id: str, doc, para_starts: list[int]) -> list[Sentence]:
    out: list[Sentence] = []
    para = 0
    ents = list(doc.ents)  # once per article: Span.ents walks all of the doc's entities
    ent_starts, ent_ends = [e.start for e in ents], [e.end for e in ents]
    for span in doc.sents:
        text = span.text.strip()
        if sum(c.isalnum() for c in text) < _MIN_WORD_CHARS or is_furniture_sentence(text):
            continue  # not a sentence, or a widget, credit or prompt inside a paragraph
        start = span.start_char + (len(span.text) - len(span.text.lstrip()))
        while para + 1 < len(para_starts) and para_starts[para + 1] <= start:
            para += 1
        inside = ents[bisect.bisect_left(ent_starts, span.start):
                      bisect.bisect_right(ent_ends, span.end)]  # entities never overlap
        mentions = [Mention(e.text, e.label_, e.start_char, e.end_char) for e in inside]
        out.append(Sentence(article_id=article_id, index=len(out), text=text, start=start,
                            end=start + len(text), paragraph=para, mentions=mentions))
    return out
