"""`newsweave serve --db postgresql://...` while its PostgreSQL server goes down and comes
back: a clear 503 (JSON for the API, a page for the pages) during the outage, never a
traceback or a hung request, and answers again after it without being restarted. A real
server process on a throwaway PostgreSQL cluster of its own (tests/pg_cluster.py)."""

from __future__ import annotations

import time

import httpx
import pytest
from cli_helpers import _run, _write_jsonl, start_server
from corpus import story_articles
from pg_cluster import Cluster

ASK_SECONDS = 15  # a request that takes longer than this is a hung worker


def _answers(base: str, paths: list[str]) -> dict[str, httpx.Response]:
    """Each path asked twice (so that more than one server thread answers); the second
    answer is kept, and must be the first's."""
    seen = {}
    for path in paths:
        first, second = (httpx.get(base + path, timeout=ASK_SECONDS) for _ in range(2))
        assert (first.status_code, first.text) == (second.status_code, second.text), path
        seen[path] = second
    return seen


def _bodies(answers: dict[str, httpx.Response]) -> dict[str, tuple[int, str]]:
    return {path: (r.status_code, r.text) for path, r in answers.items()}


@pytest.mark.slow  # a PostgreSQL cluster of its own, a server process
def test_the_server_says_503_while_postgresql_is_down_and_answers_again_after(tmp_path):
    cluster = Cluster()
    server = None
    try:
        url = cluster.new_database()
        src = _write_jsonl(tmp_path / "in.jsonl", story_articles(3, 4, seed=9))
        assert _run("stories", str(src), "--db", url, "--quiet").returncode == 0
        server, base = start_server(url)
        story = httpx.get(base + "/api/stories").json()["stories"][0]["id"]
        article = story_articles(3, 4, seed=9)[0].id
        api = ["/healthz", "/api/stories", "/api/stories?q=ferry", f"/api/articles/{article}"]
        pages = ["/", "/?q=ferry", f"/stories/{story}", f"/articles/{article}"]
        before = _bodies(_answers(base, api + pages))
        assert {status for status, _ in before.values()} == {200}, before
        assert "Ferry" in before[f"/stories/{story}"][1] or "Ferry" in before["/"][1]

        cluster.halt()
        started = time.monotonic()
        down = _answers(base, api + pages)
        assert time.monotonic() - started < ASK_SECONDS  # every request answered at once
        for path, answer in down.items():
            text, headers = answer.text, answer.headers
            assert answer.status_code == 503, (path, text)
            assert headers["retry-after"] == "5"
            assert "Traceback" not in text and cluster.password not in text
            if path in api:
                error = answer.json()["error"]
                assert error.startswith("the story database cannot be used now: "), error
                assert "cannot connect" in error and "127.0.0.1" in error, error
            else:
                assert headers["content-type"].startswith("text/html")
                assert "the story database cannot be used now" in text

        cluster.resume()
        assert _bodies(_answers(base, api + pages)) == before  # the same process, reconnected
        cluster.restart()  # every session ended while the server's threads held theirs
        assert _bodies(_answers(base, api + pages)) == before  # no 503: dead sessions replaced
        assert server.poll() is None
    finally:
        if server is not None:
            server.terminate()
            _, err = server.communicate(timeout=30)
            assert "Traceback" not in err, err
        cluster.stop()
