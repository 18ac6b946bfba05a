"""Date expressions resolved against the publication date, and never guessed without it."""

from datetime import date
from pathlib import Path

import pytest

from newsweave.text.dates import compatible, dates_in, is_duration, not_a_date, resolve_date

PUB = date(2016, 4, 12)  # a Tuesday
NEWSWIRE = date(1998, 10, 16)  # a Friday
SEED = Path(__file__).resolve().parents[1].parent / "shared" / "seeds" / (
    "002_2dd9111a72d8d960.txt")


@pytest.mark.parametrize(("expression", "with_date", "without"), [
    # absolute: the year is written
    ("April 20, 2016", "2016-04-20", "2016-04-20"),
    ("20 April 2016", "2016-04-20", "2016-04-20"),
    ("the 20th of April, 2016", "2016-04-20", "2016-04-20"),
    ("2016-04-20", "2016-04-20", "2016-04-20"),
    ("20.04.2016", "2016-04-20", "2016-04-20"),
    ("Wednesday, April 20, 2016", "2016-04-20", "2016-04-20"),
    ("March 2014", "2014-03", "2014-03"),
    ("August, 1997", "1997-08", "1997-08"),
    ("in 2014", "2014", "2014"),
    ("since 1995", "1995", "1995"),
    ("the year 2000", "2000", "2000"),
    ("late 1996", "1996-09/1996-12", "1996-09/1996-12"),
    ("the summer of 1997", "1997-06/1997-08", "1997-06/1997-08"),
    ("the third quarter of 1998", "1998-07/1998-09", "1998-07/1998-09"),
    ("the 1980s", "1980/1989", "1980/1989"),
    ("the early 1980s", "1980/1983", "1980/1983"),
    ("the 21st century", "2001/2100", "2001/2100"),
    ("1975-90", "1975/1990", "1975/1990"),
    ("between 1973 and 1983", "1973/1983", "1973/1983"),
    ("Christmas 1997", "1997-12-25", "1997-12-25"),
    # a day and month: the publication's year, or "--MM-DD"
    ("April 20", "2016-04-20", "--04-20"),
    ("on April 20", "2016-04-20", "--04-20"),
    ("20 April", "2016-04-20", "--04-20"),
    ("Oct. 12", "2016-10-12", "--10-12"),
    ("Sept. 20", "2016-09-20", "--09-20"),
    ("Dec. 20", "2015-12-20", "--12-20"),
    ("Christmas", "2015-12-25", "--12-25"),
    ("Nov. 17-18", "2015-11-17/2015-11-18", None),
    ("mid-April", "2016-04-11/2016-04-20", None),
    ("the end of May", "2015-05-21/2015-05-31", None),  # a bare month: the last one before
    ("Feb. 30", None, None),
    # relative to the publication date
    ("today", "2016-04-12", None),
    ("tonight", "2016-04-12", None),
    ("yesterday", "2016-04-11", None),
    ("last night", "2016-04-11", None),
    ("tomorrow", "2016-04-13", None),
    ("Tuesday", "2016-04-12", None),
    ("on Monday", "2016-04-11", None),
    ("Monday night", "2016-04-11", None),
    ("early Sunday", "2016-04-10", None),
    ("last Tuesday", "2016-04-05", None),
    ("next Friday", "2016-04-15", None),
    ("this Friday", "2016-04-15", None),
    ("last week", "2016-04-04/2016-04-10", None),
    ("last week's", "2016-04-04/2016-04-10", None),
    ("this week", "2016-04-11/2016-04-17", None),
    ("earlier this week", "2016-04-11/2016-04-12", None),
    ("late last week", "2016-04-08/2016-04-10", None),
    ("next week", "2016-04-18/2016-04-24", None),
    ("this weekend", "2016-04-16/2016-04-17", None),
    ("the weekend", "2016-04-09/2016-04-10", None),
    ("last month", "2016-03", None),
    ("next month", "2016-05", None),
    ("this month", "2016-04", None),
    ("earlier this month", "2016-04-01/2016-04-12", None),
    ("later this month", "2016-04-12/2016-04-30", None),
    ("this year", "2016", None),
    ("last year", "2015", None),
    ("earlier this year", "2016-01-01/2016-04-12", None),
    ("early next year", "2017-01/2017-04", None),
    ("December last year", "2015-12", None),
    ("last December", "2015-12", None),
    ("next March", "2017-03", None),
    ("this summer", "2016-06/2016-08", None),
    ("last summer", "2015-06/2015-08", None),
    ("this decade", "2010/2019", None),
    ("next century", "2101/2200", None),
    ("the '80s", "1980/1989", None),
    ("'98", "1998", None),
    ("in the next two weeks", "2016-04-12/2016-04-26", None),
    ("the next 18 months", "2016-04-12/2017-10-12", None),
    ("the past three years", "2013-04-12/2016-04-12", None),
    ("the past week", "2016-04-05/2016-04-12", None),
    ("within 10 days", "2016-04-12/2016-04-22", None),
    ("within days", "2016-04-12/2016-04-19", None),
    ("the coming days", "2016-04-12/2016-04-19", None),
    ("two years ago", "2014", None),
    ("about a year ago", "2015", None),
    ("three days ago", "2016-04-09", None),
    ("two weeks ago", "2016-03-28/2016-04-03", None),
    ("18 months ago", "2014-10", None),
    ("a few days ago", "2016-04-05/2016-04-11", None),
    ("Twenty-five years ago", "1991", None),
    ("Thanksgiving", "2015-11-26", None),
    ("last Christmas", "2015-12-25", None),
    # vague, anaphoric or open-ended: unresolved either way
    ("recently", None, None),
    ("these days", None, None),
    ("the past", None, None),
    ("recent years", None, None),
    ("the coming months", None, None),
    ("weeks ago", None, None),
    ("a day earlier", None, None),
    ("two years later", None, None),
    ("the next day", None, None),
    ("the following year", None, None),
    ("that day", None, None),
    ("March that year", None, None),
    ("more than two years ago", None, None),
    ("the third quarter", None, None),
    ("the season", None, None),
])
def test_resolution(expression, with_date, without):
    assert resolve_date(expression, PUB).iso == with_date
    assert resolve_date(expression, None).iso == without


