"""The quote benchmark: the annotation file, the speaker matcher, and the CI subset of the
hand annotations with the issue's threshold (speaker accuracy ≥ 0.9)."""

from __future__ import annotations

import pytest
from conftest import ROOT

from newsweave.eval.quotes import load, run, same_speaker

DATA = ROOT.parent / "shared" / "data"


def test_annotations_hold_offsets_and_speakers_not_text():
    gold = load()
    assert len(gold) >= 100
    assert all(0 <= g.start < g.end and g.speakers and all(g.speakers) for g in gold)


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
    assert run(DATA, limit=10, show_errors=False, echo=lambda _: None, held_out=False) >= 0.9
