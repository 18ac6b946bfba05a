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
