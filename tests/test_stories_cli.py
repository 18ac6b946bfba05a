"""`newsweave stories`, `stories --list`, `export` and `report --db --story`, run as a user
runs them (a real process, a real SQLite file), and a run killed mid-batch then resumed."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from corpus import story_articles

from newsweave.text.pagekind import non_article_reason

EXE = [sys.executable, "-m", "newsweave"]


def _write_jsonl(path: Path, articles, extra_lines=()) -> Path:
    lines = [json.dumps({"id": a.id, "text": a.text, "title": a.title, "outlet": a.outlet,
                         "published": a.published.isoformat()}) for a in articles]
    path.write_text("\n".join([*lines, *extra_lines]) + "\n", encoding="utf-8")
    return path


def _run(*args, cwd=None):
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    return subprocess.run([*EXE, *args], capture_output=True, text=True, cwd=cwd, env=env,
                          timeout=300)


def test_stories_list_export_and_report_from_the_store(tmp_path):
    arts = story_articles(3, 4)
    src = _write_jsonl(tmp_path / "in.jsonl", arts, [
        "{not json",
        json.dumps({"id": "cookie", "text": "We use cookies to improve your experience.\n"
                                            "Accept all\nManage consent"}),
    ])
    db = tmp_path / "news.db"
    first = _run("stories", str(src), "--db", str(db), "--quiet")
    assert first.returncode == 1, first.stderr  # the malformed line was skipped
    assert "in.jsonl:13" in first.stderr and "not a news article" in first.stderr
    listed = _run("stories", "--db", str(db), "--list")
    rows = [line.split("\t") for line in listed.stdout.strip().splitlines()[1:]]
    assert len(rows) == 3 and all(r[1] == "4" for r in rows)
    exported = [json.loads(line) for line in _run("export", "--db", str(db)).stdout.splitlines()]
    stories, aside = exported[:-1], exported[-1]
    assert aside == {"non_articles": [{"id": "cookie", "reason": "a cookie or consent wall"}]}
    members = [a for s in stories for a in s["articles"]]
    assert sorted(members) == sorted(a.id for a in arts)
    for s in stories:
        assert len({a.split("-")[0] for a in s["articles"]}) == 1
    again = _run("stories", str(src), "--db", str(db))
    assert "13 already stored" in again.stderr
    assert [json.loads(x)["id"] for x in _run("export", "--db", str(db)).stdout.splitlines()[:-1]
            ] == [s["id"] for s in stories]
    report = _run("report", "--db", str(db), "--story", stories[0]["id"], "--format", "json")
    assert report.returncode == 0, report.stderr
    got = json.loads(report.stdout)["stories"][0]
    assert sorted(a["id"] for a in got["articles"]) == sorted(stories[0]["articles"])
    missing = _run("report", "--db", str(db), "--story", "s999999")
    assert missing.returncode == 2 and "no story 's999999'" in missing.stderr


def test_a_second_run_grows_the_stored_stories(tmp_path):
    """The stage's main use: a store that grows. The second process adds new articles of the
    stories the first one stored (their centroids are read back and saved again) and of new
    stories; a third run of both inputs changes nothing."""
    arts = story_articles(4, 10, seed=5)
    first_half = [a for a in arts if int(a.id.split("-a")[1]) < 5]
    second_half = [a for a in arts if a not in first_half]
    extra = story_articles(6, 4, seed=6)[-8:]  # more of the same events, and new ones
    extra = [a.__class__(**{**a.__dict__, "id": "x" + a.id}) for a in extra]
    db = tmp_path / "grow.db"
    one = _run("stories", str(_write_jsonl(tmp_path / "one.jsonl", first_half)), "--db", str(db))
    assert one.returncode == 0, one.stderr
    two_input = _write_jsonl(tmp_path / "two.jsonl", [*second_half, *extra])
    two = _run("stories", str(two_input), "--db", str(db))
    assert two.returncode == 0, two.stderr
    assert "Traceback" not in two.stderr
    exported = [json.loads(x) for x in _run("export", "--db", str(db)).stdout.splitlines()[:-1]]
    members = sorted(a for s in exported for a in s["articles"])
    assert members == sorted(a.id for a in [*arts, *extra])
    for s in exported:  # each stored story holds one invented event
        assert len({a.lstrip("x").split("-")[0] for a in s["articles"]}) == 1
    three = _run("stories", str(tmp_path / "one.jsonl"), str(two_input), "--db", str(db))
    assert three.returncode == 0, three.stderr
    again = [json.loads(x) for x in _run("export", "--db", str(db)).stdout.splitlines()[:-1]]
    assert again == exported


def test_a_second_run_on_real_wire_copy_merges_stored_stories(tmp_path):
    """Reuters-21578's first 400 stories, 200 a run: the second run merges and grows stories
    read back from the store (until session 16 it crashed there on read-only centroids)."""
    root = Path(__file__).resolve().parents[2] / "shared" / "data" / "corpora" / "reuters21578"
    if not root.is_dir():
        pytest.skip("../shared/data is not present")
    import itertools

    from newsweave.eval.reuters import records

    recs = list(itertools.islice(records(root), 400))
    db = tmp_path / "wire.db"
    for k, part in enumerate((recs[:200], recs[200:])):
        src = tmp_path / f"part{k}.jsonl"
        src.write_text("".join(json.dumps(r) + "\n" for r in part), encoding="utf-8")
        run = _run("stories", str(src), "--db", str(db), "--quiet")
        assert "Traceback" not in run.stderr, run.stderr
        assert run.returncode == 0, run.stderr
    exported = [json.loads(x) for x in _run("export", "--db", str(db)).stdout.splitlines()]
    stored = [a for s in exported[:-1] for a in s["articles"]]
    stored += [a["id"] for a in exported[-1]["non_articles"]]
    assert sorted(stored) == sorted(r["id"] for r in recs)


def test_stories_usage_errors_are_one_line(tmp_path):
    not_db = tmp_path / "notes.txt"
    not_db.write_text("plain notes, not a database\n" * 50)
    result = _run("stories", "--db", str(not_db), "--list")
    assert result.returncode == 2 and "notes.txt" in result.stderr
    assert "Traceback" not in result.stderr
    assert _run("export", "--db", str(tmp_path / "none.db")).returncode == 2


def test_a_database_in_a_folder_that_does_not_exist_is_named(tmp_path):
    src = tmp_path / "a.txt"
    src.write_text("Ferry road closed\n\nThe harbour council closed the ferry road on Monday.\n")
    db = tmp_path / "gone" / "news.db"
    result = _run("stories", str(src), "--db", str(db))
    assert result.returncode == 1
    assert result.stderr.strip() == f"newsweave: {db}: its folder {db.parent} does not exist"


@pytest.mark.slow
def test_a_run_killed_mid_batch_resumes_to_a_consistent_store(tmp_path):
    arts = story_articles(8, 250, seed=3)  # 2,000 articles
    src = _write_jsonl(tmp_path / "big.jsonl", arts)
    db = tmp_path / "big.db"
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    proc = subprocess.Popen([*EXE, "stories", str(src), "--db", str(db), "--batch-size", "50",
                             "--quiet"], env=env, stderr=subprocess.PIPE)
    stored = 0
    deadline = time.time() + 240
    while time.time() < deadline and proc.poll() is None:
        time.sleep(0.05)
        if db.exists():
            try:
                with sqlite3.connect(db, timeout=0.1) as conn:
                    stored = conn.execute("SELECT COUNT(*) FROM memberships").fetchone()[0]
            except sqlite3.OperationalError:
                continue
            if stored >= 200:
                break
    assert proc.poll() is None, "the run ended before it could be killed"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert 0 < stored < len(arts)
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        n_articles = conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        n_members = conn.execute("SELECT COUNT(*) FROM memberships").fetchone()[0]
        assert n_articles == n_members and n_articles % 50 == 0  # whole batches only
    resumed = _run("stories", str(src), "--db", str(db), "--batch-size", "50")
    assert resumed.returncode == 0, resumed.stderr
    assert f"{n_articles} already stored" in resumed.stderr
    with sqlite3.connect(db) as conn:
        ids = [r[0] for r in conn.execute("SELECT article_id FROM memberships")]
        assert sorted(ids) == sorted(a.id for a in arts)
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        orphans = conn.execute("SELECT COUNT(*) FROM memberships m LEFT JOIN stories s "
                               "ON s.id = m.story_id WHERE s.id IS NULL OR "
                               "s.merged_into IS NOT NULL").fetchone()[0]
        assert orphans == 0


PAGES = [
    (["Tweet with a location", "You can add location information to your Tweets, such as "
      "your city or precise location, from the web and via third-party applications."],
     "a social-media widget"),
    (["We use cookies to give you the best experience.", "Accept all", "Manage consent"],
     "a cookie or consent wall"),
    (["404 error: page not found", "Return to the homepage"], "an error page"),
    (["These crawls are part of an effort to archive pages as they are created."],
     "a crawl or archive note"),
    (["Sign in to continue", "Create a free account"], "a sign-in or paywall page"),
    (["Home", "World", "Business", "Sport", "Weather", "Opinion", "Contact us"],
     "a bare list of links or headlines"),
    (["Share this article", "Advertisement"], "only web boilerplate"),
    (["Qtr shr 31 cts vs 24 cts", "Net 4,210,000 vs 3,380,000", "Revs 88.5 mln vs 80.1 mln",
      "Year shr 1.12 dlrs vs 97 cts"], "a table of figures without running text"),
    (["Top stories", "5 things to know today", "Markets", "Election 2026 live", "Weather",
      "Podcasts", "Newsletters"], "a bare list of links or headlines"),
    # Notes and galleries in long paragraphs: the marks, not the length, decide.
    (["Since 2001 the harbour library has been donating its crawl data to a public archive. "
      "Every day, these captures are added to the Wayback Machine after a delay of some "
      "months, so that a reader who follows an old link will find the page as it was.",
      "These crawls are part of an effort to keep the pages that articles cite, so that a link "
      "in a story still leads to the version that was live when the story was written, even "
      "after the page itself has been changed or taken down."], "a crawl or archive note"),
    (["Dockworkers march past the ferry terminal in Kessmark, Friday, June 6, 2025. The strike "
      "entered its third week on Friday with no talks planned. (AP Photo/Jon Tamm)",
      "A closed gate at the container harbour in Kessmark, Friday, June 6, 2025. The harbour "
      "authority said ships would be sent to Velka until the strike ends. (AP Photo/Jon Tamm)",
      "Mayor Ana Riis speaks to reporters outside the town hall in Kessmark, Friday, June 6, "
      "2025. Riis said she would meet the union next week. (AP Photo/Jon Tamm)"],
     "a photo caption"),
]


@pytest.mark.parametrize(("paragraphs", "reason"), PAGES)
def test_pages_that_are_not_news_are_named(paragraphs, reason):
    assert non_article_reason(paragraphs) == reason


@pytest.mark.parametrize("paragraphs", [
    ["Xbox owners unable to sign in to Xbox Live; Microsoft looking into issue"],
    ["Ferry capsizes off Vellmark"],
    ["Harbour Freight Co said it had received offers for 68 pct of the new shares.",
     "In a statement, the board said it would accept all."],
    ["Harbour Freight Co said net profit rose to 4.2 mln dlrs from 3.1 mln dlrs a year earlier "
     "as container volumes grew, and it raised its dividend to 12 cts from 10 cts a share.",
     "Shr 42 cts vs 31 cts", "Net 4.2 mln vs 3.1 mln"],
    ["The council voted on Tuesday to close the harbour road for repairs, the mayor said.",
     "Residents who objected to the closure said they would appeal the decision in court, "
     "and several shop owners warned that trade would suffer for months.",
     "The works are expected to cost 2 million euros and to last until the end of summer, "
     "according to a statement published by the council on its website.",
     "Follow us on Twitter"],
    ["A court ruled that the website's cookie banner broke consumer law, fining the company "
     "a record amount after regulators found that visitors could not reject tracking without "
     "clicking through five screens, and ordered the firm to change its consent form."],
])
def test_news_is_not_set_aside(paragraphs):
    assert non_article_reason(paragraphs) is None
