"""Decisions of the test suite's stories that sit within 0.02 of a cosine threshold (issue 29).

A change of encoder (another quantization, another CPU's kernels) moves cosines by up to
about 0.01-0.02; a test whose outcome hinges on a cosine that close to its threshold flips
with it. For the stories the tests build (the seeds in ../shared/seeds, the invented
Kessmark story in examples/), this lists:

- every pair of sentences of different articles whose cosine lies within MARGIN of the
  encoder's same_fact (claims) or related (framing) cosine;
- for each rule (claims' same_fact; framing's related, align_margin, event_phrases and
  event_phrases_with_figure; conflicts' same_event), whether its outcome on the story
  changes when the threshold (a field of `Story.cosines`) moves by -MARGIN or +MARGIN.

    .venv/bin/python benchmarks/knife_edges.py
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import numpy as np

from newsweave.analyse import claims, conflicts, framing
from newsweave.embed import default_embedder
from newsweave.model import Article, Story
from newsweave.stories.grouping import build_story
from newsweave.text.nlp import load

MARGIN = 0.02
ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
EXAMPLES = ROOT / "examples"


def _lines(path: Path, **meta) -> Article:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return Article(id=path.stem, text="\n".join(lines), paragraphs=lines, **meta)


def stories() -> dict[str, Story]:
    """The seeds' story and the examples' story, built as tests/conftest.py builds them."""
    examples = []
    for p in sorted(EXAMPLES.glob("*.json")):
        rec = json.loads(p.read_text(encoding="utf-8"))
        examples.append(Article(id=rec["id"], text=rec["text"], outlet=rec["outlet"],
                                paragraphs=rec["text"].split("\n"), title=rec["title"],
                                published=date.fromisoformat(rec["published"])))
    examples.append(_lines(EXAMPLES / "coastal-times.txt", outlet="Coastal Times"))
    nlp, embedder = load(), default_embedder()
    out = {"kessmark (examples/)": build_story("kessmark", examples, nlp, embedder)}
    if SEEDS.is_dir():
        seeds = [_lines(p) for p in sorted(SEEDS.glob("*.txt"))]
        out["seeds"] = build_story("seeds", seeds, nlp, embedder)
    return out


def near_pairs(story: Story, threshold: float, min_words: int = 0) -> list[tuple]:
    """Pairs of sentences of different articles whose cosine is within MARGIN of threshold."""
    sents, sim = story.sentences, story.vectors @ story.vectors.T
    rows = []
    for i, j in zip(*np.nonzero(np.triu(np.abs(sim - threshold) < MARGIN, 1)), strict=True):
        a, b = sents[i], sents[j]
        if a.article_id != b.article_id and min(len(a.text.split()),
                                                len(b.text.split())) >= min_words:
            rows.append((float(sim[i, j]), a, b))
    return sorted(rows, key=lambda r: abs(r[0] - threshold))


def _with(story: Story, field: str, value: float) -> Story:
    """The story with one of its encoder's cosine thresholds set to `value`."""
    return replace(story, cosines=replace(story.cosines, **{field: value}))


def outcomes(story: Story) -> list[tuple[str, float, float, list[str]]]:
    """(rule, threshold, shift, what changes) for every rule and shift of ±MARGIN."""
    embedder = default_embedder()

    def claim_groups(s: Story) -> set[tuple[int, ...]]:
        return {tuple(g) for g in claims.group_sentences(s, claims.judge_story(s))
                if len(g) > 1}

    def contrasts(s: Story) -> set[str]:
        return {f"{c.anchor}: {c.phrases[0]!r} / {c.phrases[1]!r}"
                for c in framing.analyse_framing(s, embedder).contrasts}

    def found_conflicts(s: Story) -> set[str]:
        return {f"{c.kind} {' / '.join(c.values)}: "
                + " / ".join(repr(st.text[:50]) for st in c.statements)
                for c in conflicts.analyse_conflicts(
                    s, claims.judge_story(s, embedder.encode), embed=embedder.encode)}

    def describe(base: set, moved: set) -> list[str]:
        return ([f"lost {x}" for x in sorted(map(str, base - moved))]
                + [f"gained {x}" for x in sorted(map(str, moved - base))])

    rows = []
    for rule, field, run in (("claims", "same_fact", claim_groups),
                             ("framing", "related", contrasts),
                             ("framing", "align_margin", contrasts),
                             ("framing", "event_phrases", contrasts),
                             ("framing", "event_phrases_with_figure", contrasts),
                             ("conflicts", "same_event", found_conflicts)):
        value = getattr(story.cosines, field)
        base = run(story)
        for shift in (-MARGIN, MARGIN):
            moved = run(_with(story, field, value + shift))
            rows.append((f"{rule} {field}", value, shift, describe(base, moved)))
    return rows


def main() -> None:
    for name, story in stories().items():
        print(f"\n## {name}: {len(story.documents)} articles, {len(story.sentences)} "
              "sentences\n")
        for label, threshold, words in (("claims same_fact", story.cosines.same_fact,
                                         claims.MIN_WORDS),
                                        ("framing related", story.cosines.related, 0)):
            pairs = near_pairs(story, threshold, words)
            print(f"{label} = {threshold}: {len(pairs)} pairs within {MARGIN}")
            for cos, a, b in pairs:
                print(f"  {cos:.3f}  {a.article_id}#{a.index} {a.text[:70]!r} / "
                      f"{b.article_id}#{b.index} {b.text[:70]!r}")
        print("\n| rule | threshold | shift | outcome on this story |")
        print("|---|---|---|---|")
        for rule, threshold, shift, changes in outcomes(story):
            print(f"| {rule} | {threshold} | {shift:+.2f} | "
                  f"{'; '.join(changes) or 'unchanged'} |")


if __name__ == "__main__":
    main()
