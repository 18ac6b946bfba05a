"""Conflicts: different figures, dates, names or polarity for the same fact; relative dates
are resolved first, and unresolvable ones are unverifiable rather than conflicting."""

from __future__ import annotations

from datetime import date

import pytest

from newsweave.analyse.claims import judge_story
from newsweave.analyse.conflicts import analyse_conflicts
from newsweave.analyse.entities import analyse_entities
from newsweave.model import Article
from newsweave.stories.grouping import build_story

BASE = ("The harbour council met on Monday to discuss the new ferry timetable.\n"
        "Members agreed that the early crossing would return in May.\n")


def conflicts(models, first: str, second: str, published=(None, None)):
    """The conflicts of a story of two articles, names merged by the story's entity index as
    `analyse_story` merges them."""
    articles = [Article(id=f"a{i}", text=BASE + t, paragraphs=(BASE + t).split("\n")[:-1]
                        + [t], outlet=f"Outlet {i}", published=published[i])
                for i, t in enumerate((first, second))]
    story = build_story("s", articles, *models)
    embed = models[-1].encode
    _, index = analyse_entities(story.documents)

    def canonical(name: str) -> str:
        return index.canonical(name) or name

    return analyse_conflicts(story, judge_story(story, embed, canonical), canonical, embed)


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


def test_an_age_after_a_name_is_a_figure(models):
    found = conflicts(models, "The driver, 19, of West Hartford was arrested after the crash.",
                      "The driver, 45, of West Hartford was arrested after the crash.")
    assert [(c.kind, c.values) for c in found] == [("number", ["19", "45"])]


def test_a_date_both_give_does_not_hide_the_one_that_differs(models):
    first = "The accord, signed Oct. 23 in Washington, was to take effect this past week."
    second = "The accord, signed June 23 in Washington, was to take effect this past week."
    found = conflicts(models, first, second, (date(1998, 11, 8), date(1998, 11, 8)))
    assert [(c.kind, c.status) for c in found] == [("date", "conflict")]
    assert "Oct. 23" in found[0].values[0] and "June 23" in found[0].values[1]


def test_an_undated_copy_that_changes_a_weekday_conflicts_with_its_origin(models):
    lines = [f"Paragraph {n} of the report on the harbour strike says the talks went on and "
             f"the union asked for item number {n} of its list to be met." for n in range(12)]
    origin = [*lines, "The union leader told reporters on Tuesday that the strike would end."]
    copy = [*lines, "The union leader told reporters on Sunday that the strike would end."]
    articles = [Article(id=i, text="\n".join(p), paragraphs=p, outlet=o)
                for i, p, o in (("o", origin, "Wire"), ("c", copy, "Reprint"))]
    story = build_story("s", articles, *models)
    assert story.duplicates == {"c": "o"}
    found = [c for c in analyse_conflicts(story, judge_story(story)) if c.kind == "date"]
    assert [c.status for c in found] == ["conflict"]
    assert found[0].values == ["Tuesday", "Sunday"]
    assert "same day as its origin" in found[0].explanation


def _copy_conflicts(models, origin_line: str, copy_line: str):
    lines = [f"Paragraph {n} of the report on the harbour strike says the talks went on and "
             f"the union asked for item number {n} of its list to be met." for n in range(12)]
    articles = [Article(id=i, text="\n".join(p), paragraphs=p, outlet=o)
                for i, p, o in (("o", [*lines, origin_line], "Wire"),
                                ("c", [*lines, copy_line], "Reprint"))]
    story = build_story("s", articles, *models)
    assert story.duplicates == {"c": "o"}
    return analyse_conflicts(story, judge_story(story))


