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
