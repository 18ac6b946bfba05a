"""Framing: the same fact worded differently by outlets, and distinctive terms."""

from newsweave.analyse.framing import analyse_framing


def test_invented_story_contrast(example_story, models):
    framing = analyse_framing(example_story, models[1])
    kessmark = [c for c in framing.contrasts if c.anchor == "Kessmark"]
    assert kessmark
    joined = " / ".join(kessmark[0].phrases)
    assert "blockade" in joined and "strike" in joined
    assert len({w.outlet for w in kessmark[0].wordings}) == 2


def test_seed_crimea_contrast_and_few_contrasts(seed_story, models):
    framing = analyse_framing(seed_story, models[1])
    crimea = [c for c in framing.contrasts if c.anchor == "Crimea"]
    assert crimea
    joined = " / ".join(crimea[0].phrases)
    assert "annexation" in joined and "rejoined" in joined
    assert len(framing.contrasts) <= 5


def test_distinctive_terms_per_outlet(example_story, models):
    terms = {t.outlet: dict(t.terms) for t in analyse_framing(example_story, models[1])
             .distinctive_terms}
    assert "shipper" in terms["Coastal Times"]
    assert all(score > 1.0 for outlet in terms.values() for score in outlet.values())
