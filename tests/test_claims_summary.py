"""Claims group the same fact across outlets; the summary cites every source it rests on."""

from newsweave.analyse.claims import analyse_claims, dangles
from newsweave.analyse.summary import analyse_summary
from newsweave.stories.dedup import find_copies


def _claim_with(claims, words):
    return [c for c in claims if all(w in c.text for w in words)]


def test_syndicated_copy_is_found(example_articles):
    assert find_copies(example_articles) == {"gazette-kessmark": "wire-kessmark"}


def test_copy_is_cited_but_not_counted_as_an_outlet(example_story):
    claims = analyse_claims(example_story)
    wages = [c for c in claims if "6 percent" in c.text and "wages" in c.text]
    assert len(wages) == 1
    assert wages[0].support == "consensus"
    assert set(wages[0].outlets) == {"Harbour Herald", "Northern Wire"}
    assert "gazette-kessmark" in wages[0].sources
    assert "Lakeside Gazette" not in wages[0].outlets


def test_one_article_never_backs_a_claim_twice(example_story):
    for claim in analyse_claims(example_story):
        sources = [st.source for st in claim.statements]
        assert len(sources) == len(set(sources))


def test_single_source_claims_have_one_outlet(example_story):
    claims = analyse_claims(example_story)
    single = [c for c in claims if c.support == "single_source"]
    assert single and all(len(c.outlets) == 1 for c in single)
    assert _claim_with(single, ["90 million euros"])


def test_summary_respects_the_word_budget_and_cites(example_story):
    claims = analyse_claims(example_story)
    for budget in (25, 60, 120):
        summary = analyse_summary(example_story, claims, budget)
        assert summary
        assert sum(len(s.text.split()) for s in summary) <= budget
        assert all(s.sources for s in summary)


def test_summary_sentences_cite_every_article_stating_them(example_story):
    claims = analyse_claims(example_story)
    summary = analyse_summary(example_story, claims, 100)
    for sentence in summary:
        claim = next(c for c in claims if any(st.text == sentence.text for st in c.statements))
        assert set(sentence.sources) <= set(claim.sources)
        assert sentence.sources[0] in {st.source for st in claim.statements}
    assert any(len(s.sources) >= 3 for s in summary)  # two outlets and a syndicated copy
    assert any("6 percent" in s.text for s in summary)


def test_dangling_sentences():
    assert dangles("He added that talks would go on.")
    assert dangles('It shows we care."')
    assert not dangles("The council met on Monday.")
