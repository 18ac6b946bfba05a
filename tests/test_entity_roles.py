"""Entity types checked against the words' role: a drug is no person, a fragment or a
function word no entity, a port no organisation; a surname joins the one person of the story
who bears it, and stays apart when two do. Articles invented here."""

from __future__ import annotations

import pytest

from newsweave.analyse.entities import analyse_entities
from newsweave.model import Article
from newsweave.text import prepare


def entities_of(*texts: str):
    articles = [Article(id=f"a{i}", text=t, paragraphs=t.split("\n"), outlet=f"Outlet {i}")
                for i, t in enumerate(texts)]
    return analyse_entities(list(prepare(articles)))


def names(entities, label: str | None = None) -> set[str]:
    return {e.name for e in entities if label is None or e.label == label}


def test_a_drug_written_in_lower_case_is_no_person():
    entities, index = entities_of(
        "Meth is cheaper than ever in the valley, police said on Tuesday.",
        "Officers seized two kilograms of meth and arrested Ola Brenner, 34, at a farm.")
    assert "Meth" not in names(entities)
    assert index.canonical("Meth") is None
    assert "Ola Brenner" in names(entities, "PERSON")


def test_fragments_and_function_words_are_never_entities():
    entities, _ = entities_of(
        "That was the end of it, said Ola Brenner. They didn't know.\n"
        "The council of Vell can't say whether it will reopen the road.",
        "It wasn't clear, Brenner said, whether Vell would pay.")
    found = names(entities)
    assert not found & {"n't", "That", "It", "The", "They", "'s"}
    assert all(any(c.isupper() for c in n) for n in found)


def test_fragments_the_model_calls_names_are_dropped():
    from spacy.tokens import Span

    articles = [Article(id="a0", text="Ola Brenner didn't say. That was all.")]
    (d,) = prepare(articles)
    by_text = {t.text: t.i for t in d.doc}
    d.doc.ents = [Span(d.doc, 0, 2, label="PERSON"),
                  Span(d.doc, by_text["n't"], by_text["n't"] + 1, label="GPE"),
                  Span(d.doc, by_text["That"], by_text["That"] + 1, label="PERSON")]
    entities, _ = analyse_entities([d])
    assert names(entities) == {"Ola Brenner"}


@pytest.mark.parametrize("texts", [
    ("Dockworkers in the port of Kessmark walked out on Monday.",
     "The strike at Kessmark cost shippers 3 million euros, Kessmark officials said."),
    ("Ferries stopped sailing in Kessmark on Monday as the strike spread.",
     "Kessmark has 40,000 inhabitants and the busiest harbour on the coast."),
])
def test_a_port_is_a_place_when_the_context_says_so(texts):
    entities, _ = entities_of(*texts)
    (kessmark,) = [e for e in entities if e.name == "Kessmark"]
    assert kessmark.label in {"GPE", "LOC"}


@pytest.mark.parametrize("texts", [
    ("Leaders condemned the annexation of Vellmark by its larger neighbour in 2014.",
     "Vellmark voted in a referendum that the West never recognised."),
    ("The army invaded Vellmark before dawn on Sunday.",
     "Vellmark's defenders held the bridges for three days."),
])
def test_a_territory_annexed_or_invaded_is_a_place(texts):
    entities, _ = entities_of(*texts)
    (vellmark,) = [e for e in entities if e.name == "Vellmark"]
    assert vellmark.label in {"GPE", "LOC"}


def test_a_bridge_is_a_facility_not_a_person():
    entities, _ = entities_of(
        "Engineers found a crack in the Orrin Bridge on Tuesday.",
        "The Orrin Bridge carries 18,000 vehicles a day, said Petra Voss.")
    labels = {e.name: e.label for e in entities}
    assert labels["Orrin Bridge"] == "FAC" and labels["Petra Voss"] == "PERSON"


def test_a_noun_the_parser_hangs_on_a_name_after_a_preposition_is_no_title():
    entities, _ = entities_of(
        "Viktor Lund was sentenced on Friday. His son, Erik Lund, was acquitted.",
        "The judge said she took into account Lund's age and his cooperation.")
    described = {e.name: e.descriptions for e in entities}
    assert described["Lund"] == [] and described["Erik Lund"] == ["His son"]


def test_a_name_that_qualifies_a_valley_or_river_is_a_place():
    entities, _ = entities_of("Homes were flooded in the Vell valley on Sunday night.",
                              "The Vell river burst its banks after two days of rain.")
    assert [e.label for e in entities if e.name == "Vell"] in (["LOC"], ["GPE"])


def test_a_firm_whose_offices_were_besieged_stays_an_organisation():
    entities, _ = entities_of("Protesters occupied Vellcorp on Monday.",
                              "The siege of Vellcorp's offices ended when police arrived.")
    assert [e.label for e in entities if e.name == "Vellcorp"] == ["ORG"]


def test_an_institution_after_in_stays_an_organisation():
    entities, _ = entities_of("The bill stalled in Congress on Tuesday.",
                              "Congress will vote again in March, the speaker said.")
    assert [e.label for e in entities if e.name == "Congress"] == ["ORG"]


def test_a_surname_joins_the_one_person_who_bears_it():
    entities, index = entities_of(
        "Martin Taylor, the harbour master, said the port would reopen on Friday.",
        "Taylor said ferries would sail at dawn. Taylor Vell, a ferry captain, was relieved.")
    assert index.canonical("Taylor") == "Martin Taylor"  # his surname before her given name
    (martin,) = [e for e in entities if e.name == "Martin Taylor"]
    assert "Taylor" in martin.aliases and len(martin.sources) == 2


def test_two_people_who_share_a_surname_stay_apart():
    entities, index = entities_of(
        "Martin Taylor, the harbour master, said the port would reopen on Friday.",
        "His son, Owen Taylor, a docker, said the strike was not over. Taylor left early.")
    assert index.canonical("Taylor") not in {"Martin Taylor", "Owen Taylor"}
    assert {"Martin Taylor", "Owen Taylor"} <= names(entities, "PERSON")


def test_a_surname_that_is_a_function_word_still_joins_its_person():
    _, index = entities_of("Prime Minister Theresa May met the harbour workers on Monday.",
                           "May said the port of Kessmark would stay open.")
    assert index.canonical("May") == "Theresa May"
