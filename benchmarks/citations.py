"""Citation precision on stories whose sentences were labelled by hand with the facts they
state (tests/fixtures/citations/*.json: invented stories, and examples/ by sentence
prefixes). A citation of another outlet for a summary sentence or a claim is right when the
sentence it rests on states a fact of the cited sentence (the same value too: "25 million"
is not cited to "50 million"; in a claim marked disputed the conflicting side counts as
right when it states the same fact with another value).

Beside newsweave's citing (the same-fact judgement, `match`), in the same run, the cosine-only
citing it replaced (session 16: claims grouped by average-linkage cosine at the encoder's
same-fact cosine, a source cited for a summary sentence when its sentence was in the
sentence's claim and the conflict rules found no conflict between the two), on the same
summary sentences.

    .venv/bin/python benchmarks/citations.py
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np

from newsweave.analyse import analyse_story
from newsweave.analyse.conflicts import conflict_between
from newsweave.embed import default_embedder
from newsweave.ingest import read_inputs
from newsweave.model import Article, Statement, Story
from newsweave.stories.grouping import build_story
from newsweave.text.nlp import load

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "citations"


def read_story(path: Path) -> tuple[str, list[Article], dict]:
    """A labelled story: its id, its articles and {article id: [(prefix, labels)]}."""
    spec = json.loads(path.read_text(encoding="utf-8"))
    if spec.get("examples"):
        articles, _ = read_inputs([str(ROOT / "examples")])
    else:
        articles = [Article(id=a["id"], text=a["text"], outlet=a["outlet"], title=a["title"],
                            paragraphs=a["text"].split("\n"),
                            published=date.fromisoformat(a["published"]))
                    for a in spec["articles"]]
    return spec["story"], articles, spec["facts"]


def labeller(story: Story, facts: dict):
    """labels(article id, sentence index) -> the facts the sentence states (a copy's
    sentence takes the labels of the same words in its origin); unlabelled: its own."""
    def own(source: str, text: str) -> set[str]:
        for prefix, names in facts.get(source, []):
            if text.lstrip("\"“").startswith(prefix.lstrip("\"“")):
                return set(names)
        return set()

    texts = {(d.id, s.index): s.text for d in story.documents + story.copies
             for s in d.sentences}

    def labels(source: str, index: int) -> set[str]:
        text = texts[(source, index)]
        found = own(source, text) or own(story.duplicates.get(source, ""), text)
        return found or {f"{source}#{index}"}
    return labels


@dataclass
class Tally:
    right: int = 0
    cited: int = 0
    stated: int = 0  # (sentence, other outlet stating it) pairs: the recall's denominator
    found: int = 0

    def line(self, name: str) -> str:
        p = self.right / self.cited if self.cited else float("nan")
        r = self.found / self.stated if self.stated else float("nan")
        return f"| {name} | {self.cited} | {p:.3f} | {r:.3f} |"


def _base(labels: set[str]) -> set[str]:
    return {x.split("/")[0] for x in labels}


def old_groups(story: Story) -> list[list[int]]:
    """Session 16's claims: average linkage over cosine, one sentence per article."""
    sents, threshold = story.sentences, story.cosines.same_fact
    keep = [i for i, s in enumerate(sents) if len(s.text.split()) >= 5]
    sim = story.vectors @ story.vectors.T
    groups = [[i] for i in keep]
    pairs = sorted(((sim[i, j], i, j) for a, i in enumerate(keep) for j in keep[a + 1:]
                    if sim[i, j] >= threshold), reverse=True)
    owner = {i: g for g in groups for i in g}
    for _, i, j in pairs:
        a, b = owner[i], owner[j]
        if a is b or {sents[m].article_id for m in a} & {sents[m].article_id for m in b}:
            continue
        if np.mean([sim[x, y] for x in a for y in b]) < threshold:
            continue
        a += b
        for m in b:
            owner[m] = a
        groups = [g for g in groups if g is not b]
    return groups


