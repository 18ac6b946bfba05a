"""The quote benchmark: the annotation files, the speaker matcher, and the CI subset of the
hand annotations with the issue's threshold (speaker accuracy ≥ 0.9)."""

from __future__ import annotations

import pytest
from conftest import ROOT

from newsweave.eval.quotes import CORPORA, load, run, same_speaker

DATA = ROOT.parent / "shared" / "data"


@pytest.mark.parametrize("corpus", sorted(CORPORA))
def test_annotations_hold_offsets_and_speakers_not_text(corpus):
    development, held_out = (load(path) for path in CORPORA[corpus])
    assert len(development) >= 100 and len(held_out) >= 40
    for gold in (development, held_out):
        assert all(0 <= g.start < g.end and g.speakers and all(g.speakers) for g in gold)
    # held out by whole articles (Multi-News: whole clusters), never seen while tuning
    assert not {g.doc for g in development} & {g.doc for g in held_out}
    if corpus == "Multi-News":
        assert not ({g.doc.split("-")[0] for g in development}
                    & {g.doc.split("-")[0] for g in held_out})


@pytest.mark.parametrize(("predicted", "names", "same"), [
    ("Fidel Castro", ["Fidel Castro"], True),
    ("Castro", ["Fidel Castro"], True),
    ("Kang", ["Kang In-duk"], True),
    ("the statement", ["Sam Rainsy Party", "the statement"], True),
    ("Boris Yeltsin", ["Naina", "Mrs. Yeltsin"], False),
    ("Boris Yeltsin's wife", ["Mrs. Yeltsin"], False),
    ("the", ["the official"], False),
    (None, ["Hun Sen"], False),
])
def test_speaker_matching(predicted, names, same):
    assert same_speaker(predicted, names) is same


@pytest.mark.slow
def test_speaker_accuracy_on_the_ci_subset():
    if not (DATA / "mds" / "duc2004").is_dir():
        pytest.skip("../shared/data is not present")
    assert run(DATA, limit=10, show_errors=False, echo=lambda _: None, held_out=False,
               corpora=["DUC 2004"]) >= 0.9


@pytest.mark.slow
def test_speaker_accuracy_on_the_ci_subset_of_web_news():
    if not (DATA / "mds" / "multinews-val-sample").is_dir():
        pytest.skip("../shared/data is not present")
    assert run(DATA, limit=24, show_errors=False, echo=lambda _: None, held_out=False,
               corpora=["Multi-News"]) >= 0.9
