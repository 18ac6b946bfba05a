"""Web furniture lines are dropped; article sentences that look similar are kept."""

import pytest

from newsweave.text.boilerplate import drop_boilerplate, is_boilerplate


@pytest.mark.parametrize("line", [
    "Also Read: Ministers meet again", "Advertisement", "Click here to read more",
    "Share this article", "By Jane Doe", "Subscribe to our newsletter", "Related stories:",
    "READ MORE", "© 2026 The Daily Planet",
])
def test_boilerplate_lines(line):
    assert is_boilerplate(line)


@pytest.mark.parametrize("line", [
    "By the end of the meeting, no agreement had been reached.",
    "Also present were the foreign ministers of six countries.",
    "The advertisement campaign cost the ministry 2 million euros.",
    "Readers were asked to share their views with the council.",
])
def test_article_sentences_are_kept(line):
    assert not is_boilerplate(line)


def test_drop_keeps_order_and_strips():
    assert drop_boilerplate(["  First. ", "Advertisement", "", "Second."]) == ["First.", "Second."]
