"""The story-clustering benchmark sets, as Articles whose `story` field is the gold label.

(a) every article of DUC 2004, DUC 2003 Task 2 and the Multi-News sample, shuffled;
(b) the UCI News Aggregator sample (headlines); (c) WikiRef220 (full texts, read through
newsweave's own ingest stage, gold = file name without its trailing number); (d) ECB+ topics
1-22 (pairs of similar events, gold = the sub-topic, one event each).
"""

from __future__ import annotations

import csv
import json
import random
import re
import zlib
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from newsweave.eval.datasets import duc2003, duc2004, multinews_sample
from newsweave.ingest.plaintext import read_text
from newsweave.ingest.settle import settle
from newsweave.model import Article

SEED = 13
_TRAILING_NUMBER = re.compile(r"(\s*\(\d+\)|\.\d+)$")


def mds_mixed(data: Path, seed: int = SEED) -> list[Article]:
    """All articles of the three summarization sets, shuffled, story = their cluster."""
    mds = data / "mds"
    clusters = (duc2004(mds / "duc2004") + duc2003(mds / "duc2003")
                + multinews_sample(mds / "multinews-val-sample" / "sample_validation.csv"))
    # The DUC cluster ids are TDT topic numbers, shared by DUC 2003 and 2004 for the same
    # event. 57 documents sit in a cluster of each set: each is one item, and the 35 of them
    # whose two clusters differ (d30005t and d31038t: the 1998 embassy bombings) keep their
    # DUC 2004 label.
    articles = list({a.id: a for c in clusters for a in c.articles}.values())
    random.Random(seed).shuffle(articles)
    return articles


def uci_headlines(data: Path) -> list[Article]:
    """The UCI News Aggregator sample: headline as title and text, publisher, timestamp."""
    path = data / "clustering" / "uci-news-aggregator-sample" / "uci-news-aggregator.head.csv"
    articles = []
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if not row.get("TITLE") or not row.get("STORY") or not row.get("TIMESTAMP"):
                continue
            day = datetime.fromtimestamp(int(row["TIMESTAMP"]) / 1000, tz=UTC).date()
            articles.append(Article(id=f"uci-{row['ID']}", text=row["TITLE"],
                                    title=row["TITLE"], outlet=row["PUBLISHER"],
                                    url=row["URL"], published=day, story=row["STORY"],
                                    source=f"{path}:{row['ID']}"))
    return articles


def uci_half(data: Path, development: bool) -> list[Article]:
    """The UCI headlines of half the stories, split by the parity of the STORY id's crc32:
    the even half chose the headline share and the merge threshold (features.py,
    clustering.py), the odd half is held out."""
    return [a for a in uci_headlines(data)
            if (zlib.crc32((a.story or "").encode()) % 2 == 0) is development]


def wikiref(data: Path, name: str = "WikiRef220") -> list[Article]:
    """WikiRef articles through the ingest stage, pages that are not news included (they are
    scored as they are set aside); story = the file name's topic."""
    from newsweave.ingest import read_inputs

    articles, _ = read_inputs([str(data / "clustering" / "wikiref" / name)],
                              keep_non_articles=True)
    return [replace(a, story=_TRAILING_NUMBER.sub("", a.id)) for a in articles]


def ecbplus(data: Path, seed: int = SEED) -> list[Article]:
    """ECB+'s development topics as plain-text articles read by the ingest stage, shuffled.

    Only the text reaches newsweave, under an id made here: the corpus's id, sub-topic and
    URL all give the answer away (only its ECB+ half has URLs). story = the sub-topic (one
    real-world event); `ecbplus_topic` gives the coarser gold, the kind of event."""
    path = data / "clustering" / "ecbplus-dev" / "ecbplus-dev.jsonl"
    with path.open(encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    random.Random(seed).shuffle(rows)
    raws = []
    for n, row in enumerate(rows, start=1):
        raw = read_text(row["text"], f"ecbplus-{n:03d}")
        raw.id = f"ecbplus-{n:03d}"
        raws.append(raw)
    articles, problems = settle(raws, {}, {}, keep_non_articles=True)
    if problems:
        raise ValueError(f"{path}: {problems[0].source}: {problems[0].message}")
    gold = {f"ecbplus-{n:03d}": row["subtopic"] for n, row in enumerate(rows, start=1)}
    return [replace(a, story=gold[a.id]) for a in articles]


def ecbplus_topic(story: str) -> str:
    """The ECB+ topic (the kind of event) of a sub-topic label: "1ecbplus" -> "1"."""
    return re.match(r"\d+", story).group(0)
