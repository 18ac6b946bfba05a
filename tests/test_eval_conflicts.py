"""The conflict benchmark's injections change exactly one fact of the requested kind."""

import random

import pytest

from newsweave.eval.conflicts import KINDS, alter
from newsweave.eval.datasets import Cluster
from newsweave.model import Article

TEXT = ("Officials said 1,250 people were evacuated from Lisbon on Tuesday, March 3.\n"
        "Mayor Carla Ruiz said the city will reopen the bridge after inspections.")
NAMES = {"PERSON": {"here": {"Carla Ruiz"}, "elsewhere": ["Tomas Berg", "Carla Ruiz"]},
         "GPE": {"here": {"Lisbon"}, "elsewhere": ["Oslo"]}}


@pytest.mark.parametrize(("kind", "before", "after"), [
    ("number", "1,250", "2,507"), ("person", "Carla Ruiz", "Tomas Berg"),
    ("place", "Lisbon", "Oslo"), ("negation", " will ", " will not "),
])
def test_one_change_of_each_kind(kind, before, after):
    cluster = Cluster("c", [Article(id="a", text=TEXT, paragraphs=TEXT.split("\n"))], [])
    change = alter(cluster, kind, NAMES, random.Random(1))
    assert change is not None and change.kind == kind
    assert before in change.before and after in change.after
    assert change.copy.id == "a-altered" and change.copy.outlet != change.article.outlet
    assert change.copy.text.replace(change.after, change.before) == TEXT


def test_date_change_moves_the_day():
    cluster = Cluster("c", [Article(id="a", text=TEXT, paragraphs=TEXT.split("\n"))], [])
    change = alter(cluster, "date", NAMES, random.Random(1))
    assert change.before != change.after and set(KINDS) >= {change.kind}


@pytest.mark.parametrize("sentence", [
    "He ruled from 1975-79 over the country.", "The clip at 00:10 shows the port.",
    "They met on Sept. 27 in the capital.", "The team came 24th in the ranking.",
    "The storm left more than 250,000 people without power.", "He died in 1714 at home.",
])
def test_numbers_whose_change_would_not_contradict_are_left_alone(sentence):
    from newsweave.eval.conflicts import _change_number

    assert _change_number(sentence, random.Random(1), {}) is None


@pytest.mark.slow
def test_injected_conflicts_are_found_and_plain_clusters_stay_quiet_on_the_ci_subset():
    from conftest import ROOT

    from newsweave.eval.conflicts import run

    data = ROOT.parent / "shared" / "data"
    if not (data / "mds" / "duc2004").is_dir():
        pytest.skip("../shared/data is not present")
    from newsweave.eval.conflicts import ConflictScores

    results = run(data, clusters=3, echo=lambda _: None)
    for scores in (r for r in results if isinstance(r, ConflictScores)):
        injected = sum(scores.injected.values())
        assert injected >= 10
        assert sum(scores.caught.values()) / injected >= 0.8
        assert scores.false_alarms / scores.clusters <= 0.2


def test_a_conflict_with_another_article_carrying_the_original_sentence_counts():
    from newsweave.eval.conflicts import Alteration, found
    from newsweave.model import Conflict, Statement

    before = "About 100 activists gathered outside the base on Saturday."
    after = "About 207 activists gathered outside the base on Saturday."
    original = Article(id="a", text=before)
    change = Alteration("number", original, Article(id="a-altered", text=after), before, after)

    def conflict(source: str, text: str) -> Conflict:
        return Conflict(kind="number", values=["100", "207"], statements=[
            Statement(source=source, text=text, sentence=0, outlet="Wire"),
            Statement(source="a-altered", text=after, sentence=0, outlet="Altered Copy")])

    assert found([conflict("a", before)], change)
    assert found([conflict("b", before)], change)  # the same wire story under another id
    assert not found([conflict("b", "Police said the base was closed on Saturday.")], change)


@pytest.mark.parametrize(("sentence", "changed"), [
    ("Students of the University of Lisbon marched through the old town today.", False),
    ("The chairman of Lisbon Energy Research Associates spoke to the press today.", False),
    ("Thousands of students marched through the streets in Lisbon on Friday.", True),
])
def test_a_place_inside_an_organisation_name_is_not_changed(sentence, changed):
    from newsweave.eval.conflicts import CHANGES

    after = CHANGES["place"](sentence, random.Random(1), NAMES)
    assert (after is not None) is changed
    if changed:
        assert after == sentence.replace("Lisbon", "Oslo")


def test_the_natural_pairs_are_many_well_formed_and_mostly_reworded():
    from difflib import SequenceMatcher

    from newsweave.eval.conflict_pairs import FILES, read

    pairs = [p for name in FILES.values() for p in read(name)]
    assert len(pairs) >= 100 and len({p.id for p in pairs}) == len(pairs)
    assert {p.kind for p in pairs} == {*KINDS, "none"}
    for kind in ("number", "date", "negation", "none"):
        assert sum(p.kind == kind for p in pairs) >= 10
    edits = [sum(op[0] != "equal" for op in SequenceMatcher(a=p.a.split(), b=p.b.split())
                 .get_opcodes()) for p in pairs]
    assert sum(n > 1 for n in edits) >= 0.7 * len(pairs)  # not one sentence with one edit


def test_conflicts_in_natural_wording_are_found_and_look_alikes_stay_quiet():
    from newsweave.eval.conflict_pairs import FILES, evaluate, read

    for name in FILES.values():
        scores = evaluate(read(name))
        said, hit, gold = (sum(d.values()) for d in (scores.said, scores.hit, scores.gold))
        assert hit / said >= 0.9 and hit / gold >= 0.8, scores.wrong
        for kind in ("number", "date", "negation"):
            assert scores.hit[kind] >= 0.75 * scores.gold[kind], (kind, scores.wrong)
            assert scores.hit[kind] >= 0.9 * scores.said[kind], (kind, scores.wrong)