@pytest.mark.parametrize(("origin", "copy", "kind", "values"), [
    ("The envoy spoke to reporters in a Jakarta hotel after his trip to East Timor.",
     "The envoy spoke to reporters in a Jakarta hotel after his trip to Sion.",
     "place", ["East Timor", "Sion"]),
    ("Seven of the past 10 winners were men, and two of the past three were poets.",
     "Seven of the past 27 winners were men, and two of the past three were poets.",
     "number", ["10", "27"]),
])
def test_a_copy_that_swaps_a_name_or_figure_conflicts_whatever_the_ner_says(
        models, origin, copy, kind, values):
    found = [c for c in _copy_conflicts(models, origin, copy) if c.status == "conflict"]
    assert [c.kind for c in found] == [kind]
    assert all(v in " ".join(found[0].values) for v in values)


@pytest.mark.parametrize(("first", "second"), [
    ("Investigators said James Comey met the president at the White House in February.",
     "Investigators said Comey met the president at the White House in February."),
    ("The student, who lives in Pine Bush, N.Y., was charged on Friday by state police.",
     "The student, who lives in Pine Bush, NY, was charged on Friday by state police."),
    ("The spokesman said the senator is a decent man who has served his country well.",
     "The spokesman said this is not a fair account of what the senator has done for us."),
])
def test_one_name_two_ways_or_another_clause_is_no_conflict(models, first, second):
    assert [c for c in conflicts(models, first, second) if c.status == "conflict"] == []


def test_a_negated_copula_in_a_reported_clause_conflicts(models):
    found = conflicts(models, "The survey found that Denmark is the happiest nation in Europe.",
                      "The survey found that Denmark is not the happiest nation in Europe.")
    assert [(c.kind, c.values) for c in found] == [
        ("negation", ["be (Denmark)", "not be (Denmark)"])]


@pytest.mark.parametrize(("first", "second"), [
    ("The dissident, who campaigned for 20 years, was arrested on Monday in the capital.",
     "The dissident, who spent two years in prison, was arrested on Monday in the capital."),
    ("The survey, which began in 1995, found that the harvest was the worst in decades.",
     "The survey, which was published in 2001, found that the harvest was the worst in decades."),
    ("Lawyers for the firm said O’Mara was bound by an oral contract with the firm.",
     "Lawyers for the firm said Zimmerman and O'Mara were bound by an oral contract with it."),
    ("The union said there is no guarantee that the ruling will end the lockout this season.",
     "The union said that the ruling will not end the lockout this season."),
    ("The new minister said he would refuse to shake the hand of the rebel commander.",
     "The new minister said he would never shake the hand of the rebel commander."),
    ("The lawyers said the rebel leader must not be extradited to his home country.",
     "The government wants the court to extradite the rebel leader to his home country."),
    ("The merger would give both firms more influence over projects in the Middle East.",
     "The merger would give both firms more influence over Middle Eastern projects."),
    ("“These songs aren’t to study,” the singer told the crowd at the harbour festival.",
     "\"These songs aren't to study,\" the singer told the crowd at the harbour festival."),
    ("The lawsuit filed at the district court says the harbour dredging contract is void "
     "because Mayor Holt did not sign it.",
     "The lawsuit filed at the district court says the harbour dredging contract is valid "
     "because Mayor Holt's deputy Berg signed it."),
    ("Divers said they have never found a ferry wreck as large as this one near the harbour.",
     "Divers said it is the largest ferry wreck ever found near the harbour."),
    ("The president's three-day visit to Israel and the Palestinian territories begins on "
     "Saturday, the White House said.",
     "The president's three-day visit to Gaza begins on Saturday, the White House said."),
    ("None of the striking dockers were allowed to attend the meeting at the harbour.",
     "The striking dockers could not attend the meeting at the harbour on Friday."),
])
def test_values_of_other_events_or_open_statements_do_not_conflict(models, first, second):
    assert [c for c in conflicts(models, first, second, (date(2001, 5, 2), date(2001, 5, 2)))
            if c.status == "conflict"] == []


def test_one_person_given_two_ages_in_different_sentences_conflicts(models):
    found = conflicts(models, "Judge Ana Ruiz told Viktor Lund, 61, that he had betrayed the city.",
                      "Lund, 62, was found guilty in October of taking bribes.")
    assert [(c.kind, c.values) for c in found] == [("number", ["61", "62"])]
    assert {st.source for st in found[0].statements} == {"a0", "a1"}


