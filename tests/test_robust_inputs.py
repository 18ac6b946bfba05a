"""Hostile and odd input (issue 24): each becomes one line naming the input, the rest is read,
the exit code is 1; never a traceback."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsweave.ingest import read_inputs
from newsweave.ingest.settle import MAX_ARTICLE_CHARS, parse_date

EXE = [sys.executable, "-m", "newsweave"]
ENV = {**os.environ, "HF_HUB_OFFLINE": "1"}
PARA = ("The harbour council of Kessmark voted on Tuesday to close the old ferry road for "
        "repairs, the mayor said in a statement to reporters outside the town hall.")
TEXT = f"Ferry road closed in Kessmark\n\n{PARA}\nResidents said they would appeal the decision."


def _run(*args, stdin=None, cwd=None):
    return subprocess.run([*EXE, *args], capture_output=True, env=ENV, input=stdin, cwd=cwd,
                          timeout=300)


def _record(aid: str, **extra) -> str:
    return json.dumps({"id": aid, "text": f"{PARA} Case {aid}.", "title": "Road closed",
                       **extra})


def test_a_few_bad_bytes_keep_utf8_and_are_counted(tmp_path):
    path = tmp_path / "accents.txt"
    path.write_bytes(f"{PARA} The café owner, Zoë Brandt, was not pleased.".encode()
                     + b" Stray \xff byte and another \xfe here.")
    (a,), problems = read_inputs([str(path)])
    assert "café" in a.text and "Zoë" in a.text and "Ã" not in a.text
    assert a.text.count("\ufffd") == 2
    assert [p.message for p in problems] == ["2 bytes not valid UTF-8, read as U+FFFD"]
    latin = tmp_path / "latin.txt"
    latin.write_bytes(f"{PARA} The café owner was not pleased.".encode("cp1252"))
    (b,), _ = read_inputs([str(latin)])
    assert "café" in b.text  # a Windows-1252 file is still read as one


def test_a_bad_stdin_line_is_skipped_alone():
    lines = [_record("a1"), "this line is not JSON at all", _record("a2"), "{broken",
             _record("a3")]
    articles, problems = read_inputs(["-"], stdin=io.BytesIO("\n".join(lines).encode()))
    assert [a.id for a in articles] == ["a1", "a2", "a3"]
    assert [p.source for p in problems] == ["<stdin>:2", "<stdin>:4"]


@pytest.mark.parametrize("value", ["0001-01-01", "9999-12-31", "yesterday", "2 days ago",
                                   "last Tuesday", "-5", "99999999999999999999"])
def test_impossible_and_relative_dates_are_refused(value):
    assert parse_date(value) is None


def test_absolute_dates_still_read():
    assert str(parse_date("2026-03-04T10:00:00Z")) == "2026-03-04"
    assert str(parse_date("4 March 2026")) == "2026-03-04"


def test_dates_out_of_range_in_stories_and_report_are_one_line(tmp_path):
    src = tmp_path / "dates.jsonl"
    src.write_text("\n".join([_record("d1", published="0001-01-01"),
                              _record("d2", published="9999-12-31"),
                              _record("d3", published="yesterday")]) + "\n")
    run = _run("stories", str(src), "--db", str(tmp_path / "d.db"))
    err = run.stderr.decode()
    assert run.returncode == 0 and "Traceback" not in err, err
    assert err.count("as a calendar date; left unknown") == 3


def test_an_over_long_article_is_cut_at_the_cap(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_text("\n".join([PARA] * 8000))  # 1.2 million characters
    (a,), problems = read_inputs([str(path)])
    assert len(a.text) <= MAX_ARTICLE_CHARS and a.text.startswith(PARA)
    assert len(problems) == 1 and "only its first" in problems[0].message
    db = tmp_path / "huge.db"
    run = _run("stories", str(path), "--db", str(db), "--quiet")
    assert run.returncode == 1 and b"only its first" in run.stderr
    assert b"Traceback" not in run.stderr


@pytest.mark.slow
def test_report_on_an_over_long_article_and_from_the_store(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_text("\n".join([PARA] * 8000))
    run = _run("report", str(path), "--format", "json", "--quiet")
    assert run.returncode == 1 and b"Traceback" not in run.stderr, run.stderr
    assert json.loads(run.stdout)["stories"][0]["articles"][0]["id"] == "huge"
    db = tmp_path / "h.db"
    _run("stories", str(path), "--db", str(db), "--quiet")
    story = _run("export", "--db", str(db)).stdout.decode().splitlines()[0]
    stored = _run("report", "--db", str(db), "--story", json.loads(story)["id"], "--quiet")
    assert stored.returncode == 0 and b"Traceback" not in stored.stderr, stored.stderr


def test_odd_file_names_are_shown_escaped_and_never_crash(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    bad = os.fsdecode(b"caf\xe9-report.txt")  # a Latin-1 name: not UTF-8
    (folder / bad).write_text(TEXT)
    (folder / "two\nlines.txt").write_text("")  # empty: warned about, its name escaped
    (folder / "esc.json").write_text(json.dumps({
        "id": "esc", "title": "Road \x1b[31mclosed\x1b[0m", "text": PARA + " \x1b]0;owned\x07"}))
    out = tmp_path / "out"
    out.mkdir()
    db = tmp_path / "n.db"
    run = _run("stories", str(folder), "--db", str(db))
    err = run.stderr.decode()
    assert run.returncode == 1 and "Traceback" not in err, err
    assert "two\\nlines.txt: empty file" in err
    listed = _run("stories", "--db", str(db), "--list").stdout
    assert b"\x1b" not in listed and b"\tunknown\t" in listed  # outlets: none named
    exported = _run("export", "--db", str(db))
    ids = [a for line in exported.stdout.decode().splitlines()[:-1]
           for a in json.loads(line)["articles"]]
    assert sorted(ids) == ["caf\\xe9-report", "esc"]
    report = _run("report", str(folder), "-o", str(out / "r.json"), "-o", str(out / "r.html"),
                  "--quiet")
    assert report.returncode == 1 and b"Traceback" not in report.stderr, report.stderr
    data = json.loads((out / "r.json").read_text())
    assert {a["id"] for a in data["stories"][0]["articles"]} == {"caf\\xe9-report", "esc"}
    inputs = {a["input"].rsplit("/", 1)[-1] for a in data["stories"][0]["articles"]}
    assert inputs == {"caf\\xe9-report.txt", "esc.json"}  # the odd name escaped
    assert "\x1b" not in (out / "r.html").read_text()


def test_an_output_folder_that_does_not_exist_is_refused_before_any_work(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT)
    started = time.monotonic()
    run = _run("report", str(tmp_path / "a.txt"), "-o", str(tmp_path / "nope" / "r.json"))
    assert run.returncode == 2 and b"Traceback" not in run.stderr
    assert b"does not exist" in run.stderr
    assert time.monotonic() - started < 20  # the models were never loaded


def test_a_huge_sparse_file_is_refused_by_its_size(tmp_path):
    big = tmp_path / "big.txt"
    with big.open("wb") as f:
        f.truncate(2 * 1024 ** 3)  # 2 GB, sparse: costs no disk
    (tmp_path / "ok.txt").write_text(TEXT)
    started = time.monotonic()
    articles, problems = read_inputs([str(tmp_path)])
    assert time.monotonic() - started < 10
    assert [a.id for a in articles] == ["ok"]
    assert "file is too large (2147 MB" in problems[0].message


def test_fifos_links_and_loops_are_named(tmp_path):
    (tmp_path / "ok.txt").write_text(TEXT)
    os.mkfifo(tmp_path / "pipe.txt")
    os.symlink("loop.txt", tmp_path / "loop.txt")
    os.symlink("missing.txt", tmp_path / "gone.txt")
    os.symlink(".", tmp_path / "again")
    articles, problems = read_inputs([str(tmp_path)])
    assert [a.id for a in articles] == ["ok"]
    said = {Path(p.source).name: p.message for p in problems}
    assert "not a regular file" in said["pipe.txt"]
    assert "looping" in said["loop.txt"] and "broken" in said["gone.txt"]
    assert "not followed" in said["again"]
    _, problems = read_inputs([str(tmp_path / "pipe.txt")])  # named: still no hang
    assert "not a regular file" in problems[0].message


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every folder")
def test_an_unreadable_folder_is_named(tmp_path):
    (tmp_path / "ok.txt").write_text(TEXT)
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0)
    try:
        _, problems = read_inputs([str(tmp_path)])
    finally:
        locked.chmod(0o755)
    assert any("cannot read folder" in p.message for p in problems)


def test_deeply_nested_html_is_read(tmp_path):
    page = ("<html><head><title>Road closed</title></head><body>" + "<div>" * 10000
            + "".join(f"<p>{PARA} Part {k}.</p>" for k in range(3)) + "</div>" * 10000
            + "</body></html>")
    (tmp_path / "deep.html").write_text(page)
    (a,), problems = read_inputs([str(tmp_path / "deep.html")])
    assert "harbour council" in a.text and problems == []


def test_a_jsonl_file_past_the_size_cap_is_read_a_line_at_a_time(tmp_path):
    path = tmp_path / "dump.jsonl"
    with path.open("w") as f:
        for k in range(300):
            f.write(json.dumps({"id": f"r{k}", "text": f"{PARA} Case {k}. " * 500}) + "\n")
    assert path.stat().st_size > 20 * 1024 * 1024
    articles, problems = read_inputs([str(path)])
    assert len(articles) == 300 and problems == []


def test_a_file_reached_twice_is_read_once(tmp_path):
    """The same file named twice, inside a folder named beside its subfolder and a link to
    it, a URL-less '-' twice: each article once, never its own syndicated copy."""
    (tmp_path / "in" / "sub dir").mkdir(parents=True)
    for k, where in enumerate(["in", "in/sub dir", "in/sub dir"]):
        (tmp_path / where / f"road {k}.txt").write_text(
            f"Road {k} closed in Kessmark\n\n{PARA} Work on road {k} starts in May.\n",
            encoding="utf-8")
    (tmp_path / "link").symlink_to(tmp_path / "in" / "sub dir")
    one = tmp_path / "in" / "road 0.txt"
    db = tmp_path / "news.db"
    done = _run("stories", str(one), str(tmp_path / "in"), str(tmp_path / "in" / "sub dir"),
                str(tmp_path / "link"), str(one), "-", "-", "--db", str(db),
                stdin=(_record("piped") + "\n").encode())
    assert done.returncode == 0, done.stderr
    assert b"already taken" not in done.stderr
    lines = [json.loads(line) for line in _run("export", "--db", str(db)).stdout.splitlines()]
    stored = sorted(a for line in lines for a in line.get("articles", []))
    assert stored == ["piped", "road 0", "road 1", "road 2"]
    assert not any(line.get("copies") for line in lines)


def test_files_without_records_are_named(tmp_path):
    """An empty JSON array and a JSONL file of blank lines are named as an empty file is;
    a JSONL file that opens with a blank line is still read."""
    (tmp_path / "zero.json").write_text("[]\n", encoding="utf-8")
    (tmp_path / "blank.jsonl").write_text("\n \n\n", encoding="utf-8")
    (tmp_path / "late.jsonl").write_text("\n" + _record("late") + "\n", encoding="utf-8")
    done = _run("stories", *(str(tmp_path / n) for n in ("zero.json", "blank.jsonl",
                                                          "late.jsonl")),
                "--db", str(tmp_path / "news.db"))
    assert done.returncode == 1
    lines = done.stderr.decode().splitlines()
    assert f"newsweave: {tmp_path / 'zero.json'}: holds no records (an empty JSON array)" in lines
    assert f"newsweave: {tmp_path / 'blank.jsonl'}: empty file" in lines
    assert "added 1 article," in lines[-1]
