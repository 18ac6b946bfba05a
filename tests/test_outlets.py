"""The outlet is the site's own name (og:site_name, JSON-LD publisher, application-name), else
its domain, else "unknown" — never a file name, <stdin> or a URL; the input is named apart.
Two articles of unknown outlets are two independent sources, not one outlet."""

import io
import json

import pytest

from newsweave.ingest import read_inputs
from newsweave.ingest.outlets import domain

BODY = ("The harbour council of Kessmark voted on Monday to reopen the ferry terminal after a "
        "three-week strike by dockworkers ended with a new pay deal.\n"
        "Mayor Ana Riis said the first ferry would leave the port on Wednesday morning.")


def page(head: str, body: str = BODY) -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in body.splitlines())
    return (f"<!DOCTYPE html><html><head><title>Ferry terminal reopens</title>{head}</head>"
            f"<body><article><h1>Ferry terminal reopens</h1>{paragraphs}</article></body></html>")


JSON_LD = ('<script type="application/ld+json">{"@context": "https://schema.org", "@type": '
           '"NewsArticle", "headline": "Ferry terminal reopens", "publisher": {"@type": '
           '"NewsMediaOrganization", "name": "Velka Harbour Gazette"}}</script>')
GRAPH = ('<script type="application/ld+json">{"@graph": [{"@type": "NewsArticle", '
         '"publisher": {"@id": "https://gazette.example/#org"}}, {"@type": "Organization", '
         '"@id": "https://gazette.example/#org", "name": "The Coast Gazette"}]}</script>')
TWITTER = ('<meta name="twitter:site" content="@islandpost">'
           '<meta property="article:publisher" content="https://www.facebook.com/islandpost">')


@pytest.mark.parametrize(("head", "outlet"), [
    ('<meta property="og:site_name" content="Island Post">' + JSON_LD, "Island Post"),
    (JSON_LD + '<meta name="application-name" content="IP App">', "Velka Harbour Gazette"),
    (GRAPH, "The Coast Gazette"),
    ('<meta name="application-name" content="Ferry Weekly">', "Ferry Weekly"),
    # a Twitter handle, a Facebook page and a canonical URL are not the site's name...
    (TWITTER + '<link rel="canonical" href="https://www.example-news.com/2026/ferry">',
     "example-news.com"),  # ...but the canonical address gives its domain
    (TWITTER, "unknown"),
])
def test_outlet_from_the_page_metadata(tmp_path, head, outlet):
    path = tmp_path / "ferry-page.html"
    path.write_text(page(head), encoding="utf-8")
    (a,), problems = read_inputs([str(path)])
    assert not problems
    assert a.outlet == outlet
    assert a.source == str(path)


def test_plain_text_and_stdin_are_unknown_never_their_names(tmp_path):
    (tmp_path / "harbour.txt").write_text(BODY, encoding="utf-8")
    (a,), _ = read_inputs([str(tmp_path / "harbour.txt")])
    assert (a.id, a.outlet, a.source) == ("harbour", "unknown", str(tmp_path / "harbour.txt"))
    (b,), _ = read_inputs(["-"], stdin=io.BytesIO(BODY.encode()))
    assert (b.outlet, b.source) == ("unknown", "<stdin>")


def test_record_outlet_then_url_domain_then_unknown_and_option_wins(tmp_path):
    records = [{"id": "r1", "text": BODY, "outlet": "Island Post",
                "url": "https://www.example-news.com/a"},
               {"id": "r2", "text": BODY, "url": "https://www.example-news.com/b"},
               {"id": "r3", "text": BODY, "url": "file:///home/me/r3.html"},
               {"id": "r4", "text": BODY, "outlet": "Island Post"}]
    path = tmp_path / "records.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    articles, _ = read_inputs([str(path)], outlets={"r4": "Harbour Daily"})
    assert [a.outlet for a in articles] == ["Island Post", "example-news.com", "unknown",
                                            "Harbour Daily"]
    assert [a.source for a in articles] == [f"{path}:{n}" for n in range(1, 5)]


@pytest.mark.parametrize(("url", "name"), [
    ("https://www.example-news.com/2026/05/ferry", "example-news.com"),
    ("http://news.example.co.uk", "news.example.co.uk"),
    ("HTTPS://WWW2.Example.org:8080/x", "example.org"),
    ("ftp://example.org/x", None), ("/home/me/page.html", None), ("http://[::1", None),
    ("http://localhost/x", None), (None, None),
])
def test_domain(url, name):
    assert domain(url) == name


def test_report_shows_outlet_and_input_apart(tmp_path):
    from jsonschema import validate

    from newsweave import report
    from newsweave.render import SCHEMA_PATH, render, to_dict

    path = tmp_path / "ferry-page.html"
    path.write_text(page('<meta property="og:site_name" content="Island Post">'), "utf-8")
    articles, _ = read_inputs([str(path)])
    done = report(articles, sections={"entities"})
    data = to_dict(done)
    validate(data, json.loads(SCHEMA_PATH.read_text()))
    (info,) = data["stories"][0]["articles"]
    assert (info["outlet"], info["input"]) == ("Island Post", str(path))
    md = render(done, "md")
    assert md.startswith("# newsweave report\n\n## Ferry terminal reopens\n\n1 source\n")


SAME = ("Dockworkers in Kessmark ended their three-week strike on Monday after the union "
        "accepted a pay rise of 4 percent.")
OTHER = ("The harbour strike in Kessmark ended on Monday when the dockworkers' union accepted "
         "a 4 percent pay rise.")


@pytest.mark.parametrize(("outlets", "support"), [
    ((None, None), "consensus"),  # two unknown outlets: two independent sources
    (("unknown", "unknown"), "consensus"),
    (("Island Post", "Island Post"), "single_source"),  # one outlet said it twice
    (("Island Post", "Harbour Daily"), "consensus"),
])
def test_unknown_outlets_are_distinct_sources(outlets, support):
    from newsweave import report
    from newsweave.model import Article

    articles = [Article(id=f"a{k}", text=text, outlet=outlet)
                for k, (text, outlet) in enumerate(zip((SAME, OTHER), outlets, strict=True))]
    (story,) = report(articles, sections={"claims"}).stories
    claim = next(c for c in story.claims if len(c.sources) == 2)
    assert claim.support == support
