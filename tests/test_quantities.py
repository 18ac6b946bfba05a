"""Figures normalised so two outlets' numbers can be compared."""

import pytest

from newsweave.analyse.numbers import parse_number
from newsweave.analyse.quantities import quantities_in, same_quantity, same_unit


@pytest.mark.parametrize(("text", "value"), [
    ("1.2 million", 1_200_000), ("1,200,000", 1_200_000), ("1.2m", 1_200_000),
    ("two", 2), ("a dozen", 12), ("twenty-five", 25), ("three hundred", 300),
    ("$5bn", 5e9), ("several", None)])
def test_numbers(text, value):
    assert parse_number(text) == value


def _q(nlp, text):
    return quantities_in(nlp(text)[:])


def test_units_and_equivalence(models):
    nlp = models[0]
    (a,) = _q(nlp, "The storm destroyed 1.2 million homes.")
    (b,) = _q(nlp, "The storm destroyed 1,200,000 homes.")
    assert a.unit == b.unit == "home" and same_quantity(a, b)
    (p,) = _q(nlp, "Wages rise by 6 percent.")
    (r,) = _q(nlp, "Wages rise by 6%.")
    assert p.unit == r.unit == "percent" and same_quantity(p, r)
    (x,) = _q(nlp, "About 4,000 dockworkers returned.")
    (y,) = _q(nlp, "Roughly 3,200 workers returned.")
    assert same_unit(x, y) and not same_quantity(x, y)


def test_dates_are_not_figures(models):
    assert _q(models[0], "The council was founded in 2002 and met on April 20.") == []