@pytest.mark.parametrize(("expression", "iso"), [
    ("Friday", "1998-10-16"), ("Thursday", "1998-10-15"), ("Saturday", "1998-10-10"),
    ("last Friday", "1998-10-09"), ("Sep. 24", "1998-09-24"), ("Jan. 1", "1999-01-01"),
    ("July", "1998-07"), ("Election Day", "1998-11-03"), ("the 1970s", "1970/1979"),
    ("the past year", "1997-10-16/1998-10-16"), ("the last two years", "1996-10-16/1998-10-16"),
    ("Wednesday through Friday", "1998-10-14/1998-10-16"),
    ("January through September", "1998-01/1998-09"),
    ("between Nov. 3 and Nov. 16", "1998-11-03/1998-11-16"),
    ("the mid-1990s", "1993/1996"), ("this fall", "1998-09/1998-11"),
])
def test_newswire_expressions(expression, iso):
    assert resolve_date(expression, NEWSWIRE).iso == iso


def test_values_carry_days_and_exactness():
    day = resolve_date("April 20", PUB)
    assert (day.start, day.end, day.exact) == (date(2016, 4, 20), date(2016, 4, 20), True)
    week = resolve_date("last week", PUB)
    assert (week.start, week.end, week.exact) == (date(2016, 4, 4), date(2016, 4, 10), False)
    month_day = resolve_date("April 20", None)
    assert (month_day.start, month_day.iso, month_day.exact) == (None, "--04-20", True)
    assert resolve_date("Tuesday", None).start is None


def test_weekday_follows_the_tense():
    assert resolve_date("Friday", PUB, future=True).iso == "2016-04-15"
    assert resolve_date("Friday", PUB).iso == "2016-04-08"
    assert resolve_date("Tuesday", PUB, future=True).iso == "2016-04-12"


def test_tense_picks_the_year_of_a_yearless_date():
    assert resolve_date("Nov. 3", PUB).iso == "2015-11-03"
    assert resolve_date("Nov. 3", PUB, future=True).iso == "2016-11-03"
    assert resolve_date("April 20", PUB, future=False).iso == "2015-04-20"
    assert resolve_date("May", date(1998, 11, 30)).iso == "1998-05"  # a bare month leans back
    assert resolve_date("January", date(1998, 12, 19), future=False).iso == "1998-01"


