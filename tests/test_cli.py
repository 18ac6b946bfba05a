"""The command line: outputs by suffix, stdin, exit codes 0 / 1 (input skipped) / 2 (usage)."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from newsweave.cli import main
from newsweave.render import SCHEMA_PATH

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.fixture(scope="module")
def runner():
    return CliRunner()


def test_examples_to_three_formats(runner, tmp_path):
    out = tmp_path / "r"
    result = runner.invoke(main, ["report", str(EXAMPLES), "-q", "--words", "60",
                                  "-o", f"{out}.json", "-o", f"{out}.md", "-o", f"{out}.html"])
    assert result.exit_code == 0, result.output
    data = json.loads(Path(f"{out}.json").read_text())
    jsonschema.validate(data, json.loads(SCHEMA_PATH.read_text()))
    (story,) = data["stories"]
    assert sum(len(s["text"].split()) for s in story["summary"]) <= 60
    assert {a["id"]: a["duplicate_of"] for a in story["articles"]}["gazette-kessmark"] \
        == "wire-kessmark"
    assert any(c["kind"] == "number" and c["status"] == "conflict" for c in story["conflicts"])
    md, html = Path(f"{out}.md").read_text(), Path(f"{out}.html").read_text()
    for text in (md, html):
        assert "Kessmark" in text and "Advertisement" not in text and "Click here" not in text
    title = next(a["title"] for a in story["articles"] if a["title"])
    assert story["headline"] == title
    assert f"<h2>{title}</h2>" in html and md.splitlines()[2].startswith("## ")


def test_stories_from_records_and_stdin(runner):
    lines = []
    for story in ("one", "two"):
        for p in sorted(EXAMPLES.glob("*.json")):
            rec = json.loads(p.read_text())
            lines.append(json.dumps({**rec, "id": f"{story}-{rec['id']}", "story": story}))
    result = runner.invoke(main, ["report", "-", "-q", "--format", "json"],
                           input="\n".join(lines))
    assert result.exit_code == 0, result.output
    assert [s["id"] for s in json.loads(result.stdout)["stories"]] == ["one", "two"]


def test_skipped_input_gives_exit_1_and_one_line(runner, tmp_path):
    (tmp_path / "empty.txt").write_text("")
    result = runner.invoke(main, ["report", str(EXAMPLES / "coastal-times.txt"),
                                  str(tmp_path / "empty.txt"), "-q", "--format", "json"])
    assert result.exit_code == 1
    lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert lines == [f"newsweave: {tmp_path / 'empty.txt'}: empty file"]
    assert json.loads(result.stdout)["stories"]


def test_a_warning_alone_is_said_but_exits_0_as_stories_does(runner, tmp_path):
    record = json.loads((EXAMPLES / "northern-wire.json").read_text())
    (tmp_path / "w.json").write_text(json.dumps({**record, "published": "2024-13-45"}))
    result = runner.invoke(main, ["report", str(tmp_path / "w.json"), "-q", "--format", "md"])
    assert result.exit_code == 0
    assert "'2024-13-45'" in result.stderr and "(warning)" in result.stderr


def test_nothing_readable(runner, tmp_path):
    result = runner.invoke(main, ["report", str(tmp_path / "missing.txt"), "-q"])
    assert result.exit_code == 1
    assert "no such file or folder" in result.stderr and "nothing to report" in result.stderr


@pytest.mark.parametrize("args", [
    ["report"],
    ["report", "x.txt", "--published", "a=yesterday"],
    ["report", "x.txt", "--outlet", "no-equals-sign"],
    ["report", "x.txt", "-o", "out.pdf"],
    ["report", "x.txt", "--format", "pdf"],
    ["report", "x.txt", "--words", "0"],
])
def test_usage_errors_exit_2(runner, args):
    result = runner.invoke(main, args)
    assert result.exit_code == 2
    assert "Traceback" not in result.output


@pytest.mark.parametrize("benchmark", ["quotes", "framing", "conflicts", "summarization"])
def test_a_benchmark_without_its_data_set_fails_in_one_line(runner, tmp_path, benchmark):
    result = runner.invoke(main, ["eval", benchmark, "--data", str(tmp_path)])
    assert result.exit_code == 2
    lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and "not found" in lines[0] and str(tmp_path) in lines[0]


def test_a_benchmark_missing_its_extra_says_how_to_install_it(capsys):
    import pytest

    from newsweave.cli import _benchmark

    def needs_rouge() -> None:
        raise ModuleNotFoundError("No module named 'rouge_score'", name="rouge_score")

    with pytest.raises(SystemExit) as stop:
        _benchmark(needs_rouge)
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert "rouge_score" in err and "newsweave[eval]" in err and "Traceback" not in err


def test_report_on_articles_of_several_stories_gives_one_report_each(runner, tmp_path):
    from cli_helpers import _write_jsonl
    from corpus import story_articles

    articles = story_articles(2, 3, seed=4)
    path = _write_jsonl(tmp_path / "mixed.jsonl", articles)  # no `story` field written
    split = runner.invoke(main, ["report", str(path), "-q", "--format", "json"])
    assert split.exit_code == 0, split.output
    stories = json.loads(split.stdout)["stories"]
    grouped = sorted(sorted(a["id"] for a in s["articles"]) for s in stories)
    assert grouped == sorted(sorted(a.id for a in articles if a.story == k) for k in ("e0", "e1"))
    whole = runner.invoke(main, ["report", str(path), "-q", "--format", "json", "--one-story"])
    assert len(json.loads(whole.stdout)["stories"]) == 1
