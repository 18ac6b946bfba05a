"""`newsweave analyse` and `newsweave serve` run as a user runs them: real processes, a real
SQLite file, a real server on 127.0.0.1."""

from __future__ import annotations

import httpx
import pytest
from cli_helpers import _run, start_server
from serve_corpus import example_articles, write_jsonl


@pytest.mark.slow
def test_analyse_then_serve_a_store(tmp_path):
    src = write_jsonl(tmp_path / "in.jsonl", example_articles())
    db = tmp_path / "news.db"
    assert _run("stories", str(src), "--db", str(db), "--quiet").returncode == 0
    first = _run("analyse", "--db", str(db))
    assert first.returncode == 0 and "stored 1 story report\n" in first.stderr
    again = _run("analyse", "--db", str(db))  # nothing changed: nothing recomputed
    assert again.returncode == 0 and "stored 0 story reports" in again.stderr
    everything = _run("analyse", "--db", str(db), "--all")
    assert everything.returncode == 0 and "stored 1 story report\n" in everything.stderr
    missing = _run("analyse", "--db", str(db), "--story", "s404")
    assert missing.returncode == 2 and "no story 's404'" in missing.stderr
    assert "Traceback" not in missing.stderr
    before = db.stat().st_mtime_ns
    server, base = start_server(str(db))
    try:
        listed = httpx.get(base + "/api/stories").json()["stories"]
        assert [s["report"] for s in listed] == ["current"]
        page = httpx.get(f"{base}/stories/{listed[0]['id']}")
        assert page.status_code == 200 and "Kessmark" in page.text
    finally:
        server.terminate()
        server.wait(10)
    assert db.stat().st_mtime_ns == before  # the server never wrote


def test_serve_refuses_a_missing_or_foreign_file_in_one_line(tmp_path):
    gone = _run("serve", "--db", str(tmp_path / "none.db"))
    assert gone.returncode == 2 and "no such story database" in gone.stderr
    junk = tmp_path / "junk.db"
    junk.write_text("not sqlite at all " * 100)
    bad = _run("serve", "--db", str(junk))
    assert bad.returncode == 2 and "not a usable newsweave database" in bad.stderr
    assert len(bad.stderr.strip().splitlines()) == 1


def test_head_is_answered_as_get_without_the_body(tmp_path):
    """Link checkers and monitors send HEAD: every page and API route answers it with the
    status and headers of its GET, and no body."""
    src = write_jsonl(tmp_path / "in.jsonl", example_articles())
    db = tmp_path / "news.db"
    assert _run("stories", str(src), "--db", str(db), "--quiet").returncode == 0
    server, base = start_server(str(db))
    try:
        story = httpx.get(base + "/api/stories").json()["stories"][0]["id"]
        for path in ["/", "/?q=strike&limit=5", "/api/stories", f"/stories/{story}",
                     "/articles/herald-strike", "/api/articles/herald-strike", "/healthz",
                     "/api/stories/s404", "/stories/s404", "/api/stories?limit=-1"]:
            got, head = httpx.get(base + path), httpx.head(base + path)
            assert head.status_code == got.status_code, path
            assert head.content == b"", path
            for name in ("content-type", "content-length", "etag"):
                assert head.headers.get(name) == got.headers.get(name), (path, name)
    finally:
        server.terminate()
        _, err = server.communicate(timeout=10)
    assert "Traceback" not in err
