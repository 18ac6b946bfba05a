"""Link widgets, photo credits and newsletter prompts are page furniture: they never come
through as claims, summary sentences, quotes or timeline events. Articles invented here."""

import pytest

from newsweave.text.boilerplate import (
    drop_boilerplate,
    is_boilerplate,
    is_call_to_action,
    is_credit,
    is_furniture_sentence,
)

CREDITS = ["Getty Images / Jane Doe / Contributor", "Photo: AP", "(Reuters/Jane Doe)",
           "Jane Doe/AP Photo", "AFP via Getty Images", "Photograph: Tomas Vell/Reuters",
           "EPA-EFE/ANNA KOVAC", "Mara Lind | Harbour Images", "(Photo by Ivo Marsh/Getty Images)",
           "Credit: Ivo Marsh for The Coast Gazette", "Getty Images"]
NOT_CREDITS = ["Reuters reported the deal on Monday.", "Jane Doe", "The Associated Press",
               "AP", "Reuters/Ipsos poll shows the mayor ahead by six points",
               "Harbour authority / port police", "Ana Riis / Mayor of Kessmark said no",
               "By Friday, the port had reopened."]


@pytest.mark.parametrize("line", CREDITS)
def test_photo_credits_by_their_shape(line):
    assert is_credit(line)
    assert is_boilerplate(line)


@pytest.mark.parametrize("line", NOT_CREDITS[:2] + NOT_CREDITS[4:])
def test_names_and_agencies_in_prose_are_not_credits(line):
    assert not is_credit(line)


@pytest.mark.parametrize("line", [
    "Get the latest updates right in your inbox.", "Sign up for our newsletter",
    "Subscribe to our daily briefing and never miss a story.",
    "Download our app for breaking news alerts", "Stay up to date with our free newsletter",
    "Never miss an update: turn on notifications for our app.",
])
def test_calls_to_action(line):
    assert is_call_to_action(line)
    assert is_boilerplate(line)


@pytest.mark.parametrize("line", [
    "Get out of the water, the coastguard told swimmers on Sunday.",
    "Follow the signs to the ferry terminal, the port authority said.",
    "Residents who signed up for flood alerts received a text message at 6 a.m.",
    "The union's newsletter urged members to stay away from the gate.",
    '"Download the app and you will see the queues," Riis said of the new booking system.',
])
def test_prose_about_alerts_and_apps_is_kept(line):
    assert not is_call_to_action(line)
    assert not is_furniture_sentence(line)


@pytest.mark.parametrize("line", [
    "Read next: Kessmark strike ends as dockworkers accept a new pay deal from the port",
    "READ MORE | Ferry timetable to change from June", "Related: Port of Kessmark reopens",
    "See also: how the strike unfolded", "Watch: the first ferry leaves Kessmark",
    "Read more about the strike here",
])
def test_link_widgets(line):
    assert is_furniture_sentence(line)
    assert is_boilerplate(line)


@pytest.mark.parametrize("line", [
    "See-saw talks between the union and the port ran for three weeks.",
    "Read the full ruling, the judge told the lawyers.",
    "More than 3,000 dockworkers went on strike.",
    "Related charges were dropped on Tuesday.",
])
def test_prose_that_starts_like_a_widget_is_kept(line):
    assert not is_furniture_sentence(line)
    assert not is_boilerplate(line)


def test_widget_label_takes_its_links_with_it():
    lines = ["Dockworkers returned to the port of Kessmark on Monday.", "Read next",
             "Kessmark strike: what the deal means", "Ferry timetable to change from June",
             "The first ferry left at 6 a.m., the port authority said."]
    assert drop_boilerplate(lines) == [lines[0], lines[4]]


def test_caption_ending_in_its_credit_goes_whole():
    assert is_boilerplate("Dockworkers gather at the gate on Friday. Getty Images / Jane Doe / "
                          "Contributor")
    assert is_boilerplate("Mayor Ana Riis speaks at the harbour on Monday. (Reuters/Jane Doe)")
    assert not is_boilerplate("The port reopened on Monday. It had been shut for three weeks")


STORY = [
    ("a1", "Island Post", [
        "Kessmark dockworkers end three-week strike",
        "Dockworkers in the port of Kessmark ended their three-week strike on Monday after the "
        "union accepted a pay rise of 4 percent.",
        "Getty Images / Jane Doe / Contributor",
        '"We got what we came for," union leader Petra Holm said. Read more: Ferry timetable '
        "to change from June",
        "Get the latest updates right in your inbox.",
        "The first ferry will leave the port on Wednesday, the port authority said."]),
    ("a2", "Harbour Daily", [
        "Strike over at Kessmark port",
        "The strike at the port of Kessmark ended on Monday when the dockworkers' union "
        "accepted a 4 percent pay rise.",
        "Photo: AP",
        "Related: Port of Kessmark to hire 200 more workers",
        '"We got what we came for," Petra Holm, the union\'s leader, told reporters. '
        "(Reuters/Jane Doe)",
        "Sign up for our newsletter",
        "Ferries will sail again from Wednesday, according to the port authority."]),
]


def test_no_clutter_in_a_report():
    from datetime import date

    from newsweave import report
    from newsweave.model import Article

    articles = [Article(id=i, outlet=o, text="\n".join(p), paragraphs=p,
                        published=date(2026, 6, 1)) for i, o, p in STORY]
    (s,) = report(articles).stories
    said = ([c.text for c in s.claims] + [x.text for x in s.summary]
            + [q.sentence for q in s.quotes] + [q.text for q in s.quotes]
            + [e.text for e in s.timeline])
    clutter = ("Getty", "Jane Doe", "Read more", "inbox", "Photo: AP", "Related:",
               "newsletter", "hire 200", "timetable")
    assert said and not [t for t in said for c in clutter if c in t]
    assert any("4 percent" in c.text for c in s.claims)  # the story itself is still there


def test_a_short_article_with_clutter_is_still_an_article():
    from newsweave.text.pagekind import non_article_reason

    paragraphs = ["Ferry terminal reopens",
                  "The harbour council of Kessmark voted on Monday to reopen the ferry terminal.",
                  "Getty Images / Jane Doe / Contributor",
                  "Mayor Ana Riis said the first ferry would leave on Wednesday. Read more: "
                  "Strike timeline",
                  "Get the latest updates right in your inbox."]
    assert non_article_reason(paragraphs) is None
    assert drop_boilerplate(paragraphs) == [paragraphs[0], paragraphs[1], paragraphs[3]]
