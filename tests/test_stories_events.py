"""Two events of one kind (two earthquakes) told by several outlets each end in two stories,
kept apart by the names each is about; several outlets on one event stay one story.
The articles are invented; they come in the same week, so the time window cannot help."""

from __future__ import annotations

from datetime import date

from newsweave.model import Article
from newsweave.store import Store
from newsweave.stories.contrast import Names, contrast, marks, names_of
from newsweave.stories.stream import StoryStream

KORVANE = [
    "A magnitude 6.4 earthquake struck near Korvane on Tuesday, killing at least 31 people. "
    "Rescue teams in Korvane searched collapsed homes through the night. Governor Alisa "
    "Brenwick said Korvane hospitals were overwhelmed. Brenwick asked for tents and water.",
    "Rescuers pulled survivors from the rubble in Korvane after a 6.4 magnitude quake. The "
    "death toll rose to 31, Governor Alisa Brenwick said. Aftershocks rattled Korvane and "
    "nearby villages as Brenwick toured the damage.",
    "The earthquake that hit Korvane killed 31 people and left thousands homeless. Brenwick, "
    "the regional governor, said emergency shelters opened across Korvane. Seismologists "
    "measured the quake at magnitude 6.4.",
]
SELMARA = [
    "A magnitude 5.1 earthquake shook Selmara on Thursday, injuring 12 people. Mayor Tomas "
    "Quillfeather said several old buildings in Selmara cracked. Quillfeather urged "
    "residents of Selmara to stay outdoors during aftershocks.",
    "Twelve people were hurt when a 5.1 magnitude quake struck Selmara. Rescue teams checked "
    "damaged homes, and Mayor Tomas Quillfeather said Selmara schools would stay closed. "
    "Quillfeather thanked volunteers.",
    "Selmara residents slept outside after an earthquake of magnitude 5.1 injured 12 people. "
    "Quillfeather, the mayor, said engineers would inspect every bridge in Selmara. Homes "
    "were damaged and rescue teams searched the rubble.",
]


# Background both events' reports carry: the kind's words, which bring the two events close.
BACKGROUND = [
    "Earthquakes are common in the region, which sits on an active fault.",
    "The region sits on an active fault and earthquakes are common.",
    "The region, which lies on an active fault, has frequent earthquakes.",
]


def _articles(texts: list[str], event: str, day: date) -> list[Article]:
    return [Article(id=f"{event}-{k}", text=f"{t}\n{b}", paragraphs=[t, b],
                    outlet=f"Outlet {k}", published=day, story=event)
            for k, (t, b) in enumerate(zip(texts, BACKGROUND, strict=True))]


def _stories(tmp_path, articles: list[Article]) -> dict[str, str]:
    with Store(tmp_path / "s.db") as store:
        StoryStream(store).add(articles)
        return store.memberships()


def test_two_earthquakes_in_one_week_are_two_stories(tmp_path):
    articles = (_articles(KORVANE, "korvane", date(2026, 5, 5))
                + _articles(SELMARA, "selmara", date(2026, 5, 7)))
    story_of = _stories(tmp_path, articles)
    korvane = {story_of[a.id] for a in articles if a.story == "korvane"}
    selmara = {story_of[a.id] for a in articles if a.story == "selmara"}
    assert len(korvane) == 1 and len(selmara) == 1
    assert korvane != selmara


def test_several_outlets_on_one_earthquake_stay_one_story(tmp_path):
    articles = _articles(KORVANE, "korvane", date(2026, 5, 5))
    assert len(set(_stories(tmp_path, articles).values())) == 1


def test_key_names_contrast_between_events_not_within_one():
    assert names_of("The quake hit Korvane. Governor Alisa Brenwick spoke on Tuesday.") == {
        "korvane": 1, "alisa": 1, "brenwick": 1}
    rows = marks(KORVANE + SELMARA)
    start = 0

    def story(indices: range) -> Names:
        names = Names(0)
        for i in indices:
            names.add(Names.of_row(rows[i], start, 1))
        return names

    assert contrast(story(range(0, 3)), story(range(3, 6)))
    assert contrast(Names.of_row(rows[3], start, 1), story(range(0, 3)))
    assert not contrast(Names.of_row(rows[0], start, 1), story(range(1, 3)))
    assert not contrast(story(range(0, 2)), story(range(2, 3)))
