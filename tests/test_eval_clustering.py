"""The clustering benchmark's own parts: newsweave through the store, the single-pass
baseline, the table, and the Reuters-21578 reader (on an invented SGML file)."""

from __future__ import annotations

from dataclasses import replace

from conftest import ROOT
from corpus import story_articles

from newsweave.eval.cluster_metrics import score
from newsweave.eval.clustering import Row, Table, newsweave_labels, single_pass_labels
from newsweave.eval.reuters import records


def test_newsweave_labels_come_from_the_store_and_recover_invented_stories():
    articles = story_articles(4, 6, seed=3)
    labels = newsweave_labels(articles)
    assert len(labels) == len(articles)
    assert score([a.story for a in articles], labels).bcubed_f1 > 0.9


def test_non_articles_are_scored_as_singletons():
    articles = story_articles(2, 4, seed=5)
    articles[0] = replace(articles[0], non_article="cookie or consent wall")
    labels = newsweave_labels(articles)
    assert labels[0] == f"aside:{articles[0].id}"
    assert labels.count(labels[0]) == 1


def test_single_pass_baseline_groups_by_threshold():
    articles = story_articles(3, 5, seed=1)
    gold = [a.story for a in articles]
    assert score(gold, single_pass_labels(articles, threshold=0.2)).bcubed_f1 > 0.9
    assert len(set(single_pass_labels(articles, threshold=1.01))) == len(articles)


def test_table_reports_margin_over_bertopic():
    a = score(["x", "x", "y"], ["1", "1", "2"])
    b = score(["x", "x", "y"], ["1", "2", "3"])
    table = Table("mds", 3, 2, [Row("newsweave", a, 1.0), Row("BERTopic (defaults)", b, 2.0)])
    text = table.markdown()
    assert "| newsweave | 1.000 | 1.000 | 1.000 |" in text
    assert f"{100 * (a.bcubed_f1 - b.bcubed_f1):+.1f}" in text


SGML = """<!DOCTYPE lewis SYSTEM "lewis.dtd">
<REUTERS TOPICS="YES" NEWID="7">
<DATE> 5-MAR-1987 10:00:00.00</DATE>
<TEXT>&#2;
<TITLE>GRAVEL CO &lt;GRV> RAISES OUTPUT</TITLE>
<DATELINE>    TORVIK, March 5 - </DATELINE><BODY>Gravel Co said it raised output at its
quarry by ten pct in the first quarter.
    The company said demand from road builders was
strong.
 Reuter
&#3;</BODY></TEXT>
</REUTERS>
<REUTERS TOPICS="NO" NEWID="8">
<DATE>6-MAR-1987 11:00:00.00</DATE>
<TEXT TYPE="BRIEF">&#2;
<TITLE>QUARRY STRIKE ENDS IN TORVIK</TITLE>
</TEXT>
</REUTERS>
"""


def test_reuters_reader_rejoins_paragraphs_and_keeps_briefs(tmp_path):
    (tmp_path / "reut2-000.sgm").write_bytes(SGML.encode("latin-1"))
    first, brief = records(tmp_path)
    assert first["id"] == "reuters-7"
    assert first["published"] == "1987-03-05"
    assert first["title"] == "GRAVEL CO <GRV> RAISES OUTPUT"
    assert first["text"].split("\n")[:2] == [
        "Gravel Co said it raised output at its quarry by ten pct in the first quarter.",
        "The company said demand from road builders was strong."]
    assert brief["text"] == "QUARRY STRIKE ENDS IN TORVIK"
    assert brief["published"] == "1987-03-06"


def test_uci_halves_split_the_stories_between_them():
    from newsweave.eval.clustering_sets import uci_half, uci_headlines

    data = ROOT.parent / "shared" / "data"
    dev, held = uci_half(data, True), uci_half(data, False)
    assert dev and held and len(dev) + len(held) == len(uci_headlines(data))
    assert not {a.story for a in dev} & {a.story for a in held}


def test_the_ceiling_picks_the_threshold_and_window_that_fit_the_gold_labels():
    import numpy as np

    from newsweave.eval.clustering_ceiling import ceiling, tfidf_similarity

    articles = story_articles(3, 5, seed=2)
    best = ceiling(articles, tfidf_similarity(articles), "tf-idf")
    assert best.scores.bcubed_f1 == 1.0 and 0 < best.threshold < 0.6
    # one event told twice, a year apart: only the window can tell the two apart
    again = [replace(a, id=a.id + "-again", story=a.story + "-again",
                     published=a.published.replace(year=a.published.year + 1))
             for a in articles]
    both = articles + again
    similarity = tfidf_similarity(both)
    assert ceiling(both, similarity).windowed
    assert ceiling(both, similarity, window_days=10_000).scores.bcubed_f1 < 0.8
    noise = np.random.default_rng(0).uniform(0, 1, similarity.shape)
    assert ceiling(both, noise).scores.bcubed_f1 < 0.8  # a similarity that knows nothing


def test_ecbplus_gives_newsweave_the_text_only_and_scores_both_gold_levels():
    from newsweave.eval.clustering_sets import ecbplus, ecbplus_topic

    articles = ecbplus(ROOT.parent / "shared" / "data")
    assert len(articles) == 462
    # ids made by the loader, in shuffled order: nothing of the corpus's id, URL or date
    assert all(a.url is None and a.published is None for a in articles)
    assert [a.id for a in articles] == [f"ecbplus-{n:03d}" for n in range(1, 463)]
    assert ecbplus_topic("12ecbplus") == "12"
    a = score(["1ecb", "1ecbplus"], ["x", "x"])
    b = score(["1", "1"], ["x", "x"])
    text = Table("ecbplus", 2, 2, [Row("newsweave", a, 1.0, b),
                                   Row("BERTopic (defaults)", a, 1.0, b)]).markdown()
    assert "topic-level BCubed F1" in text and text.count("| 1.000 |") >= 2
