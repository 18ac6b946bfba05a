"""Mood: whether a sentence states a verb's event or leaves it open."""

import pytest

from newsweave.text.mood import conditional, possible, wished


def _verb(models, text: str, word: str):
    return next(t for t in models[0](text) if t.text == word)


@pytest.mark.parametrize(("text", "word", "expected"), [
    ("The union demanded that the port cease its inspections.", "cease", (True, False, False)),
    ("The port ceased its inspections on Monday.", "ceased", (False, False, False)),
    ("Mayor Alvarez can halt the dock strike.", "halt", (False, True, False)),
    ("It would not matter if the council picked a new chair.", "picked", (False, False, True)),
])
def test_mood_of_a_verb(models, text, word, expected):
    verb = _verb(models, text, word)
    assert (wished(verb), possible(verb), conditional(verb)) == expected


@pytest.mark.parametrize(("text", "verb", "positive"), [
    ("After the fall he could no longer walk.", "walk", False),
    ("She was unable to attend the funeral.", "attend", False),
    ("The chairman refused to step down.", "step", False),
    ("The school denied that the head was suspended.", "suspend", False),
    ("The driver denied the offence.", "admit", False),
    ("The driver admitted the offence.", "admit", True),
    ("Searchers have found no survivors.", "find", False),
    ("Nobody was hurt in the blast.", "hurt", False),
    ("Searchers found two survivors.", "find", True),
])
def test_polarity_of_a_verb(models, text, verb, positive):
    from newsweave.text.mood import polarity

    assert polarity(models[0](text)[:])[verb].positive is positive


def test_a_verb_asserted_of_one_object_and_denied_of_another_has_no_polarity(models):
    from newsweave.text.mood import polarity

    found = polarity(models[0]("Divers found the hull but not the anchor.")[:])
    assert "find" not in found
    assert polarity(models[0]("Divers found the hull.")[:])["find"].objects == {"hull"}
