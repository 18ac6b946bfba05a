"""The entity benchmark: the annotation file and the CI subset (3 clusters) with the merge
precision newsweave holds on the full set (1.0) and a recall floor."""

from __future__ import annotations

import pytest
from conftest import ROOT

from newsweave.eval.entities import load, run

DATA = ROOT.parent / "shared" / "data"


def test_annotations_group_names_per_cluster():
    gold = load()
    assert len(gold) == 10
    for groups in gold.values():
        names = [n for g in groups for n in g]
        assert len(names) == len(set(names))  # each name in one entity only
        assert any(len(g) > 1 for g in groups)


@pytest.mark.slow
def test_entity_merging_on_the_ci_subset():
    if not (DATA / "mds" / "duc2004").is_dir():
        pytest.skip("../shared/data is not present")
    precision, recall = run(DATA, limit=3, show_errors=False, echo=lambda _: None)
    assert precision >= 0.95
    assert recall >= 0.6
