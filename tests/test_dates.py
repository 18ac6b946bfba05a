"""Date expressions resolved against the publication date, and never guessed without it."""

from datetime import date

import pytest

from newsweave.analyse.dates import compatible, is_duration, resolve_date

PUB = date(2016, 4, 12)  # a Tuesday


@pytest.mark.parametrize(("expression", "with_date", "without"), [
    ("April 20", "2016-04-20", "--04-20"),
    ("on April 20", "2016-04-20", "--04-20"),
    ("20 April", "2016-04-20", "--04-20"),
    ("Oct. 12", "2016-10-12", "--10-12"),
    ("April 20, 2016", "2016-04-20", "2016-04-20"),
    ("2016-04-20", "2016-04-20", "2016-04-20"),
    ("March 2014", "2014-03", "2014-03"),
    ("in 2014", "2014", "2014"),
    ("the 1980s", "1980/1989", "1980/1989"),
    ("today", "2016-04-12", None),
    ("yesterday", "2016-04-11", None),
    ("Tuesday", "2016-04-12", None),
    ("on Monday", "2016-04-11", None),
    ("last Tuesday", "2016-04-05", None),
    ("next Friday", "2016-04-15", None),
    ("last week", "2016-04-04/2016-04-10", None),
    ("next month", "2016-05", None),
    ("this year", "2016", None),
    ("earlier this month", "2016-04-01/2016-04-12", None),
    ("in the next two weeks", "2016-04-12/2016-04-26", None),
    ("within 10 days", "2016-04-12/2016-04-22", None),
    ("two years ago", "2014", None),
    ("three days ago", "2016-04-09", None),
    ("December last year", "2015-12", None),
    ("recently", None, None),
    ("a day earlier", None, None),
    ("March that year", None, None),
])
def test_resolution(expression, with_date, without):
    assert resolve_date(expression, PUB).iso == with_date
    assert resolve_date(expression, None).iso == without


def test_weekday_in_a_future_sentence_is_the_coming_one():
    assert resolve_date("Friday", PUB, future=True).iso == "2016-04-15"
    assert resolve_date("Friday", PUB).iso == "2016-04-08"


@pytest.mark.parametrize("expression", ["two years", "almost two years", "55-year-old",
                                        "months", "for three weeks"])
def test_lengths_of_time_are_not_dates(expression):
    assert is_duration(expression)


def test_next_two_weeks_said_on_8_april_fits_april_20():
    window = resolve_date("in the next two weeks", date(2016, 4, 8))
    assert compatible(window, resolve_date("April 20", PUB)) is True
    assert compatible(window, resolve_date("April 20", None)) is True
    assert compatible(window, resolve_date("May 20", PUB)) is False
    assert compatible(resolve_date("in the next two weeks", None),
                      resolve_date("April 20", PUB)) is None
