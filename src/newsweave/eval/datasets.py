"""Readers for the benchmark sets under ../shared/data (DUC SGML, Multi-News CSV).

These sets are read in place, never copied. DUC documents are newswire in SGML with
hard-wrapped lines and PTB-style quotes (`` and ''); they become Articles in the shape the
ingest stage produces: one paragraph a line, curly quotes, publication date from DOCNO.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from newsweave.model import Article

OUTLETS = {"APW": "Associated Press", "NYT": "New York Times", "XIE": "Xinhua",
           "FT": "Financial Times", "LA": "Los Angeles Times"}
_DOCNO = re.compile(r"<DOCNO>\s*(\S+)\s*</DOCNO>")
_TEXT = re.compile(r"<TEXT>(.*?)</TEXT>", re.S)
_DOCNO_DATE = re.compile(r"[A-Z]+(\d{4})(\d{2})(\d{2})")
_TAG = re.compile(r"</?[A-Z]+[^>]*>")


@dataclass
class Cluster:
    """A benchmark cluster: its articles and, where the set has them, reference summaries."""

    id: str
    articles: list[Article]
    references: list[str]


def _published(docno: str) -> date | None:
    m = _DOCNO_DATE.match(docno)
    return date(int(m[1]), int(m[2]), int(m[3])) if m else None


def _paragraphs(body: str) -> list[str]:
    """Indented lines start paragraphs; without indentation (or with <P>) the blocks do."""
    body = body.replace("``", "“").replace("''", "”")
    if "<P>" in body:
        blocks = re.split(r"</?P>", body)
    elif re.search(r"^[ \t]+\S", body, re.M):
        blocks = re.split(r"\n(?=[ \t]+\S)", body)
    else:
        blocks = [body]
    paragraphs = [" ".join(_TAG.sub(" ", b).split()) for b in blocks]
    return [p for p in paragraphs if p]


def read_duc_document(path: Path, story: str | None = None) -> Article:
    """One DUC/TREC SGML file as an Article (id = DOCNO)."""
    raw = path.read_text(encoding="latin-1")
    m = _DOCNO.search(raw)
    docno = m[1] if m else path.name
    text = _TEXT.search(raw)
    paragraphs = _paragraphs(text[1] if text else "")
    return Article(id=docno, text="\n".join(paragraphs), paragraphs=paragraphs,
                   outlet=OUTLETS.get(re.match(r"[A-Z]*", docno)[0]),
                   published=_published(docno), story=story, source=str(path))


def read_duc_clusters(docs_dir: Path, references: dict[str, list[str]] | None = None
                      ) -> list[Cluster]:
    """Every cluster folder under docs_dir, in name order."""
    clusters = []
    for folder in sorted(p for p in docs_dir.iterdir() if p.is_dir()):
        articles = [read_duc_document(f, story=folder.name) for f in sorted(folder.iterdir())
                    if f.is_file()]
        clusters.append(Cluster(folder.name, articles, (references or {}).get(folder.name, [])))
    return clusters


def _read_lines(path: Path) -> str:
    return " ".join(path.read_text(encoding="latin-1").split())


def duc2004(root: Path) -> list[Cluster]:
    """DUC 2004 Task 2: 50 clusters, 4 human 100-word summaries each."""
    refs: dict[str, list[str]] = {}
    for f in sorted((root / "models-txt").iterdir()):
        refs.setdefault(f.name.split(".")[0].lower() + "t", []).append(_read_lines(f))
    return read_duc_clusters(root / "docs", refs)


def duc2004_peers(root: Path) -> dict[str, dict[str, str]]:
    """The 13 published systems' summaries: {system: {cluster id: summary}}."""
    peers: dict[str, dict[str, str]] = {}
    for f in sorted((root / "peers-txt").iterdir()):
        cluster, system = f.name.split(".", 1)
        peers.setdefault(system, {})[cluster.lower() + "t"] = _read_lines(f)
    return peers


def duc2003(root: Path, task: int = 2) -> list[Cluster]:
    """DUC 2003 Task 2: the 30 TDT clusters (folders d3*t), 4 human 100-word summaries each;
    or Task 3: the 30 TREC clusters (folders d1*, one letter per group of three), each with
    the 100-word summaries of its assessors (written from a viewpoint, not generic)."""
    if task not in (2, 3):
        raise ValueError(f"DUC 2003 task {task}: only tasks 2 and 3 have clusters here")
    refs: dict[str, list[str]] = {}
    for f in sorted((root / "detagged.duc2003.abstracts" / "models").iterdir()):
        parts = f.name.split(".")
        if parts[1:3] != ["M", "100"] or len(parts) < 4:
            continue
        if task == 2 and parts[0].startswith("D3") and parts[3] == "T":
            cluster = parts[0].lower() + "t"
        elif task == 3 and parts[0].startswith("D1") and parts[3] in "ABCDEFGHIJ":
            cluster = parts[0].lower() + parts[3].lower()
        else:
            continue
        text = _TAG.sub(" ", _read_lines(f).replace("``", "“").replace("''", "”"))
        refs.setdefault(cluster, []).append(" ".join(text.split()))
    clusters = read_duc_clusters(root / "docs.without.headlines", refs)
    if task == 2:
        return [c for c in clusters if c.id.startswith("d3") and c.id.endswith("t")]
    return [c for c in clusters if c.id.startswith("d1")]


def multinews_sample(csv_path: Path, limit: int | None = None) -> list[Cluster]:
    """The Multi-News validation sample: each row's documents and its ~260-word summary."""
    import ast
    import csv

    clusters = []
    with csv_path.open(encoding="utf-8", newline="") as fh:
        for n, row in enumerate(csv.DictReader(fh)):
            if limit is not None and n >= limit:
                break
            story = f"mn{n:03d}"
            articles = []
            for i, doc in enumerate(ast.literal_eval(row["documents"])):
                paragraphs = [" ".join(p.split()) for p in doc.split("\n") if p.strip()]
                if paragraphs:
                    articles.append(Article(id=f"{story}-{i}", text="\n".join(paragraphs),
                                            paragraphs=paragraphs, outlet=f"source {i + 1}",
                                            story=story, source=f"{csv_path}:{n + 2}"))
            summary = " ".join(row["summary"].replace("–", " ").split()).lstrip("– ")
            clusters.append(Cluster(story, articles, [summary]))
    return clusters
