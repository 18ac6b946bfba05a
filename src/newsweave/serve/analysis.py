"""`newsweave analyse`: computes the reports of stored stories that gained articles since
their last report, and stores each with the sentences its evidence points at, so that the
web view (`newsweave serve`) only reads.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial

from newsweave.model import Article, Document, StoryReport
from newsweave.store import Store

CHUNK = 16  # stories parsed in one pass (the parser's worker processes start once a chunk)
_WORD = re.compile(r"\w+")
# How chunks are analysed: an ordered map (the built-in `map` here, or `newsweave.scale`'s
# over Dask tasks).
Runner = Callable[[Callable, Iterable], Iterator]


@dataclass
class Analysed:
    """One story's report as stored: JSON texts, and each article's sentences."""

    story_id: str
    version: str
    report: str
    evidence: str
    sentences: dict[str, str]


def analyse_stories(store: Store, story_ids: Sequence[str], words: int = 100,
                    on_story: Callable[[str], None] | None = None,
                    runner: Runner | None = None, chunk: int = CHUNK) -> int:
    """Report on each story and store the report at the version it covers; returns how many
    were stored (a story gone since it was listed is passed over). `runner` maps the
    analysis over chunks of `chunk` stories (elsewhere perhaps: Dask); the store is written
    here."""
    done = 0
    for results in (runner or map)(partial(analyse_chunk, words=words),
                                   _inputs(store, story_ids, chunk)):
        for a in results:
            store.save_analysis(a.story_id, a.version, a.report, a.evidence, a.sentences)
            done += 1
            if on_story:
                on_story(a.story_id)
    return done


def _inputs(store: Store, story_ids: Sequence[str], chunk: int
            ) -> Iterator[list[tuple[str, str, list[Article]]]]:
    """(id, version, articles) of the stories still there, `chunk` stories at a time."""
    for lo in range(0, len(story_ids), chunk):
        inputs = [(sid, *store.analysis_input(sid)) for sid in story_ids[lo:lo + chunk]]
        inputs = [(sid, version, arts) for sid, version, arts in inputs if version and arts]
        if inputs:
            yield inputs


def analyse_chunk(inputs: Sequence[tuple[str, str, Sequence[Article]]], words: int
                  ) -> list[Analysed]:
    """The stored form of each story's report: a function of the stories alone (no store),
    so it may run in another process. The encoder's cache is emptied before each story, so
    that a story's vectors, hence its report, do not depend on the stories analysed before
    it in this process."""
    from newsweave.embed import default_embedder
    from newsweave.pipeline import report
    from newsweave.render.data import story_dict
    from newsweave.text import prepare
    from newsweave.text.nlp import load

    nlp, embedder = load(), default_embedder()
    articles = [a for _, _, arts in inputs for a in arts]
    embedder.clear_cache()
    reports = {s.id: s for s in report(articles, words, nlp=nlp, embedder=embedder,
                                       on_story=lambda _: embedder.clear_cache()).stories}
    # The sentences the report's indices count, parsed again by the same text stage:
    # the pipeline's public entry point gives the report, not its parsed documents.
    parsed = prepare(articles, nlp=nlp)
    out = []
    for sid, version, members in inputs:
        documents = [next(parsed) for _ in members]
        story = reports[sid]
        out.append(Analysed(
            sid, version, json.dumps(story_dict(story), ensure_ascii=False),
            json.dumps(evidence(story, documents), ensure_ascii=False),
            {d.id: json.dumps([[s.index, s.paragraph, s.text] for s in d.sentences],
                              ensure_ascii=False) for d in documents}))
    return out


def evidence(story: StoryReport, documents: Sequence[Document]) -> dict:
    """Where each cited source states what the summary, timeline and quotes say: for every
    summary sentence (its evidence) and timeline event, {article id: sentence index}; for
    every quote, the index of its sentence in its article (None when it cannot be found)."""
    docs = {d.id: d for d in documents}
    claim_of = {(st.source, st.sentence): c for c in story.claims for st in c.statements}
    origin_of = {a.id: a.duplicate_of for a in story.articles if a.duplicate_of}

    def cited(text: str, sources: list[str]) -> dict[str, int]:
        found: dict[str, int] = {}
        own = next(((src, i) for src in sources for i in [_exact(docs.get(src), text)]
                    if i is not None), None)
        if own:
            found[own[0]] = own[1]
            claim = claim_of.get(own)
            for st in claim.statements if claim else []:
                if st.source in sources:
                    found.setdefault(st.source, st.sentence)
        for src in sources:
            if src in found or src not in docs:
                continue
            origin = origin_of.get(src)
            if origin in found:  # a syndicated copy: where it repeats its origin's sentence
                said = next(x.text for x in docs[origin].sentences if x.index == found[origin])
                best = _locate(docs[src], said)
            else:
                best = _closest(docs[src], text)
            if best is not None:
                found[src] = best
        return found

    # a summary sentence's evidence is the report's own: the sentences the judgement cited
    return {"summary": [{e.source: e.sentence for e in s.evidence} for s in story.summary],
            "timeline": [cited(e.text, e.sources) for e in story.timeline],
            "quotes": [_locate(docs.get(q.source), q.sentence) for q in story.quotes]}


def _locate(doc: Document | None, text: str) -> int | None:
    found = _exact(doc, text)
    return found if found is not None else _closest(doc, text)


def _exact(doc: Document | None, text: str) -> int | None:
    if doc is None:
        return None
    return next((s.index for s in doc.sentences if s.text.strip() == text.strip()), None)


def _closest(doc: Document | None, text: str) -> int | None:
    """The sentence sharing most words with `text` (a copy's wording may differ slightly)."""
    if doc is None or not doc.sentences:
        return None
    words = set(_WORD.findall(text.lower()))
    scores = [(len(words & set(_WORD.findall(s.text.lower()))), -s.index, s.index)
              for s in doc.sentences]
    best = max(scores)
    return best[2] if best[0] else None
