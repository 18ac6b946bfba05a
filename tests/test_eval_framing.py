"""The framing benchmark: the judgment files, and the CI check that every contrast on the
seeds and the 50 DUC 2004 clusters is judged and is one fact in other words."""

from __future__ import annotations

import pytest
from conftest import ROOT

from newsweave.eval.datasets import duc2003
from newsweave.eval.framing import (
    ANNOTATIONS,
    DUC2003,
    DUC2003_TASK3,
    MULTINEWS,
    WIKIREF,
    load,
    run,
)

DATA = ROOT.parent / "shared" / "data"


@pytest.mark.parametrize("path", [ANNOTATIONS, DUC2003, DUC2003_TASK3, MULTINEWS, WIKIREF])
def test_judgments_name_two_articles_and_a_verdict(path):
    verdicts = load(path)
    assert len(verdicts) >= 8
    assert set(verdicts.values()) == {"same", "unrelated"}
    assert all(len(key) == 2 and len({doc for doc, _ in key}) == 2 for _, key in verdicts)


def test_an_unknown_verdict_is_refused(tmp_path):
    bad = tmp_path / "bad.tsv"
    bad.write_text("cluster\tdoc_a\tsentence_a\tdoc_b\tsentence_b\tverdict\n"
                   "c\ta\t1\tb\t2\tmaybe\n", encoding="utf-8")
    with pytest.raises(ValueError, match="maybe"):
        load(bad)


@pytest.mark.slow
def test_framing_contrasts_on_the_seeds_and_duc2004_are_all_one_fact():
    if not (DATA / "mds" / "duc2004").is_dir():
        pytest.skip("../shared/data is not present")
    # the seeds and all 50 DUC 2004 clusters: every contrast reported is judged, and each is
    # one fact in other words
    precision, unjudged = run(DATA, echo=lambda _: None, full=False)
    assert unjudged == 0
    assert precision == 1.0


def test_duc2003_task3_clusters_are_read_with_their_references():
    root = DATA / "mds" / "duc2003"
    if not root.is_dir():
        pytest.skip("../shared/data is not present")
    task2, task3 = duc2003(root), duc2003(root, task=3)
    assert len(task2) == len(task3) == 30
    assert all(c.id.startswith("d1") and len(c.articles) >= 5 and len(c.references) >= 3
               for c in task3)
    assert not {a.id for c in task3 for a in c.articles} & {a.id for c in task2
                                                             for a in c.articles}
