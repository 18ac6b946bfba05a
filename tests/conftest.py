"""Shared fixtures: the models load once per test session; seeds are read from ../shared."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from newsweave.model import Article

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
EXAMPLES = ROOT / "examples"


def lines_article(path: Path, **meta) -> Article:
    """An Article from a file in the seeds' shape (one paragraph a line)."""
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return Article(id=path.stem, text="\n".join(lines), paragraphs=lines, **meta)


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not present")
    return SEEDS


@pytest.fixture(scope="session")
def seed_articles(seeds_dir) -> list[Article]:
    return [lines_article(p) for p in sorted(seeds_dir.glob("*.txt"))]


@pytest.fixture(scope="session")
def example_articles() -> list[Article]:
    """The invented Kessmark strike story of examples/, read without the ingest stage."""
    articles = []
    for p in sorted(EXAMPLES.glob("*.json")):
        rec = json.loads(p.read_text(encoding="utf-8"))
        articles.append(Article(id=rec["id"], text=rec["text"], outlet=rec["outlet"],
                                paragraphs=rec["text"].split("\n"), title=rec["title"],
                                published=date.fromisoformat(rec["published"])))
    articles.append(lines_article(EXAMPLES / "coastal-times.txt", outlet="Coastal Times"))
    return articles


@pytest.fixture(scope="session")
def models():
    from newsweave.embed import default_embedder
    from newsweave.text.nlp import load

    return load(), default_embedder()


@pytest.fixture(scope="session")
def example_story(example_articles, models):
    from newsweave.stories.grouping import build_story

    return build_story("kessmark", example_articles, *models)


@pytest.fixture(scope="session")
def seed_story(seed_articles, models):
    from newsweave.stories.grouping import build_story

    return build_story("seeds", seed_articles, *models)


# The fetch and watch tests' web server (pytest-httpserver) on loopback only.
@pytest.fixture(scope="session")
def httpserver_listen_address():
    return ("127.0.0.1", 0)


@pytest.fixture
def server(httpserver):
    httpserver.no_handler_status_code = 404
    return httpserver


@pytest.fixture(scope="session")
def pg_server():
    """A throwaway PostgreSQL cluster for the session, stopped after; without PostgreSQL
    installed the tests that need it fail (CI must run them), never skip."""
    from pg_cluster import Cluster, MissingPostgres

    try:
        cluster = Cluster()
    except MissingPostgres as exc:
        pytest.fail(str(exc))
    yield cluster
    cluster.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def fresh_db(request, tmp_path):
    """A factory of fresh, empty story databases of each backend: SQLite files in the test's
    folder, or databases of the session's PostgreSQL cluster (`postgresql://` URLs)."""
    if request.param == "postgresql":
        return request.getfixturevalue("pg_server").new_database
    made = iter(range(1_000_000))
    return lambda: tmp_path / f"s{next(made)}.db"
