"""The same-fact judgement: `newsweave match` on TSV and JSONL (a bad line is named and
skipped, exit 1), and the verdicts same / conflict / different on invented sentences."""

from __future__ import annotations

import json
from datetime import date

import pytest
from click.testing import CliRunner

from newsweave.cli import main

BUDGET = "The city council approved a budget of $12 million for road repairs on Tuesday."
PAIRS = {
    "paraphrase": (BUDGET, "On Tuesday the city council passed a $12 million budget to "
                           "repair the roads."),
    "other fact": (BUDGET, "Council members said the road repairs would not start before "
                           "the spring because of a shortage of asphalt."),
    "dockworkers": ("About 4,000 dockworkers will return to work at the port on Monday, the "
                    "union said.",
                    "About 3,200 dockworkers will return to work at the port on Monday, the "
                    "union said."),
    "where": ("A storm flooded hundreds of homes in Hamburg overnight.",
              "A storm flooded hundreds of homes in Bremen overnight."),
    "when": ("The museum will reopen on 12 May, the city said.",
             "The museum will reopen on 19 June, the city said."),
    "negated": ("The Senate passed the ferry bill on Thursday.",
                "The Senate did not pass the ferry bill on Thursday."),
    "who": ("Mayor Anna Berg signed the harbour agreement on Friday.",
            "Governor Tom Reyes signed the harbour agreement on Friday."),
}
EXPECTED = {"paraphrase": "same", "other fact": "different", "dockworkers": "conflict",
            "where": "conflict", "when": "conflict", "negated": "conflict", "who": "conflict"}


@pytest.fixture(scope="module")
def runner():
    return CliRunner()


def _lines(output: str) -> dict[str, dict]:
    return {d["id"]: d for d in map(json.loads, output.splitlines())}


def test_tsv_pairs_are_judged_and_a_bad_line_is_named_and_skipped(runner, tmp_path):
    path = tmp_path / "pairs.tsv"
    rows = ["id\tsentence1\tsentence2"] + [f"{k}\t{a}\t{b}" for k, (a, b) in PAIRS.items()]
    rows.insert(2, "broken\tonly one sentence")
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = runner.invoke(main, ["match", str(path)])
    assert result.exit_code == 1
    assert f"{path}:3: expected 3 tab-separated fields, got 2" in result.stderr
    got = _lines(result.stdout)
    assert {k: v["verdict"] for k, v in got.items()} == EXPECTED
    assert all(0.0 <= v["score"] <= 1.0 for v in got.values())
    conflict = got["dockworkers"]["conflict"]
    assert conflict["kind"] == "number"
    assert "4,000" in conflict["values"][0] and "3,200" in conflict["values"][1]
    assert got["where"]["conflict"]["values"] == ["Hamburg", "Bremen"]
    assert got["when"]["conflict"]["kind"] == "date"
    assert got["negated"]["conflict"]["values"] == ["pass", "not pass"]
    assert got["who"]["conflict"]["values"] == ["Anna Berg", "Tom Reyes"]


def test_jsonl_pairs_with_outlets_and_dates(runner, tmp_path):
    path = tmp_path / "pairs.jsonl"
    records = [json.dumps({"id": k, "a": a, "b": b, "outlet_a": "Harbour Times",
                           "outlet_b": "Coast Wire", "published_a": "2026-03-02",
                           "published_b": "2026-03-02"}) for k, (a, b) in PAIRS.items()]
    records.insert(1, '{"id": "late", "a": "The vote was held.", "b": "The vote was held.", '
                      '"published_a": "last week"}')
    records.insert(0, "{not json")
    path.write_text("\n".join(records) + "\n", encoding="utf-8")
    result = runner.invoke(main, ["match", str(path)])
    assert result.exit_code == 1
    errors = result.stderr.splitlines()
    assert len(errors) == 2
    assert errors[0].startswith(f"newsweave: {path}:1: not JSON")
    assert f"{path}:3: 'published_a' is not a date" in errors[1]
    assert {k: v["verdict"] for k, v in _lines(result.stdout).items()} == EXPECTED


def test_a_missing_file_is_one_clear_line(runner, tmp_path):
    result = runner.invoke(main, ["match", str(tmp_path / "none.tsv")])
    assert result.exit_code == 1
    assert result.stderr == f"newsweave: {tmp_path / 'none.tsv'}: no such file\n"


def test_a_file_without_the_header_is_one_clear_line(runner, tmp_path):
    path = tmp_path / "pairs.tsv"
    path.write_text(f"1\t{BUDGET}\t{BUDGET}\n", encoding="utf-8")
    result = runner.invoke(main, ["match", str(path)])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert f"{path}:1: the header line must name" in result.stderr


def test_a_relative_date_is_read_against_each_outlet_s_publication_date():
    from newsweave.analyse.match import featurize, load, sides

    a = sides(["The ferry strike ended on Monday, the port authority said."], ["x/a"],
              published=[date(2026, 3, 3)])
    b = sides(["The ferry strike ended on March 9, the port authority said."], ["x/b"],
              published=[date(2026, 3, 10)])
    (judged,) = load().judge(featurize([(a[0], b[0])]))
    assert judged.verdict == "conflict" and judged.conflict.kind == "date"


def test_two_dates_that_cannot_be_one_are_never_the_same_fact():
    from newsweave.analyse.match import featurize, load, sides

    published = [date(2025, 2, 3)]
    a = sides(["Forecasters expect more rain in the valley on Wednesday."], ["x/a"],
              published=published)
    b = sides(["The weather service said more rain was likely in the valley on Thursday."],
              ["x/b"], published=published)
    same = sides(["Forecasters said more rain was likely in the valley on Wednesday."], ["x/c"],
                 published=published)
    judged = load().judge(featurize([(a[0], b[0]), (a[0], same[0])]))
    assert judged[0].verdict == "different"
    assert judged[1].verdict != "different"  # the same day: the judgement decides as before


@pytest.mark.slow
def test_the_model_beats_embedding_cosine_on_a_slice_of_msrp():
    from conftest import ROOT

    from newsweave.eval.same_fact import cross_validate, read_msrp, read_pairs

    path = ROOT.parent / "shared" / "data" / "msrp" / "msr_paraphrase_train.txt"
    if not path.is_file():
        pytest.skip("../shared/data/msrp is not present")
    pairs = read_msrp(path)[:800]
    results = cross_validate(pairs, read_pairs(pairs))
    model, cosine = results["same-fact model"], results["embedding cosine"]
    assert model["accuracy"] > cosine["accuracy"]
    assert model["precision"] > cosine["precision"]


def test_claims_can_hand_over_a_story_s_parsed_sentences(example_story):
    from newsweave.analyse.claims import analyse_claims
    from newsweave.analyse.match import featurize, load, story_side

    (wages,) = [c for c in analyse_claims(example_story)
                if "6 percent" in c.text and "wages" in c.text]
    a, b = (story_side(example_story, example_story.row(st.source, st.sentence))
            for st in wages.statements[:2])
    assert a.statement.outlet != b.statement.outlet and a.published is not None
    others = [i for i, s in enumerate(example_story.sentences)
              if s.article_id not in (a.statement.source, b.statement.source)]
    unlike = min(others, key=lambda i: float(example_story.vectors[i] @ a.vector))
    (same, other) = load().judge(featurize([(a, b), (a, story_side(example_story, unlike))]))
    assert same.verdict in ("same", "conflict") and other.verdict == "different"
