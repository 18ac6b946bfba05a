"""Rendering: hostile article text is escaped everywhere; the JSON follows a strict schema."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import jsonschema
import pytest

from newsweave.model import (
    ArticleInfo,
    Claim,
    Conflict,
    Entity,
    Evidence,
    Framing,
    FramingContrast,
    OutletTerms,
    Problem,
    Quote,
    Report,
    Statement,
    StoryReport,
    SummarySentence,
    TimelineEvent,
)
from newsweave.render import SCHEMA_PATH, render, to_dict

EVIL = '<script>alert(1)</script>"><img src=x onerror=alert(2)> | # * [x](javascript:y)'


def hostile_report() -> Report:
    st = Statement(source="a<1>", text=EVIL, sentence=0, outlet=EVIL)
    ev = Evidence(source="a<1>", text=EVIL, start=0, end=len(EVIL), sentence=0)
    story = StoryReport(
        id=EVIL,
        headline=EVIL,
        articles=[ArticleInfo("a<1>", EVIL, EVIL, "javascript:alert(3)", "2026-01-02"),
                  ArticleInfo("b", "B", "t", "https://b.example/x?a=1&b=<2>", None, "a<1>")],
        summary=[SummarySentence(EVIL, ["a<1>", "b"], [ev, Evidence("b", EVIL, None, None, 3)])],
        claims=[Claim(EVIL, ["a<1>", "b"], "disputed", [st], [EVIL], [ev, ev], True, [0]),
                Claim(EVIL, ["a<1>"], "single_source", [st], [EVIL], [ev], False)],
        conflicts=[Conflict("number", [st, st], [EVIL, "2"], "conflict", EVIL)],
        framing=Framing([FramingContrast(EVIL, [st, st], [EVIL, EVIL])],
                        [OutletTerms(EVIL, [(EVIL, 2.5)])]),
        quotes=[Quote(EVIL, EVIL, "a<1>", "direct", EVIL, EVIL, EVIL)],
        timeline=[TimelineEvent("2026-01-02/2026-01-05", EVIL, EVIL, ["a<1>"])],
        entities=[Entity(EVIL, "PERSON", [EVIL], ["a<1>"], 2, descriptions=[EVIL])],
    )
    return Report([story], [Problem(EVIL, EVIL)])


class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.attrs = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += attrs


def test_html_escapes_everything_and_loads_nothing_external():
    html = render(hostile_report(), "html")
    parser = Tags()
    parser.feed(html)
    assert "script" not in parser.tags and "img" not in parser.tags
    assert not any(name.startswith("on") for name, _ in parser.attrs)
    hrefs = [v for name, v in parser.attrs if name in {"href", "src"}]
    assert all(v.startswith("#") or v.startswith("https://b.example/") for v in hrefs)
    assert "javascript:" not in " ".join(hrefs)
    assert "&lt;script&gt;" in html


def test_markdown_escapes_html_and_table_syntax():
    md = render(hostile_report(), "md")
    assert "<script>" not in md and "<img" not in md
    tables, current = [], []
    for line in md.splitlines() + [""]:
        if line.startswith("|"):
            current.append(len(re.findall(r"(?<!\\)\|", line)))
        elif current:
            tables.append(current)
            current = []
    assert len(tables) == 2  # sources and claims
    assert all(len(set(cells)) == 1 for cells in tables)  # no row gained a column


def test_json_validates_and_schema_is_strict():
    schema = json.loads(SCHEMA_PATH.read_text())
    data = to_dict(hostile_report())
    jsonschema.validate(data, schema)
    data["stories"][0]["claims"][0]["support"] = "maybe"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)
    data = to_dict(hostile_report())
    data["stories"][0]["timeline"][0]["date"] = "next week"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)


def test_empty_story_renders_in_every_format():
    empty = Report([StoryReport("s", "", [], [], [], [], Framing(), [], [], [])])
    for fmt in ("json", "md", "html"):
        assert "s" in render(empty, fmt)
    jsonschema.validate(json.loads(render(empty, "json")), json.loads(SCHEMA_PATH.read_text()))


def test_unknown_format():
    with pytest.raises(ValueError, match="pdf"):
        render(hostile_report(), "pdf")


def test_anchor_ids_are_safe():
    html = render(hostile_report(), "html")
    ids = re.findall(r'id="([^"]*)"', html)
    assert ids and all(re.fullmatch(r"[A-Za-z0-9_-]+", i) for i in ids)


def test_a_search_for_conflicts_that_found_none_says_so():
    from newsweave.render.wording import NO_CONFLICTS

    two = [ArticleInfo("a", "A", None, None, None), ArticleInfo("b", "B", None, None, None)]
    copy = [two[0], ArticleInfo("c", "C", None, None, None, "a")]

    def story(articles, sections):
        return Report([StoryReport("s", "Ferry sinks", articles, [], [], [], Framing(), [], [],
                                   [], sections=sections)])

    for fmt in ("md", "html"):
        assert NO_CONFLICTS in render(story(two, ["conflicts"]), fmt)
        assert "Conflicts" not in render(story(two, ["summary"]), fmt)  # not looked for
        assert "Conflicts" not in render(story(copy, ["conflicts"]), fmt)  # one source


@pytest.mark.parametrize(("story_id", "headline", "heading", "byline"), [
    ("story", "", "Untitled story", "4 sources"),  # never "Story story", "story story · ..."
    ("story", "Ferry sinks", "Ferry sinks", "4 sources"),
    ("d30001t", "", "Story d30001t", "story d30001t · 4 sources"),
])
def test_a_story_heading_reads_well_without_a_title(story_id, headline, heading, byline):
    four = [ArticleInfo(k, "unknown", None, None, None) for k in "abcd"]
    report = Report([StoryReport(story_id, headline, four, [], [], [], Framing(), [], [], [])])
    md = render(report, "md")
    assert f"\n## {heading}\n\n{byline}\n" in md
    html = render(report, "html")
    assert f"<h2>{heading}</h2>" in html and f'<p class="story-id">{byline}</p>' in html
    assert "story story" not in md.lower() + html.lower()
