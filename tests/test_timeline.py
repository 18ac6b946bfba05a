"""The timeline: dated facts resolved per article, merged across articles, in date order."""

from datetime import date
from pathlib import Path

import pytest

from newsweave.analyse.timeline import analyse_timeline
from newsweave.model import Article
from newsweave.text import prepare

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"

# an invented story: a ferry terminal in a made-up town, told by two outlets a day apart
HERALD = [
    "The Velden harbour authority will open the new ferry terminal on March 14, "
    "officials said on Monday.",
    "Construction of the terminal began in 2021 and cost 40 million euros.",
    "The town also elected a new council in 2021.",
    "The old pier closed last week after a storm damaged it.",
    "A day earlier, the mayor toured the site.",
    "Some residents had protested against the plan for two years.",
]
COURIER = [
    "Velden's new ferry terminal will open on March 14, the harbour authority announced.",
    "The old pier was closed last week, the harbour authority said.",
    "Construction of the terminal began in 2021.",
    "The 55-year-old harbour master said nothing.",
]


def _documents(models, published=(date(2024, 3, 5), date(2024, 3, 6))):
    articles = [Article(id=name, text="\n".join(lines), paragraphs=lines, published=day)
                for name, lines, day in zip(("herald", "courier"), (HERALD, COURIER),
                                            published, strict=True)]
    return list(prepare(articles, nlp=models[0]))


def test_two_outlets_one_timeline(models):
    events = analyse_timeline(_documents(models))
    table = [(e.date, e.expression, sorted(e.sources)) for e in events]
    assert table == [
        ("2021", "2021", ["courier", "herald"]),
        ("2021", "2021", ["herald"]),
        ("2024-02-26/2024-03-03", "last week", ["courier", "herald"]),
        ("2024-03-04", "Monday", ["herald"]),
        ("2024-03-14", "March 14", ["courier", "herald"]),
        (None, "A day earlier", ["herald"]),
    ]
    assert events[1].text == HERALD[2]
    assert events[4].text == HERALD[0]


def test_unknown_publication_date_leaves_relative_dates_unresolved(models):
    events = analyse_timeline(_documents(models, published=(date(2024, 3, 5), None)))
    by_expression = {}
    for e in events:
        by_expression.setdefault(e.expression, []).append((e.date, sorted(e.sources)))
    # the courier's "March 14" has no year of its own, but it is the herald's March 14
    assert by_expression["March 14"] == [("2024-03-14", ["courier", "herald"])]
    # "last week" can only be placed for the herald; the courier's stays unresolved
    assert by_expression["last week"] == [("2024-02-26/2024-03-03", ["herald"]),
                                          (None, ["courier"])]
    assert [e.date for e in events][-2:] == [None, None]


def test_month_day_without_any_year_sorts_after_resolved_dates(models):
    events = analyse_timeline(_documents(models, published=(None, None)))
    dates = [e.date for e in events]
    assert dates[:2] == ["2021", "2021"]
    assert dates[2] == "--03-14"
    assert set(dates[3:]) == {None}


def test_seed_timeline(models):
    path = SEEDS / "002_2dd9111a72d8d960.txt"
    if not path.is_file():
        pytest.skip("the seed article is not present")
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]

    def timeline(published):
        article = Article(id="seed", text="\n".join(lines), paragraphs=lines,
                          published=published)
        return {e.expression: e.date
                for e in analyse_timeline(list(prepare([article], nlp=models[0])))}

    assert timeline(None)["April 20"] == "--04-20"
    assert timeline(date(2016, 4, 12))["April 20"] == "2016-04-20"
    assert timeline(date(2016, 4, 12))["Tuesday"] == "2016-04-12"


def test_vague_times_stay_off_and_a_bare_month_is_the_last_one(models):
    lines = ["The dockworkers' strike at Kessmark began in December, the union said.",
             "At the end of the day, the port lost 3 million euros, Holm said.",
             "At the time, nobody expected the strike to last.",
             "The union will meet the port authority again in May."]
    (doc,) = prepare([Article(id="a", text="\n".join(lines), paragraphs=lines,
                              published=date(2026, 3, 10))], nlp=models[0])
    events = analyse_timeline([doc])
    assert [(e.date, e.expression) for e in events] == [("2025-12", "December"),
                                                       ("2026-05", "May")]
