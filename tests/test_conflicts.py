"""Conflicts: different figures, dates, names or polarity for the same fact; relative dates
are resolved first, and unresolvable ones are unverifiable rather than conflicting."""

from __future__ import annotations

from datetime import date

import pytest

from newsweave.analyse.claims import extract_claims
from newsweave.analyse.conflicts import find_conflicts
from newsweave.model import Article
from newsweave.stories import build_story

BASE = ("The harbour council met on Monday to discuss the new ferry timetable.\n"
        "Members agreed that the early crossing would return in May.\n")


def conflicts(models, first: str, second: str, published=(None, None)):
    articles = [Article(id=f"a{i}", text=BASE + t, paragraphs=(BASE + t).split("\n")[:-1]
                        + [t], outlet=f"Outlet {i}", published=published[i])
                for i, t in enumerate((first, second))]
    story = build_story("s", articles, *models)
    return find_conflicts(story, extract_claims(story))


@pytest.mark.parametrize(("kind", "first", "second"), [
    ("number", "The fire destroyed 40 homes in the old town on Saturday night.",
     "The fire destroyed 75 homes in the old town on Saturday night."),
    ("date", "The new bridge over the river will open on June 3, 2026, the council said.",
     "The new bridge over the river will open on August 14, 2026, the council said."),
    ("place", "The delegation met the rebel leaders in Geneva on Tuesday to discuss a truce.",
     "The delegation met the rebel leaders in Vienna on Tuesday to discuss a truce."),
    ("negation", "The minister confirmed that the government will raise the fuel tax this year.",
     "The minister confirmed that the government will not raise the fuel tax this year."),
])
def test_injected_contradiction_is_found(models, kind, first, second):
    found = conflicts(models, first, second)
    assert [c.kind for c in found if c.status == "conflict"] == [kind]
    assert {st.source for st in found[0].statements} == {"a0", "a1"}


def test_same_fact_in_other_words_is_no_conflict(models):
    assert conflicts(models, "About 1.2 million people were left without power on Sunday.",
                     "Some 1,200,000 people were left without power on Sunday.") == []


def test_relative_date_resolved_before_comparing(models):
    first = "NATO ambassadors will meet Russian envoys in the next two weeks in Brussels."
    second = "NATO ambassadors will meet Russian envoys on April 20 in Brussels."
    assert conflicts(models, first, second, (date(2016, 4, 8), date(2016, 4, 12))) == []
    unknown = conflicts(models, first, second, (None, date(2016, 4, 12)))
    assert [c.status for c in unknown] == ["unverifiable"]
