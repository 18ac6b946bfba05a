"""The two seed articles (read from ../shared/seeds, never copied) through the whole CLI."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from newsweave.cli import main

A, B = "000_ba1513b51ea85281", "002_2dd9111a72d8d960"


@pytest.fixture(scope="module")
def outputs(tmp_path_factory, seeds_dir):
    out = tmp_path_factory.mktemp("seeds")
    runner = CliRunner()
    result = runner.invoke(main, ["report", str(seeds_dir), "--quiet", "-o", str(out / "r.json"),
                                  "-o", str(out / "r.md"), "-o", str(out / "r.html")])
    assert result.exit_code == 0, result.output
    dated = runner.invoke(main, ["report", str(seeds_dir / f"{A}.txt"), str(seeds_dir / f"{B}.txt"),
                                 "--quiet", "--published", f"{B}=2016-04-12", "--format",
                                 "json"])
    assert dated.exit_code == 0, dated.output
    return {"json": json.loads((out / "r.json").read_text()), "dated": json.loads(dated.stdout),
            "md": (out / "r.md").read_text(), "html": (out / "r.html").read_text()}


@pytest.fixture(scope="module")
def story(outputs):
    assert len(outputs["json"]["stories"]) == 1
    return outputs["json"]["stories"][0]


def _matching(items, *words):
    return [i for i in items if all(w.lower() in i["text"].lower() for w in words)]


def test_two_articles_two_outlets(story):
    assert {a["id"] for a in story["articles"]} == {A, B}
    # plain text names no outlet: "unknown" (not the file name), the file is the input
    assert {a["outlet"] for a in story["articles"]} == {"unknown"}
    assert sorted(a["input"].rsplit("/", 1)[-1] for a in story["articles"]) == [f"{A}.txt",
                                                                                f"{B}.txt"]
    assert all(a["published"] is None for a in story["articles"])


def test_summary_cites_both(story):
    assert story["summary"]
    assert all(s["sources"] and set(s["sources"]) <= {A, B} for s in story["summary"])
    assert {src for s in story["summary"] for src in s["sources"]} == {A, B}


# The same-fact judgement (`match`, fitted on MSRP paraphrases) now decides consensus, and it
# misses two reworded pairs of the seeds that people read as one fact: "will take place in
# the next two weeks at the ... Brussels headquarters" / "would hold their first meeting ...
# on April 20 at the Brussels headquarters" (score 0.36) and a warning quoted whole by one
# article and inside a reported sentence by the other (0.33). Known misses, kept visible.
_MISSED = pytest.mark.xfail(strict=True, reason="the same-fact judgement misses this pair")


@pytest.mark.parametrize("words", [("first", "2014"),
                                   pytest.param(("Brussels", "headquarters"), marks=_MISSED),
                                   pytest.param(("business as usual",), marks=_MISSED)])
def test_consensus_claims(story, words):
    backed = [c for c in story["claims"] if c["support"] == "consensus"
              and set(c["sources"]) == {A, B}
              and any(all(w.lower() in st["text"].lower() for w in words)
                      for st in c["statements"])]
    assert backed, words


@_MISSED
def test_at_least_three_consensus_claims(story):
    assert sum(c["support"] == "consensus" for c in story["claims"]) >= 3


@pytest.mark.parametrize(("source", "words"), [(B, ("2002",)), (A, ("Lavrov", "Munich"))])
def test_single_source_claims(story, source, words):
    single = [c for c in _matching(story["claims"], *words) if c["support"] == "single_source"]
    assert single and all(c["sources"] == [source] for c in single)


def test_framing_annexation_against_rejoined(story):
    contrasts = story["framing"]["contrasts"]
    assert any("annexation" in " ".join(c["phrases"]) and "rejoined" in " ".join(c["phrases"])
               for c in contrasts)
    assert len(contrasts) <= 5


def test_quote_speakers(story):
    speakers = {q["speaker"] for q in story["quotes"]}
    assert any(s and "Stoltenberg" in s for s in speakers)
    assert any(s and "Zakharova" in s for s in speakers)
    pronouns = {"he", "she", "they", "it", "him", "her", "them"}
    assert not {s.lower() for s in speakers if s} & pronouns


def test_timeline_april_20(outputs, story):
    undated = [e for e in story["timeline"] if "April 20" in e["expression"]]
    assert undated and all(e["date"] in (None, "--04-20") for e in undated)
    dated = [e for e in outputs["dated"]["stories"][0]["timeline"]
             if "April 20" in e["expression"]]
    assert dated and dated[0]["date"] == "2016-04-20"


@pytest.mark.parametrize("fmt", ["json", "md", "html"])
def test_boilerplate_never_reaches_output(outputs, fmt):
    text = json.dumps(outputs[fmt]) if fmt == "json" else outputs[fmt]
    assert "Also Read" not in text


def test_untitled_articles_are_headed_by_the_summary(outputs, story):
    assert story["headline"] == story["summary"][0]["text"]
    heading = outputs["md"].splitlines()[2]
    assert heading.startswith("## ") and not heading.startswith("## Story")
    assert heading.replace("\\", "") == "## " + story["headline"]
