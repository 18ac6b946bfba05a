"""Figures normalised so two outlets' numbers can be compared."""

import pytest

from newsweave.text.numbers import parse_number
from newsweave.text.quantities import Quantity, quantities_in, same_quantity, same_unit


@pytest.mark.parametrize(("text", "value"), [
    ("1.2 million", 1_200_000), ("1,200,000", 1_200_000), ("1.2m", 1_200_000),
    ("two", 2), ("a dozen", 12), ("twenty-five", 25), ("three hundred", 300),
    ("$5bn", 5e9), ("several", None)])
def test_numbers(text, value):
    assert parse_number(text) == value


@pytest.fixture(scope="module")
def nlp(models):
    return models[0]


def _one(nlp, text: str) -> Quantity:
    (q,) = quantities_in(nlp(text)[:])
    return q


@pytest.mark.parametrize(("text", "value", "unit"), [
    ("The storm destroyed 1.2 million homes.", 1.2e6, "home"),
    ("The storm destroyed 1,200,000 homes.", 1.2e6, "home"),
    ("The storm destroyed 1.2m homes.", 1.2e6, "home"),
    ("Some 30 Ukrainian soldiers were wounded.", 30, "soldier"),
    ("Thirty of the soldiers were wounded.", 30, "soldier"),
    ("Twenty-five people were hurt.", 25, "person"),
    ("One hundred and fifty people were hurt.", 150, "person"),
    ("A dozen civilians fled.", 12, "civilian"),
    ("Prices rose 3%.", 3, "percent"),
    ("Prices rose 3 percent.", 3, "percent"),
    ("Prices rose three per cent.", 3, "percent"),
    ("The rate fell 2.5 percentage points.", 2.5, "percentage point"),
    ("The deal is worth $5 billion.", 5e9, "USD"),
    ("The deal is worth US$5bn.", 5e9, "USD"),
    ("The deal is worth £2.5 billion.", 2.5e9, "GBP"),
    ("The deal is worth €3 million.", 3e6, "EUR"),
    ("The deal is worth 40 million euros.", 4e7, "EUR"),
    ("The EU donated dlrs 38 million.", 3.8e7, "USD"),
    ("Outflows reached a billion dollars a day.", 1e9, "USD"),
    ("The talks lasted two weeks.", 14, "day"),
    ("The talks lasted 14 days.", 14, "day"),
    ("The talks lasted a week and a half.", 10.5, "day"),
    ("The talks lasted half an hour.", 0.5, "hour"),
    ("The talks lasted 90 minutes.", 1.5, "hour"),
    ("He served 18 months in prison.", 1.5, "year"),
    ("He served 3 1/2 years in prison.", 3.5, "year"),
    ("The 55-year-old driver was arrested.", 55, "age"),
    ("The convoy drove 40 km north.", 40, "km"),
])
def test_values_and_units(nlp, text, value, unit):
    q = _one(nlp, text)
    assert q.value == pytest.approx(value) and q.unit == unit


def test_offsets_point_into_the_text_given(nlp):
    text = "Officials said about 1,200 people and 40 trucks crossed."
    doc = nlp(text)
    for q in quantities_in(doc):
        assert text[q.start:q.end] == q.text
    sentence = nlp("First part. Then 75 homes burned.")[3:]
    (q,) = quantities_in(sentence)
    assert sentence.text[q.start:q.end] == q.text == "75"
    assert [q.text for q in quantities_in(doc)] == ["about 1,200", "40"]


@pytest.mark.parametrize("text", [
    "The council was founded in 2002 and met on April 20.",
    "The G7 met during COVID-19 near the Boeing 747 plant.",
    "The ceasefire deal, known as Minsk 2, held.",
    "It was the 3rd attempt, at 10:30 and again at 3 p.m.",
    "No one came; one of them left.",
    "Their No. 1 priority was a one-way ticket.",
    "Dozens of people and hundreds of cars were there.",
    "The talks resumed two weeks ago, after the past three years.",
])
def test_dates_times_ordinals_names_and_vague_amounts_are_not_figures(nlp, text):
    assert quantities_in(nlp(text)) == []


