"""The cosine thresholds travel with the encoder and with the vectors it made: an encoder
with other thresholds changes the analyses' decisions without touching their code."""

from __future__ import annotations

from dataclasses import replace

from newsweave.analyse.claims import analyse_claims
from newsweave.embed import Embedder


def test_the_story_carries_its_encoders_thresholds(example_story):
    assert example_story.cosines == Embedder.cosines
    assert 0 < example_story.cosines.same_fact < 1


def test_claims_follow_the_story_s_same_fact_cosine(example_story):
    shipped = analyse_claims(example_story)
    strict = analyse_claims(replace(example_story, cosines=replace(
        example_story.cosines, same_fact=0.999)))
    loose = analyse_claims(replace(example_story, cosines=replace(
        example_story.cosines, same_fact=0.3)))

    def consensus(claims):
        return sum(c.support == "consensus" for c in claims)

    assert consensus(strict) < consensus(shipped) < consensus(loose)
