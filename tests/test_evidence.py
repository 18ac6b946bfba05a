"""Citations are evidence: a source is cited for a summary sentence or a claim only where the
same-fact judgement says its sentence states that fact, with the sentence and its place in
the article; a claim with a conflict is disputed and links to it; the claims worth reading
come first and the rest are folded away in Markdown and HTML but kept in the JSON."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from newsweave.model import Article
from newsweave.pipeline import report
from newsweave.render import render, to_dict

FIXTURES = Path(__file__).parent / "fixtures" / "citations"


def _articles(name: str) -> list[Article]:
    spec = json.loads((FIXTURES / name).read_text(encoding="utf-8"))
    return [Article(id=a["id"], text=a["text"], outlet=a["outlet"], title=a["title"],
                    paragraphs=a["text"].split("\n"), published=date.fromisoformat(a["published"]))
            for a in spec["articles"]]


@pytest.fixture(scope="module")
def kessmark(example_articles, models):
    return report(example_articles, nlp=models[0], embedder=models[1])


@pytest.fixture(scope="module")
def storm(models):
    return report(_articles("storm.json"), nlp=models[0], embedder=models[1])


@pytest.fixture(scope="module")
def measles(models):
    return report(_articles("measles.json"), nlp=models[0], embedder=models[1])


def _cited_for(story, words: str) -> list[tuple[str, set[str]]]:
    """(text, cited sources) of every summary sentence and claim containing `words`."""
    found = [(s.text, set(s.sources)) for s in story.summary if words in s.text]
    return found + [(c.text, set(c.sources)) for c in story.claims if words in c.text]


def test_four_thousand_is_not_cited_to_the_outlet_saying_3200(kessmark):
    story = kessmark.stories[0]
    (claim,) = [c for c in story.claims if any("4,000" in st.text for st in c.statements)]
    assert claim.support == "disputed"
    assert any("3,200" in st.text for st in claim.statements)
    for text, sources in _cited_for(story, "4,000"):
        assert "wire-kessmark" not in sources, text
    assert story.conflicts[claim.conflicts[0]].values == ["About 4,000", "Roughly 3,200"]


def test_25_million_is_not_cited_to_the_outlet_saying_50_million(storm):
    story = storm.stories[0]
    claims = [c for c in story.claims
              if any("25 million" in e.text or "Twenty-five" in e.text for e in c.evidence)]
    assert claims
    for c in claims:
        assert "coast-radio" not in c.sources or c.support == "disputed", c.text
    for text, sources in _cited_for(story, "25 million") + _cited_for(story, "Twenty-five"):
        assert "coast-radio" not in sources, text
    # the outlets that do say 25 million back each other
    assert any({"valley-post", "eastern-ledger"} <= set(c.sources) for c in claims)


def test_28_cases_and_46_contacts_are_two_facts(measles):
    story = measles.stories[0]
    for c in story.claims:
        said = " ".join(e.text for e in c.evidence)
        assert not (("28" in said or "Twenty-eight" in said) and "46" in said), c.text
    cases = [c for c in story.claims if c.support != "single_source"
             and any("28" in e.text or "Twenty-eight" in e.text for e in c.evidence)]
    assert cases and all("46" not in e.text for c in cases for e in c.evidence)


def test_a_disputed_claim_links_to_its_conflict_in_every_format(measles):
    story = measles.stories[0]
    (disputed,) = [c for c in story.claims if c.support == "disputed"]
    conflict = story.conflicts[disputed.conflicts[0]]
    assert conflict.status == "conflict" and conflict.kind == "number"
    assert {(st.source, st.sentence) for st in conflict.statements} <= {
        (st.source, st.sentence) for st in disputed.statements}
    html = render(measles, "html")
    links = re.findall(r'href="#([^"]+)">conflict 1<', html)
    assert links and f'id="{links[0]}"' in html
    md = render(measles, "md")
    (target,) = re.findall(r"\[conflict 1\]\(#([^)]+)\)", md)
    assert f'<a id="{target}"></a>conflict 1' in md
    # consensus and disputed claims come first
    supports = [c.support for c in story.claims]
    assert supports.index("single_source") > max(supports.index("disputed"),
                                                  supports.index("consensus"))


def test_evidence_offsets_point_at_the_sentence_in_the_article(kessmark, storm, example_articles):
    texts = {a.id: a.text for a in example_articles}
    texts |= {a.id: a.text for a in _articles("storm.json")}
    for rep in (kessmark, storm):
        story = rep.stories[0]
        items = [e for s in story.summary for e in s.evidence]
        items += [e for c in story.claims for e in c.evidence]
        assert items
        for e in items:
            assert e.start is not None and texts[e.source][e.start:e.end] == e.text
    # coastal-times drops a boilerplate line before these sentences: offsets still count
    # in the text as given
    coastal = [e for c in kessmark.stories[0].claims for e in c.evidence
               if e.source == "coastal-times" and "Shipping firms" in e.text]
    assert coastal and coastal[0].start == texts["coastal-times"].index("Shipping firms")


def test_every_summary_source_has_its_evidence(storm):
    for s in storm.stories[0].summary:
        assert [e.source for e in s.evidence] == s.sources
        assert s.evidence[0].text == s.text  # its own sentence first


def test_evidence_is_placed_even_where_the_text_stage_cut_a_link(models):
    text = ("MORROW BAY (Coast Radio) - The harbour master, Ilse Brand, spoke to Bay FM "
            "(https://bay.example/live) on Monday about the 12 damaged piers.\n"
            "Repairs will cost 3 million euros, she said.")
    article = Article(id="a", text=text, outlet="Coast Radio", paragraphs=text.split("\n"))
    story = report([article], nlp=models[0], embedder=models[1]).stories[0]
    for e in [e for c in story.claims for e in c.evidence]:
        assert text[e.start:e.end] == e.text
    (piers,) = [e for c in story.claims for e in c.evidence if "piers" in e.text]
    assert "https://bay.example/live" in piers.text and piers.text.endswith("piers.")


def test_folded_claims_stay_in_the_json(kessmark):
    story = kessmark.stories[0]
    folded = [c for c in story.claims if c.support == "single_source" and not c.checkable]
    assert folded  # "He added that no workers would face disciplinary action."
    data = to_dict(kessmark)["stories"][0]
    assert [c["text"] for c in data["claims"] if not c["checkable"]] == [c.text for c in folded]
    md = render(kessmark, "md")
    claims_md = md.split("### Claims")[1].split("###")[0]
    assert f"{len(folded)} more single-source sentences in the JSON." in claims_md
    assert all(f"| {c.text}" not in claims_md for c in folded)
    html = render(kessmark, "html")
    details = html.split('<details class="folded">')[1].split("</details>")[0]
    assert all(c.text.replace("'", "&#39;") in details for c in folded)
    shown = [c for c in story.claims if c not in folded]
    assert all(c.checkable or c.support != "single_source" for c in shown)