def test_plain_text_is_parsed():
    assert [(q.value, q.unit) for q in quantities_in("Rebels freed 12 hostages.")] == [
        (12, "hostage")]


@pytest.mark.parametrize(("a", "b", "same"), [
    ("About 1.2 million homes were lost.", "Some 1,200,000 homes were lost.", True),
    ("1.2 million homes were lost.", "1,230,000 homes were lost.", True),
    ("1.2 million homes were lost.", "1.4 million homes were lost.", False),
    ("Prices rose 3%.", "Prices rose three per cent.", True),
    ("Prices rose 3%.", "Prices rose 4%.", False),
    ("The strike lasted two weeks.", "The strike lasted 14 days.", True),
    ("The strike lasted two weeks.", "The strike lasted 10 days.", False),
    ("40 homes burned.", "75 homes burned.", False),
    ("More than 100 homes burned.", "150 homes burned.", True),
    ("More than 100 homes burned.", "80 homes burned.", False),
    ("Up to 100 homes burned.", "80 homes burned.", True),
    ("Nearly 1,000 homes burned.", "950 homes burned.", True),
    ("Nearly 1,000 homes burned.", "1,050 homes burned.", False),
    ("About 4,000 dockworkers returned.", "Roughly 3,200 workers returned.", False),
    ("40 homes burned.", "40 cars burned.", False),
])
def test_same_quantity(nlp, a, b, same):
    assert same_quantity(_one(nlp, a), _one(nlp, b)) is same


def test_same_unit(nlp):
    x, y = _one(nlp, "About 4,000 dockworkers returned."), _one(nlp, "3,200 workers returned.")
    assert same_unit(x, y)
    assert not same_unit(_one(nlp, "40 homes burned."), _one(nlp, "40 cars burned."))
    bare = Quantity("40", 40.0, None, 0, 2)
    assert not same_unit(bare, bare)


@pytest.mark.parametrize(("text", "value"), [
    ("The cyclist, aged 33, died in hospital.", 33),
    ("A girl aged 9 was found safe.", 9),
    ("Leah Marsh, 33, of Bristol, was named as the driver.", 33),
    ("The driver, 52, was unhurt.", 52),
    ("The 32-year-old driver was unhurt.", 32),
])
def test_an_age_however_written(nlp, text, value):
    q = _one(nlp, text)
    assert (q.value, q.unit) == (value, "age")


def test_a_number_after_a_comma_that_is_no_age(nlp):
    qs = quantities_in(nlp("In the end, 45 people signed the letter.")[:])
    assert [(q.value, q.unit) for q in qs] == [(45, "person")]


@pytest.mark.parametrize(("text", "low", "high", "unit"), [
    ("Between 20 and 30 homes were damaged.", 20, 30, "home"),
    ("Between 1 and 2 million people fled.", 1e6, 2e6, "person"),
    ("Some 20-30 people came.", 20, 30, "person"),
    ("Prices rose from 10 to 15 percent.", 10, 15, "percent"),
])
def test_a_range_is_one_quantity(nlp, text, low, high, unit):
    q = _one(nlp, text)
    assert (q.value, q.upper, q.unit) == (low, high, unit)


def test_a_range_holds_what_it_spans(nlp):
    (q,) = quantities_in(nlp("Between 20 and 30 homes were damaged.")[:])
    inside = Quantity("25", 25, "home", 0, 2)
    outside = Quantity("40", 40, "home", 0, 2)
    assert same_quantity(q, inside) and not same_quantity(q, outside)


def test_the_indefinite_article_counts_one(nlp):
    from newsweave.text.quantities import articles_in

    (one,) = articles_in(nlp("The court gave him a life sentence.")[:])
    (three,) = quantities_in(nlp("He received three life sentences.")[:])
    assert (one.text, one.value, one.unit) == ("a life sentence", 1, "sentence")
    assert same_unit(one, three) and not same_quantity(one, three)
    assert articles_in(nlp("He was jailed for a year.")[:]) == []
