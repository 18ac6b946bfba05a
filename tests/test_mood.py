"""Mood: whether a sentence states a verb's event or leaves it open."""

import pytest

from newsweave.analyse.mood import conditional, possible, wished


def _verb(models, text: str, word: str):
    return next(t for t in models[0](text) if t.text == word)


@pytest.mark.parametrize(("text", "word", "expected"), [
    ("Turkey demanded that Syria cease its support for the rebels.", "cease", (True, False, False)),
    ("Syria ceased its support for the rebels on Monday.", "ceased", (False, False, False)),
    ("Netanyahu can control his strong-willed aide.", "control", (False, True, False)),
    ("It would not matter if Obama picked a Republican.", "picked", (False, False, True)),
])
def test_mood_of_a_verb(models, text, word, expected):
    verb = _verb(models, text, word)
    assert (wished(verb), possible(verb), conditional(verb)) == expected
