"""Framing: the same fact worded differently by outlets, and distinctive terms."""

import pytest

from newsweave.analyse.framing import analyse_framing
from newsweave.model import Article
from newsweave.stories.grouping import build_story


def _story(models, first: list[str], second: list[str]):
    """A story of two outlets' articles, one paragraph a line."""
    articles = [Article(id=i, text="\n".join(p), paragraphs=p, outlet=o)
                for i, p, o in (("a", first, "Herald"), ("b", second, "Wire"))]
    return build_story("s", articles, *models)


@pytest.mark.parametrize(("story", "anchor", "words"), [
    ("example_story", "Kessmark", ("blockade", "strike")),
    ("seed_story", "Crimea", ("annexation", "rejoined")),
])
def test_same_fact_worded_differently(request, models, story, anchor, words):
    framing = analyse_framing(request.getfixturevalue(story), models[1])
    found = [c for c in framing.contrasts if c.anchor == anchor]
    assert found
    joined = " / ".join(found[0].phrases)
    assert all(w in joined for w in words)
    assert len({w.outlet for w in found[0].wordings}) == 2
    assert len(framing.contrasts) <= 5


def test_distinctive_terms_per_outlet(example_story, models):
    terms = {t.outlet: dict(t.terms) for t in analyse_framing(example_story, models[1])
             .distinctive_terms}
    assert "shipper" in terms["Coastal Times"]
    assert all(score > 1.0 for outlet in terms.values() for score in outlet.values())


def test_seeds_report_only_a_handful_of_contrasts(seed_story, models):
    contrasts = analyse_framing(seed_story, models[1]).contrasts
    assert 1 <= len(contrasts) <= 3
    assert {w.source for c in contrasts for w in c.wordings} <= {
        d.id for d in seed_story.documents}


def test_a_question_is_no_wording_of_a_fact(models):
    first = ["The harbour council of Kessmark met on Monday to discuss the naval visit.",
             "“Who invited President Alvarez to Kessmark harbour?” one councillor asked.",
             "The council will vote on the visit next week."]
    second = ["President Alvarez will travel to Kessmark harbour next month to meet the "
              "dockworkers, the ministry said on Friday.",
              "The ministry said the visit would last two days."]
    assert analyse_framing(_story(models, first, second), models[1]).contrasts == []


def test_a_group_named_by_an_event_suffix_is_no_event(models):
    first = ["The mayor lost Friday's vote of confidence by a single vote.",
             "Despite help from a breakaway faction of the Communists, who formed a new party "
             "on Sunday, the mayor lost the vote.", "Her term ends in May."]
    second = ["The city council voted on Friday.",
              "The mayor's coalition is a loose alliance of the former Communists, known as "
              "the Left Party, and moderate independents.", "New elections may follow."]
    assert analyse_framing(_story(models, first, second), models[1]).contrasts == []


def _contrasted(models, first: list[str], second: list[str]) -> list[tuple[str, str]]:
    contrasts = analyse_framing(_story(models, first, second), models[1]).contrasts
    return [tuple(c.phrases) for c in contrasts]


def test_a_converse_with_a_shared_party_is_one_fact(models):
    first = ["Novelist Marta Quell won the Halden Prize for Literature on Thursday.",
             "The jury praised her third novel."]
    second = ["Marta Quell was awarded the Halden Prize for Literature on Thursday.",
              "She will receive the prize in Oslo in December."]
    found = _contrasted(models, first, second)
    assert any("won" in a and "awarded" in b for a, b in found)


# Pairs of sentences that share a name and are each other's closest sentence, yet tell two
# facts: each would be reported as a rewording but for one rule of the framing stage.
TWO_FACTS = {
    "acting and acted upon, nothing else shared": (
        "Police will guard President Alvarez during his first visit to Kessmark harbour.",
        "President Alvarez will travel to Kessmark harbour next month."),
    "a possibility": ("Mayor Alvarez could halt the dock strike in Kessmark this week.",
                      "Mayor Alvarez stopped the dock strike in Kessmark this week."),
    "a demand": ("The dockworkers' union demanded that Kessmark Shipping end the lockout at once.",
                 "Kessmark Shipping lifted the lockout at the harbour on Monday."),
    "different years": ("Chile annexed the Velka Islands in 1976, after years of border clashes.",
                        "Chile invaded the Velka Islands in 1975, after years of border clashes."),
    "a phrase naming the other event": (
        "Chile annexed the Velka Islands after invading them during the border war.",
        "Chile invaded the Velka Islands during the border war."),
    "a denied event": ("Judge Marta Quell did not convict the Kessmark harbour master of fraud.",
                       "Judge Marta Quell found the Kessmark harbour master guilty of bribery."),
    "a coordinated verb naming the other event": (
        "At the Halden gala on Friday, Marta Quell opened the envelope for the wrong prize.",
        "At the Halden gala on Friday, Marta Quell presented the prize for best score but "
        "opened the envelope for best song."),
    "a part of a place against the whole": (
        "The occupation of northern Peru by Chilean troops began on Monday.",
        "The invasion of Peru by Chilean troops began on Monday."),
    "how long, against when": (
        "Harbour master Marta Quell was arrested in Kessmark for taking bribes from shippers.",
        "Harbour master Marta Quell was imprisoned for six years for taking bribes from "
        "shippers in Kessmark."),
    "a noun for someone's part, not an event": (
        "Mayor Alvarez dismissed harbour master Marta Quell in September over the scandal.",
        "Dockworkers protested against Mayor Alvarez's treatment of harbour master Marta Quell "
        "after the scandal."),
}


@pytest.mark.parametrize("pair", TWO_FACTS.values(), ids=TWO_FACTS.keys())
def test_two_facts_about_one_name_are_no_rewording(models, pair):
    rest = "The council will meet again on Tuesday."
    assert _contrasted(models, [pair[0], rest], [pair[1], rest]) == []
