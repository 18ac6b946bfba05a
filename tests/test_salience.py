"""The summary stage's learned sentence salience, and the targets it is trained on."""

from __future__ import annotations

import numpy as np
import pytest

from newsweave.analyse import salience
from newsweave.analyse.claims import analyse_claims


@pytest.fixture(scope="module")
def scored(example_story):
    spans = [example_story.span(i) for i in range(len(example_story.sentences))]
    claims = analyse_claims(example_story)
    return (salience.features(example_story, claims, spans),
            salience.scores(example_story, claims, spans))


def test_one_finite_row_of_features_per_sentence(example_story, scored):
    x, _ = scored
    assert x.shape == (len(example_story.sentences), len(salience.FEATURES))
    assert np.isfinite(x).all()


def test_leads_outrank_closing_sentences(example_story, scored):
    _, worth = scored
    assert worth.max() == pytest.approx(1.0)
    by_article: dict[str, list[int]] = {}
    for row, s in enumerate(example_story.sentences):
        by_article.setdefault(s.article_id, []).append(row)
    for rows in by_article.values():
        assert worth[rows[0]] > worth[rows[-1]]
    # Of the sentences a summary may use (one opening with a quotation is never used), the
    # most salient is a lead.
    usable = [row for row, s in enumerate(example_story.sentences)
              if not s.text.startswith(('"', "“"))]
    top = max(usable, key=lambda row: worth[row])
    assert example_story.sentences[top].index == 0


def test_a_stale_model_file_is_refused(tmp_path, monkeypatch):
    import pickle

    stale = tmp_path / "salience.pkl"
    stale.write_bytes(pickle.dumps({"model": None, "sklearn": "0.1", "features": []}))
    monkeypatch.setattr(salience, "MODEL_PATH", stale)
    salience._saved.cache_clear()
    try:
        with pytest.raises(RuntimeError, match="train_salience"):
            salience.load()
    finally:
        salience._saved.cache_clear()


def test_targets_reward_the_sentence_that_repeats_the_reference(example_story):
    pytest.importorskip("rouge_score")
    from newsweave.eval.salience import targets

    lead = example_story.sentences[0].text
    y = targets(example_story, [lead])
    assert y[0] == pytest.approx(1.0)
    assert y.min() >= 0.0
    assert (y[1:] < 1.0).all()