@pytest.mark.parametrize("expression", [
    "two years", "almost two years", "for three weeks", "months", "a decade", "55-year-old",
    "a two-year", "12-day", "seven and a half years", "3 1/2 years", "the age of 77",
    "at least six weeks", "at most 3 days"])
def test_lengths_of_time_are_not_dates(expression):
    assert is_duration(expression)
    assert not_a_date(expression)
    assert resolve_date(expression, PUB).iso is None


@pytest.mark.parametrize("expression", ["daily", "annual", "every four years", "Tuesdays",
                                        "21", "37 yachts", "3 p.m."])
def test_frequencies_numbers_and_clock_times_are_not_dates(expression):
    assert not_a_date(expression)


@pytest.mark.parametrize("expression", ["last week", "Tuesday", "April 20", "recently"])
def test_times_are_dates(expression):
    assert not not_a_date(expression) and not is_duration(expression)


def test_compatible():
    window = resolve_date("in the next two weeks", date(2016, 4, 8))
    assert window.iso == "2016-04-08/2016-04-22"
    assert compatible(window, resolve_date("April 20", PUB)) is True
    assert compatible(window, resolve_date("April 20", None)) is True
    assert compatible(window, resolve_date("May 20", PUB)) is False
    assert compatible(window, resolve_date("May 20", None)) is False
    assert compatible(resolve_date("in the next two weeks", None),
                      resolve_date("April 20", PUB)) is None
    assert compatible(resolve_date("April 20", None), resolve_date("20 April", None)) is True
    assert compatible(resolve_date("April 20", None), resolve_date("April 21", None)) is False
    assert compatible(resolve_date("2016", None), resolve_date("April 20", PUB)) is True
    assert compatible(resolve_date("the 1980s", None), resolve_date("1991", None)) is False
    assert compatible(resolve_date("recently", PUB), resolve_date("April 20", PUB)) is None
    assert compatible(resolve_date("on Tuesday", None), resolve_date("Tuesday", None)) is True


def test_dates_in_reads_tense_and_skips_lengths_of_time(models):
    nlp = models[0]
    found = dates_in(nlp("The ministers will meet on Friday, a week after the 55-year-old "
                         "envoy served for two years."), PUB)
    assert [(d.expression, d.iso) for d in found] == [("Friday", "2016-04-15")]
    past = dates_in(nlp("The ministers met on Friday."), PUB)
    assert [d.iso for d in past] == ["2016-04-08"]
    held = dates_in(nlp("The talks were held on Nov. 3 and will resume on Nov. 3."), PUB)
    assert [d.iso for d in held] == ["2015-11-03", "2016-11-03"]
    noun = dates_in(nlp("Officials announced a meeting on April 20."), PUB)
    assert [d.iso for d in noun] == ["2016-04-20"]  # the meeting's tense is unknown
    assert [d.iso for d in dates_in(nlp("Nothing happened."), PUB)] == []
    assert [d.iso for d in dates_in(nlp("Monday."), PUB)] == ["2016-04-11"]  # no verb at all


def test_the_verb_last_is_no_date(models):
    nlp = models[0]
    assert dates_in(nlp("The repairs might last two months, the engineer said."), PUB) == []
    assert dates_in(nlp("The strike could last weeks."), PUB) == []
    lasted = dates_in(nlp("The storm lasted last week."), PUB)
    assert [d.expression for d in lasted] == ["last week"]
    window = dates_in(nlp("Sales fell in the last two months."), PUB)
    assert [d.iso for d in window] == ["2016-02-12/2016-04-12"]  # PUB: April 12


def test_likely_and_due_look_ahead(models):
    nlp = models[0]
    likely = dates_in(nlp("The weather service said more rain was likely on Thursday."), PUB)
    assert [d.iso for d in likely] == ["2016-04-14"]  # PUB: Tuesday April 12
    past = dates_in(nlp("The storm was severe on Thursday."), PUB)
    assert [d.iso for d in past] == ["2016-04-07"]


def test_dates_in_accepts_plain_text():
    assert [d.iso for d in dates_in("Talks ended on April 20, 2016.", None)] == ["2016-04-20"]


@pytest.fixture(scope="module")
def seed_doc(models):
    if not SEED.is_file():
        pytest.skip("the seed article is not present")
    return models[0](SEED.read_text(encoding="utf-8"))