def test_two_ages_found_by_the_judgement_and_by_the_person_are_one_conflict(models):
    found = conflicts(models, "Viktor Lund, 61, was sentenced on Friday to six years in prison.\n"
                      "The court heard that Lund, 61, had taken bribes.",
                      "The court heard that Lund, 62, had taken bribes.")
    assert sorted(sorted(c.values) for c in found if c.kind == "number") == [["61", "62"]]


def test_two_people_of_two_ages_do_not_conflict(models):
    assert conflicts(models, "Viktor Lund, 61, was sentenced on Friday.",
                     "His lawyer, Henrik Sand, 45, said he would appeal the sentence.") == []


@pytest.mark.parametrize(("first", "second", "values"), [
    ("The car bomb killed two people and wounded 21 in the crowded market on Friday.",
     "The car bomb killed two people and injured 24 in the crowded market on Friday.",
     ["21", "24"]),
    ("The teacher, 29-year-old Geraldine Alcorn, was arraigned on Wednesday on three charges.",
     "The teacher, 28-year-old Geraldine Alcorn, was arraigned on Wednesday on three charges.",
     ["29-year-old", "28-year-old"]),
    ("Around 900 nurses will go back to the wards on Monday, the hospital said.",
     "Some 1,400 nurses will be back at work on Monday, the union said.",
     ["Around 900", "Some 1,400"]),
])
def test_figures_of_one_event_or_person_conflict(models, first, second, values):
    found = conflicts(models, first, second)
    assert [(c.kind, c.values) for c in found if c.status == "conflict"] == [("number", values)]


def judged(models, first: str, second: str, published=(None, None)):
    """conflict_between on two sentences as two outlets' statements of one fact (the path
    `match` takes), with sentence vectors for clauses in other words."""
    import numpy as np

    from newsweave.analyse.conflicts import conflict_between
    from newsweave.model import Statement

    nlp, embedder = models
    statements = [Statement(source=f"s{i}", text=t, sentence=0, outlet=f"Outlet {i}")
                  for i, t in enumerate((first, second))]

    def reworded(x: str, y: str) -> bool:
        return float(np.dot(*embedder.encode([x, y]))) >= embedder.cosines.same_event

    found = conflict_between(*statements, nlp(first)[:], nlp(second)[:],
                             {"s0": published[0], "s1": published[1]}, None, reworded)
    return None if found is None or found.status != "conflict" else (found.kind, found.values)


@pytest.mark.parametrize(("first", "second", "values"), [
    ("Floods across the province have displaced 25 million people, aid agencies said.",
     "Aid agencies say some 50 million people have been displaced by the floods.",
     ["25 million", "some 50 million"]),
    ("The court gave the arsonist a life sentence on Thursday.",
     "The arsonist received three life sentences from the court on Thursday.",
     ["a life sentence", "three"]),
    ("The cyclist, a 32-year-old teacher from Hull, died in hospital.",
     "The cyclist, aged 33, died later in hospital.", ["32-year-old", "33"]),
    ("Leah Marsh, 33, of Bristol, was named as the driver.",
     "The driver was named as 32-year-old Leah Marsh.", ["33", "32-year-old"]),
    ("The jobless rate climbed to 6.1% in April.",
     "Figures showed the jobless rate rising to 6.9 per cent in April.", ["6.1%", "6.9 per cent"]),
    ("The council will pay £12m for the new depot.",
     "The council is to pay £20 million for the depot.", ["£12m", "£20 million"]),
    ("Between 100 and 150 families were moved out of the tower.",
     "Some 400 families were moved out of the tower overnight.",
     ["Between 100 and 150", "Some 400"]),
])
def test_figures_in_other_words_that_cannot_both_hold(models, first, second, values):
    assert judged(models, first, second) == ("number", values)


