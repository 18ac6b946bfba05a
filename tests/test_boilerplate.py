"""Web furniture lines are dropped; article sentences that look similar are kept."""

import pytest

from newsweave.text.boilerplate import drop_boilerplate, is_boilerplate


@pytest.mark.parametrize("line", [
    "Also Read: Ministers meet again", "Advertisement", "Click here to read more",
    "Share this article", "By Jane Doe", "Subscribe to our newsletter", "Related stories:",
    "READ MORE", "© 2026 The Daily Planet",
    "(STORY CAN END HERE. OPTIONAL MATERIAL FOLLOWS)", "OPTIONAL MATERIAL FOLLOWS.)",
    "(Associated Press)", "(CNN)", "Editor's note: this story has been updated.", "&QL;",
    "___", "* * *", "On the Net: http://harbour.example.org", "Harbour authority: www.example.org",
    "Published 4 May 2026 · 3 min read", "Updated: Tue 5 May 2026, 10:02", "5 min read",
    "Posted on May 4, 2026 by Ola Brenner", "Last updated 2 hours ago",
    "Reporting by Ana Ruiz; Editing by Tom Hale",
    "(Additional reporting by Ola Brenner in Vell; Writing by Tom Hale; Editing by Ana Ruiz)",
    "Our Standards: The Harbour Wire Trust Principles.",
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
    "Published reports say the harbour master resigned.",
    "Reporting by the union showed 40 people were hurt; the council disagreed.",
    "Updated figures show 40 people were hurt.",
    "The council said it took 5 minutes to read the statement.",
    # prose with words that furniture marks use
    "For now, the new site, www.example.org, lists only 2,100 used cars for sale.",
    "The mayor posted a photo of the flooded road on Twitter, where it was shared 4,000 times.",
    "In this town, photographers are barred from the harbour since the strike began.",
    "Riis, who has led the city since 2019, said she was proud of the new ferry terminal and "
    "thanked the dockworkers (and their union) for ending the strike.",
    "The union said its members had been followed home by security guards on Twitter's "
    "advice, an allegation the company denied.",
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
    ("(CNN) -- The ferry sank.", "The ferry sank."), ("(CNN) The ferry sank.", "The ferry sank."),
    ("(CNN) reporters were there.", "(CNN) reporters were there."),
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


def test_the_headline_repeated_atop_the_text_is_the_title_not_a_sentence():
    from newsweave.model import Article
    from newsweave.text.sentences import clean_text

    paragraphs = ["Harbour reopens after strike", "Dockworkers returned on Friday.",
                  "Harbour reopens after strike, the union said."]
    text, starts = clean_text(Article(id="a", text="\n".join(paragraphs), paragraphs=paragraphs,
                                      title="Harbour Reopens After Strike!"))
    assert text.split("\n") == paragraphs[1:] and starts == [0, 32]
    untitled, _ = clean_text(Article(id="a", text="\n".join(paragraphs), paragraphs=paragraphs))
    assert untitled.split("\n") == paragraphs


@pytest.mark.parametrize(("line", "kind"), [
    ("Image copyright Vell Press Image caption Dockworkers gathered at the gate on Friday",
     "a photo caption"),
    ("Media playback is unsupported on your device Media caption The mayor speaks",
     "a photo caption"),
    ("FILE - In this May 3, 2025, file photo, Mayor Ana Riis speaks to reporters at the harbour "
     "in Kessmark. Riis said on Tuesday she would not run again. (AP Photo/Jon Tamm, File)",
     "a photo caption"),
    ("Striking dockworkers march past the ferry terminal in Kessmark on Friday, June 6, 2025. "
     "(Associated Press)", "a photo caption"),
    ("The harbour is closed until further notice. — Ana Riis (@mayorriis) June 6, 2025",
     "an embedded post"),
    ("Tweet with a location", "a social-media widget"),
    ("Follow Ana Riis on Twitter: @mayorriis", "a social-media widget"),
    ("Morning Briefing The news you need, in your inbox. Email Sign Up By signing up you agree "
     "to receive email newsletters. You can unsubscribe at any time.", "a newsletter sign-up"),
    ("Please enable Javascript to watch this video", "a video player"),
    ("Advertisement Continue reading the main story", "page navigation"),
    ("Staff writer Jon Tamm contributed to this report.", "a credit line"),
])
def test_marked_furniture_of_any_length(line, kind):
    from newsweave.text.boilerplate import furniture_kind

    assert furniture_kind(line) == kind
    assert is_boilerplate(line)


def test_links_in_brackets_are_taken_out_of_a_sentence():
    from newsweave.model import Article
    from newsweave.text.sentences import clean_text

    paragraphs = ["The mayor told Harbour Radio (http://radio.example.org/live ), on Friday, "
                  "that the road would reopen.", "Image caption The closed road"]
    text, _ = clean_text(Article(id="a", text="\n".join(paragraphs), paragraphs=paragraphs))
    assert text == "The mayor told Harbour Radio, on Friday, that the road would reopen."


def test_every_marked_phrase_gets_past_the_quick_filter():
    from newsweave.text.boilerplate import _HINTS, _PHRASES

    missed = [p for phrases in _PHRASES.values() for p in phrases
              if not any(h in p for h in _HINTS)]
    assert missed == []