def test_seed_dates_without_and_with_publication_date(seed_doc):
    unknown = {d.expression: d.iso for d in dates_in(seed_doc, None)}
    known = {d.expression: d.iso for d in dates_in(seed_doc, PUB)}
    assert unknown["April 20"] == "--04-20"
    assert known["April 20"] == "2016-04-20"
    assert unknown["Tuesday"] is None and known["Tuesday"] == "2016-04-12"
    assert known["next week"] == "2016-04-18/2016-04-24"
    assert "almost two years" not in known and "two years" not in known
    window = resolve_date("in the next two weeks", date(2016, 4, 8))
    april_20 = next(d for d in dates_in(seed_doc, PUB) if d.expression == "April 20")
    assert compatible(window, april_20) is True


@pytest.mark.parametrize(("sentence", "iso"), [
    # PUB is Tuesday 2016-04-12
    ("The regatta starts Saturday in the bay.", "2016-04-16"),  # present simple: ahead
    ("The ferry should be landing on Thursday morning.", "2016-04-14"),  # modal: ahead
    ("The vote was expected Wednesday.", "2016-04-13"),  # expected: ahead
    ("The council met Wednesday.", "2016-04-06"),  # past
    ("They may have met on Monday.", "2016-04-11"),  # modal perfect: behind
    ("Fans gathered for this Saturday's final.", "2016-04-16"),  # "this" the NER left out
    ("The jury praised this year's winner.", "2016"),
])
def test_tense_and_deixis_in_sentences(models, sentence, iso):
    nlp, _ = models
    assert [v.iso for v in dates_in(nlp(sentence), PUB)] == [iso]


@pytest.mark.parametrize(("month", "published", "future", "expected"), [
    ("December", date(2026, 3, 10), None, "2025-12"),  # the last December, not the next
    ("December", date(2026, 3, 10), False, "2025-12"),
    ("December", date(2026, 3, 10), True, "2026-12"),  # "will ... in December"
    ("December", date(2026, 12, 4), None, "2026-12"),  # its own month is not after it
    ("March", date(2026, 3, 10), True, "2026-03"),
    ("April", date(2026, 3, 10), None, "2025-04"),  # a month ahead is still the last one
    ("early December", date(2026, 3, 10), None, "2025-12-01/2025-12-11"),
    ("next December", date(2026, 12, 4), None, "2027-12"),
])
def test_a_bare_month_is_the_last_one_unless_the_tense_says_future(month, published, future,
                                                                   expected):
    assert resolve_date(month, published, future).iso == expected


@pytest.mark.parametrize(("sentence", "found"), [
    ("The strike at Kessmark began in December.", [("December", "2025-12")]),
    ("The ferry will return to Kessmark in December.", [("December", "2026-12")]),
    ("The council said in December it would close the port.", [("December", "2025-12")]),
    ("At the end of the day, the union got what it wanted.", []),
    ("The deal may be signed by the end of the day, officials said.", []),
    ("At the end of the week, we all want the same thing, Holm said.", []),
    ("The talks will resume at the end of the week.",
     [("the end of the week", "2026-03-13/2026-03-15")]),
    ("The port closed at the end of the year.", [("the end of the year", "2025-09/2025-12")]),
    ("At the time, nobody knew the port would close.", []),
    ("These days, ferries leave Kessmark every hour.", []),
    ("For the time being, the terminal stays shut.", []),
])
def test_vague_times_are_not_dates_and_tense_places_the_rest(sentence, found):
    from newsweave.text import nlp
    from newsweave.text.dates import dates_in

    values = dates_in(nlp.load()(sentence), date(2026, 3, 10))  # a Tuesday
    assert [(v.expression, v.iso) for v in values] == found


def test_in_two_weeks_ahead_is_a_date_and_behind_a_length(models):
    nlp = models[0]
    ahead = dates_in(nlp("The factory will shut in two weeks."), date(2026, 5, 4))
    assert [(d.expression, d.iso) for d in ahead] == [("in two weeks",
                                                        "2026-05-18/2026-05-24")]
    days = dates_in(nlp("The talks will resume in three days."), date(2026, 5, 4))
    assert [d.iso for d in days] == ["2026-05-07"]
    assert dates_in(nlp("The bridge was built in two weeks."), date(2026, 5, 4)) == []
    unknown = dates_in(nlp("The factory will shut in two weeks."), None)
    assert [d.iso for d in unknown] == [None]
