"""Web furniture lines are dropped; article sentences that look similar are kept."""

import pytest

from newsweave.text.boilerplate import drop_boilerplate, is_boilerplate


@pytest.mark.parametrize("line", [
    "Also Read: Ministers meet again", "Advertisement", "Click here to read more",
    "Share this article", "By Jane Doe", "Subscribe to our newsletter", "Related stories:",
    "READ MORE", "© 2026 The Daily Planet",
    "(STORY CAN END HERE. OPTIONAL MATERIAL FOLLOWS)", "OPTIONAL MATERIAL FOLLOWS.)",
    "(Associated Press)", "(CNN)", "Editor's note: this story has been updated.", "&QL;",
])
def test_boilerplate_lines(line):
    assert is_boilerplate(line)


@pytest.mark.parametrize("line", [
    "By the end of the meeting, no agreement had been reached.",
    "Also present were the foreign ministers of six countries.",
    "The advertisement campaign cost the ministry 2 million euros.",
    "Readers were asked to share their views with the council.",
    "Editors at the paper refused to retract the story.",
    "AP reporters were barred from the briefing.",
])
def test_article_sentences_are_kept(line):
    assert not is_boilerplate(line)


def test_drop_keeps_order_and_strips():
    assert drop_boilerplate(["  First. ", "Advertisement", "", "Second."]) == ["First.", "Second."]


@pytest.mark.parametrize(("paragraph", "rest"), [
    ("LONDON (AP) _ An influential lawmaker spoke.", "An influential lawmaker spoke."),
    ("WASHINGTON (AP) -- Schizophrenia patients improved.", "Schizophrenia patients improved."),
    ("BRUSSELS, April 8 (Reuters) - NATO will meet Russia.", "NATO will meet Russia."),
    ("NEW YORK - Stocks fell.", "Stocks fell."),
    ("ANKARA, Turkey (AP) _ Police detained him.", "Police detained him."),
    ("PORTLAND, Ore., March 3 (AP) _ Rain fell.", "Rain fell."),
    ("RIO DE JANEIRO, Brazil _", ""),
    ("NATO - the alliance - met Russia.", "NATO - the alliance - met Russia."),
    ("The council met in Brussels.", "The council met in Brussels."),
])
def test_dateline(paragraph, rest):
    from newsweave.text.boilerplate import strip_dateline

    assert strip_dateline(paragraph) == rest


def test_dateline_after_a_headline_is_furniture_too():
    from newsweave.model import Article
    from newsweave.text.sentences import clean_text

    paragraphs = ["Harbour reopens after strike", "KESSMARK, Velka — Dockworkers returned on "
                  "Friday.", "NEW TERMS — the union signed the deal, officials said."]
    text, starts = clean_text(Article(id="a", text="\n".join(paragraphs), paragraphs=paragraphs))
    assert text.split("\n") == ["Harbour reopens after strike", "Dockworkers returned on Friday.",
                                paragraphs[2]]
    assert starts == [0, 29, 61]