@pytest.mark.parametrize(("first", "second"), [
    ("Contact tracers have reached 28 people who were at the wedding.",
     "Contact tracers have listed 46 contacts of the bride's uncle."),
    ("More than 40 people were hurt when the stand collapsed.",
     "The collapse of the stand left 45 people hurt, paramedics said."),
    ("Nearly 300 trains were cancelled on Monday.", "The operator cancelled 295 trains on Monday."),
    ("Between 20 and 30 cars were damaged in the hailstorm.",
     "About 25 cars were damaged by the hail."),
    ("The driver, 52, was unhurt.", "The 52-year-old driver was unhurt."),
    ("The 19-year-old striker scored twice.", "The 31-year-old goalkeeper saved a penalty."),
    ("The bank reported a profit of $2 billion for the quarter.",
     "The bank's revenue reached $9 billion for the quarter."),
    ("Inflation slowed to 2.4% in June.", "Unemployment slowed to 5.1% in June."),
    ("The outbreak has sickened 90 people in the town.",
     "Nurses have vaccinated 3,000 people in the town."),
])
def test_figures_of_other_things_or_within_a_hedge_do_not_conflict(models, first, second):
    assert judged(models, first, second) is None


def test_in_two_weeks_is_a_date_to_set_against_another(models):
    first = "The factory will shut in two weeks, the owners said."
    second = "The owners said the factory would shut on June 30."
    day = (date(2026, 5, 4), date(2026, 5, 4))
    assert judged(models, first, second, day)[0] == "date"
    assert judged(models, first, "The owners said the factory would shut on May 20.", day) is None


@pytest.mark.parametrize(("first", "second", "conflict"), [
    ("The referendum was held on Monday.", "The referendum was held on Tuesday, officials said.",
     True),
    ("At a hearing in November 2017, the tribunal heard from the nurse.",
     "In a ruling in 2016, the tribunal cleared the nurse.", False),
    ("The hearing was held in November 2017.", "The ruling was issued in 2016.", False),
    ("The truce began on Sunday.", "The truce was announced on Friday.", False),
    ("The choir last toured in 2019.", "The choir released its last record in 2017.", False),
])
def test_two_dates_conflict_only_when_they_date_the_same_event(models, first, second, conflict):
    found = judged(models, first, second, (date(2026, 3, 5), date(2026, 3, 5)))
    assert (found is not None and found[0] == "date") is conflict


@pytest.mark.parametrize(("first", "second", "conflict"), [
    ("After the fall he couldn't walk.", "After the fall he could no longer walk.", False),
    ("The council declined to comment.", "The council refused to comment on the claims.",
     False),
    ("The measure failed to pass.", "The measure did not pass.", False),
    ("She did not attend the funeral.", "She was unable to attend the funeral.", False),
    ("Divers did not find the anchor.", "Divers found the hull but not the anchor.", False),
    ("The assembly passed the budget on Monday.",
     "The budget failed to pass the assembly on Monday.", True),
    ("The chairman refused to step down.", "The chairman stepped down on Friday.", True),
    ("The driver admitted the offence.", "The driver denied the offence in court.", True),
    ("The school denied that the head teacher had been suspended.",
     "The head teacher has been suspended, the school confirmed.", True),
    ("Searchers found survivors in the wreck.", "Searchers have found no survivors in the wreck.",
     True),
])
def test_negation_only_where_the_polarity_differs(models, first, second, conflict):
    found = judged(models, first, second)
    assert (found is not None and found[0] == "negation") is conflict


def test_a_date_of_one_of_many_events_is_not_set_against_the_event(models):
    first = "Police reported two attacks Sunday on farm trucks near the border."
    second = "The attack on the border villages in late February shocked the region."
    assert judged(models, first, second, (date(2026, 3, 10), date(2026, 3, 10))) is None
    assert judged(models, "The vote on Monday was close.", "The vote on Tuesday was close.",
                  (date(2026, 3, 5), date(2026, 3, 5)))[0] == "date"
