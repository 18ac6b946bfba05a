"""Invented news articles for the story tests: each story has its own place, people and
event words, so which articles belong together is known by construction."""

from __future__ import annotations

import random
from datetime import date, timedelta

from newsweave.model import Article

EVENTS = [
    ("Vellmark", "ferry", "capsized", "coastguard", "Ilse Marovic", "passengers"),
    ("Doranth", "refinery", "explosion", "firefighters", "Pavel Kestrin", "workers"),
    ("Quillby", "election", "recount", "commission", "Anya Holt", "ballots"),
    ("Tarnsea", "earthquake", "aftershocks", "rescuers", "Omar Velis", "villages"),
    ("Brennick", "museum", "robbery", "detectives", "Clara Dunmore", "paintings"),
    ("Oskarvik", "train", "derailment", "investigators", "Leif Andrup", "carriages"),
    ("Marrowgate", "hospital", "strike", "nurses", "Grace Ebbert", "patients"),
    ("Solenne", "wildfire", "evacuation", "firefighters", "Tomas Reyd", "hectares"),
]
SYLLABLES = ["ka", "lo", "mer", "dun", "vi", "sta", "rek", "pol", "an", "tor", "bel", "gri",
             "hu", "nes", "dra", "mi", "sol", "vek", "ra", "tin"]
PHRASE = ("the officials said on Monday that people in the city were told to stay at home "
          "while the police and the government prepared a statement about what had happened "
          "and why it took so long for help to arrive after the first reports came in")
COMMON = PHRASE.split(" ")


def _pool(rng: random.Random, size: int = 40) -> list[str]:
    """Invented words that only one story uses (its people, places and subject matter)."""
    return ["".join(rng.sample(SYLLABLES, 3)) for _ in range(size)]


def story_articles(n_stories: int, per_story: int, seed: int = 0,
                   start: date = date(2026, 3, 1)) -> list[Article]:
    """`per_story` articles for each of `n_stories` events, dated within a few days of their
    event, interleaved. Each story has its own words; all share a common news vocabulary."""
    rng = random.Random(seed)
    articles = []
    for k in range(n_stories):
        place, thing, event, crew, official, people = EVENTS[k % len(EVENTS)]
        words = [place, thing, event, crew, people, *official.split(), *_pool(rng)]
        day0 = start + timedelta(days=3 * (k // len(EVENTS)))
        for j in range(per_story):
            lines = []
            for _ in range(5):
                at = rng.randrange(len(COMMON) - 8)
                lines.append(" ".join([*COMMON[at:at + 8], *rng.sample(words, 6)]
                                      ).capitalize() + ".")
            text = "\n".join(lines)
            articles.append(Article(
                id=f"e{k}-a{j}", text=text, paragraphs=lines,
                title=f"{thing.title()} {event} in {place}", outlet=f"Outlet {j % 5}",
                published=day0 + timedelta(days=rng.randint(0, 2)), story=f"e{k}"))
    rng.shuffle(articles)
    return articles