def old_citing(story: Story, row: int, groups: list[list[int]]) -> list[int]:
    """Rows the old summary cited for a sentence: its claim's other members whose
    statements the conflict rules did not find in conflict with it."""
    group = next((g for g in groups if row in g), [row])
    published = {d.id: d.article.published for d in story.documents}

    def statement(r: int) -> Statement:
        s = story.sentences[r]
        return Statement.of(s, story.outlet(s.article_id))

    out = []
    for r in group:
        if r == row:
            continue
        c = conflict_between(statement(row), statement(r), story.span(row), story.span(r),
                             published)
        if c is None or c.status != "conflict":
            out.append(r)
    return out


def score(story: Story, labels, summary_rows: list[int], cited: list[list[tuple[str, int]]],
          tally: Tally) -> None:
    """Tally the citations of other articles (not copies) for each summary sentence."""
    for row, sources in zip(summary_rows, cited, strict=True):
        s = story.sentences[row]
        mine = labels(s.article_id, s.index)
        others = {d.id for d in story.documents} - {s.article_id}
        stating = {d.id for d in story.documents if d.id in others
                   and any(labels(d.id, x.index) & mine for x in d.sentences)}
        tally.stated += len(stating)
        for source, index in sources:
            if source in others:
                tally.cited += 1
                ok = bool(labels(source, index) & mine)
                tally.right += ok
                tally.found += ok and source in stating


def score_claims(claims, labels, tally: Tally) -> None:
    """Tally each multi-outlet claim's statements against its text's statement."""
    for c in claims:
        if len(c.outlets) < 2:
            continue
        central = next(st for st in c.statements if st.text == c.text)
        mine = labels(central.source, central.sentence)
        for st in c.statements:
            if st is central:
                continue
            theirs = labels(st.source, st.sentence)
            tally.cited += 1
            tally.right += bool(theirs & mine) or (
                c.support == "disputed" and bool(_base(theirs) & _base(mine)))


def main() -> None:
    nlp, embedder = load(), default_embedder()
    new_sum, old_sum, new_claims, old_claims = Tally(), Tally(), Tally(), Tally()
    for path in sorted(FIXTURES.glob("*.json")):
        story_id, articles, facts = read_story(path)
        story = build_story(story_id, articles, nlp, embedder)
        labels = labeller(story, facts)
        report = analyse_story(story, 100, embedder)
        rows = [next(i for i, s in enumerate(story.sentences)
                     if s.text == x.text and s.article_id == x.sources[0])
                for x in report.summary]
        score(story, labels, rows, [[(e.source, e.sentence) for e in x.evidence]
                                    for x in report.summary], new_sum)
        groups = old_groups(story)
        score(story, labels, rows,
              [[(story.sentences[r].article_id, story.sentences[r].index)
                for r in old_citing(story, row, groups)] for row in rows], old_sum)
        score_claims(report.claims, labels, new_claims)
        score_claims(_old_claims(story, groups), labels, old_claims)
        print(f"{story_id}: {len(report.summary)} summary sentences, "
              f"{sum(len(c.outlets) > 1 for c in report.claims)} multi-outlet claims")
    print("\n| citing | citations of other outlets | precision | recall |")
    print("|---|---:|---:|---:|")
    print(new_sum.line("summary, same-fact judgement (newsweave)"))
    print(old_sum.line("summary, cosine-only (session 16)"))
    print(new_claims.line("claims, same-fact judgement (newsweave)").rsplit("|", 2)[0] + "| |")
    print(old_claims.line("claims, cosine-only (session 16)").rsplit("|", 2)[0] + "| |")


@dataclass
class _OldClaim:
    text: str
    statements: list[Statement]
    outlets: list[str]
    support: str = "consensus"


def _old_claims(story: Story, groups: list[list[int]]) -> list[_OldClaim]:
    out = []
    for g in groups:
        if len(g) < 2:
            continue
        vecs = story.vectors[g]
        central = g[int(np.argmax((vecs @ vecs.T).sum(axis=1)))]
        statements = [Statement.of(story.sentences[r], story.outlet(
            story.sentences[r].article_id)) for r in g]
        out.append(_OldClaim(story.sentences[central].text, statements,
                             list(dict.fromkeys(st.outlet for st in statements))))
    return out


if __name__ == "__main__":
    main()
